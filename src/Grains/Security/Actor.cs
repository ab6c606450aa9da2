namespace CareGrid.Grains.Security;

/// <summary>
/// Who performs an action: the token's <c>sub</c> and roles. Passed explicitly to every grain command so
/// that timelines and audit records name the actor.
/// </summary>
/// <param name="Subject">The <c>sub</c> claim.</param>
/// <param name="Roles">The caller's roles in the current tenant (see <see cref="Security.Roles"/>).</param>
[GenerateSerializer, Alias("CareGrid.Actor"), Immutable]
public sealed record Actor([property: Id(0)] string Subject, [property: Id(1)] IReadOnlyList<string> Roles)
{
    /// <summary>The system itself (seeding, reminders).</summary>
    public static readonly Actor System = new("system", [Security.Roles.TenantAdmin, Security.Roles.System]);

    /// <summary>
    /// How much of a case's next actions the case views answered to this call carry (<see cref="NextActionsDetail"/>): the
    /// API sets less than <see cref="NextActionsDetail.Full"/> for a field whose selection names no <c>nextActions</c>
    /// (<see cref="NextActionsDetail.Names"/> when it names <c>availableActions</c>, else <see cref="NextActionsDetail.None"/>;
    /// docs/write-path-profile.md "Round 39": deciding them is a tenth of what a <c>reportConcern</c> allocates). A preference
    /// about the answer, not about who acts: no check, refusal, audit record or stored state reads it.
    /// </summary>
    [Id(2)] public NextActionsDetail NextActions { get; init; }

    /// <summary>True for the service itself (the <see cref="Security.Roles.System"/> role no token can carry).</summary>
    public bool IsSystem => Roles.Contains(Security.Roles.System);

    /// <summary>True when the actor holds any of <paramref name="roles"/>.</summary>
    public bool HasAny(IEnumerable<string> roles) => roles.Any(r => Roles.Contains(r));
}
