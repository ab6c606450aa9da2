using System.Collections.Concurrent;
using CareGrid.Grains.Statistics;
using CommunityToolkit.HighPerformance.Buffers;

namespace CareGrid.Grains.ReadModel;

/// <summary>
/// The embedded-mode read side: one ordered index per tenant and row kind, held in this process
/// (<see cref="InMemoryRowIndex{T}"/>). Seeking to a cursor is O(log n); a page then reads forward only as far as it needs,
/// and a case or task list reads only the rows of its most selective candidate set — the caller's units and own rows, an
/// assignee, owner, unit or person, or the open rows (<see cref="InMemoryListPlans"/>, docs/read-side.md) — never the
/// whole tenant when the query names a smaller set. Thread-safe. Lost on restart; grains re-publish their rows on activation.
/// </summary>
/// <remarks>
/// A kept row shares the values that repeat across rows instead of holding copies of its own: the tenant id, owner and
/// assignee ids and target group codes come from a bounded <see cref="StringPool"/>, and the ids of the person,
/// organization or case a row refers to are the id strings of those rows when they are stored. Rows read back are
/// equal in every field to the rows written.
/// </remarks>
public sealed class InMemoryReadModelStore : IReadModelStore, IKeptRows
{
    private readonly StringPool _strings = new(4096);
    private readonly ConcurrentDictionary<string, InMemoryRowIndex<CaseRow>> _cases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, InMemoryRowIndex<OrganizationRow>> _organizations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, InMemoryRowIndex<PersonRow>> _people = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, InMemoryRowIndex<TaskRow>> _tasks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, InMemoryPersonKeys> _personKeys = new(StringComparer.Ordinal);

    /// <summary>The shared blank facts by (time zone id, backfilled) (<see cref="Shared"/>); at most <see cref="MaxBlankFacts"/> kept.</summary>
    private readonly ConcurrentDictionary<(string? Zone, bool Backfilled), CaseFacts> _blankFacts = new();

    /// <summary>Bound of <see cref="_blankFacts"/>: time zones are a tenant setting, so a handful are expected.</summary>
    private const int MaxBlankFacts = 256;

    /// <summary>No earlier service (the <see cref="CaseFacts.EarlierService"/> of almost every case), shared.</summary>
    private static readonly ServiceTotal NoService = new(0, 0);

    /// <inheritdoc />
    public ValueTask UpsertCaseAsync(CaseRow row)
    {
        var index = _cases.GetOrAdd(row.TenantId, static _ => InMemoryListPlans.NewCaseIndex());
        if (index.TryGet(row.Id, out var same) && SameValues(same, row))
        {
            return ValueTask.CompletedTask; // the kept instance stays: a holder of it (the statistics projection) keeps sharing it
        }

        var kept = Compact(row, index.StoredId(row.Id));
        index.Upsert(kept.Id, kept);
        return ValueTask.CompletedTask;
    }

    /// <summary><paramref name="row"/> as kept under the id string <paramref name="id"/>: its repeated values pooled or shared.</summary>
    private CaseRow Compact(CaseRow row, string id) => row with
    {
        Id = id,
        TenantId = _strings.GetOrAdd(row.TenantId),
        PersonId = IdOf(_people, row.TenantId, row.PersonId),
        OrganizationId = row.OrganizationId is null ? null : IdOf(_organizations, row.TenantId, row.OrganizationId),
        AssigneeId = row.AssigneeId is null ? null : _strings.GetOrAdd(row.AssigneeId),
        Facts = row.Facts is null ? null : Shared(row.Facts),
    };

    /// <inheritdoc />
    public CaseRow Kept(CaseRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!_cases.TryGetValue(row.TenantId, out var index))
        {
            return Compact(row, row.Id);
        }

