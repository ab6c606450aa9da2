using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Staff;

/// <summary>
/// One <c>reassignWork</c> (docs/staff-changes.md). Key: <c>"{tenant}/{id}"</c>; for a keyed request the id is derived from
/// (tenant, caller, key) (<see cref="Idempotency.IdempotencyKey.DeriveId"/>), so a retry reaches the same grain, which
/// remembers the request and its answer for 24 hours (<see cref="Idempotency.RememberedWrites.Window"/>).
/// </summary>
public interface IWorkReassignmentGrain : ITenantScopedGrain
{
    /// <summary>
    /// Moves the departing member's open work (<see cref="WorkReassignment"/>) and answers what moved. With
    /// <paramref name="idempotencyKey"/>: a retry with the same request answers the first answer without moving anything
    /// twice (a first attempt cut short is finished); another request with the key is <c>IDEMPOTENCY_KEY_REUSED</c>.
    /// </summary>
    Task<WorkReassignmentResult> Run(ReassignWorkRequest request, string? idempotencyKey, Actor actor);
}
