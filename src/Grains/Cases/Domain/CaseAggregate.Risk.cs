using CareGrid.Grains.Errors;
using CareGrid.Grains.Screening;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases.Domain;

public sealed partial class CaseAggregate
{
    /// <summary>The action name of a risk assessment on the timeline and in <c>availableActions</c> checks.</summary>
    public const string AssessRiskAction = "AssessRisk";

    /// <summary>
    /// A risk assessment by case staff (R-1.1 graded help). Refused on a closed case (<c>INVALID_TRANSITION</c>), for roles
    /// outside case staff (<c>FORBIDDEN</c>), for an unknown level or without a reason (<c>VALIDATION_FAILED</c>). Only a
    /// level-3 professional (Counsellor or Clinician) may lower the level (<c>FORBIDDEN</c>, rule <c>level-3-lowers</c>
    /// otherwise, R-4.3), and grade a case not yet graded below High (<c>FORBIDDEN</c>, rule <c>ungraded-professional</c>:
    /// others grade it High or Imminent, or record a screening; round-26 trial); their
    /// assessment, at any level, is a reassessment that allows closing a High/Imminent case. The level is then applied as
    /// by <see cref="RaiseRisk"/>, so High or Imminent runs the high-risk protocol (R-1.10). It grades a case not yet graded, at any
    /// level, and completes its <see cref="CaseTaskKind.GradeRisk"/> task (<see cref="NoteGraded"/>). Needs the tenant settings.
    /// </summary>
    /// <param name="level">The assessed level (may equal the current one: a confirmation).</param>
    /// <param name="reason">Why; required, at most 4000 characters.</param>
    /// <param name="actor">Who assesses.</param>
    /// <returns><see cref="Change"/>.</returns>
    public CaseChange AssessRisk(RiskLevel level, string reason, Actor actor)
    {
        CheckAssessRisk(actor);
        if (!Enum.IsDefined(level))
        {
            throw CareGridException.Validation("riskLevel", "Unknown risk level.");
        }

        var why = OptionalText(reason, "reason") ?? throw CareGridException.Validation("reason", "A risk assessment needs a reason.");
        var isLevel3 = actor.HasAny(Roles.Level3);
        if (level < State.RiskLevel && !isLevel3)
        {
            throw new CareGridException(ErrorCodes.Forbidden,
                Imports.Bilingual.Join(
                    "Only a level-3 professional (Counsellor or Clinician) may lower a risk level; screening scores and other roles only raise it (R-4.3). Nothing was changed.",
                    "只有三级人员（心理咨询师或临床医生）可以降低风险等级；筛查分数和其他角色只能提高风险（R-4.3）。未作任何更改。"),
                new Dictionary<string, string> { ["field"] = "riskLevel", ["rule"] = "level-3-lowers" });
        }

        if (State.RiskUngraded && level < RiskLevel.High && !isLevel3)
        {
            // Round-26 new-user trial: a homeroom teacher who reported "not sure" graded the case LOW themself a day later;
            // the professional's GRADE_RISK task closed and no psychology teacher ever looked at it. Not yet graded may be
            // high: below HIGH it is graded by level 3 or by a recorded screening; anyone may grade it HIGH or IMMINENT.
            throw new CareGridException(ErrorCodes.Forbidden,
                Imports.Bilingual.Join(
                    "This case is not yet graded by a professional (it was reported as not sure, or its report's words suggest a crisis), so a professional grades it: below HIGH only a level-3 professional (Counsellor or Clinician) or a recorded screening grades it. If you see a risk, grade it HIGH or IMMINENT. Nothing was changed.",
                    "此个案尚未经专业人员评估（上报时未能判断风险，或报告中的字词提示可能有危机），应由专业人员评估：评为“高”以下只能由三级人员（心理咨询师或临床医生）或记录一次筛查来完成。如您发现风险，请评为“高”或“紧急”。未作任何更改。"),
                new Dictionary<string, string> { ["field"] = "riskLevel", ["rule"] = "ungraded-professional" });
        }

        _ = Settings; // needed below; fail before any change when missing
        // A reassessment that lets a High or Imminent case close (EnsureMayClose) confirms or lowers the risk: the grading
        // that raises it — or grades it for the first time — starts what a later reassessment must look at again (round-31
        // trial: a psychology teacher graded a case Imminent and closed it six minutes later, the grading itself counted).
        var reassesses = isLevel3 && !State.RiskUngraded && level <= State.RiskLevel;
        if (reassesses)
        {
            Record(actor.Subject, "Reassess", $"level-3 reassessment: {level}: {why}");
        }

        ApplyRisk(level, actor, why);
        if (reassesses)
        {
            State.Level3ReassessedAt = Now;
        }

        NoteGraded(actor, "assessRisk");
        return Change;
    }

    /// <summary>The checks of <see cref="AssessRisk"/> that do not depend on its arguments: an open case, case staff. Changes nothing.</summary>
    public void CheckAssessRisk(Actor actor)
    {
        EnsureOpen("assessRisk");
        RequireAny(actor, Roles.CaseStaff, "assess risk");
    }

    /// <summary>The reason of a reporter's grading when the case opens (<c>reportConcern</c> with <c>riskLevel</c>).</summary>
    public const string ReporterGradingReason = "initial grading by the reporter";

