using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Grains.Census;

/// <summary>
/// A census round with the lifecycle <c>Open → Closed</c>. The grain loads its state, reads the units'
/// people from the read side and asks the organization and person grains, applies the command through
/// <see cref="CensusRoundAggregate"/>, and saves.
/// </summary>
[GrainType("census-round")]
public sealed class CensusRoundGrain(
    [PersistentState("censusRound", StorageNames.Default)] IPersistentState<CensusRoundState> state,
    IReadModelStore readModel,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, ICensusRoundGrain
{
    private string TenantId => TenantIds.TenantOf(this.GetPrimaryKeyString());
    private string LocalId => TenantIds.LocalOf(this.GetPrimaryKeyString());

    private CensusRoundAggregate Aggregate() => new(LocalId, state.State, clock.GetUtcNow());

    private IPersonGrain Person(string personId) => GrainFactory.GetRef<IPersonGrain>(TenantIds.Key(TenantId, personId));

    /// <inheritdoc />
    public async Task<CensusProgress> Start(StartCensusRound input, Actor actor)
    {
        var round = Aggregate();
        var fingerprint = CensusRoundAggregate.Fingerprint(input);
        if (round.IsReplayOfStart(input, actor, fingerprint))
        {
            return round.Progress();
        }

        var (name, orgs) = CensusRoundAggregate.CheckStart(input);
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var orgId in orgs)
        {
            await AddExpectedAsync(orgId, expected);
        }

        state.State = round.Started(name, orgs, expected, actor, input.IdempotencyKey, fingerprint);
        await state.CommitAsync();
        await GrainFactory.GetGrain<Jurisdictions.IJurisdictionGrain>(TenantId).Track(Jurisdictions.TrackedKind.CensusRound, LocalId);
        return Aggregate().Progress(await ScopeOf(actor));
    }

    /// <summary>Adds the people of unit <paramref name="orgId"/> (from the read side) to <paramref name="expected"/>, within the round's bounds.</summary>
    private async Task AddExpectedAsync(string orgId, Dictionary<string, string> expected)
    {
        var org = await GrainFactory.GetRef<IOrganizationGrain>(TenantIds.Key(TenantId, orgId)).Get()
            ?? throw CareGridException.NotFound("Organization", orgId);
        if (org.Status == OrganizationStatus.Closed)
        {
            throw CareGridException.Validation("organizationIds", $"The organization '{orgId}' is closed.");
        }

        string? after = null;
        var query = new PersonQuery(OrganizationIds: [orgId], Staff: false);
        while (true)
        {
            var page = await readModel.QueryPeopleAsync(TenantId, query, 100, after);
            foreach (var row in page.Items)
            {
                expected[row.Id] = orgId;
            }

            CensusRoundAggregate.EnsureExpectedFits(expected);
            if (!page.HasNextPage || page.Items.Count == 0)
            {
                return;
            }

            after = page.Items[^1].Id;
        }
    }

    /// <inheritdoc />
    public async Task<CensusProgress> Record(CensusEntry entry, Actor actor)
    {
        var round = Aggregate();
        var note = round.CheckEntry(entry);
        var person = Person(entry.PersonId);
        var info = await person.Get() ?? throw CareGridException.NotFound("Person", entry.PersonId);
        var scope = await ScopeOf(actor);
        CensusAccess.EnsureCovers(scope, info.OrganizationId, entry.PersonId);
        var (record, unit) = round.PrepareRecord(entry, note, info.OrganizationId, actor);
        await person.RecordCensus(record);
        round.ApplyRecord(entry.PersonId, unit, record);
        await state.CommitAsync();
        await GroupCrisis.GroupCrisisFeed.CensusRecordedAsync(GrainFactory, TenantId, unit, entry.PersonId, record); // docs/group-crisis.md
        return round.Progress(scope);
    }

    /// <inheritdoc />
    public async Task<CaseView> OpenCase(string personId, string summary, RiskLevel? riskLevel, Actor actor, string? idempotencyKey = null)
    {
        var round = Aggregate();
        round.EnsureExists();
        var info = await Person(personId).Get() ?? throw CareGridException.NotFound("Person", personId);
        CensusAccess.EnsureCovers(await ScopeOf(actor), info.OrganizationId, personId); // before anything says whether the person was flagged
        var keyOfCaller = round.CheckOpenCase(personId, actor, idempotencyKey);
        var view = await ConcernIntake.ReportAsync(GrainFactory, TenantId,
            new ReportConcern(personId, summary, riskLevel ?? RiskLevel.Low, round.RecordedUnitOf(personId), idempotencyKey,
                Ungraded: riskLevel is null), actor); // no grading: not yet graded, with its GRADE_RISK task (RT19-3; docs/protocol.md "Ungraded reports")
        var person = Person(personId);
        if ((await person.Get())?.Monitoring is not MonitoringLevel.IndividualCase)
        {
            await person.ChangeMonitoring(MonitoringTrigger.OpenIndividualCase, $"case {ReportReceipts.CaseIdOf(view)} opened from census {LocalId}", actor);
        }

        round.ApplyCaseOpened(personId, ReportReceipts.CaseIdOf(view), keyOfCaller);
        await state.CommitAsync();
        return view;
    }

    /// <inheritdoc />
    public async Task<CensusProgress> Close(Actor actor)
    {
        var round = Aggregate();
        round.Close();
        await state.CommitAsync();
        return round.Progress(await ScopeOf(actor));
    }

    /// <inheritdoc />
    public Task<CensusProgress?> GetProgress() => Task.FromResult(state.State.Exists ? Aggregate().Progress() : null);

    /// <inheritdoc />
    public async Task<CensusProgress?> GetProgressFor(Actor viewer) => state.State.Exists ? Aggregate().Progress(await ScopeOf(viewer)) : null;

    /// <summary>The caller's organization scope (one grain call; the whole tenant for the service and a TenantAdmin).</summary>
    private Task<StaffScope> ScopeOf(Actor actor) => StaffScopes.ResolveAsync(GrainFactory, TenantId, actor);

    /// <inheritdoc />
    public Task<CensusCoverage?> GetCoverage() => Task.FromResult(state.State.Exists ? Aggregate().Coverage() : null);

    /// <inheritdoc />
    public async Task Purge()
    {
        await state.ClearStateAsync();
        state.State = new CensusRoundState();
        DeactivateOnIdle();
    }
}
