using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Statistics;
using CareGrid.StateFixtures;
using CareGrid.Tests.Durable;

namespace CareGrid.Tests.Statistics;

/// <summary>
/// A case stored before cases kept facts (the checked-in <c>CaseState.v1</c> fixture) reads without them and gets them,
/// best effort, from its hot state (docs/statistics.md "Timeliness").
/// </summary>
[Trait("tier", "domain")]
public sealed class CaseFactsBackfillShould
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);

    private static CaseState StoredV1()
    {
        var bytes = Convert.FromBase64String(File.ReadAllText(Path.Combine(StateFixturesShould.Folder, "CaseState.v1.b64")));
        return Assert.IsType<CaseState>(StateFixtureSerializer.Create().Deserialize<CaseState>(bytes));
    }

    [Fact]
    public void Read_an_old_case_without_facts_and_fill_them_from_its_hot_state()
    {
        var state = StoredV1();
        Assert.Null(state.Facts);

        var facts = CaseFactsBackfill.From(state, "Asia/Shanghai");

        Assert.True(facts.Backfilled);
        Assert.Equal((T0, ProtocolOutcome.Pending), (facts.HighRiskSince, facts.Protocol));
        Assert.Equal([new ProtocolTaskDue("t-1", T0.AddHours(2))], facts.ProtocolOpen);
        Assert.Equal((0, (DateTimeOffset?)null, (DateTimeOffset?)null), (facts.ReopenCount, facts.ClosedAt, facts.FirstProfessionalContactAt));
        Assert.Equal("Asia/Shanghai", facts.TimeZoneId);
    }

    [Fact]
    public void Give_the_old_case_its_facts_before_its_next_command_changes_anything()
    {
        var state = StoredV1();
        var c = new CaseAggregate(state, CareGrid.Tests.Domain.CaseDomain.Shanghai, T0.AddHours(1));
        Assert.Equal(CaseFactsBackfill.From(StoredV1(), "Asia/Shanghai"), state.Facts);

        c.CompleteOpenTasks(CaseTaskKind.NotifyFamilyEmergencyContact, CareGrid.Tests.Domain.CaseDomain.Psych, "family told", "completeTask");
        Assert.Equal((ProtocolOutcome.Met, 1), (state.Facts!.Protocol, state.Facts.ProtocolMet));
    }
}
