using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace CareGrid.Grains.ReadModel;

/// <summary>
/// Person rows and the people's name and external-id index (docs/search.md). Table <c>{prefix}PersonIndex</c>, partition =
/// tenant, holds per person one row keyed <c>n{escaped normalized name}|{id}</c> and, with an external id, one keyed
/// <c>x{escaped external id}|{id}</c>, each a copy of the person row's listed and filtered columns. A name search is then
/// one range query over the keys that start with the prefix (plus the service-side filters), not a scan of the tenant.
/// </summary>
public sealed partial class AzureTableReadModelStore
{
    /// <summary>Row key of the index row saying a tenant's people written before the index existed have been indexed.</summary>
    private const string IndexedMarker = "~indexed";

    /// <summary>Per tenant, the check (and, once, the backfill) that every person row is indexed; a failed one is tried again.</summary>
    private readonly ConcurrentDictionary<string, Lazy<Task>> _indexed = new(StringComparer.Ordinal);

    /// <inheritdoc />
    /// <remarks>
    /// Reads the keys the stored row was indexed under, writes the new index rows, deletes the index rows whose key changed
    /// and writes the person row last, so a write cut short is completed by the next write of the person (every activation
    /// writes the row): the person row always names the index rows that may exist. Costs one point read and two extra
    /// (group-committed) upserts per person write, and one delete per changed key.
    /// </remarks>
    public async ValueTask UpsertPersonAsync(PersonRow row)
    {
        await EnsureTablesAsync();
        var nameKey = "n" + PersonNameKeys.SortKey(row);
        var externalKey = row.ExternalId is null ? null : "x" + PersonNameKeys.ExternalKey(row.ExternalId, row.Id);
        var old = await _people.GetEntityIfExistsAsync<TableEntity>(row.TenantId, row.Id, ["NameKey", "ExternalKey"]);
        var writes = new List<Task> { _writers[_personIndex].UpsertAsync(ReadModelEntities.FromPersonIndex(row, nameKey)) };
        if (externalKey is not null)
        {
            writes.Add(_writers[_personIndex].UpsertAsync(ReadModelEntities.FromPersonIndex(row, externalKey)));
        }

        await Task.WhenAll(writes);
        if (old.HasValue && old.Value is { } stored)
        {
            foreach (var stale in new[] { stored.GetString("NameKey"), stored.GetString("ExternalKey") })
            {
                if (stale is not null && stale != nameKey && stale != externalKey)
                {
                    await DeleteIfExistsAsync(_personIndex, row.TenantId, stale);
                }
            }
        }

        var entity = ReadModelEntities.FromPerson(row);
        entity["NameKey"] = nameKey;
        if (externalKey is not null)
        {
            entity["ExternalKey"] = externalKey;
        }

        await _writers[_people].UpsertAsync(entity);
    }

    /// <summary>
    /// Adds the service-side filters of <paramref name="query"/> that person rows and index rows share (up to
    /// <see cref="MaxServerSideOwners"/> units, a monitoring level above None, staff only); false when no row can match.
    /// </summary>
    private static bool PersonFilters(PersonQuery query, List<string> filters)
    {
        if (query.OrganizationIds is { } units)
        {
            if (units.Count == 0)
            {
                return false;
            }

            if (units.Count <= MaxServerSideOwners)
            {
                filters.Add("(" + string.Join(" or ", units.Select(u => TableClient.CreateQueryFilter($"OrganizationId eq {u}"))) + ")");
            }
        }

        if (query.Monitoring is { } level && level != People.MonitoringLevel.None)
        {
            filters.Add(TableClient.CreateQueryFilter($"Monitoring eq {level.ToString()}"));
        }

        if (query.Staff == true)
        {
            filters.Add(TableClient.CreateQueryFilter($"IsStaff eq {true}"));
        }

        return true;
    }

