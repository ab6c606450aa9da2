using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Discharge;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Tenancy;
using static CareGrid.Tests.Domain.CaseDomain;

namespace CareGrid.Tests.Domain.Discharge;

/// <summary>
/// The discharge hand-over on the case aggregate alone (R-2.4, docs/discharge.md): the hand-over task due 5 working days after
/// the discharge on the tenant's calendar in its time zone, the community check created when the hand-over is received, the
/// recorded steps, retries and refusals that change nothing, and overdue hand-overs escalated like any deadline task.
/// </summary>
[Trait("tier", "domain")]
public sealed class DischargeHandOverShould
{
    /// <summary>Thursday 31 December 2026, 00:30 in Shanghai: still Wednesday in UTC.</summary>
    private static readonly DateTimeOffset ThursdayNight = At("2026-12-30T16:30:00Z");

    /// <summary>A tenant in Shanghai whose New Year holiday is Friday 1 to Sunday 3 January 2027 (three days).</summary>
    private static readonly TenantSettings NewYear = new(
        new WorkingCalendar("Asia/Shanghai", holidays: [new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 2), new DateOnly(2027, 1, 3)]),
        TenantSettings.DefaultDeadlines);

    private static readonly DischargeHandOver FromCountyHospital =
        new("county-hospital", "north-village", "primary-health", ThursdayNight, "Stable on medication; family informed.", CaseQueues.Level3, CaseQueues.Level1, 3);

    private static CaseAggregate Discharged(out DischargeRecord discharge)
    {
        var c = Reported(at: ThursdayNight.AddHours(8), settings: NewYear).Then(ThursdayNight.AddHours(8), NewYear);
        discharge = c.RecordDischarge(FromCountyHospital, Clinician);
        return c;
    }

    [Fact]
    public void Make_the_hand_over_due_5_working_days_after_a_Thursday_discharge_skipping_the_weekend_and_a_three_day_holiday()
    {
        var c = Discharged(out var discharge);

        var task = c.State.Tasks.Single(t => t.Id == discharge.HandOverTaskId);
        Assert.Equal(CaseTaskKind.DischargeHandOver, task.Kind);
        // Working days after Thursday 31 December (local): Mon 4, Tue 5, Wed 6, Thu 7, Fri 8 January; due at the end of Friday,
        // Saturday 00:00 in Shanghai. Counted from the UTC date (Wednesday) it would be a day earlier.
        Assert.Equal(At("2027-01-08T16:00:00Z"), task.DueAt);
        Assert.Equal((CaseQueues.Level3, CaseTaskStatus.Open), (task.OwnerId, task.Status));
        Assert.Equal(("county-hospital", "north-village", "primary-health", Clinician.Subject), (discharge.HospitalOrganizationId, discharge.ResidenceOrganizationId,
            discharge.PrimaryHealthOrganizationId, discharge.RecordedBy));
        Assert.Null(discharge.CommunityCheckTaskId);
        Assert.Contains(c.State.Timeline, e => e.Action == "Discharge" && e.Reason!.Contains("county-hospital", StringComparison.Ordinal));
        // The primary health institution is on the case's escalation chain through every step and is told.
        Assert.Equal((3, CaseQueues.Level3), (c.State.EscalationLevel, c.State.AssigneeId));
        Assert.Contains(c.State.Notifications, n => n.To == CaseQueues.Level3);
    }

    [Fact]
    public void Create_the_community_check_for_the_residence_queue_when_the_hand_over_is_received()
    {
        var c = Discharged(out var discharge);
        var receivedAt = At("2027-01-05T02:00:00Z"); // Tuesday 10:00 in Shanghai

        Assert.True(c.Then(receivedAt, NewYear).RecordDischargeStep(discharge.Id, DischargeStep.HandOverReceived, "in the archive", Clinician));

        var stored = c.State.Discharges!.Single();
        var handOver = c.State.Tasks.Single(t => t.Id == discharge.HandOverTaskId);
        Assert.Equal((CaseTaskStatus.Done, "recordDischargeStep"), (handOver.Status, handOver.ClosedByAction));
        var check = c.State.Tasks.Single(t => t.Id == stored.CommunityCheckTaskId);
        Assert.Equal((CaseTaskKind.DischargeCommunityCheck, CaseQueues.Level1), (check.Kind, check.OwnerId));
        Assert.Equal(At("2027-01-12T16:00:00Z"), check.DueAt); // Wed 6 … Tue 12 January: 5 working days after Tuesday 5
        Assert.Equal([DischargeStep.HandOverReceived], stored.Steps.Select(s => s.Step));

        Assert.True(c.Then(receivedAt.AddDays(1)).RecordDischargeStep(discharge.Id, DischargeStep.CommunityChecked, null, Homeroom));
        Assert.Equal(CaseTaskStatus.Done, c.State.Tasks.Single(t => t.Id == check.Id).Status);
        Assert.Equal([DischargeStep.HandOverReceived, DischargeStep.CommunityChecked], c.State.Discharges!.Single().Steps.Select(s => s.Step));
    }

    [Fact]
    public void Record_the_hand_over_as_received_when_its_task_is_completed_with_completeTask()
    {
        var c = Discharged(out var discharge);
        var later = c.Then(At("2027-01-04T03:00:00Z"), NewYear);
        var closure = later.PrepareTaskClosure(discharge.HandOverTaskId, "received by fax", Clinician, CaseTaskStatus.Done)!;

        later.CloseTask(closure);

        var stored = c.State.Discharges!.Single();
        Assert.Equal(DischargeStep.HandOverReceived, Assert.Single(stored.Steps).Step);
        Assert.Equal(("clinician@t", "received by fax"), (stored.Steps[0].By, stored.Steps[0].Note));
        Assert.NotNull(stored.CommunityCheckTaskId);
        Assert.Single(c.State.Tasks, t => t.Kind == CaseTaskKind.DischargeCommunityCheck && t.Status == CaseTaskStatus.Open);
    }

    [Fact]
    public void Refuse_the_community_check_before_the_hand_over_was_received_changing_nothing()
    {
        var c = Discharged(out var discharge);

        var error = Refused(c, ErrorCodes.InvalidTransition, () => c.Then().RecordDischargeStep(discharge.Id, DischargeStep.CommunityChecked, null, Homeroom));

        Assert.Equal("recordDischargeStep(step: HAND_OVER_RECEIVED)", error.Details["permittedTriggers"]);
        Assert.Empty(c.State.Discharges!.Single().Steps);
        Refused(c, ErrorCodes.NotFound, () => c.Then().RecordDischargeStep("d99", DischargeStep.HealthRecordEntered, null, Homeroom));
        Refused(c, ErrorCodes.Forbidden, () => c.Then().RecordDischargeStep(discharge.Id, DischargeStep.HealthRecordEntered, null, Volunteer));
    }

    [Fact]
    public void Record_each_other_step_once()
    {
        var c = Discharged(out var discharge);

        Assert.True(c.Then().RecordDischargeStep(discharge.Id, DischargeStep.HealthRecordEntered, null, Clinician));
        Assert.True(c.Then().RecordDischargeStep(discharge.Id, DischargeStep.FamilyDoctorAgreement, "signed with Dr Pan", Clinician));
        var timeline = c.State.Timeline.Count;
        Assert.False(c.Then().RecordDischargeStep(discharge.Id, DischargeStep.HealthRecordEntered, "again", Clinician));

        Assert.Equal(timeline, c.State.Timeline.Count);
        Assert.Equal([DischargeStep.HealthRecordEntered, DischargeStep.FamilyDoctorAgreement], c.State.Discharges!.Single().Steps.Select(s => s.Step));
        Assert.Equal(2, c.State.Timeline.Count(e => e.Action == "DischargeStep"));
    }

    [Fact]
    public void Answer_a_retried_discharge_with_the_first_and_refuse_a_future_one()
    {
        var c = Discharged(out var discharge);

        Assert.Equal(discharge, c.Then().RecordDischarge(FromCountyHospital, Clinician));
        Assert.Single(c.State.Tasks, t => t.Kind == CaseTaskKind.DischargeHandOver);
        var error = Refused(c, ErrorCodes.ValidationFailed, () => c.Then().RecordDischarge(FromCountyHospital with { DischargedAt = c.Now.AddMinutes(1) }, Clinician));
        Assert.Equal("dischargedAt", error.Details["field"]);
    }

    [Fact]
    public void Cap_the_discharges_one_case_holds()
    {
        var c = Discharged(out _);
        for (var i = 1; i < CaseAggregate.MaxDischarges; i++)
        {
            c.Then().RecordDischarge(FromCountyHospital with { DischargedAt = ThursdayNight.AddMinutes(i) }, Clinician);
        }

        var error = Refused(c, ErrorCodes.DischargeLimitReached, () => c.Then().RecordDischarge(FromCountyHospital with { DischargedAt = ThursdayNight.AddHours(1) }, Clinician));
        Assert.Equal(CaseAggregate.MaxDischarges.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Details["limit"]);
        Assert.Equal(CaseAggregate.MaxDischarges, c.State.Discharges!.Count);
    }

    [Fact]
    public void Escalate_an_overdue_hand_over_once_like_any_deadline_task()
    {
        var c = Discharged(out var discharge);
        var due = c.State.Tasks.Single(t => t.Id == discharge.HandOverTaskId).DueAt;

        Assert.Equal(0, c.Then(due.AddMinutes(-1)).CheckDeadlines());
        Assert.Equal(1, c.Then(due).CheckDeadlines());
        Assert.Equal(0, c.Then(due.AddDays(1)).CheckDeadlines());

        var task = c.State.Tasks.Single(t => t.Id == discharge.HandOverTaskId);
        Assert.Equal((CaseQueues.Supervisor, CaseQueues.Level3, 1), (task.OwnerId, task.OriginalOwnerId, task.EscalationCount));
        Assert.Single(c.State.Facts!.HandOvers, h => h.TaskId == task.Id); // counted in the timeliness statistics
    }
}
