using Azure;
using Azure.Data.Tables;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.Audit;

/// <summary>
/// The durable audit log on Azure Table Storage (Azurite locally): table <c>{prefix}Audit</c> (prefix
/// <see cref="AzureTableReadModelStore.DefaultTablePrefix"/>). A tenant's records are in blocks of
/// <see cref="RecordsPerBlock"/> consecutive sequences, one partition per block (<see cref="AuditTableKeys"/>,
/// docs/audit-storage.md), so no partition grows past a block: the cost of an append does not grow with the log, and a
/// tenant's writes move on to a new partition every block. Every record is one row, an insert: appending a sequence
/// that exists fails. Records are written in sequence order, a group in one entity-group transaction per block and per
/// <see cref="RecordsPerTransaction"/>, each after the one before succeeded, so the stored records of a tenant are always
/// 1…n without gaps (anything else is tampering, which <see cref="IAuditVerifierGrain.Verify"/> names).
/// </summary>
/// <remarks>
/// Logs written before the blocks existed (the whole log in one partition, PartitionKey = tenant id) are read as they
/// are: that partition holds records 1…k, and appends continue at k + 1 in the blocks; reads, queries, verification and
/// purge cover both. <see cref="LastAsync"/> (read when the log grain activates) reads the old partition's newest-first
/// row, then finds the newest block by galloping over blocks with point reads of each block's first record
/// (about 2·log₂ blocks of them), then reads that block's row keys. A query page reads forward from the cursor in
/// sequence order with the filter pushed to the service and a page size of <c>first + 1</c>. Tables are created on
/// first use. Thread-safe.
/// </remarks>
public sealed class AzureTableAuditStore : IAuditStore
{
    /// <summary>Consecutive records per partition (see <see cref="AuditTableKeys.RecordsPerBlock"/>).</summary>
    public const long RecordsPerBlock = AuditTableKeys.RecordsPerBlock;

    /// <summary>Most records in one entity-group transaction of <see cref="AppendManyAsync"/> (the service takes at most 100 entities).</summary>
    public const int RecordsPerTransaction = 100;

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
            await _table.AddEntityAsync(Row(record));
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            throw new InvalidOperationException($"The audit log of '{record.TenantId}' already has a record {record.Sequence}.", ex);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The records go in order, one entity-group transaction per block and per <see cref="RecordsPerTransaction"/>
    /// records, each sent after the one before succeeded: a group of many records costs a few round trips, and what a
    /// failure leaves stored is a prefix of the group.
    /// </remarks>
    /// <exception cref="ArgumentException">The records are of more than one tenant, or not consecutive.</exception>
    /// <exception cref="InvalidOperationException">A record with the same tenant and sequence exists.</exception>
    /// <exception cref="RequestFailedException">The table service refused the write for another reason or could not be reached.</exception>
    public async ValueTask AppendManyAsync(IReadOnlyList<AuditRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Any(r => r.Sequence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(records), "Audit sequences start at 1.");
        }

        for (var i = 1; i < records.Count; i++)
        {
            if (records[i].TenantId != records[0].TenantId || records[i].Sequence != records[i - 1].Sequence + 1)
            {
                throw new ArgumentException("A group commit holds consecutive records of one tenant.", nameof(records));
            }
        }

