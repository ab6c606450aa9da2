using Azure;
using Azure.Data.Tables;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Organizations;

namespace CareGrid.Grains.ReadModel;

/// <summary>
/// The durable read side on Azure Table Storage (Azurite locally): one table per row kind
/// (<c>{prefix}Cases</c>, <c>{prefix}People</c>, <c>{prefix}Organizations</c>, <c>{prefix}Tasks</c>; prefix
/// <see cref="DefaultTablePrefix"/>), partitioned by tenant — PartitionKey = tenant id, RowKey = row id — so every
/// query stays inside one tenant's partition and rows come back ordered by id (ordinal, as the in-memory store).
/// </summary>
/// <remarks>
/// <para>
/// A page is one range query <c>PartitionKey eq tenant and RowKey gt after</c> with the list's filter pushed to
/// the service and a page size of <c>first + 1</c> (the extra row answers <c>hasNextPage</c>), so a page's cost
/// follows its size, not the tenant's size. A filter the service cannot express (a task owner list longer than
/// <see cref="MaxServerSideOwners"/>) is applied here while reading forward from the cursor.
/// </para>
/// <para>
/// Upserts are group-committed per table and tenant partition (<see cref="TableGroupCommit"/>): concurrent writes of
/// one tenant's rows share an entity-group transaction, and each returns once its own row is stored.
/// </para>
/// <para>
/// Values are stored as typed properties (enums by name, instants as <c>Edm.DateTime</c> in UTC) so that the
/// tables stay readable in any storage explorer. Tables are created on first use. Thread-safe.
/// </para>
/// </remarks>
public sealed partial class AzureTableReadModelStore : IReadModelStore
{
    /// <summary>The table-name prefix used unless another is given: <c>caregrid</c>.</summary>
    public const string DefaultTablePrefix = "caregrid";

    /// <summary>Task owner lists up to this length are filtered by the service; longer ones here (Azure allows 15 comparisons per filter).</summary>
    public const int MaxServerSideOwners = 10;

    /// <summary>Comparisons one filter may hold (the table service's limit); a scope filter that would pass it is applied here.</summary>
    private const int MaxComparisons = 15;

    /// <summary>The largest page the table service returns in one response.</summary>
    private const int MaxServicePageSize = 1000;

    /// <summary>Rows per entity-group transaction when purging (the service's limit).</summary>
    private const int MaxBatchSize = 100;

    private readonly TableClient _cases;
    private readonly TableClient _people;
    private readonly TableClient _organizations;
    private readonly TableClient _tasks;
    private readonly TableClient _personIndex;
    private readonly Dictionary<TableClient, TableGroupCommit> _writers;
    private readonly TableCreation _creation;

    /// <summary>Uses the tables <c>{tablePrefix}Cases</c>, <c>…People</c>, <c>…Organizations</c> and <c>…Tasks</c> of <paramref name="service"/>.</summary>
    /// <param name="service">The table service (e.g. from a connection string such as <c>UseDevelopmentStorage=true</c>).</param>
    /// <param name="tablePrefix">Letters and digits, starting with a letter (Azure table-name rules).</param>
    /// <exception cref="ArgumentException"><paramref name="tablePrefix"/> would make an invalid table name.</exception>
    public AzureTableReadModelStore(TableServiceClient service, string tablePrefix = DefaultTablePrefix)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (tablePrefix.Length is 0 or > 40 || !char.IsAsciiLetter(tablePrefix[0]) || !tablePrefix.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException("A table prefix is 1–40 ASCII letters and digits, starting with a letter.", nameof(tablePrefix));
        }

