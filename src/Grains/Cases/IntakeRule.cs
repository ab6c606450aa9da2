using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Cases;

/// <summary>
/// How a new concern travels in a tenant (docs/protocol.md "How a concern travels"): the escalation level whose queue owns
/// a case the moment it is opened, while the case's own escalation level stays 1 (a level-1 person noticed it). In a school
/// that is level 3 — every concern is visible at once to the psychology teachers, who take it; in a district
/// or town it is level 2 — the subdistrict's or town's coordinator receives it and escalates from there.
/// Part of <see cref="TenantSettings"/>, carried from the jurisdiction template at onboarding.
/// </summary>
/// <param name="OwnerLevel">The level (2 or 3) whose queue (<see cref="CaseQueues.ForLevel"/>) owns a new case.</param>
[GenerateSerializer, Alias("CareGrid.IntakeRule"), Immutable]
public sealed record IntakeRule([property: Id(0)] int OwnerLevel)
{
    /// <summary>A new concern reaches the level-2 coordinator (districts and towns: ).</summary>
    public static readonly IntakeRule Coordinator = new(2);

    /// <summary>A new concern reaches the level-3 professionals at once (schools: ).</summary>
    public static readonly IntakeRule Professionals = new(3);

    /// <summary>The queue that owns a new case: <c>queue:level-2</c> or <c>queue:level-3</c>.</summary>
    public string OwnerQueue => CaseQueues.ForLevel(OwnerLevel);

    /// <summary>True when <see cref="OwnerLevel"/> is 2 or 3 (level 1 would open every concern to every level-1 member: need-to-know, R-3.7).</summary>
    public bool IsValid => OwnerLevel is 2 or 3;

    /// <summary>
    /// The rule of a tenant kind's own template (<c>seeds/templates</c>): <see cref="Professionals"/> for a school,
    /// <see cref="Coordinator"/> for a district or town. The rule of a tenant whose settings were stored before intake
    /// rules existed, and of one onboarded without a template.
    /// </summary>
    public static IntakeRule ForKind(TenantKind kind) => kind == TenantKind.School ? Professionals : Coordinator;
}
