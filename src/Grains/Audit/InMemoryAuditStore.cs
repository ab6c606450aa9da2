using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CareGrid.Grains.ReadModel;
using CommunityToolkit.HighPerformance.Buffers;

namespace CareGrid.Grains.Audit;

/// <summary>The embedded-mode audit store: per tenant, records by sequence, in this process (docs/audit-storage.md).</summary>
/// <remarks>
/// A tenant's records are in blocks of <see cref="SlotsPerBlock"/> slots indexed by sequence, so an append fills a slot
/// (no sorted insert and no copy of one ever-growing array, which past about 10,000 records would live on the large
/// object heap and be copied again each time it doubled) and a page after a cursor starts at the cursor's slot.
/// Every record is kept for the life of the process, so a stored record shares the values that repeat from record to
/// record instead of holding copies of its own: the actor, action, entity type, entity id and purpose (through a
/// bounded <see cref="StringPool"/>) and the list of field names (one read-only list per distinct list, up to
/// <see cref="MaxFieldLists"/> of them); the entity id of a case, person or unit is the id string the in-process read side
/// keeps for that row (<see cref="IKeptRows.KeptId"/>), when the store is given one. A record is kept in a compact form (<see cref="StoredRecord"/>: the tenant and
/// sequence are the log's and the slot's, the hashes their 32 bytes) and read back as an <see cref="AuditRecord"/>
/// equal in every value to the one appended, which hashes alike.
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
    private readonly IKeptRows? _rows;

    /// <summary>A store that keeps its own copy of every entity id (tests, tools).</summary>
    public InMemoryAuditStore()
    {
    }

    /// <summary>
    /// A store whose records share the entity id strings of <paramref name="readModel"/>'s rows when it keeps them in this
    /// process (<see cref="IKeptRows"/>, the embedded default; docs/memory.md), instead of holding a copy per record.
    /// </summary>
    /// <param name="readModel">The silo's read side; any other than an <see cref="IKeptRows"/> is not used.</param>
    public InMemoryAuditStore(IReadModelStore readModel) => _rows = readModel as IKeptRows;

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

        var log = _tenants.GetOrAdd(record.TenantId, static (tenantId, strings) => new TenantLog(strings.GetOrAdd(tenantId)), _strings);
        var compact = Compact(record, log.TenantId, record.Sequence);
        lock (log)
        {
            if (!log.TryAdd(record.Sequence, compact))
            {
                throw new InvalidOperationException($"The audit log of '{record.TenantId}' already has a record {record.Sequence}.");
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The form to keep of <paramref name="record"/> at <paramref name="sequence"/> of <paramref name="tenantId"/>'s log, its repeated values shared with other records.</summary>
    private StoredRecord Compact(AuditRecord record, string tenantId, long sequence) => new(record, tenantId, sequence,
        _strings.GetOrAdd(record.Actor), _strings.GetOrAdd(record.Action), _strings.GetOrAdd(record.EntityType), EntityIdOf(record.EntityType, record.EntityId, tenantId),
        SharedFields(record.Fields), _strings.GetOrAdd(record.Purpose));

    /// <summary>The entity id to keep: the read side's string for a row it keeps, else a pooled one (unit and tenant ids repeat).</summary>
    private string EntityIdOf(string entityType, string entityId, string tenantId) =>
        _rows?.KeptId(tenantId, entityType, entityId) ?? _strings.GetOrAdd(entityId);

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
            return ValueTask.FromResult(log.Last() is var (sequence, last) && last is not null ? last.ToRecord(log.TenantId, sequence) : null);
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

                            items.Add(r.ToRecord(log.TenantId, block * SlotsPerBlock + slot + 1));
                        }
                    }
                }
            }
        }

        return ValueTask.FromResult(new Page<AuditRecord>(items, false));
    }

    private static bool Matches(AuditQuery query, StoredRecord r) =>
        (query.Actor is null || r.Actor == query.Actor) && (query.Action is null || r.Action == query.Action)
        && (query.EntityType is null || r.EntityType == query.EntityType) && (query.EntityId is null || r.EntityId == query.EntityId)
        && (query.From is null || r.UtcTicks >= query.From.Value.UtcTicks) && (query.To is null || r.UtcTicks < query.To.Value.UtcTicks)
        && (query.CallerTenant is null || r.Refusal?.CallerTenant == query.CallerTenant);

    /// <inheritdoc />
    /// <remarks>Reads a block at a time: each block is copied under the log's lock, then its records are read back and yielded.</remarks>
    public async IAsyncEnumerable<AuditRecord> ReadAllAsync(string tenantId)
    {
        if (!_tenants.TryGetValue(tenantId, out var log))
        {
            yield break;
        }

        for (long block = 0; ; block++)
        {
            StoredRecord?[]? copy;
            lock (log)
            {
                if (block * SlotsPerBlock >= log.Highest)
                {
                    break;
                }

                copy = log.Block(block)?.ToArray();
            }

            for (var slot = 0; slot < (copy?.Length ?? 0); slot++)
            {
                if (copy![slot] is { } record)
                {
                    yield return record.ToRecord(log.TenantId, block * SlotsPerBlock + slot + 1);
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
            var changed = change(log.At(sequence)?.ToRecord(log.TenantId, sequence) ?? throw new KeyNotFoundException($"No record {sequence}."));
            log.Set(sequence, changed is null ? null : Compact(changed, log.TenantId, sequence));
        }
    }

    /// <summary>One tenant's records in blocks of <see cref="SlotsPerBlock"/> slots; the caller holds the instance's lock.</summary>
    private sealed class TenantLog(string tenantId)
    {
        private readonly Dictionary<long, StoredRecord?[]> _blocks = [];

        /// <summary>The tenant whose log this is.</summary>
        public string TenantId { get; } = tenantId;

        /// <summary>The highest sequence ever stored (0 when none).</summary>
        public long Highest { get; private set; }

        public StoredRecord?[]? Block(long block) => _blocks.GetValueOrDefault(block);

        public StoredRecord? At(long sequence) => sequence < 1 ? null : Block((sequence - 1) / SlotsPerBlock)?[(sequence - 1) % SlotsPerBlock];

        /// <summary>Stores <paramref name="record"/> at <paramref name="sequence"/> unless the slot is taken.</summary>
        public bool TryAdd(long sequence, StoredRecord record)
        {
            if (At(sequence) is not null)
            {
                return false;
            }

            Set(sequence, record);
            return true;
        }

        public void Set(long sequence, StoredRecord? record)
        {
            var index = (sequence - 1) / SlotsPerBlock;
            if (!_blocks.TryGetValue(index, out var block))
            {
                block = new StoredRecord?[SlotsPerBlock];
                _blocks.Add(index, block);
            }

            block[(sequence - 1) % SlotsPerBlock] = record;
            Highest = Math.Max(Highest, record is null ? 0 : sequence);
        }

        /// <summary>The stored record with the highest sequence and its slot's sequence, or (0, null).</summary>
        public (long Sequence, StoredRecord? Record) Last()
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
                    return (sequence, record);
                }

                sequence--;
            }

            return (0, null);
        }
    }

    /// <summary>
    /// A record as kept in memory (docs/audit-storage.md "Embedded default"): the tenant and sequence are the log's
    /// and the slot's, the time is UTC ticks, and both hashes are their 32 bytes instead of 64-character strings (a
    /// 150-byte string each once the previous record's hash is no longer held as a string). Anything that does not fit
    /// that form — a reason, refusal facts, a non-UTC offset, a hash that is not 64 lowercase hex digits, a tenant or
    /// sequence that differs from the slot (only a tampered record) — is kept as given in <see cref="Extras"/>,
    /// so <see cref="ToRecord"/> returns a record equal in every value to the one stored.
    /// </summary>
    private sealed class StoredRecord
    {
        private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

        private readonly string _actor;
        private readonly string _action;
        private readonly string _entityType;
        private readonly string _entityId;
        private readonly IReadOnlyList<string> _fields;
        private readonly string _purpose;
        private readonly string _correlationId;
        private readonly Extras? _extras;
        private readonly long _utcTicks;
        private Digest _hash;
        private Digest _previousHash;

        public StoredRecord(AuditRecord record, string tenantId, long sequence, string actor, string action, string entityType, string entityId,
            IReadOnlyList<string> fields, string purpose)
        {
            _actor = actor;
            _action = action;
            _entityType = entityType;
            _entityId = entityId;
            _fields = fields;
            _purpose = purpose;
            _correlationId = record.CorrelationId;
            _utcTicks = record.At.UtcTicks;
            var hashText = Pack(record.Hash, ref _hash) ? null : record.Hash;
            var previousText = Pack(record.PreviousHash, ref _previousHash) ? null : record.PreviousHash;
            var offset = record.At.Offset;
            if (record.Reason is not null || record.Refusal is not null || offset != TimeSpan.Zero || hashText is not null || previousText is not null
                || !string.Equals(record.TenantId, tenantId, StringComparison.Ordinal) || record.Sequence != sequence)
            {
                _extras = new Extras(record.Reason, record.Refusal, offset, hashText, previousText, record.TenantId, record.Sequence);
            }
        }

        public string Actor => _actor;

        public string Action => _action;

        public string EntityType => _entityType;

        public string EntityId => _entityId;

        public long UtcTicks => _utcTicks;

        public AuditRefusal? Refusal => _extras?.Refusal;

        /// <summary>The record as appended, in the log of <paramref name="tenantId"/> at <paramref name="sequence"/>.</summary>
        public AuditRecord ToRecord(string tenantId, long sequence) => new(
            _extras?.TenantId ?? tenantId,
            _extras?.Sequence ?? sequence,
            new DateTimeOffset(_utcTicks, TimeSpan.Zero).ToOffset(_extras?.Offset ?? TimeSpan.Zero),
            _actor, _action, _entityType, _entityId, _fields, _purpose, _correlationId, _extras?.Reason,
            _extras?.PreviousHash ?? Convert.ToHexStringLower(_previousHash),
            _extras?.Hash ?? Convert.ToHexStringLower(_hash),
            _extras?.Refusal);

        /// <summary>Reads a hash in the form <see cref="AuditRecord.ComputeHash"/> writes into <paramref name="digest"/>; false for any other text.</summary>
        private static bool Pack(string hash, ref Digest digest) =>
            hash.Length == 2 * DigestBytes && !hash.AsSpan().ContainsAnyExcept(LowerHex)
            && Convert.FromHexString(hash, digest, out _, out var written) == OperationStatus.Done && written == DigestBytes;

        /// <summary>The values most records do not have, kept as given.</summary>
        private sealed record Extras(string? Reason, AuditRefusal? Refusal, TimeSpan Offset, string? Hash, string? PreviousHash, string TenantId, long Sequence);
    }

    private const int DigestBytes = 32;

    /// <summary>The 32 bytes of a SHA-256, inline.</summary>
    [InlineArray(DigestBytes)]
    private struct Digest
    {
        private byte _element;
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
