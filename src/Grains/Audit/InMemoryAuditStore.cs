using System.Collections.Concurrent;
using CareGrid.Grains.ReadModel;
using CommunityToolkit.HighPerformance.Buffers;

namespace CareGrid.Grains.Audit;

/// <summary>The embedded-mode audit store: per tenant, records by sequence, in this process (docs/audit-storage.md).</summary>
/// <remarks>
/// A tenant's records are in blocks of <see cref="SlotsPerBlock"/> slots indexed by sequence, so an append fills a slot
/// (no sorted insert and no copy of one ever-growing array, which past about 10,000 records would live on the large
/// object heap and be copied again each time it doubled) and a page after a cursor starts at the cursor's slot.
/// Every record is kept for the life of the process, so a stored record shares the values that repeat from record to
/// record instead of holding copies of its own: the tenant id, the actor, action, entity type and purpose (through a
/// bounded <see cref="StringPool"/>) and the list of field names (one read-only list per distinct list, up to
/// <see cref="MaxFieldLists"/> of them). The stored record is equal in every field to the one appended, and hashes alike.
/// </remarks>
public sealed class InMemoryAuditStore : IAuditStore
{
    /// <summary>Most distinct field lists shared; lists past that are stored as they come.</summary>
    public const int MaxFieldLists = 4096;

    /// <summary>Records per block of a tenant's log.</summary>
    public const int SlotsPerBlock = 1024;

    private readonly ConcurrentDictionary<string, TenantLog> _tenants = new(StringComparer.Ordinal);
    private readonly StringPool _strings = new(4096);
    private readonly ConcurrentDictionary<IReadOnlyList<string>, IReadOnlyList<string>> _fieldLists = new(FieldListComparer.Instance);

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The sequence is below 1.</exception>
    /// <exception cref="InvalidOperationException">A record with the same tenant and sequence exists.</exception>
    public ValueTask AppendAsync(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Sequence < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(record), "Audit sequences start at 1.");
        }

        var log = _tenants.GetOrAdd(record.TenantId, static _ => new TenantLog());
        var compact = Compact(record);
        lock (log)
        {
            if (!log.TryAdd(compact))
            {
                throw new InvalidOperationException($"The audit log of '{record.TenantId}' already has a record {record.Sequence}.");
            }
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
        if (!_tenants.TryGetValue(tenantId, out var log))
        {
            return ValueTask.FromResult<AuditRecord?>(null);
        }

        lock (log)
        {
            return ValueTask.FromResult(log.Last());
        }
    }

    /// <inheritdoc />
    public ValueTask<Page<AuditRecord>> QueryAsync(string tenantId, AuditQuery query, int first, long? afterSequence)
    {
        ArgumentNullException.ThrowIfNull(query);
        var items = new List<AuditRecord>();
        if (_tenants.TryGetValue(tenantId, out var log))
        {
            lock (log)
            {
                var next = Math.Max(afterSequence ?? 0, 0);
                for (var block = next / SlotsPerBlock; block * SlotsPerBlock < log.Highest; block++)
                {
                    var slots = log.Block(block) ?? [];
                    for (var slot = block == next / SlotsPerBlock ? (int)(next % SlotsPerBlock) : 0; slot < slots.Length; slot++)
                    {
                        if (slots[slot] is { } r && Matches(query, r))
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
        }

        return ValueTask.FromResult(new Page<AuditRecord>(items, false));
    }

    private static bool Matches(AuditQuery query, AuditRecord r) =>
        (query.Actor is null || r.Actor == query.Actor) && (query.Action is null || r.Action == query.Action)
        && (query.EntityType is null || r.EntityType == query.EntityType) && (query.EntityId is null || r.EntityId == query.EntityId)
        && (query.From is null || r.At >= query.From) && (query.To is null || r.At < query.To)
        && (query.CallerTenant is null || r.Refusal?.CallerTenant == query.CallerTenant);

    /// <inheritdoc />
    /// <remarks>Reads a block at a time: each block is copied under the log's lock, then its records are yielded.</remarks>
    public async IAsyncEnumerable<AuditRecord> ReadAllAsync(string tenantId)
    {
        if (!_tenants.TryGetValue(tenantId, out var log))
        {
            yield break;
        }

        for (long block = 0; ; block++)
        {
            AuditRecord?[]? copy;
            lock (log)
            {
                if (block * SlotsPerBlock >= log.Highest)
                {
                    break;
                }

                copy = log.Block(block)?.ToArray();
            }

            foreach (var record in copy ?? [])
            {
                if (record is not null)
                {
                    yield return record;
                }
            }
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
        var log = _tenants[tenantId];
        lock (log)
        {
            log.Set(sequence, change(log.At(sequence) ?? throw new KeyNotFoundException($"No record {sequence}.")));
        }
    }

    /// <summary>One tenant's records in blocks of <see cref="SlotsPerBlock"/> slots; the caller holds the instance's lock.</summary>
    private sealed class TenantLog
    {
        private readonly Dictionary<long, AuditRecord?[]> _blocks = [];

        /// <summary>The highest sequence ever stored (0 when none).</summary>
        public long Highest { get; private set; }

        public AuditRecord?[]? Block(long block) => _blocks.GetValueOrDefault(block);

        public AuditRecord? At(long sequence) => sequence < 1 ? null : Block((sequence - 1) / SlotsPerBlock)?[(sequence - 1) % SlotsPerBlock];

        /// <summary>Stores <paramref name="record"/> unless its slot is taken.</summary>
        public bool TryAdd(AuditRecord record)
        {
            if (At(record.Sequence) is not null)
            {
                return false;
            }

            Set(record.Sequence, record);
            return true;
        }

        public void Set(long sequence, AuditRecord? record)
        {
            var index = (sequence - 1) / SlotsPerBlock;
            if (!_blocks.TryGetValue(index, out var block))
            {
                block = new AuditRecord?[SlotsPerBlock];
                _blocks.Add(index, block);
            }

            block[(sequence - 1) % SlotsPerBlock] = record;
            Highest = Math.Max(Highest, record is null ? 0 : sequence);
        }

        /// <summary>The stored record with the highest sequence, or null.</summary>
        public AuditRecord? Last()
        {
            for (var sequence = Highest; sequence > 0;)
            {
                var index = (sequence - 1) / SlotsPerBlock;
                if (Block(index) is not { } block)
                {
                    sequence = index * SlotsPerBlock;
                    continue;
                }

                if (block[(sequence - 1) % SlotsPerBlock] is { } record)
                {
                    return record;
                }

                sequence--;
            }

            return null;
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
