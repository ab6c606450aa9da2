using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Orleans.Concurrency;

namespace CareGrid.Grains.Jurisdictions;

/// <summary>
/// The jurisdiction template a tenant runs on (district, town or school). Key: the bare tenant id. A tenant onboarded
/// with a template records it here; one onboarded without uses the catalog's default template of its kind.
/// </summary>
public interface IJurisdictionGrain : ITenantScopedGrain
{
    /// <summary>
    /// Provisions the tenant from a template: creates its fixed organizations (those that exist already are left as they
    /// are), sets its default deadlines and its intake rule (who receives a new concern) in the tenant settings and records the template. <c>TENANT_NOT_FOUND</c> when the
    /// tenant is not onboarded; <c>VALIDATION_FAILED</c> (field <c>template</c>) for an unknown template or one for another
    /// tenant kind; <c>ALREADY_EXISTS</c> when another template was applied. Applying the same template again is a no-op.
    /// </summary>
    Task<JurisdictionInfo> ApplyTemplate(string templateId, Actor actor);

    /// <summary>The tenant's template: the applied one, else the catalog's default for its kind, else null.</summary>
    Task<JurisdictionInfo> Get();

    /// <summary>
    /// Remembers a roster import or census round of the tenant (called when one starts), so that tenant deletion can find
    /// them: neither has a read-side row. Idempotent.
    /// </summary>
    Task Track(TrackedKind kind, string localId);

    /// <summary>
    /// The local ids of the tenant's tracked imports or census rounds (<paramref name="kind"/>), in the order they started:
    /// how the tenant's statistics find its census rounds without a scan (docs/statistics.md "People and census"). Interleaves
    /// (a read of a short list).
    /// </summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<string>> Tracked(TrackedKind kind);

    /// <summary>Erases the tracked imports and census rounds and then this grain's state (tenant deletion after export).</summary>
    Task Purge();
}

/// <summary>Kinds of tenant record the jurisdiction grain tracks for deletion.</summary>
[GenerateSerializer, Alias("CareGrid.TrackedKind")]
public enum TrackedKind
{
    /// <summary>A roster import (<c>IImportGrain</c>).</summary>
    Import = 0,
    /// <summary>A census round (<c>ICensusRoundGrain</c>).</summary>
    CensusRound = 1,
}

/// <summary>The template a tenant runs on.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Template">The template (null when none applies: no catalog template for the tenant's kind).</param>
/// <param name="Applied">True when the template was applied at onboarding (false: the kind's default is used).</param>
/// <param name="AppliedAt">When it was applied (UTC), or null.</param>
/// <param name="AppliedBy">The sub of who applied it, or null.</param>
[GenerateSerializer, Alias("CareGrid.JurisdictionInfo")]
public sealed record JurisdictionInfo(
    [property: Id(0)] string TenantId,
    [property: Id(1)] JurisdictionTemplate? Template,
    [property: Id(2)] bool Applied,
    [property: Id(3)] DateTimeOffset? AppliedAt,
    [property: Id(4)] string? AppliedBy);
