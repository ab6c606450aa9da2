namespace CareGrid.Grains.ReadModel;

/// <summary>
/// An ordered set of strings (ordinal order) kept as a list of sorted chunks of at most <see cref="ChunkSize"/> references
/// (docs/memory.md): about 8–16 bytes per string instead of the 48-byte node per string of a
/// <see cref="SortedSet{T}"/>. Seeking (<see cref="TryGetValue"/>, <see cref="After"/>, <see cref="From"/>) is a binary
/// search over the chunks and then within one, O(log n); adding or removing moves at most one chunk's references. Ids
/// that arrive in ascending order (time-ordered case and task ids) fill chunks completely. Not thread-safe: the owner
/// holds its lock around every call and around the whole enumeration of what <see cref="After"/> and <see cref="From"/>
/// return (a change during an enumeration is not detected).
/// </summary>
internal sealed class SortedIds
{
    /// <summary>The most references one chunk holds; a full chunk splits in two (or, at the end, starts a new one).</summary>
    internal const int ChunkSize = 128;

    private readonly List<Chunk> _chunks = [];

    /// <summary>The number of strings in the set.</summary>
    public int Count { get; private set; }

    /// <summary>The greatest string (ordinal), or null when the set is empty.</summary>
    public string? Max => _chunks.Count == 0 ? null : _chunks[^1].Last;

    /// <summary>Adds <paramref name="id"/>; false when an equal string was already there (the set is unchanged).</summary>
    public bool Add(string id)
    {
        if (_chunks.Count == 0)
        {
            _chunks.Add(new Chunk(id));
            Count = 1;
            return true;
        }

        var c = ChunkFor(id);
        if (c == _chunks.Count)
        {
            c--;
        }

        var chunk = _chunks[c];
        var at = chunk.Find(id);
        if (at >= 0)
        {
            return false;
        }

        at = ~at;
        if (chunk.Count == ChunkSize)
        {
            if (at == ChunkSize && c == _chunks.Count - 1)
            {
                _chunks.Add(new Chunk(id));
                Count++;
                return true;
            }

            var upper = chunk.SplitUpperHalf();
            _chunks.Insert(c + 1, upper);
            if (at > chunk.Count)
            {
                at -= chunk.Count;
                chunk = upper;
            }
        }

        chunk.Insert(at, id);
        Count++;
        return true;
    }

    /// <summary>Removes the string equal to <paramref name="id"/>; false when there was none.</summary>
    public bool Remove(string id)
    {
        var c = ChunkFor(id);
        if (c == _chunks.Count)
        {
            return false;
        }

        var chunk = _chunks[c];
        var at = chunk.Find(id);
        if (at < 0)
        {
            return false;
        }

        chunk.RemoveAt(at);
        Count--;
        if (chunk.Count == 0)
        {
            _chunks.RemoveAt(c);
        }

        return true;
    }

    /// <summary>The kept string equal to <paramref name="id"/> (ordinal), when there is one.</summary>
    public bool TryGetValue(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? stored)
    {
        var c = ChunkFor(id);
        if (c < _chunks.Count)
        {
            var at = _chunks[c].Find(id);
            if (at >= 0)
            {
                stored = _chunks[c].Items[at];
                return true;
            }
        }

        stored = null;
        return false;
    }

    /// <summary>The strings strictly after <paramref name="after"/> (null: all), ascending.</summary>
    public IEnumerable<string> After(string? after) => after is null ? Read(0, 0) : Seek(after, inclusive: false);

    /// <summary>The strings at or after <paramref name="from"/>, ascending.</summary>
    public IEnumerable<string> From(string from) => Seek(from, inclusive: true);

    private IEnumerable<string> Seek(string key, bool inclusive)
    {
        var c = ChunkFor(key);
        if (c == _chunks.Count)
        {
            return [];
        }

        var at = _chunks[c].Find(key);
        var start = at < 0 ? ~at : inclusive ? at : at + 1;
        return Read(c, start);
    }

    private IEnumerable<string> Read(int chunk, int start)
    {
        for (var c = chunk; c < _chunks.Count; c++)
        {
            var items = _chunks[c];
            for (var i = c == chunk ? start : 0; i < items.Count; i++)
            {
                yield return items.Items[i];
            }
        }
    }

    /// <summary>The index of the first chunk whose last string is ≥ <paramref name="id"/>, or the number of chunks when none is.</summary>
    private int ChunkFor(string id)
    {
        int lo = 0, hi = _chunks.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(_chunks[mid].Last, id) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>One sorted run of strings; its array grows by doubling up to <see cref="ChunkSize"/>.</summary>
    private sealed class Chunk
    {
        public Chunk(string first)
        {
            Items = [first, null!];
            Count = 1;
        }

        private Chunk(string[] items, int count)
        {
            Items = items;
            Count = count;
        }

        public string[] Items { get; private set; }

        public int Count { get; private set; }

        public string Last => Items[Count - 1];

        /// <summary>The position of <paramref name="id"/>, or the bitwise complement of where it would go.</summary>
        public int Find(string id) => Array.BinarySearch(Items, 0, Count, id, StringComparer.Ordinal);

        public void Insert(int at, string id)
        {
            if (Count == Items.Length)
            {
                var grown = new string[Math.Min(ChunkSize, Items.Length * 2)];
                Array.Copy(Items, grown, Count);
                Items = grown;
            }

            Array.Copy(Items, at, Items, at + 1, Count - at);
            Items[at] = id;
            Count++;
        }

        public void RemoveAt(int at)
        {
            Count--;
            Array.Copy(Items, at + 1, Items, at, Count - at);
            Items[Count] = null!;
            if (Count > 0 && Count <= Items.Length / 4)
            {
                Items = Items[..(Items.Length / 2)];
            }
        }

        /// <summary>Moves the upper half of this full chunk into a new chunk and returns it.</summary>
        public Chunk SplitUpperHalf()
        {
            var keep = Count / 2;
            var upper = new string[ChunkSize];
            Array.Copy(Items, keep, upper, 0, Count - keep);
            var moved = Count - keep;
            Array.Clear(Items, keep, moved);
            Count = keep;
            return new Chunk(upper, moved);
        }
    }
}
