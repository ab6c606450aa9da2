using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Aid;

/// <summary>
/// The material-aid requests of one case (R-1.8, R-2.2; docs/aid.md). Key: <c>"{tenant}/{caseId}"</c> (grain type
/// <c>case-aid</c>). Every call applies the case's need-to-know (<c>FORBIDDEN</c>, <c>rule = need-to-know</c>) and answers
/// <c>NOT_FOUND</c> for an unknown case.
/// </summary>
public interface ICaseAidGrain : ITenantScopedGrain
{
    /// <summary>Proposes a request to <paramref name="providerOrganizationId"/> (an organization of the tenant that is not closed; else <c>NOT_FOUND</c> / <c>VALIDATION_FAILED</c> on <c>providerOrganizationId</c>).</summary>
    Task<AidRequest> Propose(string providerOrganizationId, string need, Actor actor);

    /// <summary>Sends a proposed request (needs the person's INFORMATION_SHARING consent, R-1.7).</summary>
    Task<AidRequest> Send(string aidId, Actor actor);

    /// <summary>Records the provider's answer: provided or declined.</summary>
    Task<AidRequest> Answer(string aidId, bool provided, string? note, Actor actor);

    /// <summary>The case's requests, oldest first.</summary>
    Task<IReadOnlyList<AidRequest>> List(Actor actor);

    /// <summary>Erases the requests (tenant deletion after export).</summary>
    Task Purge();
}

/// <summary>
/// The tenant's aid counts per provider (R-1.8 "counted per provider"; docs/aid.md). Key: the tenant id (grain type
/// <c>aid-tally</c>); one entry per provider organization, so it is bounded by the tenant's organizations.
/// </summary>
public interface IAidTallyGrain : ITenantScopedGrain
{
    /// <summary>Counts one request moved to <paramref name="status"/> at <paramref name="providerOrganizationId"/>.</summary>
    Task Count(string providerOrganizationId, AidStatus status);

    /// <summary>Every provider's counts, by provider id.</summary>
    Task<IReadOnlyList<AidProviderCounts>> Providers();

    /// <summary>Erases the counts (tenant deletion after export).</summary>
    Task Purge();
}
