namespace CareGrid.Grains.Statistics.Sections;

/// <summary>
/// Counts per deadline (an instant, compared in UTC) that tell how many deadlines lie before a request's now — the pending
/// protocol episodes and the open discharge hand-overs of a timeliness bucket (<see cref="TimelinessSection"/>,
/// docs/statistics.md "Timeliness"). No event marks the moment a deadline passes, so the count before now is kept "as of"
/// <see cref="AsOf"/> and <see cref="Split"/> moves it over the deadlines between the old and the new instant, forwards or
/// backwards (a clock set back stays exact): a request costs the deadlines its clock passed since the last one, never a pass
/// over every deadline counted (as <see cref="OpenTasks.MoveTo"/> does for overdue tasks). Plain and not thread-safe.
/// </summary>
public sealed class DeadlineCounts
{
    private readonly Dictionary<DateTimeOffset, long> _counts = [];
    private readonly SortedSet<DateTimeOffset> _order = [];
    private long _past;

    /// <summary>The instant the count before it describes: every deadline strictly before it is counted past.</summary>
    public DateTimeOffset AsOf { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>The sum of every deadline's count (past and ahead).</summary>
    public long Total { get; private set; }

    /// <summary>How many distinct deadlines hold a count other than 0.</summary>
    public int Deadlines => _counts.Count;

    /// <summary>
    /// Adds <paramref name="delta"/> (+1 counts, -1 uncounts; any value) to the count of <paramref name="due"/>; a count that
    /// falls to 0 is dropped. A count may go below 0 while a row is replaced (uncounted before it was counted); sums stay exact.
    /// </summary>
    public void Add(DateTimeOffset due, long delta)
    {
        if (delta == 0)
        {
            return;
        }

        var next = _counts.GetValueOrDefault(due) + delta;
        if (next == 0)
        {
            _counts.Remove(due);
            _order.Remove(due);
        }
        else if (_counts.TryAdd(due, next))
        {
            _order.Add(due);
        }
        else
        {
            _counts[due] = next;
        }

        Total += delta;
        if (due < AsOf)
        {
            _past += delta;
        }
    }

    /// <summary>
    /// How many counted deadlines lie before <paramref name="now"/> (<c>due &lt; now</c>) and how many not, after making
    /// <see cref="AsOf"/> <paramref name="now"/>. The same sums as adding up every deadline's count on its side of
    /// <paramref name="now"/>; the cost is the deadlines in [old <see cref="AsOf"/>, <paramref name="now"/>) (or the other way
    /// round when the clock went back), plus a lookup of the earliest and latest deadline.
    /// </summary>
    public (long Past, long Ahead) Split(DateTimeOffset now)
    {
        MoveTo(now);
        return (_past, Total - _past);
    }

    private void MoveTo(DateTimeOffset now)
    {
        if (now == AsOf)
        {
            return;
        }

        var forward = now > AsOf;
        var (low, high) = forward ? (AsOf, now) : (now, AsOf);
        // The deadlines in [low, high) change side; GetViewBetween is inclusive at both ends, so one at high is skipped.
        if (_order.Count > 0 && _order.Min < high && _order.Max >= low)
        {
            var moved = 0L;
            foreach (var due in _order.GetViewBetween(low, high))
            {
                if (due < high)
                {
                    moved += _counts[due];
                }
            }

            _past += forward ? moved : -moved;
        }

        AsOf = now;
    }
}
