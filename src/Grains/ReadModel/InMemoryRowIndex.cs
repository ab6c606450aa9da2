namespace CareGrid.Grains.ReadModel;

/// <summary>
/// One term of a list's candidate set (docs/read-side.md): the rows whose key in secondary index <paramref name="Index"/>
/// equals <paramref name="Key"/>.
/// </summary>
/// <param name="Index">The position of the secondary index among those the <see cref="InMemoryRowIndex{T}"/> was built with.</param>
/// <param name="Key">The key (a unit id, an assignee or owner id, a person id, <see cref="InMemoryRowIndex{T}.Open"/>).</param>
internal readonly record struct IndexTerm(int Index, string Key);

/// <summary>
/// The embedded read side's rows of one tenant and kind (docs/read-side.md): every row by id in one ordered set, plus
/// secondary indexes — for each key a row has (its unit, its assignee, …), the ordered set of the ids of the rows with that
/// key. A page reads forward from the cursor either through every id or, when the query names a smaller candidate set
/// (for instance the caller's units plus the caller's own cases), through the ordered merge of the candidate sets; the
/// query's full filter is applied to each row read either way, so a candidate set only has to hold every matching row.
/// Thread-safe: one lock per index.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
internal sealed class InMemoryRowIndex<T>
    where T : class
{
    /// <summary>The key of the secondary index of open rows (a case not closed, a task still open).</summary>
    public const string Open = "open";

    private readonly Lock _gate = new();
    private readonly SortedIds _ids = new();
    private readonly Dictionary<string, T> _rows = new(StringComparer.Ordinal);
    private readonly Func<T, string?>[] _keyOf;

    /// <summary>
    /// Per secondary index, the ids of each key: the id string itself while the key has one row (most by-person and
    /// by-assignee keys), a <see cref="SortedIds"/> from the second row on, and back to the single id when all but one
    /// left (docs/memory.md).
    /// </summary>
    private readonly Dictionary<string, object>[] _byKey;
    private long _examined;

    /// <summary>An index whose secondary index <c>i</c> files each row under <c>keys[i](row)</c> (null: under no key).</summary>
    public InMemoryRowIndex(params Func<T, string?>[] keys)
    {
        _keyOf = keys;
        _byKey = keys.Select(_ => new Dictionary<string, object>(StringComparer.Ordinal)).ToArray();
    }

    /// <summary>
    /// Inserts or replaces the row of <paramref name="id"/>, moving it between the secondary indexes' keys as its keys changed;
    /// returns the row it replaced, or null.
    /// </summary>
    public T? Upsert(string id, T row)
    {
        lock (_gate)
        {
            _rows.TryGetValue(id, out var old);
            _rows[id] = row;
            _ids.Add(id);
            for (var i = 0; i < _keyOf.Length; i++)
            {
                var was = old is null ? null : _keyOf[i](old);
                var now = _keyOf[i](row);
                if (string.Equals(was, now, StringComparison.Ordinal))
                {
                    continue;
                }

                if (was is not null)
                {
                    Leave(_byKey[i], was, id);
                }

                if (now is not null)
                {
                    Join(_byKey[i], now, id);
                }
            }

            return old;
        }
    }

    /// <summary>Files <paramref name="id"/> under <paramref name="key"/>: the id alone for a new key, a set from the second id on. Under the lock.</summary>
    private static void Join(Dictionary<string, object> byKey, string key, string id)
    {
        ref var ids = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(byKey, key, out var exists);
        if (!exists)
        {
            ids = id;
        }
        else if (ids is SortedIds set)
        {
            set.Add(id);
        }
        else if (!string.Equals((string)ids!, id, StringComparison.Ordinal))
        {
            var joined = new SortedIds();
            joined.Add((string)ids!);
            joined.Add(id);
            ids = joined;
        }
    }

    /// <summary>Takes <paramref name="id"/> out of <paramref name="key"/>: the key goes with its last id, and a set left with one id becomes that id. Under the lock.</summary>
    private static void Leave(Dictionary<string, object> byKey, string key, string id)
    {
        if (!byKey.TryGetValue(key, out var ids))
        {
            return;
        }

        if (ids is SortedIds set)
        {
            set.Remove(id);
            if (set.Count == 1)
            {
                byKey[key] = set.Max!;
            }
            else if (set.Count == 0)
            {
                byKey.Remove(key);
            }
        }
        else if (string.Equals((string)ids, id, StringComparison.Ordinal))
        {
            byKey.Remove(key);
        }
    }

    /// <summary>The rows read by every <see cref="Page"/> so far (passing the filter or not): the work lists did here.</summary>
    public long Examined
    {
        get
        {
            lock (_gate)
            {
                return _examined;
            }
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

    /// <summary>
    /// The number of ids filed under <paramref name="key"/> in secondary index <paramref name="index"/>, and whether they are
    /// kept as a set (false: as the single id itself, or no key). For tests of the key's representation.
    /// </summary>
    internal (int Count, bool AsSet) KeyShape(int index, string key)
    {
        lock (_gate)
        {
            return _byKey[index].TryGetValue(key, out var ids) ? ids is SortedIds set ? (set.Count, true) : (1, false) : (0, false);
        }
    }

    /// <summary>
    /// Up to <paramref name="first"/> rows passing <paramref name="match"/>, ordered by id (ordinal), after <paramref name="after"/>
    /// (exclusive; null: from the start), and whether more follow.
    /// </summary>
    /// <param name="after">The cursor: the id of the last row of the previous page, or null.</param>
    /// <param name="first">Rows wanted (≥ 0).</param>
    /// <param name="match">The query's full filter.</param>
    /// <param name="candidates">Alternative candidate sets, each the union of its terms and each holding every row that passes
    /// <paramref name="match"/> (a filter's necessary condition); the smallest is read, or every id when none is smaller than
    /// the whole index. Empty: every id.</param>
    /// <param name="examined">The rows read to produce the page (those that passed and those that did not).</param>
    public Page<T> Page(string? after, int first, Func<T, bool> match, IReadOnlyList<IReadOnlyList<IndexTerm>> candidates, out int examined)
    {
        var items = new List<T>(Math.Min(first, 64));
        examined = 0;
        var more = false;
        lock (_gate)
        {
            foreach (var id in Ids(Cheapest(candidates), after))
            {
                examined++;
                var row = _rows[id];
                if (!match(row))
                {
                    continue;
                }

                if (items.Count == first)
                {
                    more = true;
                    break;
                }

                items.Add(row);
            }

            _examined += examined;
        }

        return new Page<T>(items, more);
    }

    /// <summary>The candidate set with the fewest ids when it has fewer than the whole index, else null (read every id). Under the lock.</summary>
    private IReadOnlyList<IndexTerm>? Cheapest(IReadOnlyList<IReadOnlyList<IndexTerm>> candidates)
    {
        IReadOnlyList<IndexTerm>? best = null;
        long bestSize = _ids.Count;
        foreach (var terms in candidates)
        {
            long size = 0;
            foreach (var term in terms)
            {
                size += _byKey[term.Index].TryGetValue(term.Key, out var ids) ? ids is SortedIds set ? set.Count : 1 : 0;
                if (size >= bestSize)
                {
                    break;
                }
            }

            if (size < bestSize)
            {
                best = terms;
                bestSize = size;
            }
        }

        return best;
    }

    /// <summary>The ids of <paramref name="terms"/>' sets (null: every id) after <paramref name="after"/>, ascending, each once. Under the lock.</summary>
    private IEnumerable<string> Ids(IReadOnlyList<IndexTerm>? terms, string? after)
    {
        if (terms is null)
        {
            return _ids.After(after);
        }

        var sources = new List<IEnumerable<string>>(terms.Count);
        foreach (var term in terms)
        {
            if (_byKey[term.Index].TryGetValue(term.Key, out var ids))
            {
                sources.Add(After(ids, after));
            }
        }

        return sources.Count switch
        {
            0 => [],
            1 => sources[0],
            _ => OrderedIds.Union(sources),
        };
    }

    /// <summary>The ids of a key (a single id or a <see cref="SortedIds"/>) strictly after <paramref name="after"/> (null: all), ascending.</summary>
    private static IEnumerable<string> After(object ids, string? after) =>
        ids is SortedIds set ? set.After(after)
        : after is null || string.CompareOrdinal((string)ids, after) > 0 ? [(string)ids]
        : [];
}

/// <summary>Ordered merges of ascending id sequences (ordinal order).</summary>
internal static class OrderedIds
{
    /// <summary>The union of <paramref name="sources"/>, each ascending, as one ascending sequence with each id once.</summary>
    public static IEnumerable<string> Union(IReadOnlyList<IEnumerable<string>> sources)
    {
        var heads = new PriorityQueue<IEnumerator<string>, string>(sources.Count, StringComparer.Ordinal);
        try
        {
            foreach (var source in sources)
            {
                var e = source.GetEnumerator();
                if (e.MoveNext())
                {
                    heads.Enqueue(e, e.Current);
                }
                else
                {
                    e.Dispose();
                }
            }

            string? last = null;
            while (heads.TryDequeue(out var e, out var id))
            {
                if (!string.Equals(id, last, StringComparison.Ordinal))
                {
                    last = id;
                    yield return id;
                }

                if (e.MoveNext())
                {
                    heads.Enqueue(e, e.Current);
                }
                else
                {
                    e.Dispose();
                }
            }
        }
        finally
        {
            while (heads.TryDequeue(out var e, out _))
            {
                e.Dispose();
            }
        }
    }
}
