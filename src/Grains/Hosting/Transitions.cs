using CareGrid.Grains.Errors;

namespace CareGrid.Grains.Hosting;

/// <summary>Builds the <see cref="ErrorCodes.InvalidTransition"/> error of a refused state-machine trigger.</summary>
public static class Transitions
{
    /// <summary>
    /// An <see cref="ErrorCodes.InvalidTransition"/> error whose details carry <c>state</c> (the current state)
    /// and <c>permittedTriggers</c> (comma-separated, possibly empty).
    /// </summary>
    public static CareGridException Invalid<TState, TTrigger>(TState current, TTrigger trigger, IEnumerable<TTrigger> permitted)
        where TState : notnull where TTrigger : notnull
    {
        var allowed = string.Join(",", permitted.Select(t => t.ToString()).Distinct().Order(StringComparer.Ordinal));
        return new CareGridException(ErrorCodes.InvalidTransition,
            $"'{trigger}' is not permitted while the record is {current}." + (allowed.Length > 0 ? $" Permitted: {allowed}." : " Nothing is permitted."),
            new Dictionary<string, string> { ["state"] = current.ToString()!, ["trigger"] = trigger.ToString()!, ["permittedTriggers"] = allowed });
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
