using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Idempotency;
using static CareGrid.Tests.Domain.CaseWorkFixtures;

namespace CareGrid.Tests.Domain;

/// <summary>How a concern joins the person's open case (R-1.5: one open case per person; docs/idempotency.md).</summary>
[Trait("tier", "domain")]
public class ConcernJoinShould
{
    private static ConcernJoin Join(CaseState s) => new(At(s), "case-1");

    private static ReportConcern Routed(RiskLevel risk, string? key = null) =>
        new("p1", "  cried in class ", risk, null, key, Routing: ConcernRouting.Joins);

    [Fact]
    public void Add_the_concern_note_the_reporter_and_raise_the_risk_only_upwards()
    {
        var s = Case(risk: RiskLevel.Moderate);
        var joined = Join(s).Join(Routed(RiskLevel.High, "k1"), Reporter);
        Assert.Equal(RiskLevel.High, joined.RaiseRiskTo);
        Assert.Equal(("reporter-1", "k1", nameof(ReportOutcome.JoinedOpenCase), Now), (joined.Key!.Scope, joined.Key.Key, joined.Key.Result, joined.Key.At));
        Assert.Equal(("ConcernAdded", "High: cried in class"), (s.Timeline[^1].Action, s.Timeline[^1].Reason));
        Assert.Equal(["reporter-1"], s.Reporters!);
        Assert.Equal(RiskLevel.Moderate, s.RiskLevel); // the raise itself is the protocol's

        var again = Join(s).Join(Routed(RiskLevel.Low), Reporter);
        Assert.Null(again.RaiseRiskTo);
        Assert.Null(again.Key);
        Assert.Equal(["reporter-1"], s.Reporters!);
    }

    [Fact]
    public void Refuse_a_plain_create_another_person_a_closed_case_and_non_reporting_roles()
    {
        Assert.Equal("ALREADY_EXISTS", Refused(() => Join(Case()).Join(Routed(RiskLevel.Low) with { Routing = ConcernRouting.Direct }, Reporter)).Code);
        Assert.Equal("personId", Refused(() => Join(Case()).Join(Routed(RiskLevel.Low) with { PersonId = "p2" }, Reporter)).Details["field"]);
        Assert.Equal("closed-meanwhile", Refused(() => Join(Case(CaseStatus.Closed)).Join(Routed(RiskLevel.Low), Reporter)).Details["rule"]);
        var auditor = new CareGrid.Grains.Security.Actor("auditor-1", [CareGrid.Grains.Security.Roles.Auditor]);
        var s = Case();
        Assert.Equal("FORBIDDEN", Refused(() => Join(s).Join(Routed(RiskLevel.Low), auditor)).Code);
        Assert.Empty(s.Timeline);
    }

    [Fact]
    public void Answer_a_keyed_retry_with_its_first_outcome_and_refuse_the_key_with_another_report()
    {
        var s = Case();
        var first = Routed(RiskLevel.Low, "k1");
        s.RememberedWrites = [Join(s).Join(first, Reporter).Key!];
        Assert.Equal(ReportOutcome.JoinedOpenCase, Join(s).Replay(first, Reporter));
        Assert.Null(Join(s).Replay(Routed(RiskLevel.Low, "k2"), Reporter));
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", Refused(() => Join(s).Replay(first with { Summary = "other" }, Reporter)).Code);
        Assert.Equal(KeyMatch.Reused, Join(s).MatchReportKey("reporter-1", "k9", "fp", "p2"));
    }

    [Fact]
    public void Note_a_separate_case_once()
    {
        var s = Case();
        Assert.True(Join(s).NoteSeparateCase("case-2", " different incident ", Counsellor));
        Assert.False(Join(s).NoteSeparateCase("case-2", "different incident", Counsellor));
        Assert.Equal("case case-2 opened separately: different incident", Assert.Single(s.Timeline).Reason);
    }
}
