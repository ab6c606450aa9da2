namespace CareGrid.Grains.Statistics.RollUp;

/// <summary>
/// A roll-up table of counts with its margins, after <see cref="RollUpSuppression"/> (docs/statistics.md "Roll-up"):
/// <see cref="Rows"/> data rows (one per sharing tenant) and <see cref="Columns"/> data columns (one per category), plus
/// the total row (row index <see cref="Rows"/>, the column totals) and the total column (column index <see cref="Columns"/>,
/// the row totals); cell (<see cref="Rows"/>, <see cref="Columns"/>) is the grand total. Every cell knows its true count
/// and whether it is suppressed; a suppressed cell must never be shown, only said to be suppressed.
/// </summary>
public sealed class RollUpGrid
{
    private readonly long[,] _values;
    private readonly bool[,] _suppressed;

    internal RollUpGrid(long[,] values, bool[,] suppressed)
    {
        _values = values;
        _suppressed = suppressed;
    }

    /// <summary>The number of data rows (without the total row).</summary>
    public int Rows => _values.GetLength(0) - 1;

    /// <summary>The number of data columns (without the total column).</summary>
    public int Columns => _values.GetLength(1) - 1;

    /// <summary>The true count of a cell (0 ≤ <paramref name="row"/> ≤ <see cref="Rows"/>, 0 ≤ <paramref name="column"/> ≤ <see cref="Columns"/>); for tests and checks only, never for publishing.</summary>
    public long Value(int row, int column) => _values[row, column];

    /// <summary>True when the cell is suppressed (primary: under <see cref="RollUpSuppression.Threshold"/>; or complementary).</summary>
    public bool IsSuppressed(int row, int column) => _suppressed[row, column];

    /// <summary>The count to publish, or null when the cell is suppressed.</summary>
    public long? Published(int row, int column) => _suppressed[row, column] ? null : _values[row, column];

    /// <summary>True for a cell of the total row or the total column.</summary>
    public bool IsMargin(int row, int column) => row == Rows || column == Columns;

    /// <summary>How many cells (margins included) are suppressed.</summary>
    public int SuppressedCount
    {
        get
        {
            var count = 0;
            foreach (var s in _suppressed)
            {
                count += s ? 1 : 0;
            }

            return count;
        }
    }
}
