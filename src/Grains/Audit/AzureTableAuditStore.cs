using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.Audit;

/// <summary>
/// The durable audit log on Azure Table Storage (Azurite locally): table <c>{prefix}Audit</c> (prefix
/// <see cref="AzureTableReadModelStore.DefaultTablePrefix"/>), PartitionKey = tenant id. Every record is written under
/// RowKey <c>a{sequence:D19}</c>, which orders the log by sequence for queries and verification; the newest record of
/// each entity-group transaction (atomic within the tenant's partition) is written a second time, in the same
/// transaction, under <c>d{(long.MaxValue − sequence):D19}</c>, which puts the newest record first so
/// <see cref="LastAsync"/> is one single-row query however long the log is. A transaction's records are consecutive, so
/// the newest stored record always has its <c>d</c> row, and a group of records costs one extra row, not one per record.
/// All are inserts: appending a sequence that exists fails, and a late writer can never move "last" backwards.
/// </summary>
/// <remarks>
/// The instant is stored as UTC ticks (<c>AtTicks</c>, exact, so hashes verify) besides a readable <c>At</c>; the
/// field list as a JSON array; a refusal's facts as <c>RefusalCode</c>, <c>CallerTenant</c>, <c>CallerRoles</c>,
/// <c>Via</c> and <c>ClientAddress</c> (only on DENIED records that carry them). A query page reads forward from the cursor with the filter pushed to the service and a
/// page size of <c>first + 1</c>. Tables are created on first use. Thread-safe.
/// </remarks>
public sealed class AzureTableAuditStore : IAuditStore
{
    private const string Ascending = "a";
    private const string Descending = "d";
    private const int MaxServicePageSize = 1000;

    private readonly TableClient _table;
    private readonly TableCreation _creation;

    /// <summary>Uses the table <c>{tablePrefix}Audit</c> of <paramref name="service"/>.</summary>
    /// <param name="service">The table service.</param>
    /// <param name="tablePrefix">Letters and digits, starting with a letter.</param>
    /// <exception cref="ArgumentException"><paramref name="tablePrefix"/> would make an invalid table name.</exception>
    public AzureTableAuditStore(TableServiceClient service, string tablePrefix = AzureTableReadModelStore.DefaultTablePrefix)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (tablePrefix.Length is 0 or > 40 || !char.IsAsciiLetter(tablePrefix[0]) || !tablePrefix.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException("A table prefix is 1–40 ASCII letters and digits, starting with a letter.", nameof(tablePrefix));
        }

