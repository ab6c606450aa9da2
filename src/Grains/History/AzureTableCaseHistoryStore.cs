using System.Buffers;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CareGrid.Grains.ReadModel;
using Orleans.Serialization;

namespace CareGrid.Grains.History;

/// <summary>
/// The durable case history store on Azure Table Storage (Azurite locally): table <c>{prefix}CaseHistory</c> (prefix
/// <see cref="AzureTableReadModelStore.DefaultTablePrefix"/>), PartitionKey = tenant id, RowKey
/// <c>{caseId}|{kind letter}{sequence:D12}</c>, so one case's entries of one kind are a contiguous, sequence-ordered key
/// range (case ids use only <c>[A-Za-z0-9_-]</c>, all below <c>|</c>). An entry is written with Orleans' serializer
/// (versioned by <c>[Id]</c>, like grain state) into binary properties <c>D0</c>, <c>D1</c>, … of at most
/// <see cref="ChunkBytes"/> bytes each (the service takes at most 64 KiB per property and 1 MiB per entity).
/// </summary>
/// <remarks>
/// An append is one entity-group transaction per up to 100 rows (and at most <see cref="TransactionBytes"/> of data), all
/// upserts. Rows per segment rather than per entry keep a 10,000-contact case at a few hundred rows (and one round trip
/// per archive step). The table is created on first use.
/// Thread-safe.
/// </remarks>
public sealed class AzureTableCaseHistoryStore : ICaseHistoryStore
{
    /// <summary>Most entries in one row (a segment of consecutive entries of one kind).</summary>
    public const int SegmentEntries = 64;

    /// <summary>About the most serialized bytes of one row's entries (the service takes 1 MiB per entity).</summary>
    public const int SegmentBytes = 640 * 1024;

    /// <summary>Most bytes of one binary property.</summary>
    public const int ChunkBytes = 60 * 1024;

    /// <summary>Most payload bytes gathered into one entity-group transaction (the service takes 4 MiB).</summary>
    public const int TransactionBytes = 2 * 1024 * 1024;

    private const int MaxServicePageSize = 1000;

    private readonly TableClient _table;
    private readonly Serializer _serializer;
    private readonly TableCreation _creation;

    /// <summary>Uses the table <c>{tablePrefix}CaseHistory</c> of <paramref name="service"/>.</summary>
    /// <param name="service">The table service.</param>
    /// <param name="serializer">Orleans' serializer (the silo's).</param>
    /// <param name="tablePrefix">Letters and digits, starting with a letter.</param>
    /// <exception cref="ArgumentException"><paramref name="tablePrefix"/> would make an invalid table name.</exception>
    public AzureTableCaseHistoryStore(TableServiceClient service, Serializer serializer, string tablePrefix = AzureTableReadModelStore.DefaultTablePrefix)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(serializer);
        if (tablePrefix.Length is 0 or > 40 || !char.IsAsciiLetter(tablePrefix[0]) || !tablePrefix.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException("A table prefix is 1–40 ASCII letters and digits, starting with a letter.", nameof(tablePrefix));
        }

