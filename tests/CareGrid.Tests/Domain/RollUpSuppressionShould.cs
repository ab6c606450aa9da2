using System.Numerics;
using System.Text;
using CareGrid.Grains.Statistics.RollUp;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CareGrid.Tests.Domain;

/// <summary>
/// Small-count suppression of the roll-up (docs/statistics.md "Roll-up"): no published cell or total under 5, and no
/// suppressed cell derivable from the published cells and totals — by the linear system (a rank test over the rationals),
/// by a line whose suppressed cells sum to a published 0, or by any other use of "counts are whole numbers ≥ 0"
/// (a brute-force search for another table that publishes the same figures, on small tables).
/// </summary>
[Trait("tier", "domain")]
public sealed class RollUpSuppressionShould
{
    /// <summary>A table of counts; printed as rows so a shrunk counterexample reads.</summary>
    public sealed record Table(long[,] Counts)
    {
        public override string ToString()
        {
            var text = new StringBuilder();
            for (var i = 0; i < Counts.GetLength(0); i++)
            {
                text.Append('[').Append(string.Join(",", Enumerable.Range(0, Counts.GetLength(1)).Select(j => Counts[i, j]))).Append(']');
            }

            return text.ToString();
        }
    }

    /// <summary>Tables of 1–<paramref name="maxRows"/> × 1–<paramref name="maxColumns"/> counts, many of them zero or small.</summary>
    private static Arbitrary<Table> Tables(int maxRows, int maxColumns)
    {
        var count = Gen.Frequency((2, Gen.Constant(0L)), (3, Gen.Choose(1, 4).Select(v => (long)v)), (5, Gen.Choose(5, 40).Select(v => (long)v)));
        return Gen.Choose(1, maxRows).SelectMany(rows => Gen.Choose(1, maxColumns).SelectMany(columns =>
            count.ArrayOf(rows * columns).Select(cells => new Table(Grid(rows, columns, cells))))).ToArbitrary();
    }

    [Property(MaxTest = 300)]
    public Property Publish_no_cell_or_total_under_5_and_every_published_figure_true() =>
        Prop.ForAll(Tables(6, 6), (Action<Table>)(table =>
        {
            var grid = RollUpSuppression.Suppress(table.Counts);
            ForEachCell(grid, (i, j) =>
            {
                Assert.Equal(Expected(table.Counts, i, j), grid.Value(i, j));
                if (grid.Value(i, j) < RollUpSuppression.Threshold)
                {
                    Assert.True(grid.IsSuppressed(i, j), $"cell [{i},{j}] = {grid.Value(i, j)} is published");
                }

                Assert.Equal(grid.IsSuppressed(i, j) ? null : grid.Value(i, j), grid.Published(i, j));
            });
        }));

    [Property(MaxTest = 200)]
    public Property Leave_no_suppressed_cell_determined_by_the_linear_system_of_published_cells_and_totals() =>
        Prop.ForAll(Tables(12, 8), (Action<Table>)(table =>
        {
            var grid = RollUpSuppression.Suppress(table.Counts);
            var determined = LinearlyDetermined(grid);
            Assert.True(determined.Count == 0, "determined by the published figures: " + string.Join(" ", determined));
        }));

    [Property(MaxTest = 200)]
    public Property Leave_no_row_or_column_whose_suppressed_cells_sum_to_a_published_0() =>
        Prop.ForAll(Tables(12, 8), (Action<Table>)(table =>
        {
            var grid = RollUpSuppression.Suppress(table.Counts);
            foreach (var line in Lines(grid))
            {
                var (margin, cells) = line;
                var hidden = cells.Where(c => grid.IsSuppressed(c.Row, c.Column)).ToList();
                if (!grid.IsSuppressed(margin.Row, margin.Column) && hidden.Count > 0)
                {
                    Assert.True(hidden.Sum(c => grid.Value(c.Row, c.Column)) > 0,
                        $"the suppressed cells of the line of total [{margin.Row},{margin.Column}] sum to 0");
                }
            }
        }));

    [Property(MaxTest = 150)]
    public Property Leave_every_suppressed_cell_with_another_possible_count_given_whole_counts_of_at_least_0() =>
        Prop.ForAll(Tables(3, 3), (Action<Table>)(table =>
        {
            var grid = RollUpSuppression.Suppress(table.Counts);
            var movable = CellsThatCanDiffer(grid);
            ForEachCell(grid, (i, j) =>
            {
                if (grid.IsSuppressed(i, j))
                {
                    Assert.True(movable[i, j], $"cell [{i},{j}] = {grid.Value(i, j)} has only one possible count");
                }
            });
        }));

