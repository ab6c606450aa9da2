namespace CareGrid.Grains.Security;

/// <summary>
/// What a case grain knows that decides need-to-know on the case (<see cref="NeedToKnowPolicy.ForCase"/>).
/// </summary>
/// <param name="ReportedBy">The <c>sub</c> of the case's first reporter, which opens the case to them only when <see cref="ViewerScope"/> covers its unit (RT17-7). Later reporters whose concerns joined the case are a record only and open nothing.</param>
/// <param name="AssigneeId">The owner: a staff member's <c>sub</c>, a queue (<c>queue:level-1</c> …) or null.</param>
/// <param name="EscalationLevel">The case's escalation level, 1–3 .</param>
/// <param name="OpenTaskOwners">The owners (a <c>sub</c> or a queue) of the case's open tasks.</param>
/// <param name="HoldsGrant">True when the viewer holds an unexpired break-the-glass grant on the case (false when not looked up).</param>
public sealed record CaseAccessFacts(
    string ReportedBy,
    string? AssigneeId,
    int EscalationLevel,
    IReadOnlyList<string> OpenTaskOwners,
    bool HoldsGrant = false)
{
    /// <summary>The local id of the case's unit (the person's unit unless the report named another), or null for a case without one.</summary>
    public string? OrganizationId { get; init; }

    /// <summary>
    /// The viewer's <see cref="StaffScope"/> (<see cref="StaffScopes.ResolveAsync"/>), or null when not looked up: then no queue or
    /// level path opens the case (need-to-know by organization, docs/access.md).
    /// </summary>
    public StaffScope? ViewerScope { get; init; }
}

/// <summary>
/// What a person grain knows that decides need-to-know on the person's sensitive fields (<see cref="NeedToKnowPolicy.ForPerson"/>).
/// </summary>
/// <param name="HoldsGrant">True when the viewer holds an unexpired break-the-glass grant on the person (false when not looked up).</param>
/// <param name="OnAnOpenCase">True when one of the person's open cases opens the person to the viewer (<see cref="NeedToKnowPolicy.ForPersonThroughCase"/>: not by the reporter path; false when not looked up).</param>
public sealed record PersonAccessFacts(bool HoldsGrant = false, bool OnAnOpenCase = false);
