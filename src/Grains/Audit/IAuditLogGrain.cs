using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Audit;

/// <summary>
/// A tenant's append-only, hash-chained audit log (docs/architecture.md "Security and privacy"). Key:
/// <c>"{tenant}/audit"</c>. Appends are serialized by the grain so that the chain has one order.
/// </summary>
public interface IAuditLogGrain : ITenantScopedGrain
{
    /// <summary>The local id of every tenant's audit log grain.</summary>
    const string LocalId = "audit";

    /// <summary>Appends a record (time from the domain clock), linking it to the previous one; returns it.</summary>
    Task<AuditRecord> Append(AuditEntry entry);

    /// <summary>
    /// Appends several records in the given order, each linked to the one before, in one call (group commit); returns
    /// them in the same order. When the store refuses one, the ones before it stay appended and the call fails.
    /// </summary>
    Task<IReadOnlyList<AuditRecord>> AppendMany(IReadOnlyList<AuditEntry> entries);

    /// <summary>
    /// The sequence of the last record appended (0 for an empty log): the point up to which
    /// <see cref="IAuditVerifierGrain.Verify"/> checks the chain. The chain itself is never read here, so checking it never
    /// holds up an append (round 18 red team RT18-3).
    /// </summary>
    Task<long> LastSequence();
}
