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
    /// True when the case views answered to this call may leave out the caller's next actions (<c>CaseView.NextActions</c>
    /// and <c>AvailableActions</c> empty): the API sets it for a field whose selection names neither (docs/write-path-profile.md
    /// "Round 39": deciding them runs every case mutation's checks and consent decision, a tenth of what a
    /// <c>reportConcern</c> allocates). A preference about the answer, not about who acts: no check, refusal, audit record
    /// or stored state reads it. Default false: every other caller gets the actions.
    /// </summary>
    [Id(2)] public bool WithoutNextActions { get; init; }

    /// <summary>True for the service itself (the <see cref="Security.Roles.System"/> role no token can carry).</summary>
    public bool IsSystem => Roles.Contains(Security.Roles.System);

    /// <summary>True when the actor holds any of <paramref name="roles"/>.</summary>
    public bool HasAny(IEnumerable<string> roles) => roles.Any(r => Roles.Contains(r));
}
