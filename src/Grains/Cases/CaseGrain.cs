using CareGrid.Grains.Errors;
using CareGrid.Grains.History;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Grains.Validation;
using Microsoft.Extensions.DependencyInjection;
using Stateless;

namespace CareGrid.Grains.Cases;

/// <summary>Persisted state of a <see cref="CaseGrain"/>.</summary>
[GenerateSerializer, Alias("CareGrid.CaseState")]
public sealed class CaseState
{
    /// <summary>False until reported.</summary>
    [Id(0)] public bool Exists { get; set; }
    /// <summary>Person local id.</summary>
    [Id(1)] public string PersonId { get; set; } = "";
    /// <summary>Responsible organization local id.</summary>
    [Id(2)] public string? OrganizationId { get; set; }
    /// <summary>Status.</summary>
    [Id(3)] public CaseStatus Status { get; set; }
    /// <summary>Risk level.</summary>
    [Id(4)] public RiskLevel RiskLevel { get; set; }
    /// <summary>Escalation level 1–3 .</summary>
    [Id(5)] public int EscalationLevel { get; set; } = 1;
    /// <summary>Owner: the <c>sub</c> of the assigned staff member, or a queue (<see cref="CaseQueues"/>).</summary>
    [Id(6)] public string? AssigneeId { get; set; }
    /// <summary>What was reported (sensitive).</summary>
    [Id(7)] public string Summary { get; set; } = "";
    /// <summary>The reporter's <c>sub</c>.</summary>
    [Id(8)] public string ReportedBy { get; set; } = "";
    /// <summary>When reported (UTC).</summary>
    [Id(9)] public DateTimeOffset ReportedAt { get; set; }
    /// <summary>Last change (UTC).</summary>
    [Id(10)] public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Every accepted transition and event, oldest first.</summary>
    [Id(11)] public List<TimelineEntry> Timeline { get; set; } = [];
    /// <summary>Deadline tasks.</summary>
    [Id(12)] public List<CaseTask> Tasks { get; set; } = [];
    /// <summary>Screenings.</summary>
    [Id(13)] public List<ScreeningRecord> Screenings { get; set; } = [];
    /// <summary>Contacts.</summary>
    [Id(14)] public List<ContactLog> Contacts { get; set; } = [];
    /// <summary>Referrals.</summary>
    [Id(15)] public List<Referral> Referrals { get; set; } = [];
    /// <summary>Notices sent up the chain.</summary>
    [Id(16)] public List<CaseNotification> Notifications { get; set; } = [];
    /// <summary>When risk last rose to High or Imminent (UTC).</summary>
    [Id(17)] public DateTimeOffset? HighRiskSince { get; set; }
    /// <summary>When a level-3 professional last reassessed the risk (UTC).</summary>
    [Id(18)] public DateTimeOffset? Level3ReassessedAt { get; set; }
    /// <summary>When professional intervention started (UTC).</summary>
    [Id(19)] public DateTimeOffset? InterventionStartedAt { get; set; }
    /// <summary>Follow-up visit interval, hours.</summary>
    [Id(20)] public int VisitEveryHours { get; set; } = 336;
    /// <summary>Sequence for task, screening and referral ids.</summary>
    [Id(21)] public int Sequence { get; set; }
    /// <summary>Keyed writes remembered for retries (docs/idempotency.md; bounded by <see cref="Idempotency.RememberedWrites"/>).</summary>
    [Id(40)] public List<Idempotency.RememberedWrite>? RememberedWrites { get; set; }
    /// <summary>Subjects of reporters whose concerns joined this case after the first (a record only: it opens nothing to them).</summary>
    [Id(41)] public List<string>? Reporters { get; set; }
    /// <summary>
    /// How many entries of each history were moved to the case history store (docs/storage.md); the lists above hold only
    /// the entries after these. An old-shape state (histories inside) reads as all zero and is archived on activation.
    /// </summary>
    [Id(42)] public CaseHistoryMarks Archived { get; set; } = new();
}

