using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases.Domain;

public sealed partial class CaseAggregate
{
    /// <summary>
    /// How soon a case whose report's words suggest a crisis must be graded (<see cref="FlagCrisisWords"/>): one hour, or the
    /// tenant's GRADE_RISK deadline when that is shorter. asks that a suspected high risk reach a professional at
    /// once; a day's wait for an ungraded "不想活了" was the round-34 new-user trial's finding.
    /// </summary>
    public static readonly TimeSpan CrisisWordsGradeWithin = TimeSpan.FromHours(1);

    /// <summary>
    /// A concern whose words suggest a risk of self-harm or suicide (<paramref name="words"/>, found by
    /// <see cref="CrisisWords.Find"/>) arrived without a grading (<paramref name="given"/> null) or graded below High by
    /// someone who is not a Counsellor or Clinician: the case goes to level 3 at once and must be graded
    /// soon. Records the words (<see cref="CaseState.CrisisWords"/>, timeline <c>CrisisWords</c>); below level 3 the case
    /// rises to it, a case owned by a lower queue (or nobody) passes to <c>queue:level-3</c>; its owner (or that queue) is
    /// told; the case counts as not yet graded (<see cref="CaseState.RiskUngraded"/>, the reporter's level kept), so only a
    /// Counsellor's or Clinician's grading below High, or a grading to High, answers it; and a GRADE_RISK task is opened, or the
    /// open one brought forward (<see cref="BringGradingForward"/>), due within <see cref="CrisisWordsGradeWithin"/> — overdue,
    /// it escalates to the supervisor like every task (<see cref="CheckDeadlines"/>). A grading completes it
    /// (<see cref="AssessRisk"/>, a screening); grading stays the professional's decision, and the level is not changed here.
    /// Nothing happens without words, for a grading of High or more, on a case graded High or more already, or on a
    /// Counsellor's or Clinician's own grading (their words are only noted). Needs the tenant settings. docs/protocol.md
    /// "Crisis words".
    /// </summary>
    /// <param name="words">The words found in the concern's text; empty for none.</param>
    /// <param name="given">The reporter's grading, or null when the concern came without one.</param>
    /// <param name="actor">The reporter.</param>
    /// <param name="gradedByActor">False when <paramref name="given"/> is someone else's (a converted call's answerer's,
    /// <see cref="ReportConcern.GradedBy"/>): then it never stands as a professional's.</param>
    /// <returns><see cref="Change"/>.</returns>
    public CaseChange FlagCrisisWords(IReadOnlyList<string> words, RiskLevel? given, Actor actor, bool gradedByActor = true)
    {
        if (words.Count == 0 || given >= RiskLevel.High || (State.RiskLevel >= RiskLevel.High && !State.RiskUngraded))
        {
            return Change;
        }

        var kept = State.CrisisWords ??= [];
        kept.AddRange(words.Where(w => !kept.Contains(w)));
        var grading = given is { } level ? $"graded {level}" : "not graded";
        var list = string.Join(", ", words);
        if (given is not null && gradedByActor && actor.HasAny(Roles.Level3))
        {
            Record("system", "CrisisWords", $"words suggesting a risk of self-harm or suicide ({list}); {grading} by a level-3 professional, which stands");
            return Change;
        }

        Record("system", "CrisisWords", $"words suggesting a risk of self-harm or suicide ({list}), {grading}: level 3 grades it (docs/protocol.md \"Crisis words\")");
        var ownerBefore = State.AssigneeId;
        if (State.EscalationLevel < 3)
        {
            Record("system", "Escalate", $"level {State.EscalationLevel} → 3: the report's words suggest a crisis ({list})");
            State.EscalationLevel = 3;
            if (State.AssigneeId is null or CaseQueues.Level1 or CaseQueues.Level2)
            {
                State.AssigneeId = CaseQueues.Level3;
                State.AssigneeRoles = null;
            }

            PassStrandedOwnerToLevel3(actor, "the report's words suggest a crisis");
        }

        // Not graded by a professional: the reporter's LOW or MODERATE stays as the level, and only level 3 grades below HIGH,
        // a completeTask or cancelTask of the grading task is refused and the case does not close until graded (round-35 red
        // team: a homeroom teacher ticked off the hour's task of "他说想自杀" they had graded LOW; docs/protocol.md "Ungraded reports").
        State.RiskUngraded = true;
        var open = State.Tasks.FindIndex(t => t.Kind == CaseTaskKind.GradeRisk && t.Status == CaseTaskStatus.Open);
        if (open < 0)
        {
            // AddTaskOnce keeps the tenant's deadline when it is the sooner one.
            AddTaskOnce(CaseTaskKind.GradeRisk, Now + CrisisWordsGradeWithin, $" (the report's words suggest a crisis: due within {CrisisWordsGradeWithin.TotalHours:0} hour, docs/protocol.md \"Crisis words\")");
        }
        else
        {
            BringGradingForward(open, ownerBefore);
        }

        Notify(State.AssigneeId ?? CaseQueues.Level3, $"Words suggesting a risk of self-harm or suicide ({list}), {grading}: grade the risk now (R-1.10).");
        return Change;
    }

    /// <summary>
    /// The open GRADE_RISK task at <paramref name="index"/> (of a case reported earlier without a grading) is due within
    /// <see cref="CrisisWordsGradeWithin"/> now, and a lower queue's task, or that of <paramref name="ownerBefore"/> when the
    /// case just passed from them, goes to the case's owner at level 3; timeline
    /// <c>TaskDueMoved</c>. An escalated task (already overdue) and one due sooner are left (round-35 red team: a crisis
    /// concern joining a case reported "not sure" kept its 24-hour deadline).
    /// </summary>
    private void BringGradingForward(int index, string? ownerBefore)
    {
        var task = State.Tasks[index];
        var within = Now + CrisisWordsGradeWithin;
        // A lower queue's task, or the task of an owner the case just passed from (a homeroom teacher who had taken it).
        var moves = task.OwnerId is CaseQueues.Level1 or CaseQueues.Level2 || (task.OwnerId == ownerBefore && ownerBefore != State.AssigneeId);
        var owner = moves ? State.AssigneeId ?? CaseQueues.Level3 : task.OwnerId;
        if (task.EscalationCount > 0 || (task.DueAt <= within && owner == task.OwnerId))
        {
            return;
        }

        var due = task.DueAt < within ? task.DueAt : within;
        State.Tasks[index] = task with { DueAt = due, OwnerId = owner };
        Record("system", "TaskDueMoved", $"{task.Id} {task.Kind} for {owner}, due {due:O} (was {task.DueAt:O} for {task.OwnerId}): the report's words suggest a crisis");
    }
}
