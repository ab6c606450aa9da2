using CareGrid.Grains.Census;
using CareGrid.Grains.Errors;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;

namespace CareGrid.Tests.Domain;

/// <summary>
/// The census round without a silo: CensusRoundStateMachine (<c>Open → Closed</c>, records only while
/// open, enum triggers) and CensusRoundAggregate's rules for starting, recording, flagging and opening a case from a
/// flag. A refusal leaves the state as it was.
/// </summary>
[Trait("tier", "domain")]
public sealed class CensusRoundAggregateShould
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Teacher = new("teacher@school-a", [Roles.Caseworker]);

    private static CensusRoundState Round(CensusRoundStatus status = CensusRoundStatus.Open) => new()
    {
        Exists = true,
        Name = "Week 1",
        Status = status,
        OrganizationIds = ["class-7-1", "class-7-2"],
        Expected = new(StringComparer.Ordinal) { ["s-1"] = "class-7-1", ["s-2"] = "class-7-2" },
        StartedAt = Now.AddDays(-1),
        StartedBy = "teacher@school-a",
    };

    [Fact]
    public void Permit_record_and_close_while_open_and_nothing_once_closed()
    {
        var status = CensusRoundStatus.Open;
        var machine = CensusRoundStateMachine.Build(() => status, s => status = s);
        Assert.True(machine.CanFire(CensusRoundTrigger.Record));
        machine.Fire(CensusRoundTrigger.Record);
        Assert.Equal(CensusRoundStatus.Open, status);
        machine.Fire(CensusRoundTrigger.Close);
        Assert.Equal(CensusRoundStatus.Closed, status);
        Assert.All(Enum.GetValues<CensusRoundTrigger>(), t => Assert.False(machine.CanFire(t)));
    }

    [Fact]
    public void Close_once_and_refuse_a_second_close_and_a_record_after_it()
    {
        var state = Round();
        var round = new CensusRoundAggregate("week-1", state, Now);
        round.Close();
        Assert.Equal((CensusRoundStatus.Closed, (DateTimeOffset?)Now), (state.Status, state.ClosedAt));

        var later = new CensusRoundAggregate("week-1", state, Now.AddHours(1));
        var close = Assert.Throws<CareGridException>(later.Close);
        var record = Assert.Throws<CareGridException>(() => later.CheckEntry(new CensusEntry("s-1", CensusMood.Stable, CensusFlags.None, null)));
        foreach (var (error, trigger) in new[] { (close, "closeCensusRound"), (record, "recordCensus") })
        {
            Assert.Equal(ErrorCodes.InvalidTransition, error.Code);
            Assert.Equal("CLOSED", error.Details["state"]);
            Assert.Equal(trigger, error.Details["trigger"]);
            Assert.Equal("", error.Details["permittedTriggers"]);
        }

        Assert.Equal(Now, state.ClosedAt);
    }

    [Fact]
    public void Refuse_commands_on_a_round_never_started()
    {
        var round = new CensusRoundAggregate("week-1", new CensusRoundState(), Now);
        Assert.Equal(ErrorCodes.NotFound, Assert.Throws<CareGridException>(round.Close).Code);
        Assert.Equal(ErrorCodes.NotFound, Assert.Throws<CareGridException>(() => round.CheckOpenCase("s-1", Teacher, null)).Code);
    }

    [Fact]
    public void Refuse_a_start_without_units_or_past_the_people_bound()
    {
        var empty = Assert.Throws<CareGridException>(() => CensusRoundAggregate.CheckStart(new StartCensusRound("Week 1", [])));
        Assert.Equal("organizationIds", empty.Details["field"]);
        Assert.Equal(["class-7-1"], CensusRoundAggregate.CheckStart(new StartCensusRound("Week 1", ["class-7-1", "class-7-1"])).OrganizationIds);

        var crowd = Enumerable.Range(0, CensusRoundLimits.MaxPeople + 1).ToDictionary(i => $"s-{i}", _ => "class-7-1");
        Assert.Equal("organizationIds", Assert.Throws<CareGridException>(() => CensusRoundAggregate.EnsureExpectedFits(crowd)).Details["field"]);
    }

    [Fact]
    public void Refuse_an_unknown_mood_or_flag()
    {
        var round = new CensusRoundAggregate("week-1", Round(), Now);
        Assert.Equal("mood", Assert.Throws<CareGridException>(() => round.CheckEntry(new CensusEntry("s-1", (CensusMood)99, CensusFlags.None, null))).Details["field"]);
        Assert.Equal("flags", Assert.Throws<CareGridException>(() => round.CheckEntry(new CensusEntry("s-1", CensusMood.Stable, (CensusFlags)(1 << 30), null))).Details["field"]);
    }

    [Fact]
    public void Record_a_flag_then_clear_it_with_a_later_record()
    {
        var state = Round();
        var round = new CensusRoundAggregate("week-1", state, Now);
        var low = new CensusEntry("s-1", CensusMood.Low, CensusFlags.None, " tired ");

        var (record, unit) = round.PrepareRecord(low, round.CheckEntry(low), "class-7-1", Teacher);
        Assert.Equal(("class-7-1", "tired", Now, "teacher@school-a"), (unit, record.Note, record.At, record.By));
        round.ApplyRecord("s-1", unit, record);
        Assert.Equal(["s-1"], round.Progress().FlaggedPersonIds);

        var stable = new CensusEntry("s-1", CensusMood.Stable, CensusFlags.None, null);
        var (again, _) = round.PrepareRecord(stable, null, "class-7-1", Teacher);
        round.ApplyRecord("s-1", unit, again);
        var progress = round.Progress();
        Assert.Empty(progress.FlaggedPersonIds);
        Assert.Equal((1, 1, 0), (progress.Units[0].Expected, progress.Units[0].Recorded, progress.Units[0].Flagged));
    }

    [Fact]
    public void Count_a_newcomer_of_a_covered_unit_and_refuse_one_from_elsewhere()
    {
        var state = Round();
        var round = new CensusRoundAggregate("week-1", state, Now);
        var entry = new CensusEntry("s-new", CensusMood.Stable, CensusFlags.None, null);

        var (record, unit) = round.PrepareRecord(entry, null, "class-7-2", Teacher);
        round.ApplyRecord("s-new", unit, record);
        Assert.Equal(2, round.Progress().Units[1].Expected);

        var error = Assert.Throws<CareGridException>(() => round.PrepareRecord(entry with { PersonId = "s-out" }, null, "class-9-1", Teacher));
        Assert.Equal("personId", error.Details["field"]);
        Assert.False(state.Expected.ContainsKey("s-out"));
    }

    [Fact]
    public void Open_one_case_per_flag_and_answer_a_keyed_retry()
    {
        var state = Round();
        state.Recorded["s-1"] = "class-7-1";
        state.Flagged.Add("s-1");
        var round = new CensusRoundAggregate("week-1", state, Now);

        Assert.Equal("personId", Assert.Throws<CareGridException>(() => round.CheckOpenCase("s-2", Teacher, null)).Details["field"]);
        var key = round.CheckOpenCase("s-1", Teacher, "k-1");
        Assert.Equal("teacher@school-a\nk-1", key);
        round.ApplyCaseOpened("s-1", "case-1", key);
        Assert.Equal(1, round.Progress().Units[0].CasesOpened);

        Assert.Equal(key, round.CheckOpenCase("s-1", Teacher, "k-1"));
        var second = Assert.Throws<CareGridException>(() => round.CheckOpenCase("s-1", Teacher, null));
        Assert.Equal(ErrorCodes.AlreadyExists, second.Code);
        Assert.Equal("case-1", second.Details["caseId"]);
    }
}