/// <summary>
/// A case: <c>Reported → Triage → Active → (Referred) → FollowUp → Closed</c>, <c>Closed → Triage</c> on reopen,
/// with the high-risk protocol of, deadline tasks checked by an Orleans reminder, screenings, contacts and
/// referrals. Every accepted change is on the timeline; a refused one changes nothing (state is reloaded from
/// storage when a write fails).
/// </summary>
/// <remarks>
/// The state (name <c>case</c> in <see cref="StorageNames.Default"/>, as <c>[PersistentState]</c> would store it) is read
/// before the first call of an activation runs (<see cref="Invoke"/>), except before <see cref="Report"/>: a report opens
/// a case under a fresh id, so its first write is insert-only instead of read-then-write — if the id was taken after
/// all, storage refuses the insert and the report answers <c>ALREADY_EXISTS</c>, changing nothing.
/// </remarks>
[GrainType("case")]
public sealed partial class CaseGrain(
    IGrainContext grainContext,
    IReadModelStore readModel,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, ICaseGrain, IRemindable, IIncomingGrainCallFilter
{
    private readonly OnDemandPersistentState<CaseState> state =
        new("case", grainContext.GrainId, StorageNames.Default, grainContext.ActivationServices);

    /// <summary>True once this activation knows the reminder's registration; <see cref="_reminderDue"/> is then what it registered (null: none).</summary>
    private bool? _reminderKnown;

    private DateTimeOffset? _reminderDue;

    /// <summary>The rows this activation last wrote to the read side (so unchanged rows are not written again).</summary>
    private CaseRow? _publishedCase;

    /// <summary>The task rows this activation last wrote, by task id; created with the case's first task (most cases have none).</summary>
    private Dictionary<string, TaskRow>? _publishedTasks;

    private string TenantId => TenantIds.TenantOf(this.GetPrimaryKeyString());
    private string LocalId => TenantIds.LocalOf(this.GetPrimaryKeyString());
    private CaseState S => state.State;

    /// <summary>Reads the state before the first call of this activation (but <see cref="Report"/>) runs, then escalates what fell due meanwhile.</summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (!state.IsLoaded && context.ImplementationMethod.Name != nameof(Report))
        {
            await LoadAsync();
            await EscalateOverdueOnActivationAsync(context.ImplementationMethod.Name);
        }

        if (_consent is null && state.IsLoaded && S.Exists && context.ImplementationMethod.ReturnType == typeof(Task<CaseView>))
        {
            await RefreshConsentAsync(); // once per activation, for availableActions (the gate itself reads consent live)
        }

        if (await ReplayKeyedCallAsync(context))
        {
            return;
        }

        try
        {
            await context.Invoke();
        }
        finally
        {
            _pendingKey = null;
        }
    }

    /// <summary>Reads the state and, when the case exists, writes its read-side rows (so a lost update heals).</summary>
    private async Task LoadAsync()
    {
        await state.ReadStateAsync();
        _reminderKnown = null;
        _reminderDue = null;
        _publishedCase = null;
        _publishedTasks?.Clear();
        await MigrateHistoryAsync();
        if (S.Exists)
        {
            await PublishAsync();
        }
    }

    /// <inheritdoc />
    public async Task<CaseView> Report(ReportConcern input, Actor actor)
    {
        if (!state.IsLoaded && (input.IdempotencyKey is not null || input.Routing == ConcernRouting.Joins))
        {
            await LoadAsync();
        }

        if (S.Exists)
        {
            return await ReportToExistingAsync(input, actor);
        }

        RequireAny(actor, Roles.CanReport, "report a concern");
        var summary = input.Summary?.Trim() ?? "";
        if (summary.Length is 0 or > 4000)
        {
            throw CareGridException.Validation("summary", "A concern's summary is 1–4000 characters.");
        }

        StoredText.Ensure(summary, "summary", multiline: true);

        if (!Enum.IsDefined(input.RiskLevel))
        {
            throw CareGridException.Validation("riskLevel", "Unknown risk level.");
        }

        if (string.IsNullOrWhiteSpace(input.PersonId))
        {
            throw CareGridException.Validation("personId", "A concern names the person concerned.");
        }

        var person = await Person(input.PersonId).Get() ?? throw CareGridException.NotFound("Person", input.PersonId);
        var organizationId = string.IsNullOrWhiteSpace(input.OrganizationId) ? person.OrganizationId : input.OrganizationId;
        var org = await GrainFactory.GetRef<IOrganizationGrain>(TenantIds.Key(TenantId, organizationId)).Get()
            ?? throw CareGridException.NotFound("Organization", organizationId);
        if (org.Status == OrganizationStatus.Closed)
        {
            throw CareGridException.Validation("organizationId", "A closed organization takes no new cases.");
        }

        var settings = await Settings();
        _consent = ConsentSnapshot.Of(person);
        var now = clock.GetUtcNow();
        var fresh = !state.IsLoaded;
        var created = state.State = new CaseState
        {
            Exists = true,
            PersonId = input.PersonId,
            OrganizationId = organizationId,
            Status = CaseStatus.Reported,
            RiskLevel = RiskLevel.Low,
            EscalationLevel = 1,
            Summary = summary,
            ReportedBy = actor.Subject,
            ReportedAt = now,
            UpdatedAt = now,
            VisitEveryHours = settings.VisitEveryHours(RiskLevel.Low),
        };
        Record(actor.Subject, "Report", null);
        RecordOpening(input, actor);
        _reminderKnown = true; // a case that did not exist has no reminder
        _reminderDue = null;
        if (input.RiskLevel > RiskLevel.Low)
        {
            ApplyRisk(input.RiskLevel, actor, "initial grading by the reporter", settings);
        }

        try
        {
            await SaveAsync();
        }
        catch (Exception ex) when (fresh && !ReferenceEquals(state.State, created))
        {
            // The insert-only write was refused (the state was read back) or failed: forget what this activation
            // assumed, so the next call reads the state again.
            state.Unload();
            _reminderKnown = null;
            _reminderDue = null;
            if (ex is CareGridException { Code: ErrorCodes.ConflictRetry } && S.Exists)
            {
                await LoadAsync();
                return await ReportToExistingAsync(input, actor);
            }

            throw;
        }

        return ToView(actor).WithReportOutcome(ReportOutcome.OpenedNewCase);
    }

    /// <inheritdoc />
    public async Task<CaseView?> Get(Actor viewer)
    {
        if (!S.Exists)
        {
            return null;
        }

        await EnsureNeedToKnowAsync(viewer);
        return ToView(viewer);
    }

    /// <inheritdoc />
    public async Task<bool> HasNeedToKnow(Actor viewer) => S.Exists && await NeedToKnowAsync(viewer);

    /// <inheritdoc />
    public async Task<CaseView> Escalate(int level, string reason, Actor actor)
    {
        EnsureExists();
        await EnsureNeedToKnowAsync(actor);
        EnsureOpen("Escalate");
        RequireAny(actor, Roles.CaseStaff, "escalate");
        var why = OptionalText(reason, "reason") ?? throw CareGridException.Validation("reason", "Escalating needs a reason.");
        if (level is < 1 or > 3 || level <= S.EscalationLevel)
        {
            throw CareGridException.Validation("level", $"Escalation goes up: from level {S.EscalationLevel} to a level up to 3.");
        }

        Record(actor.Subject, "Escalate", $"level {S.EscalationLevel} → {level}: {why}");
        S.EscalationLevel = level;
        if (S.AssigneeId is null or CaseQueues.Level1 or CaseQueues.Level2)
        {
            S.AssigneeId = CaseQueues.ForLevel(level);
        }

        S.Notifications.Add(new CaseNotification(clock.GetUtcNow(), CaseQueues.ForLevel(level), $"Escalated to level {level}: {why}"));
        await SaveAsync();
        return ToView(actor);
    }

    /// <summary>
    /// Need-to-know (docs/architecture.md "Security and privacy"), decided by <see cref="NeedToKnowPolicy.ForCase"/>: the reporter,
    /// the assignee, holders of the queue that owns the case or one of its open tasks, the escalation chain above level 1
    /// (Coordinators from level 2, Counsellors and Clinicians at level 3), and anyone holding an unexpired break-the-glass grant.
    /// </summary>
    private async Task<bool> NeedToKnowAsync(Actor viewer)
    {
        var facts = new CaseAccessFacts(S.ReportedBy, S.AssigneeId, S.EscalationLevel,
            [.. S.Tasks.Where(t => t.Status == CaseTaskStatus.Open).Select(t => t.OwnerId)]);
        if (NeedToKnowPolicy.ForCase(viewer, facts) != NeedToKnowPath.None)
        {
            return true;
        }

        // The grant is looked up only when nothing else opens the case (it is a call to another grain).
        var granted = await GrainFactory.GetRef<IAccessGrantsGrain>(IAccessGrantsGrain.KeyOf(TenantId, "Case", LocalId)).IsGranted(viewer.Subject);
        return NeedToKnowPolicy.ForCase(viewer, facts with { HoldsGrant = granted }) != NeedToKnowPath.None;
    }

    private async Task EnsureNeedToKnowAsync(Actor actor)
    {
        if (!await NeedToKnowAsync(actor))
        {
            throw NeedToKnowPolicy.CaseRefused(LocalId);
        }
    }

    /// <inheritdoc />
    public async Task<CaseView> Fire(CaseTrigger trigger, CaseCommand command, Actor actor)
    {
        EnsureExists();
        await EnsureNeedToKnowAsync(actor);
        if (trigger is CaseTrigger.Refer or CaseTrigger.ReferralDeclined)
        {
            throw CareGridException.Validation("trigger", $"{trigger} is fired by the referral mutations (sendReferral, declineReferral).");
        }

        EnsurePermitted(trigger);
        RequireAny(actor, RolesFor(trigger), ActionName(trigger));
        var reason = OptionalText(command.Reason, "reason");
        if (trigger is CaseTrigger.Close or CaseTrigger.Reopen && reason is null)
        {
            throw CareGridException.Validation("reason", $"{trigger} needs a reason.");
        }

        var assignee = S.AssigneeId;
        if (trigger == CaseTrigger.Activate)
        {
            assignee = string.IsNullOrWhiteSpace(command.AssigneeId) ? assignee : command.AssigneeId.Trim();
            if (assignee is null)
            {
                throw CareGridException.Validation("assigneeId", "Activating a case needs an assignee.");
            }

            if (assignee.Length > 200)
            {
                throw CareGridException.Validation("assigneeId", "An assignee id is at most 200 characters.");
            }
        }

        if (trigger == CaseTrigger.Close)
        {
            EnsureMayClose(actor);
        }

        if (trigger == CaseTrigger.StartIntervention)
        {
            await EnsureInterventionConsentAsync(command, actor);
            if (assignee is null || assignee.StartsWith("queue:", StringComparison.Ordinal))
            {
                assignee = actor.Subject;
            }
        }

        var from = S.Status;
        BuildMachine().Fire(trigger);
        S.AssigneeId = assignee;
        S.UpdatedAt = clock.GetUtcNow();
        Record(actor.Subject, trigger.ToString(), reason, from);
        if (trigger == CaseTrigger.StartIntervention)
        {
            S.InterventionStartedAt ??= S.UpdatedAt;
            CompleteOpenTasks(CaseTaskKind.ProfessionalCrisisIntervention, actor, "professional intervention started");
        }

        if (trigger == CaseTrigger.Close)
        {
            CancelOpenTasks(actor, "case closed: " + reason);
        }

        await SaveAsync();
        if (trigger == CaseTrigger.Reopen)
        {
            await RefreshConsentAsync(); // a closed case is not told of consent changes
        }

        await SyncPersonOpenCaseAsync(trigger);
        return ToView(actor);
    }

    /// <inheritdoc />
    public async Task<CaseView> AssessRisk(RiskLevel level, string reason, Actor actor)
    {
        EnsureExists();
        await EnsureNeedToKnowAsync(actor);
        EnsureOpen(CaseGrain.AssessRiskAction);
        RequireAny(actor, Roles.CaseStaff, "assess risk");
        if (!Enum.IsDefined(level))
        {
            throw CareGridException.Validation("riskLevel", "Unknown risk level.");
        }

        var why = OptionalText(reason, "reason") ?? throw CareGridException.Validation("reason", "A risk assessment needs a reason.");
        var isLevel3 = actor.HasAny(Roles.Level3);
        if (level < S.RiskLevel && !isLevel3)
        {
            throw new CareGridException(ErrorCodes.Forbidden,
                "Only a level-3 professional (Counsellor or Clinician) may lower a risk level; screening scores and other roles only raise it (R-4.3).");
        }

        var settings = await Settings();
        if (isLevel3)
        {
            S.Level3ReassessedAt = clock.GetUtcNow();
            Record(actor.Subject, "Reassess", $"level-3 reassessment: {level}: {why}");
        }

        ApplyRisk(level, actor, why, settings);
        await SaveAsync();
        return ToView(actor);
    }

    /// <summary>
    /// The lifecycle machine over <see cref="S"/>. Built per use on purpose: a Stateless machine holds a few kilobytes
    /// of configuration, which kept in each of 100,000 active case grains would cost far more memory than building
    /// one takes time (see the CaseTransition micro-benchmark).
    /// </summary>
    private StateMachine<CaseStatus, CaseTrigger> BuildMachine() =>
        CaseStateMachine.Build(() => S.Status, s => S.Status = s, () => S.InterventionStartedAt is null, () => OpenReferral is null);

    private void EnsurePermitted(CaseTrigger trigger)
    {
        if (!CaseStateMachine.Permits(S.Status, S.InterventionStartedAt is null, OpenReferral is null, trigger))
        {
            throw Transitions.Invalid(S.Status, trigger, BuildMachine().Permitted());
        }
    }

    private void EnsureOpen(string action)
    {
        if (S.Status == CaseStatus.Closed)
        {
            throw Transitions.Invalid(S.Status, action, BuildMachine().Permitted().Select(t => t.ToString()));
        }
    }

    private static IReadOnlyList<string> RolesFor(CaseTrigger trigger) => trigger switch
    {
        CaseTrigger.StartIntervention => Roles.Level3,
        _ => Roles.CaseStaff,
    };

    private static string ActionName(CaseTrigger trigger) => trigger.ToString();

    private static void RequireAny(Actor actor, IReadOnlyList<string> roles, string what)
    {
        if (!actor.HasAny(roles))
        {
            throw new CareGridException(ErrorCodes.Forbidden, $"Your roles do not allow you to {what} on this case.",
                new Dictionary<string, string> { ["requiredRoles"] = string.Join(",", roles) });
        }
    }

    /// <summary>A High/Imminent case closes only by level 3 and only after a level-3 reassessment since risk rose (docs/architecture.md, R-4.3).</summary>
    private void EnsureMayClose(Actor actor)
    {
        if (S.RiskLevel < RiskLevel.High)
        {
            return;
        }

        if (!actor.HasAny(Roles.Level3))
        {
            throw new CareGridException(ErrorCodes.Forbidden,
                "Only a level-3 professional (Counsellor or Clinician) may close a High or Imminent case (R-4.3).");
        }

        if (!ReassessedSinceHighRisk)
        {
            throw new CareGridException(ErrorCodes.ReassessmentRequired,
                "A High or Imminent case closes only after a level-3 reassessment (assessRisk by a Counsellor or Clinician).");
        }
    }

    private bool ReassessedSinceHighRisk => S.Level3ReassessedAt is { } r && (S.HighRiskSince is null || r >= S.HighRiskSince);

    /// <summary>Professional intervention needs ProfessionalIntervention consent unless risk is Imminent and a duty-of-care reason is written (<see cref="ConsentGate"/>).</summary>
    private Task EnsureInterventionConsentAsync(CaseCommand command, Actor actor) =>
        EnsureConsentAsync(GatedAction.StartIntervention, actor, command.ConsentOverrideReason);

    private IPersonGrain Person(string personId) => GrainFactory.GetRef<IPersonGrain>(TenantIds.Key(TenantId, personId));

    private Task<TenantSettings> Settings() => GrainFactory.GetRef<ITenantGrain>(TenantId).GetSettings();

    private static string? OptionalText(string? text, string field)
    {
        var trimmed = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (trimmed is { Length: > 4000 })
        {
            throw CareGridException.Validation(field, $"{field} is at most 4000 characters.");
        }

        StoredText.Ensure(trimmed, field, multiline: true);
        return trimmed;
    }

    private void Record(string actor, string action, string? reason, CaseStatus? from = null) =>
        S.Timeline.Add(new TimelineEntry(clock.GetUtcNow(), actor, action, from ?? S.Status, S.Status, reason));

    private string NextId(string prefix) => $"{prefix}{++S.Sequence}";

    private async Task SaveAsync()
    {
        S.UpdatedAt = clock.GetUtcNow();
        RememberPendingKey();
        await ArchiveHistoryAsync();
        await state.CommitAsync();
        await PublishAsync();
        await SyncReminderAsync();
    }

    /// <summary>
    /// Upserts the case row and its task rows. On activation every row is written (a lost update heals); after that
    /// only rows that differ from what this activation last wrote successfully.
    /// </summary>
    private async Task PublishAsync()
    {
        var row = ToRow();
        if (row != _publishedCase)
        {
            await readModel.UpsertCaseAsync(row);
            _publishedCase = row;
        }

        foreach (var task in S.Tasks.Concat(TakeArchivedTasks()))
        {
            var taskRow = new TaskRow(TenantId, $"{LocalId}:{task.Id}", LocalId, task.Kind, task.OwnerId, task.Status, task.DueAt, task.EscalationCount, task.CreatedAt);
            _publishedTasks ??= new Dictionary<string, TaskRow>(StringComparer.Ordinal);
            if (!_publishedTasks.TryGetValue(task.Id, out var published) || published != taskRow)
            {
                await readModel.UpsertTaskAsync(taskRow);
                _publishedTasks[task.Id] = taskRow;
            }
        }
    }

    private void EnsureExists()
    {
        if (!S.Exists)
        {
            throw CareGridException.NotFound("Case", LocalId);
        }
    }

    private CaseRow ToRow() => new(TenantId, LocalId, S.PersonId, S.OrganizationId, S.Status,
        S.RiskLevel, S.EscalationLevel, S.AssigneeId, S.ReportedAt, S.UpdatedAt);

    /// <summary>
    /// The view of the case. Its lists are the hot windows (complete for a short case; <see cref="CaseView.Counts"/>
    /// tells), or the complete histories in <paramref name="full"/> (see <see cref="GetComplete"/>).
    /// </summary>
    private CaseView ToView(Actor viewer, IReadOnlyDictionary<CaseHistoryKind, List<object>>? full = null) => new()
    {
        TenantId = TenantId,
        Id = LocalId,
        PersonId = S.PersonId,
        OrganizationId = S.OrganizationId,
        Status = S.Status,
        RiskLevel = S.RiskLevel,
        EscalationLevel = S.EscalationLevel,
        AssigneeId = S.AssigneeId,
        Summary = S.Summary,
        ReportedBy = S.ReportedBy,
        ReportedAt = S.ReportedAt,
        UpdatedAt = S.UpdatedAt,
        Timeline = full is null ? [.. S.Timeline] : [.. full[CaseHistoryKind.Timeline].Cast<TimelineEntry>()],
        AvailableActions = AvailableActions(viewer),
        Tasks = full is null ? [.. S.Tasks] : [.. full[CaseHistoryKind.Tasks].Cast<CaseTask>()],
        Screenings = full is null ? [.. S.Screenings] : [.. full[CaseHistoryKind.Screenings].Cast<ScreeningRecord>()],
        Contacts = full is null ? [.. S.Contacts] : [.. full[CaseHistoryKind.Contacts].Cast<ContactLog>()],
        Referrals = full is null ? [.. S.Referrals] : [.. full[CaseHistoryKind.Referrals].Cast<Referral>()],
        Notifications = full is null ? [.. S.Notifications] : [.. full[CaseHistoryKind.Notifications].Cast<CaseNotification>()],
        VisitEveryHours = S.VisitEveryHours,
        NextVisitDue = (S.Contacts.Count > 0 ? S.Contacts[^1].At : S.ReportedAt).AddHours(S.VisitEveryHours),
        InterventionStartedAt = S.InterventionStartedAt,
        Level3ReassessedAt = S.Level3ReassessedAt,
        Counts = Counts(),
    };
}
