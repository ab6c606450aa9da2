using System.Collections.Concurrent;
using CommunityToolkit.HighPerformance.Buffers;

namespace CareGrid.Grains.ReadModel;

/// <summary>
/// The embedded-mode read side: one ordered index per tenant and row kind, held in this process.
/// Seeking to a cursor is O(log n); a page then scans forward only as far as it needs.
/// Thread-safe. Lost on restart; grains re-publish their rows on activation.
/// </summary>
/// <remarks>
/// A kept row shares the values that repeat across rows instead of holding copies of its own: the tenant id, owner and
/// assignee ids and target group codes come from a bounded <see cref="StringPool"/>, and the ids of the person,
/// organization or case a row refers to are the id strings of those rows when they are stored. Rows read back are
/// equal in every field to the rows written.
/// </remarks>
public sealed class InMemoryReadModelStore : IReadModelStore
{
    private readonly StringPool _strings = new(4096);
    private readonly ConcurrentDictionary<string, Index<CaseRow>> _cases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Index<OrganizationRow>> _organizations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Index<PersonRow>> _people = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Index<TaskRow>> _tasks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, InMemoryPersonKeys> _personKeys = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask UpsertCaseAsync(CaseRow row)
    {
        var index = _cases.GetOrAdd(row.TenantId, static _ => new());
        var id = index.StoredId(row.Id);
        index.Upsert(id, row with
        {
            Id = id,
            TenantId = _strings.GetOrAdd(row.TenantId),
            PersonId = IdOf(_people, row.TenantId, row.PersonId),
            OrganizationId = row.OrganizationId is null ? null : IdOf(_organizations, row.TenantId, row.OrganizationId),
            AssigneeId = row.AssigneeId is null ? null : _strings.GetOrAdd(row.AssigneeId),
        });
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<Page<CaseRow>> QueryCasesAsync(string tenantId, CaseQuery query, int first, string? after)
    {
        if (!_cases.TryGetValue(tenantId, out var index))
        {
            return ValueTask.FromResult(new Page<CaseRow>([], false));
        }

        return ValueTask.FromResult(index.Page(after, first, query.Matches));
    }

    /// <inheritdoc />
    public ValueTask UpsertOrganizationAsync(OrganizationRow row)
    {
        var index = _organizations.GetOrAdd(row.TenantId, static _ => new());
        var id = index.StoredId(row.Id);
        index.Upsert(id, row with
        {
            Id = id,
            TenantId = _strings.GetOrAdd(row.TenantId),
            ParentId = row.ParentId is null ? null : IdOf(_organizations, row.TenantId, row.ParentId),
        });
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<OrganizationRow>> ListOrganizationsAsync(string tenantId) =>
        ValueTask.FromResult<IReadOnlyList<OrganizationRow>>(
            _organizations.TryGetValue(tenantId, out var index) ? index.Page(null, int.MaxValue, static _ => true).Items : []);

    /// <inheritdoc />
    public ValueTask UpsertPersonAsync(PersonRow row)
    {
        var index = _people.GetOrAdd(row.TenantId, static _ => new());
        var id = index.StoredId(row.Id);
        index.Upsert(id, row with
        {
            Id = id,
            TenantId = _strings.GetOrAdd(row.TenantId),
            OrganizationId = row.OrganizationId is null ? null : IdOf(_organizations, row.TenantId, row.OrganizationId),
            TargetGroups = row.TargetGroups.Count == 0 ? [] : Array.AsReadOnly(row.TargetGroups.Select(_strings.GetOrAdd).ToArray()),
        });
        _personKeys.GetOrAdd(row.TenantId, static _ => new()).Upsert(row);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>A name or external-id search reads its index (<see cref="InMemoryPersonKeys"/>) from the prefix on, not the whole tenant.</remarks>
    public ValueTask<Page<PersonRow>> QueryPeopleAsync(string tenantId, PersonQuery? query, int first, string? after)
    {
        query ??= PersonQuery.All;
        if (!_people.TryGetValue(tenantId, out var index))
        {
            return ValueTask.FromResult(new Page<PersonRow>([], false));
        }

        if ((query.NamePrefix is null && query.ExternalId is null) || !_personKeys.TryGetValue(tenantId, out var keys))
        {
            return ValueTask.FromResult(index.Page(after, first, query.Matches));
        }

        var byName = query.NamePrefix is not null;
        var prefix = byName ? PersonNameKeys.Escape(query.NamePrefix!) : PersonNameKeys.Escape(query.ExternalId!) + PersonNameKeys.Separator;
        var items = new List<PersonRow>(Math.Min(first, 64));
        var more = false;
        keys.Scan(byName, prefix, byName || after is null ? after : prefix + after, (_, id) =>
        {
            if (!index.TryGet(id, out var row) || !query.Matches(row))
            {
                return true;
            }

            more = items.Count == first;
            if (!more)
            {
                items.Add(row);
            }

            return !more;
        });
        return ValueTask.FromResult(new Page<PersonRow>(items, more));
    }

    /// <inheritdoc />
    public ValueTask UpsertTaskAsync(TaskRow row)
    {
        var index = _tasks.GetOrAdd(row.TenantId, static _ => new());
        var id = index.StoredId(row.Id);
        index.Upsert(id, row with
        {
            Id = id,
            TenantId = _strings.GetOrAdd(row.TenantId),
            CaseId = IdOf(_cases, row.TenantId, row.CaseId),
            OwnerId = _strings.GetOrAdd(row.OwnerId),
            OrganizationId = row.OrganizationId is null ? null : IdOf(_organizations, row.TenantId, row.OrganizationId),
        });
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<Page<TaskRow>> QueryTasksAsync(string tenantId, TaskQuery query, int first, string? after) =>
        ValueTask.FromResult(_tasks.TryGetValue(tenantId, out var index)
            ? index.Page(after, first, query.Matches)
            : new Page<TaskRow>([], false));

    /// <inheritdoc />
    public ValueTask PurgeTenantAsync(string tenantId)
    {
        _tasks.TryRemove(tenantId, out _);
        _cases.TryRemove(tenantId, out _);
        _organizations.TryRemove(tenantId, out _);
        _people.TryRemove(tenantId, out _);
        _personKeys.TryRemove(tenantId, out _);
        return ValueTask.CompletedTask;
    }

    /// <summary>The stored row id equal to <paramref name="id"/> in <paramref name="tenantId"/>'s index, or <paramref name="id"/>.</summary>
    private static string IdOf<T>(ConcurrentDictionary<string, Index<T>> indexes, string tenantId, string id) =>
        indexes.TryGetValue(tenantId, out var index) ? index.StoredId(id) : id;

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

        /// <summary>The row of <paramref name="id"/>, when there is one.</summary>
        public bool TryGet(string id, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T row)
        {
            lock (_gate)
            {
                return _rows.TryGetValue(id, out row);
            }
        }

        /// <summary>The id string this index keeps for <paramref name="id"/>, or <paramref name="id"/> when it has no such row.</summary>
        public string StoredId(string id)
        {
            lock (_gate)
            {
                return _ids.TryGetValue(id, out var stored) ? stored : id;
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
