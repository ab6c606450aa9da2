using CareGrid.Grains.Hosting;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Grains.Audit;

/// <summary>
/// The audit log of one tenant. Holds no grain state: the store is the source of truth, and the last record is
/// read back on activation so the chain continues across restarts.
/// </summary>
[GrainType("audit-log")]
public sealed class AuditLogGrain(IAuditStore store, [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IAuditLogGrain
{
    private long _sequence;
    private string _lastHash = AuditRecord.Genesis;

    private string TenantId => TenantIds.TenantOf(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await store.LastAsync(TenantId) is { } last)
        {
            _sequence = last.Sequence;
            _lastHash = last.Hash;
        }
    }

    /// <inheritdoc />
    public async Task<AuditRecord> Append(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var draft = new AuditRecord(TenantId, _sequence + 1, clock.GetUtcNow(), entry.Actor, entry.Action, entry.EntityType, entry.EntityId,
            [.. entry.Fields], entry.Purpose, entry.CorrelationId, entry.Reason, _lastHash, "", entry.Refusal);
        var record = draft with { Hash = draft.ComputeHash() };
        await store.AppendAsync(record);
        _sequence = record.Sequence;
        _lastHash = record.Hash;
        return record;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditRecord>> AppendMany(IReadOnlyList<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var records = new AuditRecord[entries.Count];
        var sequence = _sequence;
        var lastHash = _lastHash;
        var now = clock.GetUtcNow();
        for (var i = 0; i < records.Length; i++)
        {
            var entry = entries[i] ?? throw new ArgumentException("An entry is missing.", nameof(entries));
            var draft = new AuditRecord(TenantId, ++sequence, now, entry.Actor, entry.Action, entry.EntityType, entry.EntityId,
                [.. entry.Fields], entry.Purpose, entry.CorrelationId, entry.Reason, lastHash, "", entry.Refusal);
            records[i] = draft with { Hash = draft.ComputeHash() };
            lastHash = records[i].Hash;
        }

        try
        {
            await store.AppendManyAsync(records);
        }
        catch
        {
            // Part of the group may be stored: continue the chain from what the store holds.
            if (await store.LastAsync(TenantId) is { } last)
            {
                _sequence = last.Sequence;
                _lastHash = last.Hash;
            }

            throw;
        }

        _sequence = sequence;
        _lastHash = lastHash;
        return records;
    }

    /// <inheritdoc />
    public Task<long> LastSequence() => Task.FromResult(_sequence);
}
