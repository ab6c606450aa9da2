namespace CareGrid.Grains.Events;

/// <summary>
/// What happened to a case or one of its protocol tasks. Live subscribers (GraphQL subscriptions) and tenants' webhooks
/// receive these kinds; docs/events.md lists them with the moment each is raised.
/// </summary>
[GenerateSerializer, Alias("CareGrid.CareEventKind")]
public enum CareEventKind
{
    /// <summary>The case's escalation level rose on the three-level chain .</summary>
    CaseEscalated = 0,

    /// <summary>The case's risk level changed (either way).</summary>
    CaseRiskChanged = 1,

    /// <summary>The case got a new assignee (first assignment, reassignment or hand-over).</summary>
    CaseAssigned = 2,

    /// <summary>The case was closed.</summary>
    CaseClosed = 3,

    /// <summary>A protocol task got an owner (created with one, or reassigned) .</summary>
    TaskAssigned = 4,

    /// <summary>An open task's deadline is near (the lead time is the tenant's setting or the documented default).</summary>
    TaskDueSoon = 5,

    /// <summary>An open task passed its deadline without being done.</summary>
    TaskOverdue = 6,

    /// <summary>
    /// An open case moved to another unit because its person moved there (docs/access.md "A case follows its person"): the
    /// staff of the new unit may now open it, those of the old one no longer (round 23 red team: the move raised nothing, so a
    /// live subscriber of the new class learnt of a HIGH case only with its next change).
    /// </summary>
    CaseUnitChanged = 7,
}
