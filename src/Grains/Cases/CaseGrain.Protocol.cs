using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Screening;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases;

/// <summary>
/// The protocol paths of the grain: task closing, deadline checks with their Orleans reminder, and screenings. The rules
/// are in <see cref="CaseAggregate"/> (R-1.10); the grain loads, asks consent, stores, publishes and keeps the reminder.
/// </summary>
public sealed partial class CaseGrain
{
    /// <summary>The Orleans reminder that checks deadlines; it survives restarts and silo loss.</summary>
    public const string DeadlineReminder = "deadlines";

    /// <summary>Safety-net period of the deadline reminder (the reminder is also due at the earliest deadline).</summary>
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public async Task<CaseView> CompleteTask(string taskId, string? note, Actor actor, string? consentOverrideReason = null) =>
        await CloseTask(taskId, note, actor, CaseTaskStatus.Done, consentOverrideReason);

    /// <inheritdoc />
    public async Task<CaseView> CancelTask(string taskId, string reason, Actor actor)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw CareGridException.Validation("reason", "Cancelling a task needs a reason.");
        }

        return await CloseTask(taskId, reason, actor, CaseTaskStatus.Cancelled);
    }

    private async Task<CaseView> CloseTask(string taskId, string? note, Actor actor, CaseTaskStatus to, string? consentOverrideReason = null)
    {
        await EnsureMayActAsync(actor);
        var closure = Case().PrepareTaskClosure(taskId, note, actor, to) ?? throw await MissingTaskErrorAsync(taskId, to);
        if (closure.Gate is { } gated)
        {
            // Completing crisis intervention or guidance brings professionals in: gated like startIntervention /
            // proposeReferral (R-1.7, docs/consent.md). Cancelling stays allowed.
            await EnsureConsentAsync(gated, actor, consentOverrideReason);
        }

        // A received discharge hand-over creates the community check, due on the tenant's calendar.
        Case(closure.Task.Kind == CaseTaskKind.DischargeHandOver && to == CaseTaskStatus.Done ? await Settings() : null).CloseTask(closure);
        await SaveAsync();
        if (to == CaseTaskStatus.Done)
        {
            Telemetry.CareGridMetrics.TaskCompleted(closure.Task.Kind, closure.Task.DueAt, clock.GetUtcNow()); // docs/observability.md
        }
        return ToView(actor);
    }

    /// <inheritdoc />
    public async Task<int> CheckDeadlines()
    {
        if (!S.Exists)
        {
            return 0;
        }

        var escalated = Case().CheckDeadlines();
        if (escalated > 0 || Events.CaseEventRecorder.DueSoonWaiting(S, clock.GetUtcNow()))
        {
            await SaveAsync();
            Telemetry.CareGridMetrics.TasksOverdue(escalated); // docs/observability.md
        }
        else
        {
            await DeliverEventsAsync(); // a sink that failed before is tried again (docs/events.md)
            await SyncReminderAsync();
        }

        return escalated;
    }

    /// <inheritdoc />
    public async Task Purge()
    {
        if (await this.GetReminder(DeadlineReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        await HistoryStore.PurgeCaseAsync(TenantId, LocalId);
        await state.ClearStateAsync();
        state.State = new CaseState();
        DeactivateOnIdle();
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DeadlineReminder)
        {
            return;
        }

        if (!state.IsLoaded)
        {
            await LoadAsync();
        }

        await CheckDeadlines();
    }

    /// <summary>
    /// Keeps the deadline reminder registered while an open task has not been escalated yet, due at the earliest
    /// such deadline (at least one second from now), and removes it otherwise. The activation remembers what it last
    /// registered, so a save that leaves the earliest deadline where it was (or leaves no deadline, as every LOW case's
    /// saves do) costs no call to the reminder service.
    /// </summary>
    private async Task SyncReminderAsync()
    {
        var aggregate = Case();
        // Due at the next deadline, or earlier when a task's due-soon event comes first (docs/events.md).
        if (Earliest(aggregate.NextDeadline, Events.CaseEventRecorder.NextDueSoon(S)) is not { } pending)
        {
            if (_reminderDue is not null || _reminderKnown != true)
            {
                if (await this.GetReminder(DeadlineReminder) is { } existing)
                {
                    await this.UnregisterReminder(existing);
                }
            }

            _reminderKnown = true;
            _reminderDue = null;
            return;
        }

        if (_reminderKnown == true && _reminderDue == pending)
        {
            return;
        }

        await this.RegisterOrUpdateReminder(DeadlineReminder, CaseAggregate.ReminderDelay(pending, aggregate.Now), ReminderPeriod);
        _reminderKnown = true;
        _reminderDue = pending;
    }

    /// <inheritdoc />
    public async Task<CaseView> RecordScreening(ScreeningAnswers answers, Actor actor, string? consentOverrideReason = null)
    {
        await EnsureMayActAsync(actor);
        var result = Case().PrepareScreening(answers, actor);
        var settings = await Settings();
        await EnsureConsentAsync(GatedAction.RecordScreening, actor, consentOverrideReason);
        var screening = Case(settings).RecordScreening(answers, result, actor);
        // The person's score trajectory (R-3.6, docs/trajectories.md) is written once the screening is stored, beside the rows and the reminder.
        await SaveAsync(alongside: () => Trajectories.ScoreTrajectories.RecordAsync(GrainFactory, TenantId, S.PersonId, LocalId, screening, S.Screenings));
        return ToView(actor);
    }
}
