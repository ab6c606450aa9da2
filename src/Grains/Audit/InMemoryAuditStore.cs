using System.Collections.Concurrent;
using CareGrid.Grains.ReadModel;
using CommunityToolkit.HighPerformance.Buffers;

namespace CareGrid.Grains.Audit;

/// <summary>The embedded-mode audit store: per tenant, records by sequence, in this process.</summary>
/// <remarks>
/// Every record is kept for the life of the process, so a stored record shares the values that repeat from record to
/// record instead of holding copies of its own: the tenant id, the actor, action, entity type and purpose (through a
/// bounded <see cref="StringPool"/>) and the list of field names (one read-only list per distinct list, up to
/// <see cref="MaxFieldLists"/> of them). The stored record is equal in every field to the one appended, and hashes alike.
/// </remarks>
public sealed class InMemoryAuditStore : IAuditStore
{
    /// <summary>Most distinct field lists shared; lists past that are stored as they come.</summary>
    public const int MaxFieldLists = 4096;

    private readonly ConcurrentDictionary<string, SortedList<long, AuditRecord>> _tenants = new(StringComparer.Ordinal);
    private readonly StringPool _strings = new(4096);
    private readonly ConcurrentDictionary<IReadOnlyList<string>, IReadOnlyList<string>> _fieldLists = new(FieldListComparer.Instance);

    /// <inheritdoc />
    public ValueTask AppendAsync(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var list = _tenants.GetOrAdd(record.TenantId, static _ => new SortedList<long, AuditRecord>());
        var compact = Compact(record);
        lock (list)
        {
            list.Add(record.Sequence, compact);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The record to keep: <paramref name="record"/> with its repeated values shared with other records.</summary>
    private AuditRecord Compact(AuditRecord record) => record with
    {
        TenantId = _strings.GetOrAdd(record.TenantId),
        Actor = _strings.GetOrAdd(record.Actor),
        Action = _strings.GetOrAdd(record.Action),
        EntityType = _strings.GetOrAdd(record.EntityType),
        Purpose = _strings.GetOrAdd(record.Purpose),
        Fields = SharedFields(record.Fields),
    };

    private IReadOnlyList<string> SharedFields(IReadOnlyList<string> fields)
    {
        if (fields.Count == 0)
        {
            return Array.Empty<string>();
        }

        if (_fieldLists.TryGetValue(fields, out var shared))
        {
            return shared;
        }

        var copy = Array.AsReadOnly(fields.Select(_strings.GetOrAdd).ToArray());
        return _fieldLists.Count < MaxFieldLists ? _fieldLists.GetOrAdd(copy, copy) : copy;
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
                        && (query.From is null || r.At >= query.From) && (query.To is null || r.At < query.To)
                        && (query.CallerTenant is null || r.Refusal?.CallerTenant == query.CallerTenant))
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

    /// <summary>Compares field lists by their names, in order.</summary>
    private sealed class FieldListComparer : IEqualityComparer<IReadOnlyList<string>>
    {
        public static readonly FieldListComparer Instance = new();

        public bool Equals(IReadOnlyList<string>? x, IReadOnlyList<string>? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.SequenceEqual(y, StringComparer.Ordinal));

        public int GetHashCode(IReadOnlyList<string> obj)
        {
            var hash = new HashCode();
            foreach (var field in obj)
            {
                hash.Add(field, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }
}
