using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Grains.Aid;

/// <summary>Loads a case's aid requests, checks the case's need-to-know, applies <see cref="CaseAid"/>, saves, counts (docs/aid.md).</summary>
[GrainType("case-aid")]
public sealed class CaseAidGrain(
    [PersistentState("caseAid", StorageNames.Default)] IPersistentState<CaseAidState> state,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, ICaseAidGrain
{
    private string TenantId => TenantIds.TenantOf(this.GetPrimaryKeyString());
    private string LocalId => TenantIds.LocalOf(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public async Task<AidRequest> Propose(string providerOrganizationId, string need, Actor actor)
    {
        var view = await CaseToActAsync(actor);
        CaseAggregateRoles(actor);
        var org = string.IsNullOrWhiteSpace(providerOrganizationId) || !IsLocalId(providerOrganizationId) ? null
            : await GrainFactory.GetRef<IOrganizationGrain>(TenantIds.Key(TenantId, providerOrganizationId)).Get();
        if (org is null)
        {
            throw new CareGridException(ErrorCodes.NotFound, $"No organization '{providerOrganizationId}' in this tenant: name the civil-affairs unit by its organization id (providerOrganizationId).",
                new Dictionary<string, string> { ["field"] = "providerOrganizationId", ["entity"] = "Organization", ["id"] = providerOrganizationId ?? "" });
        }

        if (org.Status == OrganizationStatus.Closed)
        {
            throw CareGridException.Validation("providerOrganizationId", "A closed organization provides no aid; name an open one.");
        }

        var request = new CaseAid(state.State, LocalId, clock.GetUtcNow()).Propose(providerOrganizationId, need, view.Status, actor);
        return await SaveAsync(request);
    }

    /// <inheritdoc />
    public async Task<AidRequest> Send(string aidId, Actor actor)
    {
        var view = await CaseToActAsync(actor);
        var person = await GrainFactory.GetRef<IPersonGrain>(TenantIds.Key(TenantId, view.PersonId)).Get();
        var settings = await GrainFactory.GetRef<ITenantGrain>(TenantId).GetSettings();
        // As it counts today: a guardian's grant stops counting when the person comes of age (PIPL art. 31, docs/consent.md).
        var sharing = person?.EffectiveConsentFor(ConsentPurpose.InformationSharing, settings, clock.GetUtcNow()) ?? ConsentStatus.Pending;
        return await SaveAsync(new CaseAid(state.State, LocalId, clock.GetUtcNow()).Send(aidId, sharing, actor));
    }

    /// <inheritdoc />
    public async Task<AidRequest> Answer(string aidId, bool provided, string? note, Actor actor)
    {
        await CaseToActAsync(actor);
        return await SaveAsync(new CaseAid(state.State, LocalId, clock.GetUtcNow()).Answer(aidId, provided, note, actor));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AidRequest>> List(Actor actor)
    {
        await CaseAsync(actor);
        return [.. state.State.Requests];
    }

    /// <inheritdoc />
    public async Task Purge()
    {
        await state.ClearStateAsync();
        state.State = new CaseAidState();
        DeactivateOnIdle();
    }

    private static void CaseAggregateRoles(Actor actor) => Cases.Domain.CaseAggregate.RequireAny(actor, CaseAid.Roles, "propose material aid");

    private static bool IsLocalId(string id) => id.Length <= 128 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>The case under the viewer's need-to-know (<c>FORBIDDEN</c>), or <c>NOT_FOUND</c>.</summary>
    private async Task<CaseView> CaseAsync(Actor actor) =>
        await GrainFactory.GetRef<ICaseGrain>(this.GetPrimaryKeyString()).Get(actor) ?? throw CareGridException.NotFound("Case", LocalId);

    /// <summary>The case for a change: a break-the-glass grant alone reads, it does not act (<see cref="ICaseGrain.GetToAct"/>; round-27 red team).</summary>
    private Task<CaseView> CaseToActAsync(Actor actor) => GrainFactory.GetRef<ICaseGrain>(this.GetPrimaryKeyString()).GetToAct(actor);

    /// <summary>Saves, then counts the request's new status at its provider (R-1.8 "counted per provider").</summary>
    private async Task<AidRequest> SaveAsync(AidRequest changed)
    {
        await state.CommitAsync();
        await GrainFactory.GetGrain<IAidTallyGrain>(TenantId).Count(changed.ProviderOrganizationId, changed.Status);
        return changed;
    }
}
