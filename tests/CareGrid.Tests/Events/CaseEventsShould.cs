using System.Collections.Concurrent;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Events;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;
using Orleans.Core.Internal;
using Orleans.Streams;

namespace CareGrid.Tests.Events;

/// <summary>
/// The case grain raises events on save and hands them to every registered sink and the tenant's stream (docs/events.md),
/// in the test cluster with the recording sink (<see cref="RecordingCareEventSink"/>).
/// </summary>
[Trait("tier", "grains")]
[Collection(ClusterCollection.Name)]
public sealed class CaseEventsShould(ClusterFixture fixture)
{
    private static RecordingCareEventSink Sink => RecordingCareEventSink.Shared;

    [Fact]
    public async Task Hand_each_mutations_events_to_the_sinks_in_sequence_order()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var grain = await Seeds.ReportAsync(fixture.Grains, tenant, student);
        var homeroom = Seeds.Homeroom(tenant);
        var psych = Seeds.PsychologyTeacher(tenant);
        TenantContext.Set(tenant);
        try
        {
            await grain.Fire(CaseTrigger.Triage, new CaseCommand("looked at it"), homeroom);
            await grain.Fire(CaseTrigger.Activate, new CaseCommand(null, psych.Subject), homeroom);
            await grain.Fire(CaseTrigger.Close, new CaseCommand("resolved after two talks"), homeroom);
        }
        finally
        {
            TenantContext.Clear();
        }

