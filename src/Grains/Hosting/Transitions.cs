using CareGrid.Grains.Errors;

namespace CareGrid.Grains.Hosting;

/// <summary>Builds the <see cref="ErrorCodes.InvalidTransition"/> error of a refused state-machine trigger.</summary>
public static class Transitions
{
    /// <summary>
    /// An <see cref="ErrorCodes.InvalidTransition"/> error in the schema's names (<see cref="SchemaNames"/>): the message
    /// says which mutation is not possible while the record is in which state and what may be called instead; details carry
    /// <c>state</c> (the state as the schema spells it, e.g. <c>TRIAGE</c>), <c>trigger</c> (the mutation refused, e.g.
    /// <c>closeCase</c>) and <c>permittedTriggers</c> (the mutations permitted now, comma-separated, possibly empty).
    /// </summary>
    public static CareGridException Invalid<TState, TTrigger>(TState current, TTrigger trigger, IEnumerable<TTrigger> permitted)
        where TState : notnull where TTrigger : notnull
    {
        var allowed = string.Join(",", permitted.Select(t => SchemaNames.Action(t)).Distinct().Order(StringComparer.Ordinal));
        var state = SchemaNames.Value(current);
        var action = SchemaNames.Action(trigger);
        var record = SchemaNames.Record(typeof(TState));
        return new CareGridException(ErrorCodes.InvalidTransition,
            $"{action} is not possible while the {record} is {state}."
            + (allowed.Length > 0 ? $" Possible now: {allowed.Replace(",", ", ", StringComparison.Ordinal)}." : $" No action changes a {state} {record}."),
            new Dictionary<string, string> { ["state"] = state, ["trigger"] = action, ["permittedTriggers"] = allowed });
    }
}

/// <summary>Helpers over Stateless machines whose triggers are enums.</summary>
public static class StateMachineExtensions
{
    /// <summary>The triggers that can fire in the current state, in enum order (guards evaluated).</summary>
    public static IReadOnlyList<TTrigger> Permitted<TState, TTrigger>(this Stateless.StateMachine<TState, TTrigger> machine)
        where TTrigger : struct, Enum =>
        Enum.GetValues<TTrigger>().Where(machine.CanFire).ToList();
}
