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

    [Fact]
    public void Open_ungraded_at_a_Low_placeholder_without_running_the_protocol()
    {
        var c = ReportedUngraded();

        Assert.True(c.State.RiskUngraded);
        Assert.Equal((RiskLevel.Low, 1, 0), (c.State.RiskLevel, c.State.EscalationLevel, c.State.Tasks.Count));
        Assert.Equal(["Report"], c.State.Timeline.Select(e => e.Action));
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

        c.AssessRisk(RiskLevel.Low, "talked with her and her mother: no self-harm, exam stress", Homeroom);
        c.EnsureMayClose(Homeroom);
    }
}
