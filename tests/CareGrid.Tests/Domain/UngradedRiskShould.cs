using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Screening;
using static CareGrid.Tests.Domain.CaseDomain;

namespace CareGrid.Tests.Domain;

/// <summary>
/// The life of <see cref="CaseState.RiskUngraded"/> on the case aggregate alone (docs/protocol.md "Ungraded reports"): a
/// concern reported without a grading opens ungraded (risk Low only as a placeholder); any grading clears it — an assessment
/// at any level, a screening whatever it suggests, a raise by a joined concern — and nothing marks a graded case ungraded again.
/// </summary>
[Trait("tier", "domain")]
public sealed class UngradedRiskShould
{
    private static CaseAggregate ReportedUngraded()
    {
        var opened = CaseAggregate.Open("student-1", "class-1", "Scratches on the wrist, said she does not want to live", Homeroom, Shanghai, Friday);
        opened.MarkUngraded();
        return opened;
    }

    /// <summary>
    /// The timeline never says a case nobody graded was low risk (round 22 new-user trial: "风险 低 → 高"): its first grading
    /// — a professional's, or the reporter's as the case opens — reads "Ungraded → …"; a later change names the level it had,
    /// and a grading at Low is a change from Ungraded, not a confirmation of the placeholder.
    /// </summary>
    [Fact]
    public void Name_the_risk_before_the_first_grading_ungraded_on_the_timeline()
    {
        var graded = ReportedUngraded().Then(Friday.AddHours(1)).AssessRisk(RiskLevel.High, "scratches on the wrist", Psych);
        Assert.Equal("Ungraded → High: scratches on the wrist", Assert.Single(graded.Timeline, e => e.Action == "AssessRisk").Reason);

        var low = ReportedUngraded().Then(Friday.AddHours(1)).AssessRisk(RiskLevel.Low, "talked it through", Psych);
        Assert.Equal("Ungraded → Low: talked it through", Assert.Single(low.Timeline, e => e.Action == "AssessRisk").Reason);

        var byReporter = Reported(RiskLevel.Moderate);
        Assert.Equal("Ungraded → Moderate: initial grading by the reporter", Assert.Single(byReporter.State.Timeline, e => e.Action == "AssessRisk").Reason);
        var raised = byReporter.Then(Friday.AddHours(2)).AssessRisk(RiskLevel.High, "said she has a plan", Psych);
        Assert.Equal("Moderate → High: said she has a plan", Assert.Single(raised.Timeline, e => e.Action == "AssessRisk").Reason);
    }

    [Fact]
    public void Open_ungraded_at_a_Low_placeholder_without_running_the_protocol()
    {
        var c = ReportedUngraded();

        Assert.True(c.State.RiskUngraded);
        Assert.Equal((RiskLevel.Low, 1), (c.State.RiskLevel, c.State.EscalationLevel));
        Assert.Equal([CaseTaskKind.GradeRisk], c.State.Tasks.Select(t => t.Kind)); // no protocol task
        Assert.Equal(["Report", "TaskCreated"], c.State.Timeline.Select(e => e.Action));
    }

    [Fact]
    public void Open_ungraded_with_a_grading_task_due_in_24_hours_for_the_cases_owner()
    {
        var c = ReportedUngraded();

        var task = Assert.Single(c.State.Tasks);
        Assert.Equal((CaseTaskKind.GradeRisk, CaseTaskStatus.Open, Friday.AddHours(24), "queue:level-1"),
            (task.Kind, task.Status, task.DueAt, task.OwnerId)); // no intake rule in these settings: the queue of level 1
        Assert.Empty(Reported(RiskLevel.Low).State.Tasks); // a graded report has none
    }