        await EnsureTableAsync();
        foreach (var block in records.GroupBy(r => AuditTableKeys.BlockOf(r.Sequence)))
        {
            foreach (var chunk in block.Chunk(RecordsPerTransaction))
            {
                try
                {
                    await _table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, Row(r))));
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 409)
                {
                    throw new InvalidOperationException($"The audit log of '{chunk[0].TenantId}' already has a record in {chunk[0].Sequence}–{chunk[^1].Sequence}.", ex);
                }
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<AuditRecord?> LastAsync(string tenantId)
    {
        await EnsureTableAsync();
        var legacy = await LegacyLastAsync(tenantId);
        var first = (legacy?.Sequence ?? 0) + 1;
        var low = AuditTableKeys.BlockOf(first);
        if (!await BlockStartsAsync(tenantId, low, first))
        {
            return legacy;
        }

        // Gallop: low is a block that holds records; find a higher one that does not, then halve the gap.
        var step = 1L;
        var high = low + step;
        while (await BlockStartsAsync(tenantId, high, first))
        {
            low = high;
            step *= 2;
            high = low + step;
        }

        while (high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            if (await BlockStartsAsync(tenantId, middle, first))
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return await NewestInBlockAsync(tenantId, low);
    }

    /// <inheritdoc />
    public async ValueTask<ReadModel.Page<AuditRecord>> QueryAsync(string tenantId, AuditQuery query, int first, long? afterSequence)
    {
        ArgumentNullException.ThrowIfNull(query);
        first = Math.Max(first, 0);
        var pageSize = (int)Math.Min((long)first + 1, MaxServicePageSize);
        var items = new List<AuditRecord>(Math.Min(first, 128));
        await foreach (var record in ScanAsync(tenantId, afterSequence, PropertyFilter(query), pageSize))
        {
            if (items.Count == first)
            {
                return new ReadModel.Page<AuditRecord>(items, true);
            }

            items.Add(record);
        }

        return new ReadModel.Page<AuditRecord>(items, false);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<AuditRecord> ReadAllAsync(string tenantId) => ScanAsync(tenantId, afterSequence: null, propertyFilter: "", MaxServicePageSize);

    /// <inheritdoc />
    /// <remarks>Deletes every row of the tenant in both layouts, 100 per entity-group transaction of one partition.</remarks>
    public async ValueTask PurgeTenantAsync(string tenantId)
    {
        await EnsureTableAsync();
        var batch = new List<TableTransactionAction>(100);
        await foreach (var entity in _table.QueryAsync<TableEntity>(AuditTableKeys.EveryRow(tenantId), MaxServicePageSize, select: ["PartitionKey", "RowKey"]))
        {
            if (batch.Count == 100 || (batch.Count > 0 && batch[0].Entity.PartitionKey != entity.PartitionKey))
            {
                await _table.SubmitTransactionAsync(batch);
                batch.Clear();
            }

            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, entity, ETag.All));
        }

        if (batch.Count > 0)
        {
            await _table.SubmitTransactionAsync(batch);
        }
    }

    private Task EnsureTableAsync() => _creation.EnsureAsync();

    private static TableEntity Row(AuditRecord r) =>
        AuditTableEntities.ToEntity(r, AuditTableKeys.BlockPartition(r.TenantId, AuditTableKeys.BlockOf(r.Sequence)), AuditTableKeys.AscendingKey(r.Sequence));

    /// <summary>The records after <paramref name="afterSequence"/> that match <paramref name="propertyFilter"/>, in sequence order: the single-partition layout's, then the blocks'.</summary>
    private async IAsyncEnumerable<AuditRecord> ScanAsync(string tenantId, long? afterSequence, string propertyFilter, int pageSize)
    {
        await EnsureTableAsync();
        foreach (var range in new[] { AuditTableKeys.LegacyRange(tenantId, afterSequence), AuditTableKeys.BlockRange(tenantId, afterSequence) })
        {
            await foreach (var page in _table.QueryAsync<TableEntity>(range + propertyFilter, pageSize).AsPages(pageSizeHint: pageSize))
            {
                foreach (var entity in page.Values)
                {
                    yield return AuditTableEntities.ToRecord(entity, tenantId);
                }
            }
        }
    }

    /// <summary>The newest record of the single-partition layout: its first newest-first row.</summary>
    private async Task<AuditRecord?> LegacyLastAsync(string tenantId)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenantId} and RowKey ge {AuditTableKeys.Descending} and RowKey lt {"e"}");
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1).AsPages(pageSizeHint: 1))
        {
            if (page.Values.Count > 0)
            {
                return AuditTableEntities.ToRecord(page.Values[0], tenantId);
            }

            if (page.ContinuationToken is null)
            {
                break;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="block"/> holds its first record (not before <paramref name="firstInBlocks"/>, where the blocks begin).</summary>
    private async Task<bool> BlockStartsAsync(string tenantId, long block, long firstInBlocks)
    {
        var sequence = Math.Max(AuditTableKeys.FirstOf(block), firstInBlocks);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(AuditTableKeys.BlockPartition(tenantId, block), AuditTableKeys.AscendingKey(sequence),
            select: ["RowKey"]);
        return row.HasValue;
    }

    /// <summary>The record with the highest sequence in <paramref name="block"/>: its row keys, then that row.</summary>
    private async Task<AuditRecord?> NewestInBlockAsync(string tenantId, long block)
    {
        var partition = AuditTableKeys.BlockPartition(tenantId, block);
        string? newest = null;
        var keys = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {AuditTableKeys.Ascending} and RowKey lt {"b"}");
        await foreach (var row in _table.QueryAsync<TableEntity>(keys, MaxServicePageSize, select: ["RowKey"]))
        {
            newest = newest is null || string.CompareOrdinal(row.RowKey, newest) > 0 ? row.RowKey : newest;
        }

        if (newest is null)
        {
            return null;
        }

        var entity = await _table.GetEntityIfExistsAsync<TableEntity>(partition, newest);
        return entity.HasValue ? AuditTableEntities.ToRecord(entity.Value!, tenantId) : null;
    }

    /// <summary>The query's members as a filter to append (" and …"), or "".</summary>
    private static string PropertyFilter(AuditQuery query)
    {
        var filter = "";
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

        return filter;
    }
}
