using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Grains.Activities;

/// <summary>
/// A unit's activity plan and hazard ledger (<see cref="IActivityPlanGrain"/>, R-7.1, R-7.6): loads, checks the owner's
/// membership, applies the aggregates, saves, and registers the unit with the tenant's <see cref="IActivityRegistryGrain"/>.
/// </summary>
[GrainType("activity-plan")]
public sealed class ActivityPlanGrain(
    [PersistentState("activityPlan", StorageNames.Default)] IPersistentState<ActivityPlanState> state,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IActivityPlanGrain
{
    private string TenantId => TenantIds.TenantOf(this.GetPrimaryKeyString());
    private string OrganizationId => TenantIds.LocalOf(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public async Task<IReadOnlyList<ActivityView>> Activities()
    {
        var today = await TodayAsync();
        return [.. state.State.Activities.Select(a => View(a, today))];
    }

    /// <inheritdoc />
    public async Task<ActivityView> AddActivity(NewActivity activity, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var checkedActivity = activity.Check();
        await EnsureMemberAsync(checkedActivity.Owner);
        var added = new ActivityPlanAggregate(state.State, clock.GetUtcNow()).Add(checkedActivity, actor);
        await SaveAsync();
        return View(added, await TodayAsync());
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ActivityView>> AddFromTemplate(string templateId, string prefix, DateOnly startsOn, string owner, Actor actor)
    {
        var template = ActivityPlanTemplates.Get(templateId);
        var activities = ActivityPlanTemplates.Activities(template, prefix, startsOn, owner).Select(a => a.Check()).ToList();
        await EnsureMemberAsync(activities[0].Owner);
        var added = new ActivityPlanAggregate(state.State, clock.GetUtcNow()).AddAll(activities, actor);
        await SaveAsync();
        var today = await TodayAsync();
        return [.. added.Select(a => View(a, today))];
    }

    /// <inheritdoc />
    public async Task<ActivityView> SetActivityStatus(string activityId, ActivityStatus status, Actor actor)
    {
        var changed = new ActivityPlanAggregate(state.State, clock.GetUtcNow()).SetStatus(activityId, status, actor);
        await SaveAsync();
        return View(changed, await TodayAsync());
    }

    /// <inheritdoc />
    public async Task<ActivityView> AddEvidence(string activityId, string note, Actor actor)
    {
        var changed = new ActivityPlanAggregate(state.State, clock.GetUtcNow()).AddEvidence(activityId, note, actor);
        await SaveAsync();
        return View(changed, await TodayAsync());
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HazardView>> Hazards()
    {
        var today = await TodayAsync();
        return [.. state.State.Hazards.Select(h => View(h, today))];
    }

    /// <inheritdoc />
    public async Task<HazardView> RecordHazard(NewHazard hazard, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(hazard);
        var checkedHazard = hazard.Check();
        await EnsureMemberAsync(checkedHazard.Owner);
        var added = new HazardLedgerAggregate(state.State, clock.GetUtcNow()).Record(checkedHazard, actor);
        await SaveAsync();
        return View(added, await TodayAsync());
    }

    /// <inheritdoc />
    public async Task<HazardView> MarkHazardFixed(string hazardId, string? note, Actor actor)
    {
        var changed = new HazardLedgerAggregate(state.State, clock.GetUtcNow()).MarkFixed(hazardId, note, actor);
        await SaveAsync();
        return View(changed, await TodayAsync());
    }

    /// <inheritdoc />
    public Task<UnitActivityCounts> Counts(DateOnly today)
    {
        var s = state.State;
        return Task.FromResult(new UnitActivityCounts(OrganizationId,
            s.Activities.Count,
            s.Activities.Count(a => a.Status is ActivityStatus.Planned or ActivityStatus.InProgress),
            s.Activities.Count(a => ActivityPlanAggregate.IsOverdue(a, today)),
            s.Hazards.Count,
            s.Hazards.Count(h => h.FixedAt is null),
            s.Hazards.Count(h => HazardLedgerAggregate.IsOverdue(h, today))));
    }

    /// <inheritdoc />
    public async Task Purge()
    {
        await state.ClearStateAsync();
        state.State = new ActivityPlanState();
        DeactivateOnIdle();
    }

    /// <summary>Saves; on the first save registers the unit with the tenant's registry (statistics, deletion).</summary>
    private async Task SaveAsync()
    {
        await state.CommitAsync();
        await GrainFactory.GetGrain<IActivityRegistryGrain>(TenantId).Track(OrganizationId);
    }

    /// <summary>
    /// Refuses an owner who is no staff member whose units cover this unit (<see cref="StaffAssignee"/>, docs/access.md
    /// "Naming a staff member"): <c>VALIDATION_FAILED</c> on <c>input.owner</c> (for a template's <c>owner</c> too, as before), rule <c>staff-member</c>.
    /// </summary>
    private Task EnsureMemberAsync(string owner) => StaffAssignee.EnsureAsync(GrainFactory, TenantId, owner, "input.owner", OrganizationId);

    private async Task<DateOnly> TodayAsync()
    {
        var settings = await GrainFactory.GetGrain<ITenantGrain>(TenantId).GetSettings();
        return settings.Calendar.LocalDate(clock.GetUtcNow());
    }

    private ActivityView View(ActivityEntry a, DateOnly today) => new(OrganizationId, a, ActivityPlanAggregate.IsOverdue(a, today));

    private HazardView View(HazardEntry h, DateOnly today) => new(OrganizationId, h, HazardLedgerAggregate.IsOverdue(h, today));
}
