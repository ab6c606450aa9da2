namespace CareGrid.Grains.Statistics.RollUp;

/// <summary>
/// Small-count suppression of a roll-up table (docs/statistics.md "Roll-up"; round-4 brief R: counts only, every cell under 5
/// suppressed, and complementary suppression so that no suppressed cell can be derived from what is published).
/// <para>
/// The table is an r × c grid of counts ≥ 0 published with its row totals, column totals and grand total.
/// <b>Primary suppression</b>: every cell, totals included, with a count under <see cref="Threshold"/> — zeros too (a published
/// 0 tells as much as a 1). <b>Complementary suppression</b>: a reader who knows the published cells, the totals, that
/// counts are whole numbers ≥ 0 and which cells are suppressed must not be able to tell the exact count of any suppressed cell.
/// </para>
/// <para>
/// The test is exact for that reader. Multiply the totals by −1 and every row and column of the (r+1) × (c+1) grid sums to
/// zero, so the cells that may change while the published ones stay put are the cycles of the bipartite graph whose nodes
/// are the lines (rows, columns, the total row and column) and whose edges are the suppressed cells; going round a cycle
/// adds 1 to every other cell and takes 1 from the rest (a cell is a count, so one whose count is 0 may only gain). A
/// suppressed cell is derivable exactly when no such cycle runs through it in a direction its 0-counts allow: a cell that is
/// on no cycle (a bridge — what a rank test of the linear system over the rationals finds), or one whose line's other
/// suppressed cells would all have to be 0 (a line whose suppressed part sums to a published 0, and the like across several lines).
/// Each cell is checked once; for one that fails, the cheapest path of published cells that closes such a cycle is
/// suppressed (a cell's cost is its count; a total costs more than any cell, so totals stay published when they can).
/// Suppressing everything always passes, so the loop ends.
/// </para>
/// </summary>
public static class RollUpSuppression
{
    /// <summary>The smallest count that may be published (round-4 brief R: every cell under 5 is suppressed).</summary>
    public const int Threshold = 5;

    /// <summary>The cost added to a published total so that a path of data cells is preferred (totals stay published).</summary>
    private const long TotalCost = 1_000_000_000L;

    /// <summary>
    /// Suppresses <paramref name="counts"/> (rows × columns, every count ≥ 0, at least one row and one column) and its margins.
    /// Deterministic: the same counts give the same grid.
    /// </summary>
    /// <exception cref="ArgumentException">No row or no column, or a negative count.</exception>
    public static RollUpGrid Suppress(long[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var (rows, columns) = (counts.GetLength(0), counts.GetLength(1));
        if (rows == 0 || columns == 0)
        {
            throw new ArgumentException("A roll-up table has at least one row and one column.", nameof(counts));
        }

        var values = WithMargins(counts);
        var suppressed = new bool[rows + 1, columns + 1];
        var work = new Queue<(int Row, int Column)>();
        for (var i = 0; i <= rows; i++)
        {
            for (var j = 0; j <= columns; j++)
            {
                if (values[i, j] < Threshold)
                {
                    suppressed[i, j] = true;
                    work.Enqueue((i, j));
                }
            }
        }

        var graph = new CellGraph(values, suppressed);
        while (work.TryDequeue(out var cell))
        {
            if (!graph.CanMove(cell.Row, cell.Column))
            {
                foreach (var added in graph.CheapestClosingPath(cell.Row, cell.Column, TotalCost))
                {
                    suppressed[added.Row, added.Column] = true;
                    work.Enqueue(added);
                }
            }
        }

        return new RollUpGrid(values, suppressed);
    }

    private static long[,] WithMargins(long[,] counts)
    {
        var (rows, columns) = (counts.GetLength(0), counts.GetLength(1));
        var values = new long[rows + 1, columns + 1];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                var count = counts[i, j];
                if (count < 0)
                {
                    throw new ArgumentException($"Count [{i},{j}] is negative ({count}).", nameof(counts));
                }

                values[i, j] = count;
                values[i, columns] += count;
                values[rows, j] += count;
                values[rows, columns] += count;
            }
        }

        return values;
    }
}
