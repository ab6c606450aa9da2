using CareGrid.Grains.ReadModel;

namespace CareGrid.Tests.Infrastructure;

/// <summary>
/// The embedded read side (<see cref="InMemoryReadModelStore"/>) that counts, per tenant, the queries made of it and the
/// case rows each case query had to look through (every case of the tenant: a case query filters the tenant's whole index).
/// What a test asserts is work done, not time: a write path that asks the read side grows with the tenant's size.
/// </summary>
public sealed class CountingReadModelStore : IReadModelStore
{
    private readonly InMemoryReadModelStore _inner = new();
    private readonly Dictionary<string, (int Queries, long CaseRowsScanned)> _counts = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Queries (cases, people, tasks, organizations, counts) made for <paramref name="tenantId"/>, and the case rows they looked through.</summary>
    public (int Queries, long CaseRowsScanned) CountsOf(string tenantId)
    {
        lock (_gate)
        {
            return _counts.GetValueOrDefault(tenantId);
        }
    }

    /// <inheritdoc />
    public ValueTask UpsertCaseAsync(CaseRow row) => _inner.UpsertCaseAsync(row);

    /// <inheritdoc />
    public ValueTask<CaseRow?> GetCaseAsync(string tenantId, string caseId) => _inner.GetCaseAsync(tenantId, caseId);

    /// <inheritdoc />
    public async ValueTask<Page<CaseRow>> QueryCasesAsync(string tenantId, CaseQuery query, int first, string? after)
    {
        var all = await _inner.QueryCasesAsync(tenantId, new CaseQuery(), int.MaxValue, null);
        Count(tenantId, all.Items.Count);
        return await _inner.QueryCasesAsync(tenantId, query, first, after);
    }

    /// <inheritdoc />
    public ValueTask UpsertOrganizationAsync(OrganizationRow row) => _inner.UpsertOrganizationAsync(row);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<OrganizationRow>> ListOrganizationsAsync(string tenantId)
    {
        Count(tenantId, 0);
        return _inner.ListOrganizationsAsync(tenantId);
    }

    /// <inheritdoc />
    public ValueTask UpsertPersonAsync(PersonRow row) => _inner.UpsertPersonAsync(row);

    /// <inheritdoc />
    public ValueTask<Page<PersonRow>> QueryPeopleAsync(string tenantId, PersonQuery? query, int first, string? after)
    {
        Count(tenantId, 0);
        return _inner.QueryPeopleAsync(tenantId, query, first, after);
    }

    /// <inheritdoc />
    public ValueTask UpsertTaskAsync(TaskRow row) => _inner.UpsertTaskAsync(row);

    /// <inheritdoc />
    public ValueTask<Page<TaskRow>> QueryTasksAsync(string tenantId, TaskQuery query, int first, string? after)
    {
        Count(tenantId, 0);
        return _inner.QueryTasksAsync(tenantId, query, first, after);
    }

    /// <inheritdoc />
    public ValueTask PurgeTenantAsync(string tenantId) => _inner.PurgeTenantAsync(tenantId);

    private void Count(string tenantId, long caseRows)
    {
        lock (_gate)
        {
            var (queries, scanned) = _counts.GetValueOrDefault(tenantId);
            _counts[tenantId] = (queries + 1, scanned + caseRows);
        }
    }
}