    [Theory]
    [InlineData(RiskLevel.Low)]
    [InlineData(RiskLevel.High)]
    public void Complete_the_grading_task_by_an_assessment(RiskLevel level)
    {
        var c = ReportedUngraded().Then(Friday.AddHours(3));

        c.AssessRisk(level, "spoke with her", Psych);

        var task = c.State.Tasks.Single(t => t.Kind == CaseTaskKind.GradeRisk);
        Assert.Equal((CaseTaskStatus.Done, "assessRisk", "psych@t", Friday.AddHours(3)), (task.Status, task.ClosedByAction, task.ClosedBy, task.ClosedAt));
        Assert.Contains(c.State.Timeline, e => e.Action == "TaskDone" && e.Reason!.StartsWith("t1 GRADE_RISK completed by assessRisk", StringComparison.Ordinal));
    }

    [Fact]
    public void Complete_the_grading_task_by_a_screening_or_a_joining_concerns_grading()
    {
        var screened = ReportedUngraded();
        var answers = new ScreeningAnswers(ScreeningInstrument.Gad7, [0, 0, 0, 0, 0, 0, 0]);
        screened.Then().RecordScreening(answers, screened.Then().PrepareScreening(answers, Psych), Psych);
        var joined = ReportedUngraded();
        joined.Then().RaiseRisk(RiskLevel.Moderate, Homeroom, ConcernJoin.RaiseReason);

        Assert.Equal((CaseTaskStatus.Done, "recordScreening"), Grading(screened));
        Assert.Equal((CaseTaskStatus.Done, "reportConcern"), Grading(joined));
    }

    [Fact]
    public void Refuse_completing_or_cancelling_the_grading_task_while_the_case_is_ungraded()
    {
        var c = ReportedUngraded();

        var refused = Refused(c, ErrorCodes.ReassessmentRequired, () => c.Then().PrepareTaskClosure("t1", "done", Psych, CaseTaskStatus.Done));

        Assert.Equal(("risk-ungraded", "GRADE_RISK", "t1"), (refused.Details!["rule"], refused.Details["taskKind"], refused.Details["taskId"]));
        Assert.Contains("assessRisk", refused.Message, StringComparison.Ordinal);
        Assert.Contains("评定风险", refused.Message, StringComparison.Ordinal);
        // Nor cancelled: the case would wait ungraded with no deadline that escalates it again.
        var cancelled = Refused(c, ErrorCodes.ReassessmentRequired, () => c.Then().PrepareTaskClosure("t1", "reported by mistake", Psych, CaseTaskStatus.Cancelled));
        Assert.Equal("risk-ungraded", cancelled.Details!["rule"]);
        Assert.Contains("cancelTask", cancelled.Message, StringComparison.Ordinal);
        var next = CaseActions.Next(c.Then(), Psych, CaseConsent.None);
        Assert.Contains(next, a => a is { Action: "completeTask", Allowed: false, Code: ErrorCodes.ReassessmentRequired, TaskId: "t1" });
        Assert.Contains(next, a => a is { Action: "cancelTask", Allowed: false, Code: ErrorCodes.ReassessmentRequired, TaskId: "t1" });
    }

    [Fact]
    public void Escalate_the_grading_task_when_nobody_grades_the_case_by_its_deadline()
    {
        var c = ReportedUngraded();

        Assert.Equal(0, c.Then(Friday.AddHours(23)).CheckDeadlines());
        var late = c.Then(Friday.AddHours(24).AddMinutes(1));
        Assert.Equal(1, late.CheckDeadlines());

        var task = c.State.Tasks.Single();
        Assert.Equal(("queue:level-2", "queue:level-1", 1, 2), (task.OwnerId, task.OriginalOwnerId, task.EscalationCount, c.State.EscalationLevel));
        Assert.True(c.State.RiskUngraded); // escalating grades nothing
    }

    private static (CaseTaskStatus, string?) Grading(CaseAggregate c)
    {
        var task = c.State.Tasks.Single(t => t.Kind == CaseTaskKind.GradeRisk);
        return (task.Status, task.ClosedByAction);
    }

    [Fact]
    public void Open_graded_when_the_reporter_grades_it_even_at_Low()
    {
        Assert.False(Reported(RiskLevel.Low).State.RiskUngraded);
        Assert.False(CaseAggregate.Open("student-1", "class-1", "Withdrawn", Homeroom, Shanghai, Friday).State.RiskUngraded);
    }

