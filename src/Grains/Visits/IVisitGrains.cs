using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Orleans.Concurrency;

namespace CareGrid.Grains.Visits;

/// <summary>
/// One person's visit log and special-groups ledger entry (R-6.2, R-7.3, R-2.2, R-7.2; docs/visits.md). Key:
/// <c>"{tenant}/visits/{personId}"</c>. The source of truth: the unit tallies (<see cref="IVisitTallyGrain"/>) and the unit
/// ledger index (<see cref="ISpecialGroupsIndexGrain"/>) are kept from it and healed from it when it activates.
/// </summary>
public interface IPersonVisitsGrain : ITenantScopedGrain
{
    /// <summary>The grain key of <paramref name="personId"/>'s log in <paramref name="tenantId"/>.</summary>
    static string KeyOf(string tenantId, string personId) => TenantIds.Key(tenantId, "visits/" + personId);

    /// <summary>
    /// Logs a visit by <paramref name="actor"/> (<see cref="VisitRules.Log"/>) on the person's current unit, then marks its day in
    /// that unit's month tally. <c>NOT_FOUND</c> (person); <c>FORBIDDEN</c> (<c>rule</c> <c>need-to-know</c>) unless the actor's
    /// organization scope covers the person's unit; <c>VALIDATION_FAILED</c>, <c>ALREADY_EXISTS</c>, <c>VISIT_LOG_FULL</c>.
    /// </summary>
    Task<Visit> Log(LogVisit input, Actor actor);

    /// <summary>The visits, newest day first, for <paramref name="actor"/> (<c>NOT_FOUND</c>, <c>FORBIDDEN</c> as <see cref="Log"/>).</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<Visit>> List(Actor actor);

    /// <summary>
    /// Sets (or with no groups, removes) the person's special-groups ledger entry (<see cref="SpecialGroupsRules.Entry"/>) and
    /// lists it in the person's current unit. Errors as <see cref="Log"/>, and <c>VALIDATION_FAILED</c> on the entry.
    /// </summary>
    Task<SpecialGroupsEntry?> SetSpecialGroups(SetSpecialGroups input, Actor actor);

    /// <summary>The stored visits and ledger entry, unchecked: for the service itself (health checks, recounts, purge).</summary>
    [AlwaysInterleave]
    Task<PersonVisitsState> Snapshot();

    /// <summary>Erases the log and the entry, and what they put into the unit tallies and the ledger index (tenant deletion).</summary>
    Task Purge();
}

/// <summary>
/// One unit's visit tally for one month: per person, the days they were visited while in the unit (docs/visits.md). Key:
/// <c>"{tenant}/visit-tally/{organizationId}/{yyyy-MM}"</c>; bounded by the unit's people (one 32-bit mask each).
/// </summary>
public interface IVisitTallyGrain : ITenantScopedGrain
{
    /// <summary>The grain key of <paramref name="organizationId"/>'s tally for <paramref name="month"/> (<c>yyyy-MM</c>).</summary>
    static string KeyOf(string tenantId, string organizationId, string month) => TenantIds.Key(tenantId, $"visit-tally/{organizationId}/{month}");

    /// <summary>Sets the day bits <paramref name="days"/> of <paramref name="personId"/> (bitwise or; idempotent).</summary>
    Task Mark(string personId, int days);

    /// <summary>Clears the day bits <paramref name="days"/> of <paramref name="personId"/> (purge).</summary>
    Task Unmark(string personId, int days);

    /// <summary>The day masks by person id.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyDictionary<string, int>> Days();
}

/// <summary>
/// One unit's special-groups ledger index: the entries set while their people were in the unit. Key:
/// <c>"{tenant}/special-groups/{organizationId}"</c>; bounded by the unit's people.
/// </summary>
public interface ISpecialGroupsIndexGrain : ITenantScopedGrain
{
    /// <summary>The grain key of <paramref name="organizationId"/>'s index.</summary>
    static string KeyOf(string tenantId, string organizationId) => TenantIds.Key(tenantId, "special-groups/" + organizationId);

    /// <summary>Adds or replaces the entry of its person.</summary>
    Task Put(SpecialGroupsEntry entry);

    /// <summary>Removes the entry of <paramref name="personId"/> (a no-op when none).</summary>
    Task Remove(string personId);

    /// <summary>The entries, by person id order.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<SpecialGroupsEntry>> Entries();
}
