using System.Text;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Statistics;
using CareGrid.Grains.Tenancy;
using CareGrid.StateFixtures;

namespace CareGrid.Tests.Statistics;

/// <summary>
/// A case's timeliness facts as grain storage keeps them (<see cref="ExactGrainStorageSerializer"/>, the silo's): an empty
/// list is stored as nothing, not as an empty list carrying its type's full name (docs/memory.md "Round 40"), and every
/// list reads back as it was — empty ones as empty, never null. Old states with empty lists written out still read
/// (<c>StateFixturesShould</c>, CaseState.v3).
/// </summary>
[Trait("tier", "domain")]
public sealed class CaseFactsStorageShould
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);
    private static readonly ExactGrainStorageSerializer Storage = new(StateFixtureSerializer.Create());

    [Fact]
    public void Store_a_new_case_without_a_type_name_for_its_empty_lists()
    {
        var state = NewLowCase();

        var stored = Storage.Serialize(state).ToArray();

        var text = Encoding.Latin1.GetString(stored);
        foreach (var type in new[] { "ProtocolTaskDue", "ReferralFact", "ReferralCount", "ServiceWeek", "HandOverFact", "EpisodeFact", "EpisodeCount" })
        {
            Assert.DoesNotContain(type, text);
        }

        var facts = Assert.IsType<CaseFacts>(Storage.Deserialize<CaseState>(new BinaryData(stored)).Facts);
        Assert.Equal(state.Facts, facts);
        Assert.All(Lists(facts), list => Assert.Empty(Assert.IsAssignableFrom<System.Collections.IEnumerable>(list).Cast<object>()));
    }

    [Fact]
    public void Read_back_every_list_of_facts_with_every_member_set()
    {
        var full = CaseFactsSamples.Full(T0);
        Assert.All(Lists(full), list => Assert.NotEmpty(Assert.IsAssignableFrom<System.Collections.IEnumerable>(list).Cast<object>()));

        var read = Storage.Deserialize<CaseState>(Storage.Serialize(new CaseState { Exists = true, Facts = full })).Facts;

        Assert.Equal(full, read);
        Assert.Equal(full.ProtocolOpen, read!.ProtocolOpen);
        Assert.Equal(full.EarlierEpisodes, read.EarlierEpisodes);
    }

    [Fact]
    public void Read_a_list_emptied_by_a_transition_as_empty()
    {
        var task = new CaseTask("t1", CaseTaskKind.NotifyFamilyEmergencyContact, "psych@t", CaseTaskStatus.Open, T0, T0.AddHours(2), 0,
            null, null, null, null, null);
        var facts = CaseFacts.Opened("Asia/Shanghai").HighRiskBegan(T0).TaskOpened(task)
            .TaskClosed(task with { Status = CaseTaskStatus.Done, ClosedAt = T0.AddHours(1) });
        Assert.Empty(facts.ProtocolOpen);

        var read = Storage.Deserialize<CaseState>(Storage.Serialize(new CaseState { Exists = true, Facts = facts })).Facts!;

        Assert.Equal(facts, read);
        Assert.Empty(read.ProtocolOpen);
        Assert.Equal(ProtocolOutcome.Met, read.Protocol);
        Assert.Equal(CaseFactsJson.Write(facts), CaseFactsJson.Write(read));
    }

    [Fact]
    public void Write_empty_lists_as_empty_json_arrays_on_the_read_side()
    {
        var json = CaseFactsJson.Write(NewLowCase().Facts!);

        Assert.Contains("\"protocolOpen\":[]", json, StringComparison.Ordinal);
        Assert.Empty(CaseFactsJson.Read(json).EarlierEpisodes);
    }

    [Fact]
    public void Store_no_state_type_new_with_a_type_name_for_an_empty_collection()
    {
        var states = typeof(CaseState).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.Name.EndsWith("State", StringComparison.Ordinal)
                && t.GetConstructor(Type.EmptyTypes) is not null
                && t.GetCustomAttributes(typeof(GenerateSerializerAttribute), false).Length > 0)
            .ToList();
        Assert.Contains(typeof(CaseState), states);

        var named = states.Where(t => Encoding.Latin1.GetString(StateFixtureSerializer.SerializeAsStored(StateFixtureSerializer.Create(),
            Activator.CreateInstance(t)!)) is var text && (text.Contains("[]", StringComparison.Ordinal) || text.Contains("`1[[", StringComparison.Ordinal)))
            .Select(t => t.Name);

        Assert.Empty(named);
    }

    private static CaseState NewLowCase()
    {
        var counsellor = new Actor("counsellor@t", [Roles.Counsellor]);
        var opened = CaseAggregate.Open("student-1", "class-1", "Seemed withdrawn in class this week", counsellor,
            TenantSettings.Default("Asia/Shanghai"), T0);
        opened.RaiseRisk(RiskLevel.Low, counsellor, "initial grading by the reporter");
        Assert.NotNull(opened.State.Facts);
        return opened.State;
    }

    private static object[] Lists(CaseFacts facts) =>
        [facts.ProtocolOpen, facts.Referrals, facts.ReferralsBeyond, facts.Service, facts.HandOvers, facts.EarlierEpisodes, facts.EpisodesBeyond];
}
