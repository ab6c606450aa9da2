using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Tenancy;
using static CareGrid.Tests.Domain.CaseDomain;

namespace CareGrid.Tests.Domain;

/// <summary>
/// Deadline tasks on the case aggregate alone: deadlines from the tenant's settings on its working-day calendar (R-1.10,
/// ), overdue tasks escalated once to the queue above their owner (docs/deadline-sweep.md), when the reminder is due,
/// and who may complete or cancel a task.
/// </summary>
[Trait("tier", "domain")]
public sealed class TaskDeadlinesShould
{
    [Fact]
    public void Escalate_an_overdue_task_once_to_the_supervisor_above_a_level_3_owner()
    {
        var c = Reported(RiskLevel.High, by: Psych);
        var notify = c.State.Tasks.Single(t => t.Kind == CaseTaskKind.NotifyFamilyEmergencyContact);

        Assert.Equal(0, c.Then(notify.DueAt.AddMinutes(-1)).CheckDeadlines()); // nothing due yet
        var late = c.Then(notify.DueAt);
        Assert.Equal(1, late.CheckDeadlines()); // only the 2-hour task, at its deadline
        Assert.Equal(0, c.Then(notify.DueAt.AddHours(1)).CheckDeadlines()); // and not twice

        var escalated = Assert.Single(late.Change.TasksEscalated);
        Assert.Equal((CaseQueues.Supervisor, Psych.Subject, 1, notify.DueAt), (escalated.OwnerId, escalated.OriginalOwnerId, escalated.EscalationCount, escalated.EscalatedAt));
        Assert.Equal(CaseTaskStatus.Open, escalated.Status); // still to do, by its new owner
        Assert.Equal("TaskOverdue", Assert.Single(late.Change.Timeline).Action);
        Assert.Single(c.State.Timeline, e => e.Action == "TaskOverdue");
    }

    [Fact]
    public void Raise_a_case_below_level_3_with_its_overdue_queue_task()
    {
        var c = Reported();
        var task = c.Then().AddTask(CaseTaskKind.FollowUpVisit, Friday.AddDays(14), CaseQueues.Level1);

        var change = c.Then(Friday.AddDays(15)).CheckDeadlines();

        Assert.Equal(1, change);
        Assert.Equal(CaseQueues.Level2, c.State.Tasks.Single(t => t.Id == task.Id).OwnerId);
        Assert.Equal(2, c.State.EscalationLevel);
        Assert.Equal(["TaskOverdue", "Escalate"], c.State.Timeline.TakeLast(2).Select(e => e.Action));
    }

    [Fact]
    public void Escalate_a_named_owners_overdue_task_to_the_queue_above_the_case_level()
    {
        var c = Reported();
        c.Then().AddTask(CaseTaskKind.FollowUpVisit, Friday.AddDays(1), "homeroom@t");

        c.Then(Friday.AddDays(2)).CheckDeadlines();

        Assert.Equal(CaseQueues.Level2, c.State.Tasks[0].OwnerId);
        Assert.Equal("homeroom@t", c.State.Tasks[0].OriginalOwnerId);
    }

    [Fact]
    public void Leave_done_and_cancelled_tasks_alone_however_late()
    {
        var c = Reported(RiskLevel.High, by: Psych);
        c.Then().CompleteOpenTasks(CaseTaskKind.NotifyFamilyEmergencyContact, Psych, "called the mother", "completeTask");
        c.Then().CancelOpenTasks(Psych, "case closed: test", "closeCase");

        Assert.Equal(0, c.Then(Friday.AddDays(30)).CheckDeadlines());
        Assert.Null(c.Then().NextDeadline);
    }

    [Fact]
    public void Count_working_days_on_the_tenant_calendar_skipping_holidays_and_counting_make_up_days()
    {
        // Monday 30 September 2024, 10:00 in Shanghai; 1–7 October are off: the 3 working days are 8, 9 and 10 October.
        var start = At("2024-09-30T02:00:00Z");
        var c = Reported(RiskLevel.High, at: start, settings: China2024());
        var guide = c.State.Tasks.Single(t => t.Kind == CaseTaskKind.GuideToPsychiatricInstitution);

        Assert.Equal(At("2024-10-10T16:00:00Z"), guide.DueAt); // the end of Thursday 10 October, local midnight
        Assert.Equal(3, c.Then(guide.DueAt.AddSeconds(-1), China2024()).CheckDeadlines()); // the three hour-deadlines
        Assert.Equal(1, c.Then(guide.DueAt, China2024()).CheckDeadlines());
    }

