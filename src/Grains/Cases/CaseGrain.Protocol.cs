using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Screening;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Cases;

public sealed partial class CaseGrain
{
    /// <summary>The action name of <see cref="AssessRisk"/> in <c>availableActions</c>.</summary>
    public const string AssessRiskAction = "AssessRisk";

    /// <summary>The Orleans reminder that checks deadlines; it survives restarts and silo loss.</summary>
    public const string DeadlineReminder = "deadlines";

    /// <summary>Safety-net period of the deadline reminder (the reminder is also due at the earliest deadline).</summary>
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(5);

    /// <summary>The protocol tasks created when risk becomes High (R-1.10); Imminent adds police transport.</summary>
    public static readonly IReadOnlyList<CaseTaskKind> HighRiskTasks =
    [
        CaseTaskKind.NotifyFamilyEmergencyContact,
        CaseTaskKind.ProfessionalCrisisIntervention,
        CaseTaskKind.RaiseVisitFrequency,
        CaseTaskKind.GuideToPsychiatricInstitution,
    ];

    /// <summary>
    /// Sets the risk level. When it becomes High or Imminent, in the same change (R-1.10): escalate to level 3,
    /// give the case an owner (the level-3 actor, the current assignee, or the level-3 queue), notify level 2,
    /// raise the visit frequency and create the protocol's deadline tasks (police transport only at Imminent).
    /// </summary>
    private void ApplyRisk(RiskLevel level, Actor actor, string reason, TenantSettings settings)
    {
        var previous = S.RiskLevel;
        Record(actor.Subject, AssessRiskAction, level == previous ? $"{level} confirmed: {reason}" : $"{previous} → {level}: {reason}");
        S.RiskLevel = level;

        S.VisitEveryHours = settings.VisitEveryHours(level);
        if (level < RiskLevel.High)
        {
            if (previous >= RiskLevel.High)
            {
                S.HighRiskSince = null;
            }

            return;
        }

        if (previous < RiskLevel.High)
        {
            S.HighRiskSince = clock.GetUtcNow();
        }

        if (S.EscalationLevel < 3)
        {
            Record("system", "Escalate", $"level {S.EscalationLevel} → 3: risk is {level} (R-1.10)");
            S.EscalationLevel = 3;
        }

        if (S.AssigneeId is null || S.AssigneeId is CaseQueues.Level1 or CaseQueues.Level2)
        {
            S.AssigneeId = actor.HasAny(Roles.Level3) ? actor.Subject : CaseQueues.Level3;
            Record("system", "Assign", $"owner {S.AssigneeId} (high-risk protocol, R-1.10)");
        }

        if (previous < RiskLevel.High)
        {
            var notice = new CaseNotification(clock.GetUtcNow(), CaseQueues.Level2, $"Risk is {level}: case escalated to level 3 (R-1.10).");
            S.Notifications.Add(notice);
            Record("system", "NotifyLevel2", notice.Message);
        }

        foreach (var kind in HighRiskTasks)
        {
            AddTaskOnce(kind, settings);
        }

        if (level == RiskLevel.Imminent)
        {
            AddTaskOnce(CaseTaskKind.PoliceTransportAssistance, settings);
        }
    }

    /// <summary>Adds an open task of <paramref name="kind"/> unless one is already open.</summary>
    private void AddTaskOnce(CaseTaskKind kind, TenantSettings settings)
    {
        if (S.Tasks.Any(t => t.Kind == kind && t.Status == CaseTaskStatus.Open))
        {
            return;
        }

        AddTask(kind, settings.DeadlineFor(kind).Due(clock.GetUtcNow(), settings.Calendar), S.AssigneeId ?? CaseQueues.ForLevel(S.EscalationLevel));
    }

    private CaseTask AddTask(CaseTaskKind kind, DateTimeOffset dueAt, string owner)
    {
        var task = new CaseTask(NextId("t"), kind, owner, CaseTaskStatus.Open, clock.GetUtcNow(), dueAt, 0, null, null, null, null, null);
        S.Tasks.Add(task);
        Record("system", "TaskCreated", $"{task.Id} {kind} for {owner}, due {dueAt:O}");
        return task;
    }

    private void CompleteOpenTasks(CaseTaskKind kind, Actor actor, string note)
    {
        for (var i = 0; i < S.Tasks.Count; i++)
        {
            if (S.Tasks[i] is { Status: CaseTaskStatus.Open } t && t.Kind == kind)
            {
                S.Tasks[i] = t with { Status = CaseTaskStatus.Done, ClosedAt = clock.GetUtcNow(), ClosedBy = actor.Subject, Note = note };
                Record(actor.Subject, "TaskDone", $"{t.Id} {t.Kind}: {note}");
            }
        }
    }