    [Fact]
    public void Publish_everything_when_no_cell_or_total_is_under_5()
    {
        var grid = RollUpSuppression.Suppress(Grid(2, 3, [5, 6, 7, 8, 9, 10]));

        Assert.Equal(0, grid.SuppressedCount);
        Assert.Equal(45L, grid.Published(2, 3));
    }

    [Fact]
    public void Hide_one_small_cell_among_large_ones_in_a_rectangle_of_data_cells_and_keep_the_totals()
    {
        var grid = RollUpSuppression.Suppress(Grid(3, 3, [3, 20, 30, 40, 50, 60, 70, 80, 90]));

        // The cheapest rectangle through [0,0]: its row's and column's smallest partners and the cell that closes it.
        Assert.Equal(4, grid.SuppressedCount);
        Assert.True(grid.IsSuppressed(0, 0) && grid.IsSuppressed(0, 1) && grid.IsSuppressed(1, 0) && grid.IsSuppressed(1, 1));
        Assert.All(Enumerable.Range(0, 4), k => Assert.False(grid.IsSuppressed(k, 3) || grid.IsSuppressed(3, k)));
    }

    [Fact]
    public void Hide_the_column_total_with_the_cell_when_one_tenant_shares()
    {
        var grid = RollUpSuppression.Suppress(Grid(1, 3, [2, 10, 12]));

        // With one tenant the total row repeats its row: a cell and its column total are the same figure.
        Assert.True(grid.IsSuppressed(0, 0) && grid.IsSuppressed(1, 0));
        Assert.Empty(LinearlyDetermined(grid));
    }

    [Fact]
    public void Suppress_more_when_small_cells_close_a_rectangle_but_their_row_sums_to_a_published_0()
    {
        // [0,0], [0,1], [1,0] and [1,1] are under 5 and form a cycle, so the rank test alone passes; but row 0's total 20 equals
        // its published cell, so both hidden cells of row 0 would be read as 0.
        var grid = RollUpSuppression.Suppress(Grid(3, 3, [0, 0, 20, 3, 4, 30, 9, 9, 40]));

        Assert.Empty(LinearlyDetermined(grid));
        Assert.True(CellsThatCanDiffer(grid)[0, 0]);
        Assert.True(grid.IsSuppressed(0, 2) || grid.IsSuppressed(0, 3));
    }

    [Fact]
    public void Suppress_everything_when_every_count_is_0()
    {
        var grid = RollUpSuppression.Suppress(Grid(2, 2, [0, 0, 0, 0]));

        Assert.Equal(9, grid.SuppressedCount);
    }

    [Fact]
    public void Refuse_a_negative_count_or_an_empty_table()
    {
        Assert.Throws<ArgumentException>(() => RollUpSuppression.Suppress(Grid(1, 2, [3, -1])));
        Assert.Throws<ArgumentException>(() => RollUpSuppression.Suppress(new long[0, 3]));
    }

    private static long[,] Grid(int rows, int columns, long[] cells)
    {
        var grid = new long[rows, columns];
        for (var k = 0; k < cells.Length; k++)
        {
            grid[k / columns, k % columns] = cells[k];
        }

        return grid;
    }