    /// <summary>
    /// A name search (ordered by name key, <paramref name="after"/> a <see cref="PersonNameKeys.SortKey"/>) or an external-id
    /// match (ordered by id, <paramref name="after"/> an id): one range query over the index keys with the prefix, every
    /// other filter applied to the rows read (<see cref="PersonQuery.Matches"/>). <paramref name="filters"/> null: no row matches.
    /// </summary>
    private async ValueTask<Page<PersonRow>> SearchPeopleAsync(string tenantId, PersonQuery query, int first, string? after, List<string>? filters)
    {
        if (filters is null)
        {
            return new Page<PersonRow>([], false);
        }

        await EnsureIndexedAsync(tenantId);

        var byName = query.NamePrefix is not null;
        var prefix = byName ? "n" + PersonNameKeys.Escape(query.NamePrefix!) : "x" + PersonNameKeys.Escape(query.ExternalId!) + PersonNameKeys.Separator;
        var from = after is null ? prefix : byName ? "n" + after : prefix + after;
        if (string.CompareOrdinal(from, prefix) < 0)
        {
            from = prefix;
        }

        // Without a bound for the prefix itself (it ends with a surrogate), stay among the keys of its kind ('n' or 'x'): the
        // rows read are then checked by name, and each person has one key of each kind.
        var upper = PersonNameKeys.UpperBound(prefix) ?? ((char)(prefix[0] + 1)).ToString();
        filters.Add(TableClient.CreateQueryFilter($"RowKey lt {upper}"));

        return await PageAsync(_personIndex, tenantId, from, first, filters, query.Matches, ReadModelEntities.ToPersonIndexRow);
    }

    /// <summary>
    /// Indexes, once per tenant, the person rows written before the index existed (they lack <c>NameKey</c>; docs/search.md,
    /// "Existing data"): each is rewritten with its keys only if unchanged since it was read (ETag), so a concurrent write
    /// of the person — which indexes it itself — is never overwritten. A marker row then spares later processes the scan.
    /// </summary>
    private async Task EnsureIndexedAsync(string tenantId)
    {
        var check = _indexed.GetOrAdd(tenantId, t => new Lazy<Task>(() => BackfillAsync(t)));
        try
        {
            await check.Value;
        }
        catch
        {
            _indexed.TryRemove(new KeyValuePair<string, Lazy<Task>>(tenantId, check));
            throw;
        }
    }

    private async Task BackfillAsync(string tenantId)
    {
        if ((await _personIndex.GetEntityIfExistsAsync<TableEntity>(tenantId, IndexedMarker, ["PartitionKey"])).HasValue)
        {
            return;
        }

        await foreach (var stored in _people.QueryAsync<TableEntity>(PartitionFilter(tenantId, after: null), MaxServicePageSize))
        {
            if (stored.ContainsKey("NameKey"))
            {
                continue;
            }

            var row = ReadModelEntities.ToPersonRow(stored);
            var entity = ReadModelEntities.FromPerson(row);
            entity["NameKey"] = "n" + PersonNameKeys.SortKey(row);
            if (row.ExternalId is not null)
            {
                entity["ExternalKey"] = "x" + PersonNameKeys.ExternalKey(row.ExternalId, row.Id);
            }

            try
            {
                await _people.UpdateEntityAsync(entity, stored.ETag, TableUpdateMode.Replace);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                continue;
            }

            await _writers[_personIndex].UpsertAsync(ReadModelEntities.FromPersonIndex(row, (string)entity["NameKey"]));
            if (entity.TryGetValue("ExternalKey", out var externalKey))
            {
                await _writers[_personIndex].UpsertAsync(ReadModelEntities.FromPersonIndex(row, (string)externalKey));
            }
        }

        await _personIndex.UpsertEntityAsync(new TableEntity(tenantId, IndexedMarker));
    }

    private static async Task DeleteIfExistsAsync(TableClient table, string partitionKey, string rowKey)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone: a write cut short deleted it before.
        }
    }
}
