using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases.Domain;

public sealed partial class CaseAggregate
{
    /// <summary>The protocol tasks created when risk becomes High; Imminent adds <see cref="CaseTaskKind.PoliceTransportAssistance"/>.</summary>
    public static readonly IReadOnlyList<CaseTaskKind> HighRiskTasks =
    [
        CaseTaskKind.NotifyFamilyEmergencyContact,
        CaseTaskKind.ProfessionalCrisisIntervention,
        CaseTaskKind.RaiseVisitFrequency,
        CaseTaskKind.GuideToPsychiatricInstitution,
    ];

    /// <summary>
    /// Sets the risk level (recorded as <c>AssessRisk</c>) and the visit interval of that level from the tenant settings.
    /// When it becomes or stays High or Imminent, in the same change: escalate to level 3; give a case that is
    /// unowned or owned by the level-1/2 queue an owner (the level-3 actor, else the level-3 queue), and one owned by the
    /// level-3 queue (a school's intake, docs/protocol.md) to the level-3 actor who grades it, while a named owner who is no Counsellor
    /// or Clinician passes it to the level-3 queue first (so every protocol task is owned by a level-3 professional or that
    /// queue, docs/protocol.md "Who owns crisis work"); on the rise from
    /// below High, note when and notify level 2; and create each protocol task not already open (police transport only at
    /// Imminent), due per the tenant's deadlines on its calendar. Dropping below High clears the rise's time.
    /// </summary>
    /// <summary>How an <c>AssessRisk</c> timeline entry names the risk a case had before its first grading (<c>"Ungraded → High: …"</c>).</summary>
    public const string UngradedRisk = "Ungraded";

    private void ApplyRisk(RiskLevel level, Actor actor, string reason, bool firstGrading = false)
    {
        var settings = Settings;
        var previous = State.RiskLevel;
        // A case nobody graded yet holds Low only as a placeholder: its first grading reads "Ungraded → High", never
        // "Low → High" (round 22 new-user trial: the timeline said the case had been low risk).
        var ungraded = firstGrading || State.RiskUngraded;
        State.RiskUngraded = false;
        Record(actor.Subject, AssessRiskAction, !ungraded && level == previous ? $"{level} confirmed: {reason}"
            : $"{(ungraded ? UngradedRisk : previous.ToString())} → {level}: {reason}");
        State.RiskLevel = level;
        State.VisitEveryHours = settings.VisitEveryHours(level);
        if (level < RiskLevel.High)
        {
            if (previous >= RiskLevel.High)
            {
                State.HighRiskSince = null;
            }

            return;
        }

        if (previous < RiskLevel.High)
        {
            State.HighRiskSince = Now;
            KeepFacts(f => f.HighRiskBegan(Now));
        }

        RunHighRiskProtocol(level, previous < RiskLevel.High ? $"Risk is {level}: case escalated to level 3 (R-1.10)." : null, actor);
    }

    /// <summary>
    /// A High or Imminent case was reopened (R-1.10, docs/protocol.md "Reopening a High or Imminent case"): closing cancelled
    /// every deadline task, so without this an open case at High risk would have none and nothing would ever escalate it.
    /// The reopening starts a new high-risk episode at <see cref="Now"/> (so closing it again needs a new level-3
    /// reassessment, <see cref="EnsureMayClose"/>; the statistics count a new episode), notifies level 2, and runs the
    /// protocol's steps as a rise to <see cref="CaseState.RiskLevel"/> does: level 3, an owner from level 3, and each
    /// protocol task not already open (police transport only at Imminent), due per the tenant's deadlines from now — but no
    /// later than the deadline of the same kind's task the closing cancelled, when that has not passed yet
    /// (<see cref="DeadlinesClosingStopped"/>): closing and reopening does not push a deadline back (round-28 red team: a
    /// case closed and reopened 5 minutes before its 2-hour deadline got 2 hours more, and its figures said cancelled, not
    /// missed). A case below High gets nothing. Needs the tenant settings.
    /// </summary>
    /// <param name="actor">Who reopened it.</param>
    private void RestartHighRiskProtocol(Actor actor)
    {
        var level = State.RiskLevel;
        if (level < RiskLevel.High)
        {
            return;
        }

        State.HighRiskSince = Now;
        State.VisitEveryHours = Settings.VisitEveryHours(level);
        var stopped = DeadlinesClosingStopped();
        KeepFacts(f => f.HighRiskBegan(Now));
        RunHighRiskProtocol(level, $"Case reopened at risk {level}: the high-risk protocol runs again at level 3 (R-1.10).", actor, stopped);
    }