    private static long Expected(long[,] counts, int row, int column)
    {
        var (rows, columns) = (counts.GetLength(0), counts.GetLength(1));
        long sum = 0;
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                sum += (row == rows || row == i) && (column == columns || column == j) ? counts[i, j] : 0;
            }
        }

        return sum;
    }

    private static void ForEachCell(RollUpGrid grid, Action<int, int> check)
    {
        for (var i = 0; i <= grid.Rows; i++)
        {
            for (var j = 0; j <= grid.Columns; j++)
            {
                check(i, j);
            }
        }
    }

    /// <summary>Each line of the grid with margins: its total cell and its other cells (rows 0..r, columns 0..c).</summary>
    private static IEnumerable<((int Row, int Column) Margin, List<(int Row, int Column)> Cells)> Lines(RollUpGrid grid)
    {
        for (var i = 0; i <= grid.Rows; i++)
        {
            yield return ((i, grid.Columns), Enumerable.Range(0, grid.Columns).Select(j => (i, j)).ToList());
        }

        for (var j = 0; j <= grid.Columns; j++)
        {
            yield return ((grid.Rows, j), Enumerable.Range(0, grid.Rows).Select(i => (i, j)).ToList());
        }
    }

    /// <summary>
    /// The suppressed cells fixed by the line equations (each line's cells sum to its total) once the published values are
    /// known: unknown k is fixed exactly when the unit vector e_k lies in the row space of the equations' coefficients over the
    /// unknowns, i.e. when the reduced row echelon form over the rationals has a row with a single non-zero entry.
    /// </summary>
    private static List<string> LinearlyDetermined(RollUpGrid grid)
    {
        var unknowns = new List<(int Row, int Column)>();
        ForEachCell(grid, (i, j) =>
        {
            if (grid.IsSuppressed(i, j))
            {
                unknowns.Add((i, j));
            }
        });
        var index = unknowns.Select((u, k) => (u, k)).ToDictionary(x => x.u, x => x.k);
        var matrix = new List<BigInteger[]>();
        foreach (var (margin, cells) in Lines(grid))
        {
            var row = new BigInteger[unknowns.Count];
            foreach (var c in cells.Where(index.ContainsKey))
            {
                row[index[c]] += 1;
            }

            if (index.TryGetValue(margin, out var m))
            {
                row[m] -= 1;
            }

            matrix.Add(row);
        }

        ReduceRowEchelon(matrix, unknowns.Count);
        return matrix.Where(r => r.Count(v => !v.IsZero) == 1)
            .Select(r => unknowns[Array.FindIndex(r, v => !v.IsZero)]).Select(u => $"[{u.Row},{u.Column}]").ToList();
    }

    /// <summary>Gauss–Jordan elimination with integer row operations (each row ends a multiple of its rational RREF row).</summary>
    private static void ReduceRowEchelon(List<BigInteger[]> matrix, int columns)
    {
        var pivotRow = 0;
        for (var c = 0; c < columns && pivotRow < matrix.Count; c++)
        {
            var p = matrix.FindIndex(pivotRow, r => !r[c].IsZero);
            if (p < 0)
            {
                continue;
            }

            (matrix[pivotRow], matrix[p]) = (matrix[p], matrix[pivotRow]);
            var pivot = matrix[pivotRow];
            for (var r = 0; r < matrix.Count; r++)
            {
                if (r != pivotRow && !matrix[r][c].IsZero)
                {
                    var factor = matrix[r][c];
                    var row = matrix[r].Select((v, k) => v * pivot[c] - pivot[k] * factor).ToArray();
                    var gcd = row.Aggregate(BigInteger.Zero, BigInteger.GreatestCommonDivisor);
                    matrix[r] = gcd.IsZero ? row : row.Select(v => v / gcd).ToArray();
                }
            }

            pivotRow++;
        }
    }

    /// <summary>
    /// Which cells of a small grid can differ in another table of whole counts ≥ 0 that publishes the same figures: every
    /// suppressed data cell is tried at its count −1, +0 and +1 (a cell that can move at all can move by one along a cycle).
    /// </summary>
    private static bool[,] CellsThatCanDiffer(RollUpGrid grid)
    {
        var hidden = new List<(int Row, int Column)>();
        for (var i = 0; i < grid.Rows; i++)
        {
            for (var j = 0; j < grid.Columns; j++)
            {
                if (grid.IsSuppressed(i, j))
                {
                    hidden.Add((i, j));
                }
            }
        }

        var differ = new bool[grid.Rows + 1, grid.Columns + 1];
        var other = new long[grid.Rows, grid.Columns];
        for (var combination = 0; combination < (int)Math.Pow(3, hidden.Count); combination++)
        {
            var ok = true;
            for (var (k, code) = (0, combination); k < hidden.Count; k++, code /= 3)
            {
                var (i, j) = hidden[k];
                other[i, j] = grid.Value(i, j) + code % 3 - 1;
                ok &= other[i, j] >= 0;
            }

            ok = ok && MarkDifferences(grid, other, differ, dryRun: true);
            if (ok)
            {
                MarkDifferences(grid, other, differ, dryRun: false);
            }
        }

        return differ;
    }

    /// <summary>With <paramref name="dryRun"/>, whether <paramref name="other"/> publishes the same figures as the grid; else marks the cells that differ.</summary>
    private static bool MarkDifferences(RollUpGrid grid, long[,] other, bool[,] differ, bool dryRun)
    {
        for (var i = 0; i < grid.Rows; i++)
        {
            for (var j = 0; j < grid.Columns; j++)
            {
                other[i, j] = grid.IsSuppressed(i, j) ? other[i, j] : grid.Value(i, j);
            }
        }

        var same = true;
        ForEachCell(grid, (i, j) =>
        {
            var value = Expected(other, i, j);
            same &= grid.IsSuppressed(i, j) || value == grid.Value(i, j);
            if (!dryRun && value != grid.Value(i, j))
            {
                differ[i, j] = true;
            }
        });
        return same;
    }
}
