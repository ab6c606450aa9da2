namespace CareGrid.Grains.ReadModel;

/// <summary>
/// The name and external-id indexes of one tenant's people in <see cref="InMemoryReadModelStore"/> (docs/search.md): two
/// ordered sets of keys (<see cref="PersonNameKeys.SortKey"/>, <see cref="PersonNameKeys.ExternalKey"/>), so a search seeks
/// to its prefix in O(log n) and reads forward only over the matching keys. Thread-safe.
/// </summary>
internal sealed class InMemoryPersonKeys
{
    private readonly Lock _gate = new();
    private readonly SortedSet<string> _names = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _externals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Name, string? External)> _byId = new(StringComparer.Ordinal);

    /// <summary>Indexes <paramref name="row"/>, replacing the keys of its previous version.</summary>
    public void Upsert(PersonRow row)
    {
        var name = PersonNameKeys.SortKey(row);
        var external = row.ExternalId is null ? null : PersonNameKeys.ExternalKey(row.ExternalId, row.Id);
        lock (_gate)
        {
            if (_byId.TryGetValue(row.Id, out var old))
            {
                _names.Remove(old.Name);
                if (old.External is not null)
                {
                    _externals.Remove(old.External);
                }
            }

            _names.Add(name);
            if (external is not null)
            {
                _externals.Add(external);
            }

            _byId[row.Id] = (name, external);
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
            if (string.CompareOrdinal(from, keys.Max) > 0)
            {
                return;
            }

            foreach (var key in keys.GetViewBetween(from, keys.Max!))
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
