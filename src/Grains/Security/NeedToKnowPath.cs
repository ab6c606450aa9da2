namespace CareGrid.Grains.Security;

/// <summary>
/// Which rule of need-to-know opened a record to a viewer (docs/architecture.md "Security and privacy"), as decided by
/// <see cref="NeedToKnowPolicy"/>; <see cref="None"/> means the record stays closed to them.
/// </summary>
[GenerateSerializer, Alias("CareGrid.NeedToKnowPath")]
public enum NeedToKnowPath
{
    /// <summary>Closed: no rule opens the record (the viewer may break the glass with a reason, which is audited).</summary>
    None,
    /// <summary>The service itself (<see cref="Actor.IsSystem"/>): seeding, reminders, exports.</summary>
    System,
    /// <summary>The viewer reported the case (its first reporter) and their scope covers its unit (<see cref="StaffScope.Covers"/>, round 17 red team RT17-7).</summary>
    Reporter,
    /// <summary>The case is assigned to the viewer by name (its owner).</summary>
    Assignee,
    /// <summary>The case is owned by a queue the viewer's roles serve (e.g. <c>queue:level-3</c> for a Counsellor, R-4.3).</summary>
    OwnerQueue,
    /// <summary>An open task of the case is owned by the viewer or by a queue their roles serve.</summary>
    TaskOwner,
    /// <summary>The escalation chain: Coordinators from level 2, Counsellors and Clinicians at level 3 .</summary>
    EscalationChain,
    /// <summary>An unexpired break-the-glass grant of the viewer on the record (audited).</summary>
    BreakTheGlass,
    /// <summary>A person's record: the viewer has need-to-know on one of the person's open cases.</summary>
    OpenCase,
}
