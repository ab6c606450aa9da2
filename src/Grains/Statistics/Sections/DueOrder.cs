namespace CareGrid.Grains.Statistics.Sections;

/// <summary>A position in a <see cref="DueOrder"/>: a due instant (UTC ticks), then a task row id (ordinal).</summary>
/// <param name="DueTicks">The due instant's UTC ticks.</param>
/// <param name="Id">The task row id.</param>
public readonly record struct DueKey(long DueTicks, string Id) : IComparable<DueKey>
{
    /// <inheritdoc />
    public int CompareTo(DueKey other)
    {
        var byDue = DueTicks.CompareTo(other.DueTicks);
        return byDue != 0 ? byDue : string.CompareOrdinal(Id, other.Id);
    }

    /// <summary>The first key due at or after <paramref name="ticks"/>: every key below it is due strictly before.</summary>
    public static DueKey Before(long ticks) => new(ticks, "");
}

/// <summary>
/// Open tasks ordered by due instant, then row id (the overdue board, docs/statistics.md): a sorted list cut into chunks of at
/// most <see cref="MaxChunk"/> keys. Adding or removing a key costs a chunk plus a binary search over chunks; reading from a
/// position costs a binary search then the keys read; counting the keys below a bound costs one addition per chunk before it
/// (n / <see cref="MaxChunk"/>), never a pass over the keys. Plain and not thread-safe.
/// </summary>
public sealed class DueOrder
{
    /// <summary>Most keys in one chunk; a fuller chunk is split in two.</summary>
    public const int MaxChunk = 512;

    private readonly List<List<DueKey>> _chunks = [];

    /// <summary>How many keys are held.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="key"/>; false when it is already held.</summary>
    public bool Add(DueKey key)
    {
        if (_chunks.Count == 0)
        {
            _chunks.Add([key]);
            Count++;
            return true;
        }

        var c = Math.Min(ChunkFor(key), _chunks.Count - 1);
        var chunk = _chunks[c];
        var i = chunk.BinarySearch(key);
        if (i >= 0)
        {
            return false;
        }

        chunk.Insert(~i, key);
        Count++;
        if (chunk.Count > MaxChunk)
        {
            var half = chunk.Count / 2;
            _chunks.Insert(c + 1, chunk.GetRange(half, chunk.Count - half));
            chunk.RemoveRange(half, chunk.Count - half);
        }

        return true;
    }

    /// <summary>Removes <paramref name="key"/>; false when it is not held.</summary>
    public bool Remove(DueKey key)
    {
        var c = ChunkFor(key);
        if (c == _chunks.Count)
        {
            return false;
        }

        var chunk = _chunks[c];
        var i = chunk.BinarySearch(key);
        if (i < 0)
        {
            return false;
        }

        chunk.RemoveAt(i);
        Count--;
        if (chunk.Count == 0)
        {
            _chunks.RemoveAt(c);
        }

        return true;
    }

    /// <summary>How many keys are below <paramref name="bound"/> (strictly).</summary>
    public int CountBelow(DueKey bound)
    {
        var c = ChunkFor(bound);
        var count = 0;
        for (var k = 0; k < c; k++)
        {
            count += _chunks[k].Count;
        }

        if (c < _chunks.Count)
        {
            var i = _chunks[c].BinarySearch(bound);
            count += i >= 0 ? i : ~i;
        }

        return count;
    }

    /// <summary>The keys strictly after <paramref name="after"/> (from the first when null), in order, read lazily.</summary>
    /// <remarks>Read before the next change: a change while reading is not seen consistently.</remarks>
    public IEnumerable<DueKey> After(DueKey? after)
    {
        var c = 0;
        var i = 0;
        if (after is { } start)
        {
            c = ChunkFor(start);
            if (c < _chunks.Count)
            {
                var found = _chunks[c].BinarySearch(start);
                i = found >= 0 ? found + 1 : ~found;
            }
        }

        for (; c < _chunks.Count; c++, i = 0)
        {
            var chunk = _chunks[c];
            for (; i < chunk.Count; i++)
            {
                yield return chunk[i];
            }
        }
    }

    /// <summary>The first chunk whose last key is at or above <paramref name="key"/>, or the chunk count when none is.</summary>
    private int ChunkFor(DueKey key)
    {
        int low = 0, high = _chunks.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (_chunks[mid][^1].CompareTo(key) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
