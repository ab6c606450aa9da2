using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Grains.Visits;

/// <summary>A person's visit log and ledger entry (see <see cref="IPersonVisitsGrain"/>): loads, checks, applies the rules, saves, publishes.</summary>
[GrainType("person-visits")]
public sealed class PersonVisitsGrain(
    [PersistentState("personVisits", StorageNames.Default)] IPersistentState<PersonVisitsState> state,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IPersonVisitsGrain
{
    private string TenantId => TenantIds.TenantOf(this.GetPrimaryKeyString());
    private string PersonId => TenantIds.LocalOf(this.GetPrimaryKeyString())["visits/".Length..];

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Heals the unit tallies and the ledger index after a lost update (docs/visits.md); idempotent.
        await PublishAsync(state.State.Visits, mark: true);
        if (state.State.Ledger is { } entry)
        {
            await Index(entry.OrganizationId).Put(entry);
        }
    }

    /// <inheritdoc />
    public async Task<Visit> Log(LogVisit input, Actor actor)
    {
        var person = await VisitAccess.EnsureAsync(GrainFactory, TenantId, PersonId, actor);
        var now = clock.GetUtcNow();
        var today = (await GrainFactory.GetRef<ITenantGrain>(TenantId).GetSettings()).Calendar.LocalDate(now);
        var (visit, added) = VisitRules.Log(state.State, PersonId, person.OrganizationId, input, today, actor.Subject, now, TenantIds.NewLocalId("visit"));
        if (added)
        {
            await state.CommitAsync(); // on a refused write the state is reloaded: nothing half-applied stays (docs/architecture.md)
        }

        await PublishAsync([visit], mark: true);
        return visit;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Visit>> List(Actor actor)
    {
        await VisitAccess.EnsureAsync(GrainFactory, TenantId, PersonId, actor);
        return [.. state.State.Visits.OrderByDescending(v => v.On).ThenByDescending(v => v.LoggedAt)];
    }

    /// <inheritdoc />
    public async Task<SpecialGroupsEntry?> SetSpecialGroups(SetSpecialGroups input, Actor actor)
    {
        var person = await VisitAccess.EnsureAsync(GrainFactory, TenantId, PersonId, actor);
        var now = clock.GetUtcNow();
        var today = (await GrainFactory.GetRef<ITenantGrain>(TenantId).GetSettings()).Calendar.LocalDate(now);
        var entry = SpecialGroupsRules.Entry(person, input, today, actor.Subject, now);
        var before = state.State.Ledger;
        state.State.Ledger = entry;
        await state.CommitAsync();

        if (before is not null && before.OrganizationId != entry?.OrganizationId)
        {
            await Index(before.OrganizationId).Remove(PersonId);
        }

        if (entry is not null)
        {
            await Index(entry.OrganizationId).Put(entry);
        }

        return entry;
    }

    /// <inheritdoc />
    public Task<PersonVisitsState> Snapshot() => Task.FromResult(new PersonVisitsState { Visits = [.. state.State.Visits], Ledger = state.State.Ledger });

    /// <inheritdoc />
    public async Task Purge()
    {
        await PublishAsync(state.State.Visits, mark: false);
        if (state.State.Ledger is { } entry)
        {
            await Index(entry.OrganizationId).Remove(PersonId);
        }

        await state.ClearStateAsync();
        state.State = new PersonVisitsState();
        DeactivateOnIdle();
    }

    /// <summary>Marks (or clears) the days of <paramref name="visits"/> in their units' month tallies.</summary>
    private Task PublishAsync(IEnumerable<Visit> visits, bool mark) =>
        Task.WhenAll(visits.GroupBy(v => (v.OrganizationId, Month: VisitRules.MonthOf(v.On))).Select(g =>
        {
            var tally = GrainFactory.GetRef<IVisitTallyGrain>(IVisitTallyGrain.KeyOf(TenantId, g.Key.OrganizationId, g.Key.Month));
            var days = g.Aggregate(0, (mask, v) => mask | VisitRules.BitOf(v.On));
            return mark ? tally.Mark(PersonId, days) : tally.Unmark(PersonId, days);
        }));

    private ISpecialGroupsIndexGrain Index(string organizationId) =>
        GrainFactory.GetRef<ISpecialGroupsIndexGrain>(ISpecialGroupsIndexGrain.KeyOf(TenantId, organizationId));
}
