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
        if (level > previous || ungraded)
        {
            // the risk rose (or was graded for the first time): an earlier level-3 reassessment no longer covers it, so a High or
            // Imminent case closes only after a new one (EnsureMayClose; round-31 trial: High → Imminent kept the old one)
            State.Level3ReassessedAt = null;
        }

        if (level < RiskLevel.High)
        {
            if (previous >= RiskLevel.High)
            {
                State.HighRiskSince = null;
                State.RiskRoseAt = null;
                // Level 2 hears of a lowering out of High as of a rise into it: closing a case graded down by one professional
                // is then seen by supervision (round-32 red team F5: Imminent → Low → closed in one request told nobody).
                var lowered = Notify(CaseQueues.Level2, $"Risk lowered from {previous} to {level} by {actor.Subject}: {reason}");
                Record("system", "NotifyLevel2", lowered.Message);
            }

            return;
        }

        if (level > previous || ungraded)
        {
            State.RiskRoseAt = Now; // crisis work before this rise does not let the case close (EnsureMayClose)
        }

        if (previous < RiskLevel.High)
        {
            State.HighRiskSince = Now;
            KeepFacts(f => f.HighRiskBegan(Now));
        }

        // Level 2 hears of the rise to High and of a further rise to Imminent (round-31 trial: High → Imminent told nobody).
        RunHighRiskProtocol(level, previous < RiskLevel.High ? $"Risk is {level}: case escalated to level 3 (R-1.10)."
            : level > previous ? $"Risk raised from {previous} to {level} (R-1.10)." : null, actor, DeadlinesClosingStopped());
    }

    /// <summary>
    /// A High or Imminent case was reopened (R-1.10, docs/protocol.md "Reopening a High or Imminent case"): closing cancelled
    /// every deadline task, so without this an open case at High risk would have none and nothing would ever escalate it.
    /// The reopening starts a new high-risk episode at <see cref="Now"/> (so closing it again needs a new level-3
    /// reassessment, <see cref="EnsureMayClose"/>; the statistics count a new episode), notifies level 2, and runs the
    /// protocol's steps as a rise to <see cref="CaseState.RiskLevel"/> does: level 3, an owner from level 3, and each
    /// protocol task not already open (police transport only at Imminent), due per the tenant's deadlines from now, or by the
    /// deadline the closing stopped (<see cref="DeadlinesClosingStopped"/>). A case below High gets nothing (its stopped
    /// deadlines wait for a rise). Needs the tenant settings.
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
        State.RiskRoseAt = Now;
        State.VisitEveryHours = Settings.VisitEveryHours(level);
        var stopped = DeadlinesClosingStopped();
        KeepFacts(f => f.HighRiskBegan(Now));
        RunHighRiskProtocol(level, $"Case reopened at risk {level}: the high-risk protocol runs again at level 3 (R-1.10).", actor, stopped);
    }

    /// <summary>
    /// On <c>closeCase</c>, before its tasks are cancelled: the deadlines of the open protocol tasks not yet due are
    /// kept in <see cref="CaseState.StoppedDeadlines"/> beside any an earlier closing kept that no protocol run has spent yet
    /// (a case reopened below High and closed again), the earlier deadline per kind, so that closing and reopening — or
    /// closing, reopening below High and raising the risk again, once or twice — buys no time (round-28 and round-29 red
    /// teams). A task already overdue is the closed episode's miss (cancelled late) and is not kept.
    /// </summary>
    private void NoteStoppedDeadlines()
    {
        var open = State.Tasks.Where(t => t.Status == CaseTaskStatus.Open && Statistics.CaseFacts.IsProtocolKind(t.Kind) && t.DueAt > Now)
            .Select(t => new StoppedDeadline(t.Kind, t.DueAt));
        var stopped = (State.StoppedDeadlines ?? []).Concat(open).GroupBy(d => d.Kind)
            .Select(g => new StoppedDeadline(g.Key, g.Min(d => d.DueAt))).OrderBy(d => d.Kind).ToList();
        State.StoppedDeadlines = stopped.Count > 0 ? stopped : null;
    }

    /// <summary>
    /// protocol kind, the deadline the last closing stopped (<see cref="CaseState.StoppedDeadlines"/>) while it is
    /// still in force: until the same deadline counted again from it would pass (for the 2-hour family notice, two hours
    /// after it). So a case reopened shortly after its deadline passed while closed gets the task overdue at once and
    /// escalated, and one reopened later gets a new deadline: a new crisis, not the old one. Entries no longer in force are
    /// dropped here; the protocol run spends the rest kind by kind (<see cref="SpendStoppedDeadlines"/>). Null when none.
    /// </summary>
    private Dictionary<CaseTaskKind, DateTimeOffset>? DeadlinesClosingStopped()
    {
        if (State.StoppedDeadlines is not { } stopped)
        {
            return null;
        }

        var inForce = stopped.Where(d => Settings.DueFor(d.Kind, d.DueAt).DueAt > Now).ToList();
        State.StoppedDeadlines = inForce.Count > 0 ? inForce : null;
        return inForce.Count > 0 ? inForce.ToDictionary(d => d.Kind, d => d.DueAt) : null;
    }

    /// <summary>
    /// Removes from <see cref="CaseState.StoppedDeadlines"/> the kinds a protocol run has just dealt with (created, or found
    /// open): a kind it did not run — police transport when the case came back at High — stays for a later rise to
    /// Imminent (round-29 red team: reopening at High spent the police deadline, and a rise to Imminent got a fresh one).
    /// </summary>
    private void SpendStoppedDeadlines(IReadOnlyCollection<CaseTaskKind> ran)
    {
        if (State.StoppedDeadlines is { } stopped)
        {
            stopped.RemoveAll(d => ran.Contains(d.Kind));
            State.StoppedDeadlines = stopped.Count > 0 ? stopped : null;
        }
    }

    /// <summary>
    /// The steps of for a case now at <paramref name="level"/> (High or Imminent): level 3, an owner, level 2 notified
    /// with <paramref name="level2Notice"/> when a new episode began (null when the risk only stayed High or Imminent), and
    /// each protocol task not already open nor done or cancelled in this episode (<see cref="DoneInThisEpisode"/>), due no
    /// later than its kind's entry in <paramref name="keepDeadlines"/> if any.
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

        IReadOnlyList<CaseTaskKind> kinds = level == RiskLevel.Imminent ? [.. HighRiskTasks, CaseTaskKind.PoliceTransportAssistance] : HighRiskTasks;
        foreach (var kind in kinds.Where(k => !DoneInThisEpisode(k)))
        {
            AddTaskOnce(kind, keepDeadlines is not null && keepDeadlines.TryGetValue(kind, out var kept) ? kept : null);
        }

        SpendStoppedDeadlines(kinds);
    }

    /// <summary>
    /// True when a task of <paramref name="kind"/> was created in the current high-risk episode (since
    /// <see cref="CaseState.HighRiskSince"/>) and is done or cancelled: confirming the risk at High does not set the checklist
    /// again (round-29 new-user trial: the family, phoned a minute before, was due to be told again in 2 hours). A new episode
    /// — a rise from below High, a reopening — starts after those tasks, so it creates them anew.
    /// </summary>
    private bool DoneInThisEpisode(CaseTaskKind kind) =>
        State.HighRiskSince is { } since && State.Tasks.Any(t => t.Kind == kind && t.Status != CaseTaskStatus.Open && t.CreatedAt >= since);

    /// <summary>Adds a notice up the escalation chain at <see cref="Now"/>.</summary>
    private CaseNotification Notify(string to, string message)
    {
        var notice = new CaseNotification(Now, to, message);
        State.Notifications.Add(notice);
        Change.Notifications.Add(notice);
        return notice;
    }
}