        TableName = tablePrefix + "CaseHistory";
        _table = service.GetTableClient(TableName);
        _creation = new(_table);
        _serializer = serializer;
    }

    /// <summary>The table's name.</summary>
    public string TableName { get; }

    /// <inheritdoc />
    /// <exception cref="RequestFailedException">The table service refused the write or could not be reached.</exception>
    public async ValueTask AppendAsync(string tenantId, string caseId, IReadOnlyList<CaseHistoryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Any(e => e.Sequence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(entries), "History sequences start at 1.");
        }

        if (entries.Count == 0)
        {
            return;
        }

        await EnsureTableAsync();
        var batch = new List<TableTransactionAction>(100);
        var bytes = 0;
        foreach (var (segment, size) in Segments(entries))
        {
            if (batch.Count == 100 || batch.Count > 0 && bytes + size > TransactionBytes)
            {
                await SubmitAsync(batch);
                batch.Clear();
                bytes = 0;
            }

            batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(tenantId, caseId, segment)));
            bytes += size;
        }

        await SubmitAsync(batch);
    }

    /// <summary>
    /// Consecutive entries of one kind, at most <see cref="SegmentEntries"/> and about <see cref="SegmentBytes"/> serialized
    /// bytes per segment (a single larger entry gets a segment of its own), with their serialized sizes.
    /// </summary>
    private IEnumerable<(CaseHistoryEntry[] Segment, int Bytes)> Segments(IReadOnlyList<CaseHistoryEntry> entries)
    {
        var current = new List<CaseHistoryEntry>(SegmentEntries);
        var bytes = 0;
        foreach (var entry in entries)
        {
            var size = _serializer.SerializeToArray(entry).Length;
            var fits = current.Count < SegmentEntries && bytes + size <= SegmentBytes
                && (current.Count == 0 || current[^1].Kind == entry.Kind && current[^1].Sequence + 1 == entry.Sequence);
            if (!fits && current.Count > 0)
            {
                yield return ([.. current], bytes);
                current.Clear();
                bytes = 0;
            }

            current.Add(entry);
            bytes += size;
        }

        if (current.Count > 0)
        {
            yield return ([.. current], bytes);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads the segments that may hold the range (their first sequence is at most <see cref="SegmentEntries"/> − 1 below
    /// it). Where segments overlap — one left above the case's mark by a failed write, and the one written over those
    /// sequences later — the one the service stored last (its <c>Timestamp</c>) wins (docs/storage.md).
    /// </remarks>
    public async ValueTask<IReadOnlyList<CaseHistoryEntry>> ReadAsync(string tenantId, string caseId, CaseHistoryKind kind, long from, long to)
    {
        from = Math.Max(from, 1);
        if (to < from)
        {
            return [];
        }

        await EnsureTableAsync();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {tenantId} and RowKey ge {RowKey(caseId, kind, Math.Max(from - SegmentEntries + 1, 1))} and RowKey le {RowKey(caseId, kind, to)}");
        var segments = new List<(DateTimeOffset At, long First, CaseHistoryEntry[] Entries)>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, MaxServicePageSize))
        {
            segments.Add((entity.Timestamp ?? DateTimeOffset.MinValue, entity.GetInt64("First") ?? 0, FromEntity(entity)));
        }

        // Later writes win; on an equal Timestamp the segment that starts lower (a failed step's leftover starts above
        // the segment that later covered its sequences) is applied last.
        var bySequence = new SortedDictionary<long, CaseHistoryEntry>();
        foreach (var (_, _, entries) in segments.OrderBy(s => s.At).ThenByDescending(s => s.First))
        {
            foreach (var entry in entries.Where(e => e.Sequence >= from && e.Sequence <= to))
            {
                bySequence[entry.Sequence] = entry;
            }
        }

        return [.. bySequence.Values];
    }

    /// <inheritdoc />
    public async ValueTask PurgeCaseAsync(string tenantId, string caseId)
    {
        await EnsureTableAsync();
        await DeleteAsync(TableClient.CreateQueryFilter($"PartitionKey eq {tenantId} and RowKey ge {caseId + "|"} and RowKey lt {caseId + "}"}"));
    }

    /// <inheritdoc />
    /// <remarks>Deletes every row of the tenant's partition, 100 per entity-group transaction.</remarks>
    public async ValueTask PurgeTenantAsync(string tenantId)
    {
        await EnsureTableAsync();
        await DeleteAsync(TableClient.CreateQueryFilter($"PartitionKey eq {tenantId}"));
    }

    private async Task DeleteAsync(string filter)
    {
        var batch = new List<TableTransactionAction>(100);
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, MaxServicePageSize, select: ["PartitionKey", "RowKey"]))
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, entity, ETag.All));
            if (batch.Count == 100)
            {
                await SubmitAsync(batch);
                batch.Clear();
            }
        }

        await SubmitAsync(batch);
    }

    private async Task SubmitAsync(List<TableTransactionAction> batch)
    {
        if (batch.Count > 0)
        {
            await _table.SubmitTransactionAsync(batch);
        }
    }

    private Task EnsureTableAsync() => _creation.EnsureAsync();

    /// <summary>The RowKey of a segment: the case id, <c>|</c>, a letter for the kind and the zero-padded first sequence.</summary>
    private static string RowKey(string caseId, CaseHistoryKind kind, long sequence) =>
        caseId + "|" + (char)('a' + (int)kind) + sequence.ToString("D12", CultureInfo.InvariantCulture);

    private TableEntity ToEntity(string tenantId, string caseId, CaseHistoryEntry[] segment)
    {
        ReadOnlyMemory<byte> data = _serializer.SerializeToArray(segment);
        var entity = new TableEntity(tenantId, RowKey(caseId, segment[0].Kind, segment[0].Sequence))
        {
            ["Kind"] = segment[0].Kind.ToString(),
            ["First"] = segment[0].Sequence,
            ["Count"] = segment.Length,
        };
        for (var i = 0; i * ChunkBytes < data.Length; i++)
        {
            entity["D" + i.ToString(CultureInfo.InvariantCulture)] = data.Slice(i * ChunkBytes, Math.Min(ChunkBytes, data.Length - i * ChunkBytes)).ToArray();
        }

        return entity;
    }

    private CaseHistoryEntry[] FromEntity(TableEntity entity)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        for (var i = 0; entity.GetBinary("D" + i.ToString(CultureInfo.InvariantCulture)) is { } chunk; i++)
        {
            buffer.Write(chunk);
        }

        return _serializer.Deserialize<CaseHistoryEntry[]>(buffer.WrittenMemory.ToArray())
            ?? throw new InvalidDataException($"History row {entity.PartitionKey}/{entity.RowKey} holds no entries.");
    }
}
