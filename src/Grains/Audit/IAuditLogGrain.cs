using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Audit;

/// <summary>
/// A tenant's append-only, hash-chained audit log (DESIGN.md "Security and privacy"). Key:
/// <c>"{tenant}/audit"</c>. Appends are serialized by the grain so that the chain has one order.
/// </summary>
public interface IAuditLogGrain : ITenantScopedGrain
{
    /// <summary>The local id of every tenant's audit log grain.</summary>
    const string LocalId = "audit";

    /// <summary>Appends a record (time from the domain clock), linking it to the previous one; returns it.</summary>
    Task<AuditRecord> Append(AuditEntry entry);

    /// <summary>Reads the whole chain and reports the first record that is missing, out of order, or does not hash as stored.</summary>
    Task<AuditVerification> Verify();
}