    private void CancelOpenTasks(Actor actor, string note)
    {
        for (var i = 0; i < S.Tasks.Count; i++)
        {
            if (S.Tasks[i] is { Status: CaseTaskStatus.Open } t)
            {
                S.Tasks[i] = t with { Status = CaseTaskStatus.Cancelled, ClosedAt = clock.GetUtcNow(), ClosedBy = actor.Subject, Note = note };
                Record(actor.Subject, "TaskCancelled", $"{t.Id} {t.Kind}: {note}");
            }
        }
    }

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
        EnsureExists();
        await EnsureNeedToKnowAsync(actor);
        RequireAny(actor, to == CaseTaskStatus.Cancelled ? [.. Roles.Level3, Roles.Coordinator, Roles.Supervisor, Roles.TenantAdmin] : [.. Roles.CaseStaff, Roles.Volunteer],
            to == CaseTaskStatus.Cancelled ? "cancel a task" : "complete a task");
        var index = S.Tasks.FindIndex(t => t.Id == taskId);
        if (index < 0)
        {
            throw await MissingTaskErrorAsync(taskId, to);
        }

        var task = S.Tasks[index];
        if (task.Status != CaseTaskStatus.Open)
        {
            throw Transitions.Invalid(task.Status, to == CaseTaskStatus.Done ? "Complete" : "Cancel", Array.Empty<string>());
        }

        var text = OptionalText(note, "note");
        if (to == CaseTaskStatus.Done && ConsentGate.ForCompletedTask(task.Kind) is { } gated)
        {
            // Completing crisis intervention or guidance brings professionals in: gated like startIntervention /
            // proposeReferral (R-1.7, docs/consent.md). Cancelling stays allowed.
            await EnsureConsentAsync(gated, actor, consentOverrideReason);
        }

        S.Tasks[index] = task with { Status = to, ClosedAt = clock.GetUtcNow(), ClosedBy = actor.Subject, Note = text };
        Record(actor.Subject, to == CaseTaskStatus.Done ? "TaskDone" : "TaskCancelled", $"{task.Id} {task.Kind}" + (text is null ? "" : ": " + text));
        await SaveAsync();
        return ToView(actor);
    }

    /// <inheritdoc />
    public async Task<int> CheckDeadlines()
    {
        if (!S.Exists)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var escalated = 0;
        for (var i = 0; i < S.Tasks.Count; i++)
        {
            var task = S.Tasks[i];
            if (!task.IsOverdue(now) || task.EscalationCount > 0)
            {
                continue;
            }

            var to = CaseQueues.Above(task.OwnerId, S.EscalationLevel);
            S.Tasks[i] = task with { EscalationCount = 1, EscalatedAt = now, OriginalOwnerId = task.OwnerId, OwnerId = to };
            Record("system", "TaskOverdue", $"{task.Id} {task.Kind} was due {task.DueAt:O}; escalated from {task.OwnerId} to {to}");
            if (S.EscalationLevel < 3 && to is CaseQueues.Level2 or CaseQueues.Level3)
            {
                var level = to == CaseQueues.Level2 ? 2 : 3;
                Record("system", "Escalate", $"level {S.EscalationLevel} → {level}: overdue task {task.Id}");
                S.EscalationLevel = level;
            }

            escalated++;
        }

        if (escalated > 0)
        {
            await SaveAsync();
        }
        else
        {
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
        var pending = S.Tasks.Where(t => t.Status == CaseTaskStatus.Open && t.EscalationCount == 0).Select(t => t.DueAt).DefaultIfEmpty().Min();
        if (pending == default)
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

        var due = pending - clock.GetUtcNow();
        await this.RegisterOrUpdateReminder(DeadlineReminder, due < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : due, ReminderPeriod);
        _reminderKnown = true;
        _reminderDue = pending;
    }

    /// <inheritdoc />
    public async Task<CaseView> RecordScreening(ScreeningAnswers answers, Actor actor, string? consentOverrideReason = null)
    {
        EnsureExists();
        await EnsureNeedToKnowAsync(actor);
        EnsureOpen("RecordScreening");
        RequireAny(actor, Roles.CaseStaff, "record a screening");
        ArgumentNullException.ThrowIfNull(answers);
        var result = ScreeningScorer.Score(answers);
        var settings = await Settings();
        await EnsureConsentAsync(GatedAction.RecordScreening, actor, consentOverrideReason);
        var record = new ScreeningRecord(NextId("s"), clock.GetUtcNow(), actor.Subject, result, [.. answers.Items]);
        S.Screenings.Add(record);
        Record(actor.Subject, "RecordScreening",
            $"{ScreeningScorer.DisplayName(result.Instrument)}: total {result.TotalScore?.ToString() ?? "n/a"}, {result.Band}"
            + (result.SuicidalIdeationFlag ? ", suicidal ideation flagged" : "") + $", suggests {result.SuggestedRiskLevel}");
        var raised = RiskPolicy.Raise(S.RiskLevel, result.SuggestedRiskLevel);
        if (raised > S.RiskLevel)
        {
            ApplyRisk(raised, actor, $"screening {record.Id} ({ScreeningScorer.DisplayName(result.Instrument)})", settings);
        }

        await SaveAsync();
        return ToView(actor);
    }
}