    [Fact]
    public void Use_the_tenants_own_deadline_for_a_task_kind()
    {
        var deadlines = new Dictionary<CaseTaskKind, DeadlineSpec>(TenantSettings.DefaultDeadlines)
        {
            [CaseTaskKind.GuideToPsychiatricInstitution] = new(1, DeadlineUnit.WorkingDays),
        };

        var c = Reported(RiskLevel.High, settings: China2024(deadlines)); // Friday 8 March 2024, 15:00 local

        Assert.Equal(At("2024-03-11T16:00:00Z"), c.State.Tasks.Single(t => t.Kind == CaseTaskKind.GuideToPsychiatricInstitution).DueAt);
    }

    [Fact]
    public void Be_due_for_the_reminder_at_the_earliest_deadline_not_yet_escalated()
    {
        var c = Reported(RiskLevel.Imminent);
        Assert.Equal(Friday.AddHours(1), c.Then().NextDeadline); // police transport

        c.Then(Friday.AddHours(1)).CheckDeadlines();

        Assert.Equal(Friday.AddHours(2), c.Then().NextDeadline); // family contact
        Assert.True(c.Then(Friday.AddHours(2)).HasUnescalatedOverdueTasks);
        Assert.False(c.Then(Friday.AddHours(2).AddTicks(-1)).HasUnescalatedOverdueTasks);
        Assert.Equal(TimeSpan.FromMinutes(30), CaseAggregate.ReminderDelay(Friday.AddHours(2), Friday.AddHours(1.5)));
        Assert.Equal(TimeSpan.FromSeconds(1), CaseAggregate.ReminderDelay(Friday.AddHours(2), Friday.AddHours(3))); // past due: at once, not in the same turn
    }

    [Fact]
    public void Let_case_staff_complete_but_only_level_3_and_above_cancel_a_protocol_task()
    {
        var c = Reported(RiskLevel.High);
        var raise = c.State.Tasks.Single(t => t.Kind == CaseTaskKind.RaiseVisitFrequency);

        Refused(c, ErrorCodes.Forbidden, () => c.Then().PrepareTaskClosure(raise.Id, "no", Homeroom, CaseTaskStatus.Cancelled));
        Refused(c, ErrorCodes.Forbidden, () => c.Then().PrepareTaskClosure(raise.Id, "done", Auditor, CaseTaskStatus.Done));
        // A volunteer is no member of the warning chain of a High case: protocol tasks are case staff's (R-4.3, docs/protocol.md).
        Refused(c, ErrorCodes.Forbidden, () => c.Then().PrepareTaskClosure(raise.Id, "done", Volunteer, CaseTaskStatus.Done));
        Assert.NotNull(c.Then().PrepareTaskClosure(raise.Id, "no longer needed", GradeLeader, CaseTaskStatus.Cancelled));

        var closure = c.Then().PrepareTaskClosure(raise.Id, "  visits every other day  ", Homeroom, CaseTaskStatus.Done)!;
        Assert.Null(closure.Gate);
        var change = c.Then(Friday.AddHours(4)).CloseTask(closure);

        var done = Assert.Single(change.TasksClosed);
        Assert.Equal((CaseTaskStatus.Done, Homeroom.Subject, Friday.AddHours(4), "visits every other day"), (done.Status, done.ClosedBy, done.ClosedAt, done.Note));
        Assert.Equal($"{raise.Id} RAISE_VISIT_FREQUENCY: visits every other day", Assert.Single(change.Timeline).Reason);
        Refused(c, ErrorCodes.TaskAlreadyClosed, () => c.Then().PrepareTaskClosure(raise.Id, null, Psych, CaseTaskStatus.Done));
    }

    [Fact]
    public void Gate_completing_crisis_intervention_and_guidance_on_consent_but_not_cancelling_them()
    {
        var c = Reported(RiskLevel.High);
        var crisis = c.State.Tasks.Single(t => t.Kind == CaseTaskKind.ProfessionalCrisisIntervention);
        var guide = c.State.Tasks.Single(t => t.Kind == CaseTaskKind.GuideToPsychiatricInstitution);

        Assert.Equal(GatedAction.CompleteCrisisInterventionTask, c.Then().PrepareTaskClosure(crisis.Id, "crisis session held", Psych, CaseTaskStatus.Done)!.Gate);
        Assert.Equal(GatedAction.CompleteGuidanceTask, c.Then().PrepareTaskClosure(guide.Id, "taken to the clinic", Psych, CaseTaskStatus.Done)!.Gate);
        Assert.Null(c.Then().PrepareTaskClosure(crisis.Id, "duplicate", Psych, CaseTaskStatus.Cancelled)!.Gate);
    }

    [Fact]
    public void Answer_no_closing_for_a_task_that_is_not_on_the_case()
    {
        var c = Reported(RiskLevel.High);

        Assert.Null(c.Then().PrepareTaskClosure("t99", null, Psych, CaseTaskStatus.Done));
    }
}