        CasesTable = tablePrefix + "Cases";
        PeopleTable = tablePrefix + "People";
        OrganizationsTable = tablePrefix + "Organizations";
        TasksTable = tablePrefix + "Tasks";
        PersonIndexTable = tablePrefix + "PersonIndex";
        _cases = service.GetTableClient(CasesTable);
        _people = service.GetTableClient(PeopleTable);
        _organizations = service.GetTableClient(OrganizationsTable);
        _tasks = service.GetTableClient(TasksTable);
        _personIndex = service.GetTableClient(PersonIndexTable);
        _creation = new(_cases, _people, _organizations, _tasks, _personIndex);
        _writers = new[] { _cases, _people, _organizations, _tasks, _personIndex }.ToDictionary(t => t, t => new TableGroupCommit(t));
    }

    /// <summary>Name of the table of case rows.</summary>
    public string CasesTable { get; }

    /// <summary>Name of the table of person rows.</summary>
    public string PeopleTable { get; }

    /// <summary>Name of the table of organization rows.</summary>
    public string OrganizationsTable { get; }

    /// <summary>Name of the table of task rows.</summary>
    public string TasksTable { get; }

    /// <summary>Name of the table of the people's name and external-id index (docs/search.md).</summary>
    public string PersonIndexTable { get; }

    /// <summary>Creates the five tables unless they exist. Called on first use; idempotent.</summary>
    /// <exception cref="RequestFailedException">The table service refused or could not be reached.</exception>
    public Task EnsureTablesAsync(CancellationToken cancellationToken = default) => _creation.EnsureAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask UpsertCaseAsync(CaseRow row) => await UpsertAsync(_cases, ReadModelEntities.FromCase(row));

    /// <inheritdoc />
    public ValueTask<Page<CaseRow>> QueryCasesAsync(string tenantId, CaseQuery query, int first, string? after)
    {
        var filters = new List<string>();
        if (query.Status is { } status)
        {
            filters.Add(TableClient.CreateQueryFilter($"Status eq {status.ToString()}"));
        }

        if (query.OpenOnly)
        {
            filters.Add(TableClient.CreateQueryFilter($"Status ne {nameof(CaseStatus.Closed)}"));
        }

        if (query.RiskLevel is { } risk)
        {
            filters.Add(TableClient.CreateQueryFilter($"RiskLevel eq {risk.ToString()}"));
        }

        if (query.RiskGraded == false)
        {
            filters.Add(TableClient.CreateQueryFilter($"RiskUngraded eq {true}")); // stored only on ungraded rows
        }

        if (query.EscalationLevel is { } level)
        {
            filters.Add(TableClient.CreateQueryFilter($"EscalationLevel eq {level}"));
        }

        if (query.AssigneeId is { } assignee)
        {
            filters.Add(TableClient.CreateQueryFilter($"AssigneeId eq {assignee}"));
        }

        if (query.OrganizationId is { } organization)
        {
            filters.Add(TableClient.CreateQueryFilter($"OrganizationId eq {organization}"));
        }

        if (query.PersonId is { } person)
        {
            filters.Add(TableClient.CreateQueryFilter($"PersonId eq {person}"));
        }

        if (query.OrganizationIds is { Count: 0 } && query.ScopeExemptAssignee is null)
        {
            return ValueTask.FromResult(new Page<CaseRow>([], false));
        }

        var inService = ScopeFilter(query.OrganizationIds, "AssigneeId", query.ScopeExemptAssignee, MaxComparisons - 2 - filters.Count);
        if (inService is not null)
        {
            filters.Add(inService);
        }

        // A graded row has no RiskUngraded property at all, which the table service cannot test for: a risk level (whose Low
        // would match the placeholder of an ungraded case) or "graded only" is decided here, by CaseQuery.Matches.
        var clientSide = (query.OrganizationIds is not null && inService is null) || query.RiskLevel is not null || query.RiskGraded == true;
        return PageAsync(_cases, tenantId, after, first, filters, clientSide ? query.Matches : null, ReadModelEntities.ToCaseRow);
    }

    /// <inheritdoc />
    public async ValueTask<CaseRow?> GetCaseAsync(string tenantId, string caseId)
    {
        var found = await _cases.GetEntityIfExistsAsync<TableEntity>(tenantId, caseId);
        return found.HasValue && found.Value is { } entity ? ReadModelEntities.ToCaseRow(entity) : null;
    }

    /// <inheritdoc />
    public async ValueTask UpsertOrganizationAsync(OrganizationRow row) => await UpsertAsync(_organizations, ReadModelEntities.FromOrganization(row));

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<OrganizationRow>> ListOrganizationsAsync(string tenantId)
    {
        await EnsureTablesAsync();
        var rows = new List<OrganizationRow>();
        await foreach (var entity in _organizations.QueryAsync<TableEntity>(PartitionFilter(tenantId, after: null), MaxServicePageSize))
        {
            rows.Add(ReadModelEntities.ToOrganizationRow(entity));
        }

        return rows;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Up to <see cref="MaxServerSideOwners"/> organizations, a monitoring level above None and <c>staff: true</c> are
    /// filtered by the service; target groups, longer organization lists and the default values (which rows written
    /// before those columns existed lack) are filtered here while reading forward from the cursor.
    /// </remarks>
    public ValueTask<Page<PersonRow>> QueryPeopleAsync(string tenantId, PersonQuery? query, int first, string? after)
    {
        query ??= PersonQuery.All;
        var filters = new List<string>();
        if (query.NamePrefix is not null || query.ExternalId is not null)
        {
            return SearchPeopleAsync(tenantId, query, first, after, PersonFilters(query, filters) ? filters : null);
        }

        if (!PersonFilters(query, filters))
        {
            return ValueTask.FromResult(new Page<PersonRow>([], false));
        }

        var serverOnly = query == PersonQuery.All || (query.TargetGroup is null && query.Staff != false && query.Monitoring != People.MonitoringLevel.None
            && (query.OrganizationIds is null || query.OrganizationIds.Count <= MaxServerSideOwners));
        return PageAsync(_people, tenantId, after, first, filters, serverOnly ? null : query.Matches, ReadModelEntities.ToPersonRow);
    }

    /// <inheritdoc />
    public async ValueTask UpsertTaskAsync(TaskRow row) => await UpsertAsync(_tasks, ReadModelEntities.FromTask(row));

    /// <inheritdoc />
    public ValueTask<Page<TaskRow>> QueryTasksAsync(string tenantId, TaskQuery query, int first, string? after)
    {
        var filters = new List<string>();
        Func<TaskRow, bool>? clientFilter = null;
        if (query.OpenOnly)
        {
            filters.Add(TableClient.CreateQueryFilter($"Status eq {nameof(CaseTaskStatus.Open)}"));
        }

        if (query.DueBefore is { } dueBefore)
        {
            filters.Add(TableClient.CreateQueryFilter($"DueAt lt {dueBefore.ToUniversalTime()}"));
        }

        if (query.UnescalatedOnly)
        {
            filters.Add(TableClient.CreateQueryFilter($"EscalationCount eq {0}"));
        }

        if (query.OwnerIds is { } owners)
        {
            if (owners.Count == 0)
            {
                return ValueTask.FromResult(new Page<TaskRow>([], false));
            }

            OwnerFilter(query, owners, filters, ref clientFilter);
        }

        if (query.OrganizationIds is { Count: 0 } && query.ScopeExemptOwner is null)
        {
            return ValueTask.FromResult(new Page<TaskRow>([], false));
        }

        var comparisons = 2 + filters.Count + (query.OwnerIds is { Count: > 1 and <= MaxServerSideOwners } ? query.OwnerIds.Count - 1 : 0)
            + (query.IncludeEscalatedFrom && query.OwnerIds is { Count: <= MaxServerSideOwners } ? query.OwnerIds.Count : 0);
        // An exempt owner's escalated-away tasks outside the scope are decided here, by Matches (ScopeFilter names OwnerId only).
        var inService = query.IncludeEscalatedFrom && query.ScopeExemptOwner is not null
            ? null
            : ScopeFilter(query.OrganizationIds, "OwnerId", query.ScopeExemptOwner, MaxComparisons - comparisons);
        if (inService is not null)
        {
            filters.Add(inService);
        }
        else if (query.OrganizationIds is not null)
        {
            clientFilter = query.Matches;
        }

        return PageAsync(_tasks, tenantId, after, first, filters, clientFilter, ReadModelEntities.ToTaskRow);
    }

    /// <summary>
    /// The owner filter of a task query: <c>(OwnerId eq o1 or …)</c>, with <c>EscalatedFromId eq o…</c> beside each when the
    /// query keeps escalated tasks listed to whoever had them (<see cref="TaskQuery.IncludeEscalatedFrom"/>); past
    /// <see cref="MaxServerSideOwners"/> owners a filter applied here instead.
    /// </summary>
    private static void OwnerFilter(TaskQuery query, IReadOnlyCollection<string> owners, List<string> filters, ref Func<TaskRow, bool>? clientFilter)
    {
        if (owners.Count <= MaxServerSideOwners)
        {
            var terms = owners.Select(o => TableClient.CreateQueryFilter($"OwnerId eq {o}"));
            if (query.IncludeEscalatedFrom)
            {
                terms = terms.Concat(owners.Select(o => TableClient.CreateQueryFilter($"EscalatedFromId eq {o}")));
            }

            filters.Add("(" + string.Join(" or ", terms) + ")");
            return;
        }

        var set = owners.ToHashSet(StringComparer.Ordinal);
        clientFilter = row => set.Contains(row.OwnerId) || (query.IncludeEscalatedFrom && row.EscalatedFromId is { } from && set.Contains(from));
    }

    /// <summary>
    /// The service-side form of a scope filter (need-to-know by organization, docs/access.md):
    /// <c>(OrganizationId eq u1 or … or {exemptColumn} eq exempt)</c>, or null when there is no scope (<paramref name="units"/>
    /// null) or it needs more than <paramref name="budget"/> comparisons (then the caller filters here, by the query's Matches).
    /// </summary>
    private static string? ScopeFilter(IReadOnlyCollection<string>? units, string exemptColumn, string? exempt, int budget)
    {
        if (units is null || units.Count + (exempt is null ? 0 : 1) > budget)
        {
            return null;
        }

        var terms = units.Select(u => TableClient.CreateQueryFilter($"OrganizationId eq {u}")).ToList();
        if (exempt is not null)
        {
            terms.Add(exemptColumn == "AssigneeId"
                ? TableClient.CreateQueryFilter($"AssigneeId eq {exempt}")
                : TableClient.CreateQueryFilter($"OwnerId eq {exempt}"));
        }

        return "(" + string.Join(" or ", terms) + ")";
    }

    /// <inheritdoc />
    public async ValueTask PurgeTenantAsync(string tenantId)
    {
        await EnsureTablesAsync();
        foreach (var table in new[] { _tasks, _cases, _organizations, _people, _personIndex })
        {
            var batch = new List<TableTransactionAction>(MaxBatchSize);
            await foreach (var entity in table.QueryAsync<TableEntity>(PartitionFilter(tenantId, after: null), MaxServicePageSize,
                               select: ["PartitionKey", "RowKey"]))
            {
                batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, entity, ETag.All));
                if (batch.Count == MaxBatchSize)
                {
                    await table.SubmitTransactionAsync(batch);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                await table.SubmitTransactionAsync(batch);
            }
        }
    }

    /// <summary>
    /// One page: the rows of the tenant's partition after <paramref name="after"/> that match, read forward in RowKey
    /// order until <paramref name="first"/> + 1 matches are seen (or the partition ends).
    /// </summary>
    private async ValueTask<Page<T>> PageAsync<T>(TableClient table, string tenantId, string? after, int first,
        List<string> serverFilters, Func<T, bool>? clientFilter, Func<TableEntity, T> map)
    {
        await EnsureTablesAsync();
        first = Math.Max(first, 0);
        var wanted = first == int.MaxValue ? int.MaxValue : first + 1;
        var filter = PartitionFilter(tenantId, after);
        foreach (var serverFilter in serverFilters)
        {
            filter += " and " + serverFilter;
        }

        // Without a client-side filter every returned row counts, so ask for exactly the rows needed; with one,
        // read somewhat larger pages forward from the cursor to bound the number of round trips.
        var pageSize = clientFilter is null ? Math.Min(wanted, MaxServicePageSize) : Math.Min(Math.Max(wanted, 100), MaxServicePageSize);
        var items = new List<T>(Math.Min(first, 128));
        await foreach (var page in table.QueryAsync<TableEntity>(filter, pageSize).AsPages(pageSizeHint: pageSize))
        {
            foreach (var entity in page.Values)
            {
                var row = map(entity);
                if (clientFilter is not null && !clientFilter(row))
                {
                    continue;
                }

                if (items.Count == first)
                {
                    return new Page<T>(items, true);
                }

                items.Add(row);
            }
        }

        return new Page<T>(items, false);
    }

    private async Task UpsertAsync(TableClient table, TableEntity entity)
    {
        await EnsureTablesAsync();
        await _writers[table].UpsertAsync(entity);
    }

    private static string PartitionFilter(string tenantId, string? after) => after is null
        ? TableClient.CreateQueryFilter($"PartitionKey eq {tenantId}")
        : TableClient.CreateQueryFilter($"PartitionKey eq {tenantId} and RowKey gt {after}");
}
