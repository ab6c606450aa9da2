using System.Text.Json;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Events;

namespace CareGrid.Tests.Events;

/// <summary>The rules that turn a case's change into events (docs/events.md), without a silo.</summary>
[Trait("tier", "domain")]
public sealed class CaseEventRecorderShould
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static CaseTask Task(string id, string owner, DateTimeOffset due, CaseTaskStatus status = CaseTaskStatus.Open) =>
        new(id, CaseTaskKind.NotifyFamilyEmergencyContact, owner, status, Now.AddHours(-1), due, 0, null, null, null, null, null);

    private static CaseState Case() => new()
    {
        Exists = true, PersonId = "person-secret-7", OrganizationId = "class-7-1", Status = CaseStatus.Triage, RiskLevel = RiskLevel.Low,
        EscalationLevel = 1, AssigneeId = "queue:level-3", Summary = "Li Wei says she wants to die", ReportedBy = "homeroom@t",
    };

    [Fact]
    public void Raise_nothing_and_keep_the_sequence_when_nothing_event_worthy_changed()
    {
        var state = Case();
        var before = CaseEventBaseline.Of(state);
        state.Summary = "edited";
        state.Status = CaseStatus.Active;

        var result = CaseEventRecorder.Record("t", "c1", before, state, Now);

        Assert.Empty(result.Raised);
        Assert.Equal(0, state.EventSequence);
        Assert.Null(state.PendingEvents);
    }

    [Fact]
    public void Raise_risk_escalation_assignment_and_task_events_of_a_new_high_risk_case_in_order_with_sequences_from_1()
    {
        var state = Case();
        state.RiskLevel = RiskLevel.High;
        state.EscalationLevel = 3;
        state.Tasks.Add(Task("t1", "queue:level-3", Now.AddHours(2)));
        state.Tasks.Add(Task("t2", "queue:level-3", Now.AddMinutes(50)));

        var raised = CaseEventRecorder.Record("t", "c1", CaseEventBaseline.Empty, state, Now).Raised;

        Assert.Equal([CareEventKind.CaseRiskChanged, CareEventKind.CaseEscalated, CareEventKind.CaseAssigned, CareEventKind.TaskAssigned,
            CareEventKind.TaskAssigned, CareEventKind.TaskDueSoon], raised.Select(e => e.Kind));
        Assert.Equal([1L, 2, 3, 4, 5, 6], raised.Select(e => e.Sequence));
        Assert.Equal(["c1.1", "c1.2", "c1.3", "c1.4", "c1.5", "c1.6"], raised.Select(e => e.Id));
        Assert.All(raised, e => Assert.Equal(("t", "c1", Now, "class-7-1", RiskLevel.High, 3), (e.TenantId, e.CaseId, e.OccurredAt, e.OrganizationId, e.RiskLevel, e.EscalationLevel)));
        Assert.Equal(["t1", "t2", "t2"], raised.Skip(3).Select(e => e.TaskId));
        Assert.Equal(Now.AddMinutes(50), raised[^1].DueAt);
        Assert.Equal(raised, state.PendingEvents);
        Assert.Equal(6, state.EventSequence);
        Assert.Equal(["t2"], state.DueSoonRaised);
    }

    [Fact]
    public void Say_an_ungraded_case_is_not_graded_and_raise_risk_changed_when_it_is_graded_at_its_low_placeholder()
    {
        // Reported as unsure: LOW is only a placeholder (docs/protocol.md "Ungraded reports").
        var state = Case();
        state.RiskUngraded = true;
        var opened = CaseEventRecorder.Record("t", "c1", CaseEventBaseline.Empty, state, Now).Raised;
        var before = CaseEventBaseline.Of(state);
        state.RiskUngraded = false; // assessRisk(LOW): graded, the level unchanged

        var graded = CaseEventRecorder.Record("t", "c1", before, state, Now).Raised;

        Assert.Equal([(CareEventKind.CaseAssigned, RiskLevel.Low, true)], opened.Select(e => (e.Kind, e.RiskLevel!.Value, e.RiskUngraded)));
        Assert.Equal([(CareEventKind.CaseRiskChanged, RiskLevel.Low, false)], graded.Select(e => (e.Kind, e.RiskLevel!.Value, e.RiskUngraded)));
    }

    [Fact]
    public void Raise_unit_changed_when_a_stored_case_moves_to_another_unit_and_not_when_a_case_is_first_stored()
    {
        // round 23 red team: a case that followed its pupil to another class raised nothing, so the new class's live
        // subscribers learnt of it only with its next change.
        var state = Case();
        var opened = CaseEventRecorder.Record("t", "c1", CaseEventBaseline.Empty, state, Now).Raised;
        var before = CaseEventBaseline.Of(state);
        state.OrganizationId = "class-9-1";

        var moved = CaseEventRecorder.Record("t", "c1", before, state, Now).Raised;
        var again = CaseEventRecorder.Record("t", "c1", CaseEventBaseline.Of(state), state, Now).Raised;

        Assert.DoesNotContain(opened, e => e.Kind == CareEventKind.CaseUnitChanged);
        Assert.Equal([(CareEventKind.CaseUnitChanged, "class-9-1", 2L)], moved.Select(e => (e.Kind, e.OrganizationId!, e.Sequence)));
        Assert.Empty(again);
    }

    [Fact]
    public void Carry_ids_kinds_and_levels_only_never_the_summary_the_person_or_the_reporter()
    {
        var state = Case();
        state.RiskLevel = RiskLevel.Imminent;
        state.Tasks.Add(Task("t1", "psych@t", Now.AddHours(2)));

        var raised = CaseEventRecorder.Record("t", "c1", CaseEventBaseline.Empty, state, Now).Raised;
        var json = JsonSerializer.Serialize(raised);

        Assert.NotEmpty(raised);
        Assert.DoesNotContain("Li Wei", json, StringComparison.Ordinal);
        Assert.DoesNotContain("person-secret-7", json, StringComparison.Ordinal);
        Assert.DoesNotContain("homeroom@t", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Raise_risk_changed_either_way_but_escalated_only_when_the_level_rises_and_assigned_only_for_a_new_owner()
    {
        var state = Case();
        state.RiskLevel = RiskLevel.Moderate;
        state.EscalationLevel = 2;
        var before = CaseEventBaseline.Of(state);
        state.RiskLevel = RiskLevel.Low;
        state.EscalationLevel = 1;
        state.AssigneeId = null;

        Assert.Equal([CareEventKind.CaseRiskChanged], CaseEventRecorder.Record("t", "c1", before, state, Now).Raised.Select(e => e.Kind));

        before = CaseEventBaseline.Of(state);
        state.AssigneeId = "psych@t";
        state.EscalationLevel = 2;
        var raised = CaseEventRecorder.Record("t", "c1", before, state, Now).Raised;
        Assert.Equal([CareEventKind.CaseEscalated, CareEventKind.CaseAssigned], raised.Select(e => e.Kind));
        Assert.Equal([2L, 3], raised.Select(e => e.Sequence));
        Assert.All(raised, e => Assert.Equal("psych@t", e.AssigneeId));
    }

    [Fact]
    public void Raise_task_overdue_for_the_owner_who_missed_it_and_task_assigned_for_a_new_owner()
    {
        var state = Case();
        state.Tasks.Add(Task("t1", "psych@t", Now.AddMinutes(-1)));
        state.Tasks.Add(Task("t2", "psych@t", Now.AddHours(5)));
        state.Tasks.Add(Task("t3", "psych@t", Now.AddHours(5), CaseTaskStatus.Done));
        var before = CaseEventBaseline.Of(state);
        state.Tasks[0] = state.Tasks[0] with { EscalationCount = 1, EscalatedAt = Now, OriginalOwnerId = "psych@t", OwnerId = "queue:level-2" };
        state.Tasks[1] = state.Tasks[1] with { OwnerId = "coordinator@t" };
        state.Tasks[2] = state.Tasks[2] with { OwnerId = "coordinator@t" };

        var raised = CaseEventRecorder.Record("t", "c1", before, state, Now).Raised;

        Assert.Equal([(CareEventKind.TaskOverdue, "t1", "psych@t"), (CareEventKind.TaskAssigned, "t2", "coordinator@t")],
            raised.Select(e => (e.Kind, e.TaskId!, e.TaskOwnerId!)));
    }

    [Fact]
    public void Raise_case_closed_last_and_once()
    {
        var state = Case();
        var before = CaseEventBaseline.Of(state);
        state.Status = CaseStatus.Closed;
        state.RiskLevel = RiskLevel.Moderate;

        Assert.Equal([CareEventKind.CaseRiskChanged, CareEventKind.CaseClosed], CaseEventRecorder.Record("t", "c1", before, state, Now).Raised.Select(e => e.Kind));
        Assert.Empty(CaseEventRecorder.Record("t", "c1", CaseEventBaseline.Of(state), state, Now.AddMinutes(1)).Raised);
    }

    [Fact]
    public void Raise_due_soon_once_when_a_task_enters_the_hour_before_its_deadline_and_not_for_an_overdue_one()
    {
        var state = Case();
        var due = Now.AddHours(3);
        state.Tasks.Add(Task("t1", "psych@t", due));
        state.Tasks.Add(Task("t2", "psych@t", Now.AddMinutes(-5)));
        var before = CaseEventBaseline.Of(state);

        Assert.False(CaseEventRecorder.DueSoonWaiting(state, due.AddMinutes(-61)));
        Assert.Empty(CaseEventRecorder.Record("t", "c1", before, state, due.AddMinutes(-61)).Raised);
        Assert.True(CaseEventRecorder.DueSoonWaiting(state, due.AddMinutes(-60)));

        var raised = CaseEventRecorder.Record("t", "c1", before, state, due.AddMinutes(-60)).Raised;
        Assert.Equal([(CareEventKind.TaskDueSoon, "t1", "psych@t", (DateTimeOffset?)due)], raised.Select(e => (e.Kind, e.TaskId!, e.TaskOwnerId!, e.DueAt)));
        Assert.False(CaseEventRecorder.DueSoonWaiting(state, due.AddMinutes(-30)));
        Assert.Empty(CaseEventRecorder.Record("t", "c1", before, state, due.AddMinutes(-30)).Raised);

        state.Tasks[0] = state.Tasks[0] with { Status = CaseTaskStatus.Done };
        CaseEventRecorder.Record("t", "c1", CaseEventBaseline.Of(state), state, due.AddMinutes(-20));
        Assert.Null(state.DueSoonRaised);
    }

    [Fact]
    public void Point_the_reminder_at_the_earliest_due_soon_moment_of_a_task_that_has_not_raised_it()
    {
        var state = Case();
        state.Tasks.Add(Task("t1", "psych@t", Now.AddHours(5)));
        state.Tasks.Add(Task("t2", "psych@t", Now.AddHours(3)));
        state.Tasks.Add(Task("t3", "psych@t", Now.AddHours(2)) with { EscalationCount = 1 });

        Assert.Equal(Now.AddHours(2), CaseEventRecorder.NextDueSoon(state));
        state.DueSoonRaised = ["t2"];
        Assert.Equal(Now.AddHours(4), CaseEventRecorder.NextDueSoon(state));
        state.Tasks.Clear();
        Assert.Null(CaseEventRecorder.NextDueSoon(state));
    }

    [Fact]
    public void Keep_at_most_the_bound_of_unacknowledged_events_dropping_the_oldest()
    {
        var state = Case();
        for (var i = 0; i < CaseEventRecorder.MaxPending; i++)
        {
            var before = CaseEventBaseline.Of(state);
            state.RiskLevel = state.RiskLevel == RiskLevel.Low ? RiskLevel.Moderate : RiskLevel.Low;
            Assert.Equal(0, CaseEventRecorder.Record("t", "c1", before, state, Now).Dropped);
        }

        var last = CaseEventBaseline.Of(state);
        state.RiskLevel = RiskLevel.High;
        state.EscalationLevel = 3;
        state.AssigneeId = "psych@t";
        var result = CaseEventRecorder.Record("t", "c1", last, state, Now);

        Assert.Equal(3, result.Dropped);
        Assert.Equal(CaseEventRecorder.MaxPending, state.PendingEvents!.Count);
        Assert.Equal(4, state.PendingEvents[0].Sequence);
        Assert.Equal(CaseEventRecorder.MaxPending + 3, state.PendingEvents[^1].Sequence);
    }
}