        return index.TryGet(row.Id, out var kept) && SameValues(kept, row) ? kept : Compact(row, index.StoredId(row.Id));
    }

    /// <summary>
    /// True when <paramref name="kept"/> holds exactly the values of <paramref name="row"/>: equal as records, the same instants
    /// with the same offsets (record equality compares instants only), and facts either the same instance or blank (blank facts
    /// hold no instant, so equal blank facts are the same values).
    /// </summary>
    private static bool SameValues(CaseRow kept, CaseRow row) =>
        kept.Equals(row) && kept.ReportedAt.Offset == row.ReportedAt.Offset && kept.UpdatedAt.Offset == row.UpdatedAt.Offset
        && (ReferenceEquals(kept.Facts, row.Facts) || row.Facts is null || IsBlank(row.Facts));

    /// <inheritdoc />
    public ValueTask<Page<CaseRow>> QueryCasesAsync(string tenantId, CaseQuery query, int first, string? after)
    {
        if (!_cases.TryGetValue(tenantId, out var index))
        {
            return ValueTask.FromResult(new Page<CaseRow>([], false));
        }

        return ValueTask.FromResult(index.Page(after, first, query.Matches, InMemoryListPlans.CandidatesOf(query), out _));
    }

    /// <inheritdoc />
    public ValueTask<CaseRow?> GetCaseAsync(string tenantId, string caseId) =>
        ValueTask.FromResult(_cases.TryGetValue(tenantId, out var index) && index.TryGet(caseId, out var row) ? row : null);

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
            _organizations.TryGetValue(tenantId, out var index) ? index.Page(null, int.MaxValue, static _ => true, [], out _).Items : []);

    /// <inheritdoc />
    public ValueTask UpsertPersonAsync(PersonRow row)
    {
        var index = _people.GetOrAdd(row.TenantId, static _ => new());
        if (index.TryGet(row.Id, out var same) && same.Equals(row))
        {
            return ValueTask.CompletedTask; // the kept instance stays: a holder of it (the statistics projection) keeps sharing it
        }

        var kept = Compact(row, index.StoredId(row.Id));
        _personKeys.GetOrAdd(row.TenantId, static _ => new()).Upsert(row, () => index.Upsert(kept.Id, kept));
        return ValueTask.CompletedTask;
    }

    /// <summary><paramref name="row"/> as kept under the id string <paramref name="id"/>: its repeated values pooled or shared.</summary>
    private PersonRow Compact(PersonRow row, string id) => row with
    {
        Id = id,
        TenantId = _strings.GetOrAdd(row.TenantId),
        OrganizationId = row.OrganizationId is null ? null : IdOf(_organizations, row.TenantId, row.OrganizationId),
        TargetGroups = row.TargetGroups.Count == 0 ? [] : Array.AsReadOnly(row.TargetGroups.Select(_strings.GetOrAdd).ToArray()),
    };

    /// <inheritdoc />
    /// <remarks>Person rows hold no instant, so value equality (<see cref="PersonRow.Equals(PersonRow?)"/>) is the same values.</remarks>
    public PersonRow Kept(PersonRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!_people.TryGetValue(row.TenantId, out var index))
        {
            return Compact(row, row.Id);
        }

        return index.TryGet(row.Id, out var kept) && kept.Equals(row) ? kept : Compact(row, index.StoredId(row.Id));
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
            return ValueTask.FromResult(index.Page(after, first, query.Matches, [], out _));
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
        var index = _tasks.GetOrAdd(row.TenantId, static _ => InMemoryListPlans.NewTaskIndex());
        if (index.TryGet(row.Id, out var same) && SameValues(same, row))
        {
            return ValueTask.CompletedTask; // the kept instance stays: a holder of it (the statistics projection) keeps sharing it
        }

        var kept = Compact(row, index.StoredId(row.Id));
        index.Upsert(kept.Id, kept);
        return ValueTask.CompletedTask;
    }

    /// <summary><paramref name="row"/> as kept under the id string <paramref name="id"/>: its repeated values pooled or shared.</summary>
    private TaskRow Compact(TaskRow row, string id) => row with
    {
        Id = id,
        TenantId = _strings.GetOrAdd(row.TenantId),
        CaseId = IdOf(_cases, row.TenantId, row.CaseId),
        OwnerId = _strings.GetOrAdd(row.OwnerId),
        OrganizationId = row.OrganizationId is null ? null : IdOf(_organizations, row.TenantId, row.OrganizationId),
    };

    /// <inheritdoc />
    public TaskRow Kept(TaskRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!_tasks.TryGetValue(row.TenantId, out var index))
        {
            return Compact(row, row.Id);
        }

        return index.TryGet(row.Id, out var kept) && SameValues(kept, row) ? kept : Compact(row, index.StoredId(row.Id));
    }

    /// <summary>True when <paramref name="kept"/> holds exactly the values of <paramref name="row"/>, instants with their offsets.</summary>
    private static bool SameValues(TaskRow kept, TaskRow row) =>
        kept.Equals(row) && kept.DueAt.Offset == row.DueAt.Offset && kept.CreatedAt.Offset == row.CreatedAt.Offset
        && kept.CompletedAt?.Offset == row.CompletedAt?.Offset;

    /// <inheritdoc />
    public ValueTask<Page<TaskRow>> QueryTasksAsync(string tenantId, TaskQuery query, int first, string? after)
    {
        if (!_tasks.TryGetValue(tenantId, out var index))
        {
            return ValueTask.FromResult(new Page<TaskRow>([], false));
        }

        return ValueTask.FromResult(index.Page(after, first, query.Matches, InMemoryListPlans.CandidatesOf(query), out _));
    }

    /// <inheritdoc />
    public string? KeptId(string tenantId, string entityType, string id) => entityType switch
    {
        "Case" => IdOf(_cases, tenantId, id),
        "Person" => IdOf(_people, tenantId, id),
        "Organization" => IdOf(_organizations, tenantId, id),
        _ => null,
    };

    /// <summary>
    /// Case and task rows of <paramref name="tenantId"/> read (passing the filter or not) by every case and task query so far
    /// (zeros after a purge): the work of its pages, which follows the rows of the candidate sets read past the cursor
    /// (docs/read-side.md), not the tenant's size.
    /// </summary>
    internal (long Cases, long Tasks) RowsExamined(string tenantId) =>
        (_cases.TryGetValue(tenantId, out var cases) ? cases.Examined : 0, _tasks.TryGetValue(tenantId, out var tasks) ? tasks.Examined : 0);

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

    /// <summary>
    /// <paramref name="facts"/> as kept on a row: facts with no timeliness event yet (no instant, count or list entry — a case
    /// just reported, or never escalated or contacted) are one shared instance per time zone and backfill flag instead of a
    /// 224-byte object and its <see cref="ServiceTotal"/> per case (docs/memory.md); other facts are kept as written, with the
    /// time zone id pooled. Facts are immutable records compared by value, so a shared instance reads back equal.
    /// </summary>
    private CaseFacts Shared(CaseFacts facts)
    {
        if (!IsBlank(facts))
        {
            return facts.TimeZoneId is { } zone && _strings.GetOrAdd(zone) is var pooled && !ReferenceEquals(pooled, zone)
                ? facts with { TimeZoneId = pooled }
                : facts;
        }

        var key = (facts.TimeZoneId, facts.Backfilled);
        return _blankFacts.TryGetValue(key, out var shared) ? shared
            : _blankFacts.Count >= MaxBlankFacts ? facts
            : _blankFacts.GetOrAdd(key, facts with { TimeZoneId = facts.TimeZoneId is null ? null : _strings.GetOrAdd(facts.TimeZoneId), EarlierService = NoService, ProtocolOpen = [], Referrals = [], ReferralsBeyond = [], Service = [], HandOvers = [] });
    }

    /// <summary>True when <paramref name="facts"/> differ from a new case's facts in nothing but the time zone and backfill flag.</summary>
    private static bool IsBlank(CaseFacts facts) =>
        facts == new CaseFacts { TimeZoneId = facts.TimeZoneId, Backfilled = facts.Backfilled };

    /// <summary>The stored row id equal to <paramref name="id"/> in <paramref name="tenantId"/>'s index, or <paramref name="id"/>.</summary>
    private static string IdOf<T>(ConcurrentDictionary<string, InMemoryRowIndex<T>> indexes, string tenantId, string id)
        where T : class =>
        indexes.TryGetValue(tenantId, out var index) ? index.StoredId(id) : id;
}
