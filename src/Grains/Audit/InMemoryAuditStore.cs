using System.Collections.Concurrent;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.Audit;

/// <summary>The embedded-mode audit store: per tenant, records by sequence, in this process.</summary>
public sealed class InMemoryAuditStore : IAuditStore
{
    private readonly ConcurrentDictionary<string, SortedList<long, AuditRecord>> _tenants = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask AppendAsync(AuditRecord record)
    {
        var list = _tenants.GetOrAdd(record.TenantId, static _ => new SortedList<long, AuditRecord>());
        lock (list)
        {
            list.Add(record.Sequence, record);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<AuditRecord?> LastAsync(string tenantId)
    {
        if (!_tenants.TryGetValue(tenantId, out var list))
        {
            return ValueTask.FromResult<AuditRecord?>(null);
        }

        lock (list)
        {
            return ValueTask.FromResult(list.Count == 0 ? null : list.Values[^1]);
        }
    }

    /// <inheritdoc />
    public ValueTask<Page<AuditRecord>> QueryAsync(string tenantId, AuditQuery query, int first, long? afterSequence)
    {
        var items = new List<AuditRecord>();
        if (_tenants.TryGetValue(tenantId, out var list))
        {
            lock (list)
            {
                var start = 0;
                if (afterSequence is { } after)
                {
                    // Binary search for the first key greater than 'after'.
                    int lo = 0, hi = list.Count;
                    while (lo < hi)
                    {
                        var mid = (lo + hi) / 2;
                        if (list.Keys[mid] <= after) { lo = mid + 1; } else { hi = mid; }
                    }

                    start = lo;
                }

                for (var i = start; i < list.Count; i++)
                {
                    var r = list.Values[i];
                    if ((query.Actor is null || r.Actor == query.Actor) && (query.Action is null || r.Action == query.Action)
                        && (query.EntityType is null || r.EntityType == query.EntityType) && (query.EntityId is null || r.EntityId == query.EntityId)
                        && (query.From is null || r.At >= query.From) && (query.To is null || r.At < query.To))
                    {
                        if (items.Count == first)
                        {
                            return ValueTask.FromResult(new Page<AuditRecord>(items, true));
                        }

                        items.Add(r);
                    }
                }
            }
        }

        return ValueTask.FromResult(new Page<AuditRecord>(items, false));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AuditRecord> ReadAllAsync(string tenantId)
    {
        AuditRecord[] snapshot;
        if (!_tenants.TryGetValue(tenantId, out var list))
        {
            yield break;
        }

        lock (list)
        {
            snapshot = [.. list.Values];
        }

        foreach (var record in snapshot)
        {
            yield return record;
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask PurgeTenantAsync(string tenantId)
    {
        _tenants.TryRemove(tenantId, out _);
        return ValueTask.CompletedTask;
    }

    /// <summary>Test hook that simulates tampering with storage: replaces or removes a stored record behind the chain's back.</summary>
    internal void Tamper(string tenantId, long sequence, Func<AuditRecord, AuditRecord?> change)
    {
        var list = _tenants[tenantId];
        lock (list)
        {
            var replacement = change(list[sequence]);
            if (replacement is null)
            {
                list.Remove(sequence);
            }
            else
            {
                list[sequence] = replacement;
            }
        }
    }
}
