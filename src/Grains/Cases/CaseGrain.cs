using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Statistics;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Grains.Cases;

/// <summary>
/// A case: <c>Reported → Triage → Active → (Referred) → FollowUp → Closed</c>, <c>Closed → Triage</c> on reopen,
/// with the high-risk protocol of, deadline tasks checked by an Orleans reminder, screenings, contacts and
/// referrals. Every accepted change is on the timeline; a refused one changes nothing (state is reloaded from
/// storage when a write fails).
/// </summary>
/// <remarks>
/// The state (name <c>case</c> in <see cref="StorageNames.Default"/>, as <c>[PersistentState]</c> would store it) is read
/// before the first call of an activation runs (<see cref="Invoke"/>), except before <see cref="Report"/> and
/// <see cref="ReportForIntake"/>: a report opens
/// a case under a fresh id, so its first write is insert-only instead of read-then-write — if the id was taken after
/// all, storage refuses the insert and the report answers <c>ALREADY_EXISTS</c>, changing nothing.
/// </remarks>
[GrainType("case")]
public sealed partial class CaseGrain(
    IGrainContext grainContext,
    IReadModelStore readModel,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
    SiloLookupCache lookups) : Grain, ICaseGrain, IRemindable, IIncomingGrainCallFilter
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

    /// <summary>Reads the state before the first call of this activation (but <see cref="Report"/>, <see cref="ReportForIntake"/>) runs, then escalates what fell due meanwhile.</summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (!state.IsLoaded && context.ImplementationMethod.Name is not (nameof(Report) or nameof(ReportForIntake)))
        {
            await LoadAsync();
            await EscalateOverdueOnActivationAsync(context.ImplementationMethod.Name);
        }

        if (state.IsLoaded && S.Exists && context.ImplementationMethod.ReturnType is var returns
            && (returns == typeof(Task<CaseView>) || returns == typeof(Task<TakenConcern>)))
        {
            if (await ConsentStaleAsync())
            {
                await RefreshConsentAsync(); // once per activation, on a minor's coming of age and on new consent settings, for nextActions (the gate reads consent live)
            }

            // a closed case's unit, for nextActions' reopenCase (RT17-2); not when reopening takes it to its person's new unit
            _unitClosed = await UnitClosedAsync() && await UnitThePersonMovedToAsync() is null;
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
        ResetEvents();
        _reminderKnown = null;
        _reminderDue = null;
        _publishedCase = null;
        _publishedTasks?.Clear();
        if (S.Exists && S.Facts is null)
        {
            // A case stored before it kept facts: best effort from its hot state, before any of it is archived (docs/statistics.md "Timeliness").
            S.Facts = Statistics.CaseFactsBackfill.From(S, (await Settings()).Calendar.TimeZoneId);
        }

        await MigrateHistoryAsync();
        if (S.Exists)
        {
            await PublishAsync();
            await DeliverEventsAsync(); // what a crash may have kept from the sinks (docs/events.md)
        }
    }

    /// <inheritdoc />
    public async Task<CaseView> Report(ReportConcern input, Actor actor)
    {
        var taken = await ReportForIntake(input, actor);
        if (taken.Signal is { } signal && !taken.FollowedUp)
        {
            await GroupCrisis.GroupCrisisFeed.SignalAsync(GrainFactory, TenantId, signal); // docs/group-crisis.md
        }

        return taken.View;
    }

    /// <inheritdoc />
    public async Task<TakenConcern> ReportForIntake(ReportConcern input, Actor actor)
    {
        if (!state.IsLoaded && (input.IdempotencyKey is not null || input.Routing == ConcernRouting.Joins))
        {
            await LoadAsync();
        }

        if (S.Exists)
        {
            return await ReportToExistingAsync(input, actor);
        }

        var summary = CaseAggregate.CheckReport(input, actor);
        var person = await Person(input.PersonId).Get() ?? throw CareGridException.NotFound("Person", input.PersonId);
        // A closed unit takes no new case: the nearest open unit above it does (RT17-6, docs/teams.md "Closing a unit").
        var organizationId = await OpenUnitForIntakeAsync(string.IsNullOrWhiteSpace(input.OrganizationId) ? person.OrganizationId : input.OrganizationId);

        var settings = await Settings();
        _consent = ConsentSnapshot.Of(person, settings, clock.GetUtcNow());
        _consentBasis = ConsentBasis(settings);
        var fresh = !state.IsLoaded;
        var opened = CaseAggregate.Open(input.PersonId, organizationId, summary, actor, settings, clock.GetUtcNow());
        var created = state.State = opened.State;
        created.StoppedDeadlines = input.StoppedDeadlines is { Count: > 0 } stopped ? [.. stopped] : null; // a new report buys no time
        var receipt = await RecordOpeningAsync(input, actor);
        _reminderKnown = true; // a case that did not exist has no reminder
        _reminderDue = null;
        if (input.Ungraded)
        {
            opened.FlagCrisisWords(CrisisWords.Find(input.Summary), null, actor); // first: its GRADE_RISK task is the hour's one
            opened.MarkUngraded(); // no grading given: a professional grades it first (docs/protocol.md "Ungraded reports")
        }
        else
        {
            opened.ViewerScope = await ProtocolScopeAsync(input.RiskLevel, actor); // RT17-7: an owner only within their units
            opened.RaiseRisk(input.RiskLevel, actor, CaseAggregate.ReporterGradingReason, firstGrading: true);
            opened.FlagCrisisWords(CrisisWords.Find(input.Summary), input.RiskLevel, actor, input.GradedByReporter(actor)); // docs/protocol.md "Crisis words"
        }

        return await SaveOpenedAsync(input, actor, created, fresh, receipt);
    }

    /// <summary>
    /// Stores a case <see cref="Report"/> just opened and answers the case, or a receipt when <paramref name="receipt"/>
    /// (<see cref="RecordOpeningAsync"/>: as a joining report would be answered, RT17-7). When the insert-only write of a
    /// fresh activation is refused (the id was taken after all), forgets what this activation assumed; a case that exists by
    /// now answers as a report to it.
    /// </summary>
    private async Task<TakenConcern> SaveOpenedAsync(ReportConcern input, Actor actor, CaseState created, bool fresh, bool receipt)
    {
        var followUps = IntakeFollowUps(input, actor, receipt, ReportOutcome.OpenedNewCase);
        try
        {
            await SaveAsync(alongside: null, during: followUps);
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

        Telemetry.CareGridMetrics.ConcernReported(joined: false); // docs/observability.md
        var answer = receipt ? Concerns().Receipt(TenantId, actor) : ToView(actor);
        return new TakenConcern(answer.WithReportOutcome(ReportOutcome.OpenedNewCase), ConcernSignal(), FollowedUp: followUps is not null); // docs/group-crisis.md
    }

    /// <inheritdoc />
    public async Task<CaseView?> Get(Actor viewer)
    {
        if (!S.Exists)
        {
            var missing = await MissingCaseAsync(viewer); // F12: refused as a case outside need-to-know
            return missing.Code == ErrorCodes.NotFound ? null : throw missing;
        }

        return ToView(viewer, readOnly: await EnsureVisibleReadOnlyAsync(viewer));
    }

    /// <inheritdoc />
    public async Task<CaseView> GetToAct(Actor actor)
    {
        await EnsureMayActAsync(actor);
        return ToView(actor);
    }

    /// <inheritdoc />
    public async Task<bool> HasNeedToKnow(Actor viewer) => S.Exists && await NeedToKnowAsync(viewer);

    /// <inheritdoc />
    public async Task<bool> OpensPersonTo(Actor viewer) => S.Exists && (await DecideNeedToKnowAsync(viewer, NeedToKnowPolicy.ForPersonThroughCase)).Open;

    /// <inheritdoc />
    public async Task<bool> OpensPersonToChange(Actor viewer) => S.Exists && (await DecideChangeAsync(viewer, NeedToKnowPolicy.ForPersonThroughCase)).MayChange;

    /// <inheritdoc />
    public async Task<CaseView> Escalate(int level, string reason, Actor actor)
    {
        await EnsureMayActAsync(actor);
        Case().Escalate(level, reason, actor);
        await SaveAsync();
        return ToView(actor);
    }

    /// <summary>
    /// Need-to-know (docs/architecture.md "Security and privacy"), decided by <see cref="NeedToKnowPolicy.ForCase"/>: the reporter,
    /// the assignee, holders of the queue that owns the case or one of its open tasks, the escalation chain above level 1
    /// (Coordinators from level 2, Counsellors and Clinicians at level 3) when the case's unit is in their scope
    /// (<see cref="StaffScopes"/>, docs/access.md), and anyone holding an unexpired break-the-glass grant.
    /// </summary>
    private async Task<bool> NeedToKnowAsync(Actor viewer) => (await DecideNeedToKnowAsync(viewer)).Open;

    /// <inheritdoc />
    public async Task<CaseView> Fire(CaseTrigger trigger, CaseCommand command, Actor actor)
    {
        await EnsureMayActAsync(actor);
        var aggregate = Case();
        aggregate.NamedAssignee = await NamedAssigneeAsync(trigger, command, actor);
        var personUnit = trigger == CaseTrigger.Reopen ? await UnitThePersonMovedToAsync() : null;
        // a closed unit takes no reopened case (RT17-2) — unless it goes to the unit its person moved to
        aggregate.UnitClosed = trigger == CaseTrigger.Reopen && personUnit is null && await UnitClosedAsync();
        var transition = aggregate.PrepareTransition(trigger, command, actor);
        if (transition.Gate is { } gate)
        {
            // Professional intervention needs ProfessionalIntervention consent unless risk is Imminent and a
            // duty-of-care reason is written (ConsentGate).
            await EnsureConsentAsync(gate, actor, command.ConsentOverrideReason);
        }

        // Reopening a High/Imminent case runs the protocol again: its deadline tasks need the tenant's deadlines.
        Case(trigger == CaseTrigger.Reopen ? await Settings() : null).Fire(transition);
        if (personUnit is not null)
        {
            Case().FollowPersonToUnit(personUnit, actor.Subject); // reopened where its person is now (round 23 red team)
        }

        await SaveAsync();
        if (trigger == CaseTrigger.Reopen)
        {
            await RefreshConsentAsync(); // a closed case is not told of consent changes
        }

        await SyncPersonOpenCaseAsync(trigger, actor);
        return ToView(actor);
    }

    /// <inheritdoc />
    public async Task<CaseView> AssessRisk(RiskLevel level, string reason, Actor actor)
    {
        await EnsureMayActAsync(actor);
        var settings = await Settings();
        Case(settings).AssessRisk(level, reason, actor);
        await SaveAsync();
        return ToView(actor);
    }

    /// <summary>The case aggregate over the loaded state at the domain clock's now; <paramref name="settings"/> where the command grades risk or creates protocol tasks.</summary>
    private CaseAggregate Case(TenantSettings? settings = null) => new(S, settings, clock.GetUtcNow());

    private IPersonGrain Person(string personId) => GrainFactory.GetRef<IPersonGrain>(TenantIds.Key(TenantId, personId));

    private Task<TenantSettings> Settings() => GrainFactory.GetRef<ITenantGrain>(TenantId).GetSettings();

    private Task SaveAsync() => SaveAsync(alongside: null);

    /// <summary>
    /// Stores the state (with its events and any archived history), then — once it is stored — delivers the events and
    /// upserts the read-side rows, keeps the deadline reminder in step, and runs <paramref name="alongside"/>, all three
    /// concurrently: they are independent writes that each need the stored state, so a command waits for one round trip
    /// after the state write instead of one per write (#18, docs/storage-requests.md). A failure surfaces as awaiting them
    /// one after another would have surfaced it (events and rows, then the reminder, then <paramref name="alongside"/>,
    /// then <paramref name="during"/>); one that failed does not stop the others, so a failed row upsert no longer leaves
    /// the reminder unregistered. When the state write fails, its error is the one thrown, after <paramref name="during"/>
    /// has ended.
    /// </summary>
    /// <param name="alongside">Work that may start only once the state is stored (a screening's score trajectory), or null.</param>
    /// <param name="during">Work started together with the state write (a report's receipt, the earlier case's note and the
    /// group-crisis signal: <see cref="IntakeFollowUps"/>), or null: writes to other grains that stay true, or become true on a
    /// retry, should this state write fail.</param>
    private async Task SaveAsync(Func<Task>? alongside, Func<Task>? during = null)
    {
        S.UpdatedAt = clock.GetUtcNow();
        RememberPendingKey();
        RaiseEvents(); // stored with the change (docs/events.md)
        var concurrent = Task.CompletedTask;
        try
        {
            concurrent = during?.Invoke() ?? Task.CompletedTask;
            await ArchiveHistoryAsync();
            await state.CommitAsync();
        }
        catch
        {
            EventsStored(saved: false);
            await concurrent.ContinueWith(static _ => { }, TaskScheduler.Current); // ended, its own error left for the state write's
            throw;
        }

        EventsStored(saved: true);
        await ConcernIntake.AwaitInOrderAsync(DeliverAndPublishAsync(), SyncReminderAsync(), alongside?.Invoke() ?? Task.CompletedTask, concurrent);
    }

    /// <summary>The stored events to their sinks, then the read-side rows (in that order, docs/events.md "Delivery").</summary>
    private async Task DeliverAndPublishAsync()
    {
        await DeliverEventsAsync();
        await PublishAsync();
    }

    /// <summary>
    /// Upserts the case row and its task rows. On activation every row is written (a lost update heals); after that
    /// only rows that differ from what this activation last wrote successfully.
    /// </summary>
    private async Task PublishAsync()
    {
        var row = ToRow();
        CaseRow? changedCase = null;
        if (row != _publishedCase)
        {
            await readModel.UpsertCaseAsync(row);
            _publishedCase = changedCase = row;
        }

        List<TaskRow>? changedTasks = null;
        foreach (var task in S.Tasks.Concat(TakeArchivedTasks()))
        {
            _publishedTasks ??= new Dictionary<string, TaskRow>(StringComparer.Ordinal);
            _publishedTasks.TryGetValue(task.Id, out var published);
            // An open task carries the case's current risk and level (the overdue board, docs/statistics.md); a finished one keeps what it was written with.
            var current = task.Status == CaseTaskStatus.Open || published is null;
            var taskRow = new TaskRow(TenantId, $"{LocalId}:{task.Id}", LocalId, task.Kind, task.OwnerId, task.Status, task.DueAt, task.EscalationCount, task.CreatedAt)
            {
                OrganizationId = S.OrganizationId,
                CompletedAt = task.Status == CaseTaskStatus.Done ? task.ClosedAt : null,
                RiskLevel = current ? S.RiskLevel : published!.RiskLevel,
                EscalationLevel = current ? S.EscalationLevel : published!.EscalationLevel,
                RiskUngraded = current ? S.RiskUngraded : published!.RiskUngraded,
                EscalatedFromId = task.OriginalOwnerId,
            };
            if (published is null || published != taskRow)
            {
                await readModel.UpsertTaskAsync(taskRow);
                _publishedTasks[task.Id] = taskRow;
                (changedTasks ??= []).Add(taskRow);
            }
        }

        if (changedCase is not null || changedTasks is not null)
        {
            // The tenant's statistics follow every row written (docs/statistics.md); replace semantics make a repeat harmless.
            await GrainFactory.GetGrain<ITenantStatisticsGrain>(TenantId).Apply(new StatisticsFeed(changedCase, changedTasks ?? [], null));
        }
    }

    private void EnsureExists()
    {
        if (!S.Exists)
        {
            throw CareGridException.NotFound("Case", LocalId);
        }
    }
}
