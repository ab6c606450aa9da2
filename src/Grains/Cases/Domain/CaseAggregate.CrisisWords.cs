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
    /// told; and a GRADE_RISK task is opened unless one is open, due within <see cref="CrisisWordsGradeWithin"/> — overdue,
    /// it escalates to the supervisor like every task (<see cref="CheckDeadlines"/>). Any grading completes it
    /// (<see cref="AssessRisk"/>, a screening); grading stays the professional's decision, and the risk is not changed here.
    /// Nothing happens without words, for a grading of High or more, on a case graded High or more already, or on a
    /// Counsellor's or Clinician's own grading (their words are only noted). Needs the tenant settings. docs/protocol.md
    /// "Crisis words".
    /// </summary>
    /// <param name="words">The words found in the concern's text; empty for none.</param>
    /// <param name="given">The reporter's grading, or null when the concern came without one.</param>
    /// <param name="actor">The reporter.</param>
    /// <returns><see cref="Change"/>.</returns>
    public CaseChange FlagCrisisWords(IReadOnlyList<string> words, RiskLevel? given, Actor actor)
    {
        if (words.Count == 0 || given >= RiskLevel.High || (State.RiskLevel >= RiskLevel.High && !State.RiskUngraded))
        {
            return Change;
        }

        var kept = State.CrisisWords ??= [];
        kept.AddRange(words.Where(w => !kept.Contains(w)));
        var grading = given is { } level ? $"graded {level}" : "not graded";
        var list = string.Join(", ", words);
        if (given is not null && actor.HasAny(Roles.Level3))
        {
            Record("system", "CrisisWords", $"words suggesting a risk of self-harm or suicide ({list}); {grading} by a level-3 professional, which stands");
            return Change;
        }

        Record("system", "CrisisWords", $"words suggesting a risk of self-harm or suicide ({list}), {grading}: level 3 grades it (docs/protocol.md \"Crisis words\")");
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

        // AddTaskOnce keeps the tenant's deadline when it is the sooner one.
        AddTaskOnce(CaseTaskKind.GradeRisk, Now + CrisisWordsGradeWithin, $" (the report's words suggest a crisis: due within {CrisisWordsGradeWithin.TotalHours:0} hour, docs/protocol.md \"Crisis words\")");
        Notify(State.AssigneeId ?? CaseQueues.Level3, $"Words suggesting a risk of self-harm or suicide ({list}), {grading}: grade the risk now (R-1.10).");
        return Change;
    }
}
