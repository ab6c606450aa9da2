using CareGrid.Grains.Errors;
using CareGrid.Grains.People;
using CareGrid.Grains.People.Domain;

namespace CareGrid.Tests.Domain;

/// <summary>The monitoring level of the three-level archive on <see cref="MonitoringStateMachine"/> and <see cref="PersonRecord"/>, without a silo.</summary>
[Trait("tier", "domain")]
public sealed class MonitoringStateMachineShould
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    private static MonitoringLevel After(MonitoringLevel from, MonitoringTrigger trigger)
    {
        var level = from;
        MonitoringStateMachine.Build(() => level, l => level = l).Fire(trigger);
        return level;
    }

    [Theory]
    [InlineData(MonitoringLevel.None, MonitoringTrigger.RecordCensus, MonitoringLevel.Census)]
    [InlineData(MonitoringLevel.None, MonitoringTrigger.StartTracking, MonitoringLevel.Tracking)]
    [InlineData(MonitoringLevel.None, MonitoringTrigger.OpenIndividualCase, MonitoringLevel.IndividualCase)]
    [InlineData(MonitoringLevel.Census, MonitoringTrigger.RecordCensus, MonitoringLevel.Census)]
    [InlineData(MonitoringLevel.Census, MonitoringTrigger.StartTracking, MonitoringLevel.Tracking)]
    [InlineData(MonitoringLevel.Tracking, MonitoringTrigger.RecordCensus, MonitoringLevel.Tracking)]
    [InlineData(MonitoringLevel.Tracking, MonitoringTrigger.OpenIndividualCase, MonitoringLevel.IndividualCase)]
    [InlineData(MonitoringLevel.Tracking, MonitoringTrigger.StepDown, MonitoringLevel.Census)]
    [InlineData(MonitoringLevel.IndividualCase, MonitoringTrigger.RecordCensus, MonitoringLevel.IndividualCase)]
    [InlineData(MonitoringLevel.IndividualCase, MonitoringTrigger.StepDown, MonitoringLevel.Tracking)]
    public void Move_along_the_three_levels(MonitoringLevel from, MonitoringTrigger trigger, MonitoringLevel to) =>
        Assert.Equal(to, After(from, trigger));

    [Theory]
    [InlineData(MonitoringLevel.None, MonitoringTrigger.StepDown, "changeMonitoringLevel(action: OPEN_INDIVIDUAL_CASE),changeMonitoringLevel(action: START_TRACKING),recordCensus")]
    [InlineData(MonitoringLevel.Census, MonitoringTrigger.StepDown, "changeMonitoringLevel(action: OPEN_INDIVIDUAL_CASE),changeMonitoringLevel(action: START_TRACKING),recordCensus")]
    [InlineData(MonitoringLevel.IndividualCase, MonitoringTrigger.StartTracking, "changeMonitoringLevel(action: STEP_DOWN),recordCensus")]
    public void Refuse_a_move_the_level_does_not_permit_and_change_nothing(MonitoringLevel from, MonitoringTrigger trigger, string permitted)
    {
        var state = new PersonState { Exists = true, Monitoring = from };
        var ex = Assert.Throws<CareGridException>(() => new PersonRecord(state, Now).ChangeMonitoring(trigger, "noticed", "homeroom"));
        Assert.Equal(ErrorCodes.InvalidTransition, ex.Code);
        Assert.Equal(permitted, ex.Details["permittedTriggers"]);
        Assert.Equal(from, state.Monitoring);
        Assert.Empty(state.MonitoringHistory);
    }

    [Fact]
    public void Record_each_change_of_level_with_who_when_and_why()
    {
        var state = new PersonState { Exists = true };
        var record = new PersonRecord(state, Now);
        Assert.True(record.ChangeMonitoring(MonitoringTrigger.StartTracking, "cries in class", "homeroom").Changed);
        Assert.Equal(new MonitoringChange(Now, "homeroom", MonitoringLevel.None, MonitoringLevel.Tracking, "cries in class"), Assert.Single(state.MonitoringHistory));
    }

    [Fact]
    public void Keep_the_newest_fifty_changes_however_many_are_made()
    {
        // Round-34 red team F2: 400 alternating changes with 1,000-character reasons passed what one Azure Table entity holds.
        var state = new PersonState { Exists = true, Monitoring = MonitoringLevel.Tracking };
        for (var i = 0; i < 400; i++)
        {
            new PersonRecord(state, Now.AddMinutes(i)).ChangeMonitoring(i % 2 == 0 ? MonitoringTrigger.OpenIndividualCase : MonitoringTrigger.StepDown, $"#{i} " + new string('因', 990), "psych");
        }

        Assert.Equal(PersonRecord.MaxMonitoringChanges, state.MonitoringHistory.Count);
        Assert.StartsWith("#350 ", state.MonitoringHistory[0].Reason, StringComparison.Ordinal);
        Assert.StartsWith("#399 ", state.MonitoringHistory[^1].Reason, StringComparison.Ordinal);
        Assert.Equal(MonitoringLevel.Tracking, state.Monitoring);
    }

    [Theory]
    [InlineData(MonitoringLevel.None)]
    [InlineData(MonitoringLevel.Census)]
    [InlineData(MonitoringLevel.Tracking)]
    public void Move_a_person_into_individual_case_when_intervention_starts_and_leave_one_already_there(MonitoringLevel from)
    {
        var state = new PersonState { Exists = true, Monitoring = from };
        var record = new PersonRecord(state, Now);
        Assert.True(record.NoteIndividualCounselling("case-1", "psych").Changed);
        var change = Assert.Single(state.MonitoringHistory);
        Assert.Equal((from, MonitoringLevel.IndividualCase, "psych"), (change.From, change.To, change.By));
        Assert.Contains("case-1", change.Reason, StringComparison.Ordinal);

        Assert.False(record.NoteIndividualCounselling("case-2", "psych").Changed); // a second case adds nothing
        Assert.Single(state.MonitoringHistory);
    }

    [Fact]
    public void Move_a_flagged_census_record_to_tracking_and_answer_a_retried_one_unchanged()
    {
        var state = new PersonState { Exists = true };
        var record = new PersonRecord(state, Now);
        var flagged = new CensusRecord("round-1", Now, "homeroom", CensusMood.Low, CensusFlags.None, null, "key-1");
        Assert.True(record.RecordCensus(flagged).Changed);
        Assert.Equal(MonitoringLevel.Tracking, state.Monitoring);
        Assert.Equal(new[] { MonitoringLevel.Census, MonitoringLevel.Tracking }, state.MonitoringHistory.Select(c => c.To));

        Assert.False(record.RecordCensus(flagged with { At = Now.AddMinutes(1) }).Changed);
        var reused = Assert.Throws<CareGridException>(() => record.RecordCensus(flagged with { Mood = CensusMood.Stable }));
        Assert.Equal(ErrorCodes.IdempotencyKeyReused, reused.Code);
        Assert.Single(state.CensusRecords);
    }
}