        var caseId = TenantIds.LocalOf(grain.GetPrimaryKeyString());
        var events = Sink.Events(tenant);
        Assert.Equal([(CareEventKind.CaseAssigned, "queue:level-3"), (CareEventKind.CaseAssigned, psych.Subject), (CareEventKind.CaseClosed, psych.Subject)],
            events.Select(e => (e.Kind, e.AssigneeId!)));
        Assert.Equal([1L, 2, 3], events.Select(e => e.Sequence));
        Assert.Equal([$"{caseId}.1", $"{caseId}.2", $"{caseId}.3"], events.Select(e => e.Id));
        Assert.All(events, e => Assert.Equal((tenant, caseId, "class-7-1"), (e.TenantId, e.CaseId, e.OrganizationId!)));
        // One batch per save that raised something, each in order.
        Assert.Equal(3, Sink.Batches(tenant).Count);
    }

    [Fact]
    public async Task Raise_unit_changed_once_when_an_open_case_follows_its_person_to_another_class()
    {
        // round 23 red team: the move was on the timeline only; the new class's subscribers heard nothing of the case.
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var grain = await Seeds.ReportAsync(fixture.Grains, tenant, student);
        TenantContext.Set(tenant);
        try
        {
            await fixture.Grains.GetGrain<CareGrid.Grains.Organizations.IOrganizationGrain>(TenantIds.Key(tenant, "class-7-2")).Create(
                new CareGrid.Grains.Organizations.CreateOrganization("Class 7-2", CareGrid.Grains.Organizations.OrganizationKind.Class, "grade-7", 1), CareGrid.Grains.Security.Actor.System);
            await grain.PersonMoved("class-7-2", Seeds.PsychologyTeacher(tenant));
            await grain.PersonMoved("class-7-2", Seeds.PsychologyTeacher(tenant)); // told twice: moved once
        }
        finally
        {
            TenantContext.Clear();
        }

        var caseId = TenantIds.LocalOf(grain.GetPrimaryKeyString());
        Assert.Equal([(CareEventKind.CaseUnitChanged, "class-7-2")],
            Sink.Events(tenant).Where(e => e.CaseId == caseId && e.Kind == CareEventKind.CaseUnitChanged).Select(e => (e.Kind, e.OrganizationId!)));
    }

    [Fact]
    public async Task Raise_risk_escalation_and_task_events_when_risk_turns_high_R_1_10()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var grain = await Seeds.ReportAsync(fixture.Grains, tenant, student);
        TenantContext.Set(tenant);
        var view = await grain.AssessRisk(RiskLevel.High, "talks about self-harm", Seeds.Homeroom(tenant));
        TenantContext.Clear();

        var events = Sink.Events(tenant).Skip(1).ToList(); // after the report's CaseAssigned
        Assert.Equal([CareEventKind.CaseRiskChanged, CareEventKind.CaseEscalated], events.Take(2).Select(e => e.Kind));
        Assert.All(events, e => Assert.Equal((RiskLevel.High, 3), (e.RiskLevel!.Value, e.EscalationLevel!.Value)));
        var open = view.Tasks.Where(t => t.Status == CaseTaskStatus.Open).ToList();
        Assert.NotEmpty(open);
        Assert.Equal(open.Select(t => (t.Id, t.OwnerId, t.DueAt)),
            events.Where(e => e.Kind == CareEventKind.TaskAssigned).Select(e => (e.TaskId!, e.TaskOwnerId!, e.DueAt!.Value)));
        Assert.Equal(Enumerable.Range(2, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Save_the_change_when_a_sink_fails_and_hand_the_events_over_again_after_the_next_save()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var grain = await Seeds.ReportAsync(fixture.Grains, tenant, student);
        TenantContext.Set(tenant);
        try
        {
            Sink.Fail(tenant);
            var view = await grain.Escalate(2, "the family does not answer", Seeds.Homeroom(tenant));
            Assert.Equal(2, view.EscalationLevel);
            Assert.Single(Sink.Events(tenant)); // only the report's CaseAssigned

            Sink.Fail(tenant, false);
            await grain.Escalate(3, "still no answer", Seeds.Homeroom(tenant));
        }
        finally
        {
            Sink.Fail(tenant, false);
            TenantContext.Clear();
        }

        Assert.Equal([1L, 2, 3], Sink.Events(tenant).Select(e => e.Sequence));
        Assert.Equal([2, 3], Sink.Events(tenant).Skip(1).Select(e => e.EscalationLevel!.Value));
        Assert.Equal([2L, 3], Sink.Batches(tenant)[^1].Select(e => e.Sequence)); // the failed one first, in one batch with the new one
    }

    [Fact]
    public async Task Hand_unacknowledged_events_over_again_on_the_next_activation()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var grain = await Seeds.ReportAsync(fixture.Grains, tenant, student);
        TenantContext.Set(tenant);
        try
        {
            Sink.Fail(tenant);
            await grain.AssessRisk(RiskLevel.Moderate, "sleeps badly", Seeds.Homeroom(tenant));
            await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
            Sink.Fail(tenant, false);
            Assert.Single(Sink.Events(tenant));

            await grain.Get(Seeds.Homeroom(tenant)); // a read activates the case: nothing is saved, the stored events are handed over
        }
        finally
        {
            Sink.Fail(tenant, false);
            TenantContext.Clear();
        }

        Assert.Equal([(1L, CareEventKind.CaseAssigned), (2L, CareEventKind.CaseRiskChanged)], Sink.Events(tenant).Select(e => (e.Sequence, e.Kind)));
    }

    [Fact]
    public async Task Not_hand_acknowledged_events_over_again_after_the_case_was_deactivated()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var grain = await Seeds.ReportAsync(fixture.Grains, tenant, student);
        TenantContext.Set(tenant);
        try
        {
            await grain.AssessRisk(RiskLevel.Moderate, "sleeps badly", Seeds.Homeroom(tenant));
            Assert.Equal(2, Sink.Batches(tenant).Count);
            await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();

            var view = await grain.Get(Seeds.Homeroom(tenant)); // a new activation: the taken events were dropped on deactivation
            Assert.Equal(RiskLevel.Moderate, view!.RiskLevel);
        }
        finally
        {
            TenantContext.Clear();
        }

        Assert.Equal(2, Sink.Batches(tenant).Count);
        Assert.Equal([1L, 2], Sink.Events(tenant).Select(e => e.Sequence));
    }

    [Fact]
    public async Task Raise_due_soon_an_hour_before_a_deadline_and_overdue_when_the_deadline_check_escalates_it()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var grain = await Seeds.ReportAsync(fixture.Grains, tenant, student);
        TenantContext.Set(tenant);
        try
        {
            var view = await grain.AssessRisk(RiskLevel.High, "talks about self-harm", Seeds.Homeroom(tenant));
            var task = view.Tasks.Where(t => t.Status == CaseTaskStatus.Open && t.DueAt > fixture.Clock.GetUtcNow().AddHours(1)).MinBy(t => t.DueAt)!;
            fixture.Clock.SetUtcNow(task.DueAt.AddMinutes(-30));
            await grain.CheckDeadlines();
            fixture.Clock.SetUtcNow(task.DueAt.AddMinutes(1));
            await grain.CheckDeadlines();
            await grain.CheckDeadlines();

            var mine = Sink.Events(tenant).Where(e => e.TaskId == task.Id && e.Kind != CareEventKind.TaskAssigned).ToList();
            Assert.Equal([(CareEventKind.TaskDueSoon, task.OwnerId), (CareEventKind.TaskOverdue, task.OwnerId)], mine.Select(e => (e.Kind, e.TaskOwnerId!)));
            Assert.All(mine, e => Assert.Equal(task.DueAt, e.DueAt));
        }
        finally
        {
            TenantContext.Clear();
        }

        var all = Sink.Events(tenant);
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Publish_a_mutations_events_to_the_tenants_stream()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var received = new ConcurrentQueue<CareEvent>();
        var escalated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = fixture.Cluster.Client.GetStreamProvider(CareEventStreams.Provider)
            .GetStream<CareEvent>(StreamId.Create(CareEventStreams.Namespace, tenant));
        var subscription = await stream.SubscribeAsync((e, _) =>
        {
            received.Enqueue(e);
            if (e.Kind == CareEventKind.CaseEscalated)
            {
                escalated.TrySetResult();
            }

            return Task.CompletedTask;
        });
        try
        {
            var grain = await Seeds.ReportAsync(fixture.Grains, tenant, student);
            TenantContext.Set(tenant);
            await grain.Escalate(2, "the family does not answer", Seeds.Homeroom(tenant));
            TenantContext.Clear();

            await escalated.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var caseId = TenantIds.LocalOf(grain.GetPrimaryKeyString());
            Assert.Equal([(1L, CareEventKind.CaseAssigned), (2L, CareEventKind.CaseEscalated)],
                received.Where(e => e.CaseId == caseId).Select(e => (e.Sequence, e.Kind)));
        }
        finally
        {
            await subscription.UnsubscribeAsync();
        }
    }
}
