namespace CareGrid.Grains.ReadModel;

/// <summary>
/// The name and external-id indexes of one tenant's people in <see cref="InMemoryReadModelStore"/> (docs/search.md): two
/// ordered sets of keys (<see cref="SortedIds"/>) (<see cref="PersonNameKeys.SortKey"/>, <see cref="PersonNameKeys.ExternalKey"/>), so a search seeks
/// to its prefix in O(log n) and reads forward only over the matching keys. Thread-safe.
/// </summary>
internal sealed class InMemoryPersonKeys
{
    private readonly Lock _gate = new();
    private readonly SortedIds _names = new();
    private readonly SortedIds _externals = new();

    /// <summary>
    /// Indexes <paramref name="row"/>, replacing the keys of its previous version: <paramref name="store"/> stores the row (in
    /// the tenant's <see cref="InMemoryRowIndex{T}"/>) and returns the version it replaced, whose keys are recomputed and
    /// removed. Storing under this index's lock keeps the two in step when the same person is written concurrently; the row
    /// index's lock is only ever taken inside this one, never the other way round.
    /// </summary>
    public void Upsert(PersonRow row, Func<PersonRow?> store)
    {
        var name = PersonNameKeys.SortKey(row);
        var external = row.ExternalId is null ? null : PersonNameKeys.ExternalKey(row.ExternalId, row.Id);
        lock (_gate)
        {
            if (store() is { } old)
            {
                _names.Remove(PersonNameKeys.SortKey(old));
                if (old.ExternalId is not null)
                {
                    _externals.Remove(PersonNameKeys.ExternalKey(old.ExternalId, old.Id));
                }
            }

            _names.Add(name);
            if (external is not null)
            {
                _externals.Add(external);
            }
        }
    }

    /// <summary>
    /// The person ids whose key starts with <paramref name="prefix"/> and follows <paramref name="after"/> (a key, exclusive),
    /// in key order, passed to <paramref name="take"/> until it returns false.
    /// </summary>
    public void Scan(bool byName, string prefix, string? after, Func<string, string, bool> take)
    {
        lock (_gate)
        {
            var keys = byName ? _names : _externals;
            if (keys.Count == 0)
            {
                return;
            }

            var from = after is not null && string.CompareOrdinal(after, prefix) > 0 ? after : prefix;
            foreach (var key in keys.From(from))
            {
                if (!key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return;
                }

                if ((after is null || string.CompareOrdinal(key, after) > 0) && !take(key, key[(key.LastIndexOf(PersonNameKeys.Separator) + 1)..]))
                {
                    return;
                }
            }
        }
    }
}
