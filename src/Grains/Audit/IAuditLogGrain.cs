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

    /// <summary>Reads the whole chain and reports the first record that is missing, out of order, or does not hash as stored.</summary>
    Task<AuditVerification> Verify();
}
