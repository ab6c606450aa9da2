namespace CareGrid.Grains.Statistics.RollUp;

/// <summary>
/// Small-count suppression of a roll-up table (docs/statistics.md "Suppression": counts only, every cell
/// under 5 withheld, and nothing withheld derivable from what is published).
/// <para>
/// The table is an r × c grid of counts ≥ 0 (a row per sharing tenant) with its row totals, column totals and grand total.
/// The rule, each part decided from published facts that a reader may know:
/// <list type="number">
/// <item>every cell under <see cref="Threshold"/> is withheld — zeros too (a published 0 tells as much as a 1);</item>
/// <item>a column total is published only when every cell of its column is published (then it is ≥ 5 as well), so the
/// difference of two reads whose covered tenants differ (a child stops sharing, is suspended, or joins) is a sum of cells
/// that were published anyway;</item>
/// <item>a row total is published only when it is ≥ 5 and either none of its cells is withheld, or its withheld cells are at
/// least two, sum to at least 5 and do not sum to 4 × their number (every withheld cell is known to be 0–4, so that sum
/// would make each exactly 4); with one withheld cell the total minus the published cells would be that cell, and a sum
/// under 5 is a small count published in effect. A table whose row totals change with the period (columns are weeks)
/// withholds every row total, since two reads one week apart would give that week's cells;</item>
/// <item>the grand total is published only when every cell and every row total is published.</item>
/// </list>
/// No complementary suppression of cells is needed: a column with a withheld cell has no published total, so the only
/// equations left over withheld cells are the rows, each independent of the others and with at least two unknowns; the
/// row rule leaves each of them at least two possible values within 0–4.
/// </para>
/// </summary>
public static class RollUpSuppression
{
    /// <summary>The smallest count that may be published (docs/statistics.md "Suppression": every cell under 5 is withheld).</summary>
    public const int Threshold = 5;

    /// <summary>
    /// Suppresses <paramref name="counts"/> (rows × columns, every count ≥ 0, at least one row and one column) and its
    /// margins. With <paramref name="withholdRowTotals"/> (a family whose row totals depend on the period, e.g. one column
    /// per week) every row total and so the grand total are withheld. Deterministic: the same counts give the same grid.
    /// </summary>
    /// <exception cref="ArgumentException">No row or no column, or a negative count.</exception>
    public static RollUpGrid Suppress(long[,] counts, bool withholdRowTotals = false)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var (rows, columns) = (counts.GetLength(0), counts.GetLength(1));
        if (rows == 0 || columns == 0)
        {
            throw new ArgumentException("A roll-up table has at least one row and one column.", nameof(counts));
        }

        var values = WithMargins(counts);
        var suppressed = new bool[rows + 1, columns + 1];
        var anyWithheld = false;
        for (var i = 0; i < rows; i++)
        {
            var (withheld, withheldSum) = (0, 0L);
            for (var j = 0; j < columns; j++)
            {
                if (values[i, j] < Threshold)
                {
                    suppressed[i, j] = suppressed[rows, j] = true;
                    (withheld, withheldSum) = (withheld + 1, withheldSum + values[i, j]);
                }
            }

            var rowTotalSafe = withheld == 0 || (withheld >= 2 && withheldSum >= Threshold && withheldSum != (Threshold - 1L) * withheld);
            suppressed[i, columns] = withholdRowTotals || values[i, columns] < Threshold || !rowTotalSafe;
            anyWithheld |= withheld > 0 || suppressed[i, columns];
        }

        suppressed[rows, columns] = anyWithheld;
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
