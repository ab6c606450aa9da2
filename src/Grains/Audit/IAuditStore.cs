using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.Audit;

/// <summary>
/// Where audit records live, partitioned by tenant and ordered by sequence. Append-only: there is no update or
/// delete; the hash chain makes any change made behind the store's back detectable.
/// </summary>
public interface IAuditStore
{
    /// <summary>Appends a record. Throws when a record with the same tenant and sequence exists.</summary>
    ValueTask AppendAsync(AuditRecord record);

    /// <summary>
    /// Appends consecutive records of one tenant, in order (a group commit). A store may write them in fewer round trips
    /// than one per record; when it fails part-way, a prefix of the records may have been written.
    /// </summary>
    async ValueTask AppendManyAsync(IReadOnlyList<AuditRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            await AppendAsync(record);
        }
    }

    /// <summary>The record with the highest sequence of a tenant, or null.</summary>
    ValueTask<AuditRecord?> LastAsync(string tenantId);

    /// <summary>Records matching <paramref name="query"/>, by sequence, after <paramref name="afterSequence"/> (exclusive).</summary>
    ValueTask<Page<AuditRecord>> QueryAsync(string tenantId, AuditQuery query, int first, long? afterSequence);

    /// <summary>Every record of a tenant in sequence order (for verification and export).</summary>
    IAsyncEnumerable<AuditRecord> ReadAllAsync(string tenantId);

    /// <summary>Removes a deleted tenant's records (after its offboarding export); the platform log keeps the deletion.</summary>
    ValueTask PurgeTenantAsync(string tenantId);
}
