using System.Collections.Concurrent;

namespace CareGrid.Grains.History;

/// <summary>The embedded-mode case history store: entries by tenant, case, kind and sequence, in this process. Thread-safe.</summary>
public sealed class InMemoryCaseHistoryStore : ICaseHistoryStore
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, SortedList<long, CaseHistoryEntry>>> _tenants = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask AppendAsync(string tenantId, string caseId, IReadOnlyList<CaseHistoryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var cases = _tenants.GetOrAdd(tenantId, static _ => new(StringComparer.Ordinal));
        foreach (var entry in entries)
        {
            if (entry.Sequence < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(entries), "History sequences start at 1.");
            }

            var list = cases.GetOrAdd(Key(caseId, entry.Kind), static _ => new());
            lock (list)
            {
                list[entry.Sequence] = entry;
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<CaseHistoryEntry>> ReadAsync(string tenantId, string caseId, CaseHistoryKind kind, long from, long to)
    {
        if (!_tenants.TryGetValue(tenantId, out var cases) || !cases.TryGetValue(Key(caseId, kind), out var list))
        {
            return ValueTask.FromResult<IReadOnlyList<CaseHistoryEntry>>([]);
        }

        lock (list)
        {
            var items = new List<CaseHistoryEntry>();
            for (var s = Math.Max(from, 1); s <= to; s++)
            {
                if (list.TryGetValue(s, out var entry))
                {
                    items.Add(entry);
                }
            }

            return ValueTask.FromResult<IReadOnlyList<CaseHistoryEntry>>(items);
        }
    }

    /// <inheritdoc />
    public ValueTask PurgeCaseAsync(string tenantId, string caseId)
    {
        if (_tenants.TryGetValue(tenantId, out var cases))
        {
            foreach (var kind in Enum.GetValues<CaseHistoryKind>())
            {
                cases.TryRemove(Key(caseId, kind), out _);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask PurgeTenantAsync(string tenantId)
    {
        _tenants.TryRemove(tenantId, out _);
        return ValueTask.CompletedTask;
    }

    private static string Key(string caseId, CaseHistoryKind kind) => caseId + "|" + (int)kind;
}
