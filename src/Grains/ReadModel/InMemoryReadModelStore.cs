using System.Collections.Concurrent;

namespace CareGrid.Grains.ReadModel;

/// <summary>
/// The embedded-mode read side: one ordered index per tenant and row kind, held in this process.
/// Seeking to a cursor is O(log n); a page then scans forward only as far as it needs.
/// Thread-safe. Lost on restart; grains re-publish their rows on activation.
/// </summary>
public sealed class InMemoryReadModelStore : IReadModelStore
{
    private readonly ConcurrentDictionary<string, Index<CaseRow>> _cases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Index<OrganizationRow>> _organizations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Index<PersonRow>> _people = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Index<TaskRow>> _tasks = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask UpsertCaseAsync(CaseRow row)
    {
        _cases.GetOrAdd(row.TenantId, static _ => new()).Upsert(row.Id, row);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<Page<CaseRow>> QueryCasesAsync(string tenantId, CaseQuery query, int first, string? after)
    {
        if (!_cases.TryGetValue(tenantId, out var index))
        {
            return ValueTask.FromResult(new Page<CaseRow>([], false));
        }

        return ValueTask.FromResult(index.Page(after, first, row =>
            (query.Status is null || row.Status == query.Status)
            && (!query.OpenOnly || row.Status != Cases.CaseStatus.Closed)
            && (query.RiskLevel is null || row.RiskLevel == query.RiskLevel)
            && (query.EscalationLevel is null || row.EscalationLevel == query.EscalationLevel)
            && (query.AssigneeId is null || row.AssigneeId == query.AssigneeId)
            && (query.OrganizationId is null || row.OrganizationId == query.OrganizationId)
            && (query.PersonId is null || row.PersonId == query.PersonId)));
    }

    /// <inheritdoc />
    public ValueTask UpsertOrganizationAsync(OrganizationRow row)
    {
        _organizations.GetOrAdd(row.TenantId, static _ => new()).Upsert(row.Id, row);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<OrganizationRow>> ListOrganizationsAsync(string tenantId) =>
        ValueTask.FromResult<IReadOnlyList<OrganizationRow>>(
            _organizations.TryGetValue(tenantId, out var index) ? index.Page(null, int.MaxValue, static _ => true).Items : []);

    /// <inheritdoc />
    public ValueTask UpsertPersonAsync(PersonRow row)
    {
        _people.GetOrAdd(row.TenantId, static _ => new()).Upsert(row.Id, row);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<Page<PersonRow>> QueryPeopleAsync(string tenantId, PersonQuery? query, int first, string? after) =>
        ValueTask.FromResult(_people.TryGetValue(tenantId, out var index)
            ? index.Page(after, first, (query ?? PersonQuery.All).Matches)
            : new Page<PersonRow>([], false));

    /// <inheritdoc />
    public ValueTask UpsertTaskAsync(TaskRow row)
    {
        _tasks.GetOrAdd(row.TenantId, static _ => new()).Upsert(row.Id, row);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<Page<TaskRow>> QueryTasksAsync(string tenantId, TaskQuery query, int first, string? after) =>
        ValueTask.FromResult(_tasks.TryGetValue(tenantId, out var index)
            ? index.Page(after, first, row =>
                (query.OwnerIds is null || query.OwnerIds.Contains(row.OwnerId))
                && (!query.OpenOnly || row.Status == Cases.CaseTaskStatus.Open)
                && (query.DueBefore is null || row.DueAt < query.DueBefore))
            : new Page<TaskRow>([], false));

    /// <inheritdoc />
    public ValueTask PurgeTenantAsync(string tenantId)
    {
        _tasks.TryRemove(tenantId, out _);
        _cases.TryRemove(tenantId, out _);
        _organizations.TryRemove(tenantId, out _);
        _people.TryRemove(tenantId, out _);
        return ValueTask.CompletedTask;
    }

    private sealed class Index<T>
    {
        private readonly Lock _gate = new();
        private readonly SortedSet<string> _ids = new(StringComparer.Ordinal);
        private readonly Dictionary<string, T> _rows = new(StringComparer.Ordinal);

        public void Upsert(string id, T row)
        {
            lock (_gate)
            {
                _rows[id] = row;
                _ids.Add(id);
            }
        }

        public Page<T> Page(string? after, int first, Func<T, bool> match)
        {
            var items = new List<T>(Math.Min(first, 64));
            lock (_gate)
            {
                if (_ids.Count == 0)
                {
                    return new Page<T>(items, false);
                }

                IEnumerable<string> ids = after is null ? _ids
                    : string.CompareOrdinal(after, _ids.Max) >= 0 ? []
                    : _ids.GetViewBetween(after, _ids.Max!);
                foreach (var id in ids)
                {
                    if (after is not null && string.Equals(id, after, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var row = _rows[id];
                    if (!match(row))
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
    }
}
