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
/// upserts: a row left above a case's high-water mark by a failed write is replaced. The table is created on first use.
/// Thread-safe.
/// </remarks>
public sealed class AzureTableCaseHistoryStore : ICaseHistoryStore
{
    /// <summary>Most bytes of one binary property.</summary>
    public const int ChunkBytes = 60 * 1024;

    /// <summary>Most payload bytes gathered into one entity-group transaction (the service takes 4 MiB).</summary>
    public const int TransactionBytes = 2 * 1024 * 1024;

    private const int MaxServicePageSize = 1000;

    private readonly TableClient _table;
    private readonly Serializer _serializer;
    private readonly SemaphoreSlim _createGate = new(1, 1);
    private volatile bool _created;

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
        _serializer = serializer;
    }

    /// <summary>The table's name.</summary>
    public string TableName { get; }

    /// <inheritdoc />
    /// <exception cref="RequestFailedException">The table service refused the write or could not be reached.</exception>
    public async ValueTask AppendAsync(string tenantId, string caseId, IReadOnlyList<CaseHistoryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await EnsureTableAsync();
        var batch = new List<TableTransactionAction>(100);
        var bytes = 0;
        foreach (var entry in entries)
        {
            if (entry.Sequence < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(entries), "History sequences start at 1.");
            }

            var entity = ToEntity(tenantId, caseId, entry, out var size);
            if (batch.Count == 100 || batch.Count > 0 && bytes + size > TransactionBytes)
            {
                await SubmitAsync(batch);
                batch.Clear();
                bytes = 0;
            }

            batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
            bytes += size;
        }

        await SubmitAsync(batch);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<CaseHistoryEntry>> ReadAsync(string tenantId, string caseId, CaseHistoryKind kind, long from, long to)
    {
        from = Math.Max(from, 1);
        if (to < from)
        {
            return [];
        }

        await EnsureTableAsync();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {tenantId} and RowKey ge {RowKey(caseId, kind, from)} and RowKey le {RowKey(caseId, kind, to)}");
        var pageSize = (int)Math.Min(to - from + 1, MaxServicePageSize);
        var items = new List<CaseHistoryEntry>((int)Math.Min(to - from + 1, 1024));
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, pageSize))
        {
            items.Add(FromEntity(entity));
        }

        return items;
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

    private async Task EnsureTableAsync()
    {
        if (_created)
        {
            return;
        }

        await _createGate.WaitAsync();
        try
        {
            if (!_created)
            {
                await _table.CreateIfNotExistsAsync();
                _created = true;
            }
        }
        finally
        {
            _createGate.Release();
        }
    }

    /// <summary>The RowKey of one entry: the case id, <c>|</c>, a letter for the kind and the zero-padded sequence.</summary>
    private static string RowKey(string caseId, CaseHistoryKind kind, long sequence) =>
        caseId + "|" + (char)('a' + (int)kind) + sequence.ToString("D12", CultureInfo.InvariantCulture);

    private TableEntity ToEntity(string tenantId, string caseId, CaseHistoryEntry entry, out int size)
    {
        ReadOnlyMemory<byte> data = _serializer.SerializeToArray(entry);
        size = data.Length;
        var entity = new TableEntity(tenantId, RowKey(caseId, entry.Kind, entry.Sequence))
        {
            ["Kind"] = entry.Kind.ToString(),
            ["Sequence"] = entry.Sequence,
        };
        for (var i = 0; i * ChunkBytes < data.Length; i++)
        {
            entity["D" + i.ToString(CultureInfo.InvariantCulture)] = data.Slice(i * ChunkBytes, Math.Min(ChunkBytes, data.Length - i * ChunkBytes)).ToArray();
        }

        return entity;
    }

    private CaseHistoryEntry FromEntity(TableEntity entity)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        for (var i = 0; entity.GetBinary("D" + i.ToString(CultureInfo.InvariantCulture)) is { } chunk; i++)
        {
            buffer.Write(chunk);
        }

        return _serializer.Deserialize<CaseHistoryEntry>(buffer.WrittenMemory.ToArray())
            ?? throw new InvalidDataException($"History row {entity.PartitionKey}/{entity.RowKey} holds no entry.");
    }
}