        TableName = tablePrefix + "Audit";
        _table = service.GetTableClient(TableName);
        _creation = new(_table);
    }

    /// <summary>The table's name.</summary>
    public string TableName { get; }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A record with the same tenant and sequence exists.</exception>
    /// <exception cref="RequestFailedException">The table service refused the write for another reason or could not be reached.</exception>
    public async ValueTask AppendAsync(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Sequence < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(record), "Audit sequences start at 1.");
        }

        await EnsureTableAsync();
        try
        {
            await _table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, ToEntity(record, AscendingKey(record.Sequence))),
                new TableTransactionAction(TableTransactionActionType.Add, ToEntity(record, DescendingKey(record.Sequence))),
            ]);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            throw new InvalidOperationException($"The audit log of '{record.TenantId}' already has a record {record.Sequence}.", ex);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Up to <see cref="RecordsPerTransaction"/> records go in one entity-group transaction (their <c>a</c> rows and the
    /// <c>d</c> row of the newest), so a group commit of many records costs a few round trips instead of one per record.
    /// </remarks>
    /// <exception cref="InvalidOperationException">A record with the same tenant and sequence exists.</exception>
    /// <exception cref="RequestFailedException">The table service refused the write for another reason or could not be reached.</exception>
    public async ValueTask AppendManyAsync(IReadOnlyList<AuditRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Any(r => r.Sequence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(records), "Audit sequences start at 1.");
        }

        if (records.Select(r => r.TenantId).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            throw new ArgumentException("A group commit holds the records of one tenant.", nameof(records));
        }

        await EnsureTableAsync();
        foreach (var chunk in records.Chunk(RecordsPerTransaction))
        {
            try
            {
                var actions = new List<TableTransactionAction>(chunk.Length + 1);
                foreach (var record in chunk)
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ToEntity(record, AscendingKey(record.Sequence))));
                }

                var newest = chunk.MaxBy(r => r.Sequence)!;
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ToEntity(newest, DescendingKey(newest.Sequence))));
                await _table.SubmitTransactionAsync(actions);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                throw new InvalidOperationException($"The audit log of '{chunk[0].TenantId}' already has a record in {chunk[0].Sequence}–{chunk[^1].Sequence}.", ex);
            }
        }
    }

    /// <summary>Records per entity-group transaction in <see cref="AppendManyAsync"/> (the service takes at most 100 entities: these and one <c>d</c> row).</summary>
    public const int RecordsPerTransaction = 99;

    /// <inheritdoc />
    public async ValueTask<AuditRecord?> LastAsync(string tenantId)
    {
        await EnsureTableAsync();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenantId} and RowKey ge {Descending} and RowKey lt {"e"}");
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1).AsPages(pageSizeHint: 1))
        {
            if (page.Values.Count > 0)
            {
                return ToRecord(page.Values[0]);
            }

            if (page.ContinuationToken is null)
            {
                break;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public async ValueTask<ReadModel.Page<AuditRecord>> QueryAsync(string tenantId, AuditQuery query, int first, long? afterSequence)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureTableAsync();
        first = Math.Max(first, 0);
        var filter = RangeFilter(tenantId, afterSequence);
        if (query.Actor is { } actor)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Actor eq {actor}");
        }

        if (query.Action is { } action)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Action eq {action}");
        }

        if (query.EntityType is { } entityType)
        {
            filter += " and " + TableClient.CreateQueryFilter($"EntityType eq {entityType}");
        }

        if (query.EntityId is { } entityId)
        {
            filter += " and " + TableClient.CreateQueryFilter($"EntityId eq {entityId}");
        }

        if (query.CallerTenant is { } callerTenant)
        {
            filter += " and " + TableClient.CreateQueryFilter($"CallerTenant eq {callerTenant}");
        }

        if (query.From is { } from)
        {
            filter += " and " + TableClient.CreateQueryFilter($"AtTicks ge {from.UtcTicks}");
        }

        if (query.To is { } to)
        {
            filter += " and " + TableClient.CreateQueryFilter($"AtTicks lt {to.UtcTicks}");
        }

        var pageSize = (int)Math.Min((long)first + 1, MaxServicePageSize);
        var items = new List<AuditRecord>(Math.Min(first, 128));
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, pageSize).AsPages(pageSizeHint: pageSize))
        {
            foreach (var entity in page.Values)
            {
                if (items.Count == first)
                {
                    return new ReadModel.Page<AuditRecord>(items, true);
                }

                items.Add(ToRecord(entity));
            }
        }

        return new ReadModel.Page<AuditRecord>(items, false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AuditRecord> ReadAllAsync(string tenantId)
    {
        await EnsureTableAsync();
        await foreach (var entity in _table.QueryAsync<TableEntity>(RangeFilter(tenantId, afterSequence: null), MaxServicePageSize))
        {
            yield return ToRecord(entity);
        }
    }

    /// <inheritdoc />
    /// <remarks>Deletes both rows of every record of the tenant's partition, 100 per entity-group transaction.</remarks>
    public async ValueTask PurgeTenantAsync(string tenantId)
    {
        await EnsureTableAsync();
        var batch = new List<TableTransactionAction>(100);
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {tenantId}"), MaxServicePageSize,
                           select: ["PartitionKey", "RowKey"]))
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, entity, ETag.All));
            if (batch.Count == 100)
            {
                await _table.SubmitTransactionAsync(batch);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await _table.SubmitTransactionAsync(batch);
        }
    }

    private Task EnsureTableAsync() => _creation.EnsureAsync();

    private static string AscendingKey(long sequence) => Ascending + sequence.ToString("D19", CultureInfo.InvariantCulture);

    private static string DescendingKey(long sequence) => Descending + (long.MaxValue - sequence).ToString("D19", CultureInfo.InvariantCulture);

    private static string RangeFilter(string tenantId, long? afterSequence) => afterSequence is { } after
        ? TableClient.CreateQueryFilter($"PartitionKey eq {tenantId} and RowKey gt {AscendingKey(Math.Max(after, 0))} and RowKey lt {"b"}")
        : TableClient.CreateQueryFilter($"PartitionKey eq {tenantId} and RowKey ge {Ascending} and RowKey lt {"b"}");

    private static TableEntity ToEntity(AuditRecord r, string rowKey)
    {
        var entity = new TableEntity(r.TenantId, rowKey)
        {
            ["Sequence"] = r.Sequence,
            ["AtTicks"] = r.At.UtcTicks,
            ["At"] = r.At.ToUniversalTime(),
            ["Actor"] = r.Actor,
            ["Action"] = r.Action,
            ["EntityType"] = r.EntityType,
            ["EntityId"] = r.EntityId,
            ["Fields"] = JsonSerializer.Serialize(r.Fields),
            ["Purpose"] = r.Purpose,
            ["CorrelationId"] = r.CorrelationId,
            ["PreviousHash"] = r.PreviousHash,
            ["Hash"] = r.Hash,
        };
        if (r.Reason is not null)
        {
            entity["Reason"] = r.Reason;
        }

        if (r.Refusal is { } refusal)
        {
            entity["RefusalCode"] = refusal.Code;
            entity["CallerRoles"] = refusal.CallerRoles;
            entity["Via"] = refusal.Via;
            if (refusal.CallerTenant is not null)
            {
                entity["CallerTenant"] = refusal.CallerTenant;
            }

            if (refusal.ClientAddress is not null)
            {
                entity["ClientAddress"] = refusal.ClientAddress;
            }
        }

        return entity;
    }

    private static AuditRecord ToRecord(TableEntity e) => new(
        e.PartitionKey,
        e.GetInt64("Sequence") ?? throw Missing(e, "Sequence"),
        new DateTimeOffset(e.GetInt64("AtTicks") ?? throw Missing(e, "AtTicks"), TimeSpan.Zero),
        Str(e, "Actor"),
        Str(e, "Action"),
        Str(e, "EntityType"),
        Str(e, "EntityId"),
        JsonSerializer.Deserialize<string[]>(Str(e, "Fields")) ?? [],
        Str(e, "Purpose"),
        Str(e, "CorrelationId"),
        e.GetString("Reason"),
        Str(e, "PreviousHash"),
        Str(e, "Hash"),
        e.GetString("RefusalCode") is { } code
            ? new AuditRefusal(code, e.GetString("CallerTenant"), e.GetString("CallerRoles") ?? "", e.GetString("Via") ?? "", e.GetString("ClientAddress"))
            : null);

    private static string Str(TableEntity e, string name) => e.GetString(name) ?? throw Missing(e, name);

    private static InvalidDataException Missing(TableEntity e, string name) => new($"Audit row {e.PartitionKey}/{e.RowKey} lacks '{name}'.");
}