    /// <summary>
    /// Raises the risk to <paramref name="level"/> when it is higher than the current one, running the high-risk protocol
    /// when it becomes High or Imminent (R-1.10, <see cref="ApplyRisk"/>); a lower or equal level changes nothing (only
    /// <see cref="AssessRisk"/> by level 3 lowers). Used by the reporter's initial grading, an added concern and a
    /// screening. It is a grading, even one that changes nothing: a case not yet graded becomes graded and its
    /// <see cref="CaseTaskKind.GradeRisk"/> task is done (<see cref="NoteGraded"/>). Needs the tenant settings.
    /// </summary>
    /// <param name="level">The suggested level.</param>
    /// <param name="actor">Whose grading raised it (a level-3 actor becomes the owner of a queue-owned case).</param>
    /// <param name="reason">Why, for the timeline.</param>
    /// <param name="action">The mutation that graded (the grading task's <c>closedByAction</c>): <c>reportConcern</c> (a joining
    /// concern, the default) or <c>recordScreening</c>.</param>
    /// <param name="firstGrading">True for the reporter's grading as the case opens: the timeline names the risk before it
    /// "Ungraded", not the Low placeholder.</param>
    /// <returns><see cref="Change"/>.</returns>
    public CaseChange RaiseRisk(RiskLevel level, Actor actor, string reason, string action = "reportConcern", bool firstGrading = false)
    {
        if (level > State.RiskLevel)
        {
            ApplyRisk(level, actor, reason, firstGrading);
        }

        NoteGraded(actor, action); // a grading, even one that changes nothing (docs/protocol.md "Ungraded reports")

        return Change;
    }

    /// <summary>
    /// Marks a case just opened without a grading (the reporter gave no <c>riskLevel</c>) as ungraded
    /// (<see cref="CaseState.RiskUngraded"/>): its risk stays Low as a placeholder, and it is listed as not yet graded,
    /// right after High and Imminent (docs/protocol.md "Ungraded reports"). So that it cannot wait ungraded forever it gets a
    /// <see cref="CaseTaskKind.GradeRisk"/> task (R-1.5, R-1.10 timely assessment), owned like every task (the case's owner,
    /// else its level's queue) and due per the tenant's deadline (default 24 hours); when overdue it escalates like every task
    /// (<see cref="CheckDeadlines"/>). Any later grading clears it and completes the task (<see cref="AssessRisk"/>,
    /// <see cref="RaiseRisk"/>, <see cref="RecordScreening"/>). Needs the tenant settings.
    /// </summary>
    /// <returns><see cref="Change"/>.</returns>
    public CaseChange MarkUngraded()
    {
        State.RiskUngraded = true;
        AddTaskOnce(CaseTaskKind.GradeRisk);
        return Change;
    }

    /// <summary>
    /// A grading happened through <paramref name="action"/>: the case is graded from now on, and an open
    /// <see cref="CaseTaskKind.GradeRisk"/> task is done by <paramref name="actor"/> (timeline <c>TaskDone</c>, its
    /// <c>closedByAction</c> the mutation).
    /// </summary>
    private void NoteGraded(Actor actor, string action)
    {
        State.RiskUngraded = false;
        CompleteOpenTasks(CaseTaskKind.GradeRisk, actor, "the risk was graded", action);
    }

    /// <summary>
    /// Checks a screening without changing anything: refused on a closed case (<c>INVALID_TRANSITION</c>) and for roles
    /// outside case staff (<c>FORBIDDEN</c>); the answers are scored by their instrument's scorer, which refuses invalid
    /// answers (<c>VALIDATION_FAILED</c> naming the answer). The caller then passes the consent gate
    /// <see cref="GatedAction.RecordScreening"/> (R-1.7) and calls <see cref="RecordScreening"/>.
    /// </summary>
    /// <returns>The scored result.</returns>
    public ScreeningResult PrepareScreening(ScreeningAnswers answers, Actor actor)
    {
        EnsureOpen("recordScreening");
        RequireAny(actor, Roles.CaseStaff, "record a screening");
        ArgumentNullException.ThrowIfNull(answers);
        return ScreeningScorer.Score(answers);
    }

    /// <summary>
    /// Records a scored screening and raises the risk to the level it suggests when that is higher (never lowers it:
    /// screening scores only raise, R-4.3); a raise to High or Imminent runs the high-risk protocol (R-1.10). It grades a
    /// case not yet graded, except below High when the screener is not level 3 (the case waits for a professional, as
    /// <see cref="AssessRisk"/>'s rule <c>ungraded-professional</c>). Needs the tenant settings.
    /// </summary>
    /// <param name="answers">The answers as given.</param>
    /// <param name="result">Their score from <see cref="PrepareScreening"/>.</param>
    /// <param name="actor">Who screened.</param>
    /// <returns>The stored record.</returns>
    public ScreeningRecord RecordScreening(ScreeningAnswers answers, ScreeningResult result, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(result);
        _ = Settings;
        var record = new ScreeningRecord(NextId("s"), Now, actor.Subject, result, [.. answers.Items]);
        State.Screenings.Add(record);
        var name = ScreeningScorer.DisplayName(result.Instrument);
        Record(actor.Subject, "RecordScreening",
            $"{name}: total {result.TotalScore?.ToString() ?? "n/a"}, {result.Band}"
            + (result.SuicidalIdeationFlag ? ", suicidal ideation flagged" : "") + $", suggests {result.SuggestedRiskLevel}");
        var suggested = RiskPolicy.Raise(State.RiskLevel, result.SuggestedRiskLevel);
        if (State.RiskUngraded && suggested < RiskLevel.High && !actor.HasAny(Roles.Level3))
        {
            // round-27 red team: a homeroom teacher's all-zero PHQ-9 graded a case reported as unsure LOW and closed the
            // professional's GRADE_RISK task. Below HIGH such a case is graded by level 3 (rule ungraded-professional): the
            // screening is recorded and the professional sees it when they grade.
            return record;
        }

        RaiseRisk(suggested, actor, $"screening {record.Id} ({name})", "recordScreening");
        return record;
    }
}