    /// <summary>
    /// protocol kind, the deadline of its task that the last <c>closeCase</c> cancelled, when that deadline is
    /// still ahead of <see cref="Now"/> (a deadline that passed while the case was closed is not brought back: closing a
    /// High case takes a level-3 reassessment, R-4.3, and the timeline shows the closing's reason). Empty when the last
    /// closing cancelled no protocol task.
    /// </summary>
    private Dictionary<CaseTaskKind, DateTimeOffset> DeadlinesClosingStopped()
    {
        var byClose = State.Tasks.Where(t => t is { Status: CaseTaskStatus.Cancelled, ClosedByAction: "closeCase", ClosedAt: not null }).ToList();
        if (byClose.Count == 0)
        {
            return [];
        }

        var lastClose = byClose.Max(t => t.ClosedAt!.Value);
        return byClose.Where(t => t.ClosedAt == lastClose && Statistics.CaseFacts.IsProtocolKind(t.Kind) && t.DueAt > Now)
            .GroupBy(t => t.Kind).ToDictionary(g => g.Key, g => g.Min(t => t.DueAt));
    }

    /// <summary>
    /// The steps of for a case now at <paramref name="level"/> (High or Imminent): level 3, an owner, level 2 notified
    /// with <paramref name="level2Notice"/> when a new episode began (null when the risk only stayed High or Imminent), and
    /// each protocol task not already open, due no later than its kind's entry in <paramref name="keepDeadlines"/> if any.
    /// </summary>
    private void RunHighRiskProtocol(RiskLevel level, string? level2Notice, Actor actor, Dictionary<CaseTaskKind, DateTimeOffset>? keepDeadlines = null)
    {
        if (State.EscalationLevel < 3)
        {
            Record("system", "Escalate", $"level {State.EscalationLevel} → 3: risk is {level} (R-1.10)");
            State.EscalationLevel = 3;
        }

        PassStrandedOwnerToLevel3(actor, $"risk is {level} (R-1.10)");
        // A level-3 actor becomes the owner only within their units (ViewerScope, set for a report's grading: RT17-7).
        var level3Actor = actor.HasAny(Roles.Level3) && ViewerScope?.Covers(State.OrganizationId) != false;
        if (State.AssigneeId is null or CaseQueues.Level1 or CaseQueues.Level2 || (State.AssigneeId == CaseQueues.Level3 && level3Actor))
        {
            State.AssigneeId = level3Actor ? actor.Subject : CaseQueues.Level3;
            State.AssigneeRoles = level3Actor ? [.. actor.Roles] : null;
            Record("system", "Assign", $"owner {State.AssigneeId} (high-risk protocol, R-1.10)");
        }

        if (level2Notice is not null)
        {
            var notice = Notify(CaseQueues.Level2, level2Notice);
            Record("system", "NotifyLevel2", notice.Message);
        }

        foreach (var kind in level == RiskLevel.Imminent ? [.. HighRiskTasks, CaseTaskKind.PoliceTransportAssistance] : HighRiskTasks)
        {
            AddTaskOnce(kind, keepDeadlines is not null && keepDeadlines.TryGetValue(kind, out var kept) ? kept : null);
        }
    }

    /// <summary>Adds a notice up the escalation chain at <see cref="Now"/>.</summary>
    private CaseNotification Notify(string to, string message)
    {
        var notice = new CaseNotification(Now, to, message);
        State.Notifications.Add(notice);
        Change.Notifications.Add(notice);
        return notice;
    }
}