    [Theory]
    [InlineData(RiskLevel.Low)]
    [InlineData(RiskLevel.Moderate)]
    [InlineData(RiskLevel.High)]
    public void Become_graded_by_an_assessment_at_any_level(RiskLevel level)
    {
        var c = ReportedUngraded();

        c.Then().AssessRisk(level, "spoke with her", Psych);

        Assert.False(c.State.RiskUngraded);
        Assert.Equal(level, c.State.RiskLevel);
    }

    [Fact]
    public void Become_graded_by_a_screening_that_suggests_no_more_than_Low()
    {
        var c = ReportedUngraded();
        var answers = new ScreeningAnswers(ScreeningInstrument.Gad7, [0, 0, 0, 0, 0, 0, 0]);

        c.Then().RecordScreening(answers, c.Then().PrepareScreening(answers, Psych), Psych);

        Assert.False(c.State.RiskUngraded);
        Assert.Equal(RiskLevel.Low, c.State.RiskLevel);
    }

    [Fact]
    public void Become_graded_and_run_the_protocol_when_a_grading_raises_it_to_High()
    {
        var c = ReportedUngraded();

        c.Then().RaiseRisk(RiskLevel.High, Homeroom, ConcernJoin.RaiseReason);

        Assert.False(c.State.RiskUngraded);
        Assert.Equal((RiskLevel.High, 3), (c.State.RiskLevel, c.State.EscalationLevel));
        Assert.Contains(c.State.Tasks, t => t.Kind == CaseTaskKind.ProfessionalCrisisIntervention);
    }

    [Fact]
    public void Stay_ungraded_through_work_that_grades_nothing()
    {
        var c = ReportedUngraded();

        c.Then().Fire(CaseTrigger.Triage, new CaseCommand("looked at it"), Homeroom);

        Assert.True(c.State.RiskUngraded);
    }

    [Fact]
    public void Refuse_an_assessment_without_a_reason_and_stay_ungraded()
    {
        var c = ReportedUngraded();

        Refused(c, ErrorCodes.ValidationFailed, () => c.Then().AssessRisk(RiskLevel.Moderate, " ", Psych));

        Assert.True(c.State.RiskUngraded);
    }

    /// <summary>RT17-5 (round 17 red team): an ungraded case does not close until someone grades it, whoever asks; any grading lets it.</summary>
    [Fact]
    public void Refuse_to_close_until_someone_grades_it()
    {
        var c = ReportedUngraded();

        var refused = Assert.Throws<CareGridException>(() => c.EnsureMayClose(Homeroom));
        Assert.Equal((ErrorCodes.ReassessmentRequired, "risk-ungraded"), (refused.Code, refused.Details!["rule"]));
        Assert.Throws<CareGridException>(() => c.EnsureMayClose(Psych));

        c.AssessRisk(RiskLevel.Low, "talked with her and her mother: no self-harm, exam stress", Psych);
        c.EnsureMayClose(Homeroom);
    }

    /// <summary>
    /// Round-26 new-user trial: the homeroom teacher who reported "not sure" graded the case LOW a day later, which closed the
    /// professional's GRADE_RISK task unseen. Below HIGH a case not yet graded is graded by level 3 (or a screening); anyone
    /// may grade it HIGH.
    /// </summary>
    [Fact]
    public void Let_only_a_professional_grade_a_case_reported_as_unsure_below_high_and_anyone_grade_it_high()
    {
        var c = ReportedUngraded();

        var refused = Assert.Throws<CareGridException>(() => c.AssessRisk(RiskLevel.Moderate, "看起来还好", Homeroom));
        Assert.Equal((ErrorCodes.Forbidden, "ungraded-professional", "riskLevel"), (refused.Code, refused.Details!["rule"], refused.Details["field"]));
        Assert.Contains("未作任何更改", refused.Message, StringComparison.Ordinal);
        Assert.True(c.State.RiskUngraded);

        c.AssessRisk(RiskLevel.High, "手腕上有新的划痕", Homeroom);
        Assert.False(c.State.RiskUngraded);
        Assert.Equal(RiskLevel.High, c.State.RiskLevel);
    }
}
