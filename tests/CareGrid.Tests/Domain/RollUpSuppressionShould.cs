using System.Text;
using CareGrid.Grains.Statistics.RollUp;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CareGrid.Tests.Domain;

/// <summary>
/// Small-count suppression of the roll-up (docs/statistics.md "Suppression"): no published cell or total under 5, and no
/// withheld cell derivable — from the linear system of published cells and totals (a rank test over the rationals), from
/// bounds (every withheld cell is known to be 0–4), from the difference of two reads whose covered tenants differ, or from
/// two reads of a per-week table whose periods differ; on small tables, a brute-force search for another table of whole
/// counts that publishes the same figures.
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
        Prop.ForAll(Tables(6, 6), Gen.Elements(false, true).ToArbitrary(), (Action<Table, bool>)((table, perWeek) =>
        {
            var grid = RollUpSuppression.Suppress(table.Counts, perWeek);
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
    public Property Leave_no_withheld_cell_determined_by_the_linear_system_of_published_cells_and_totals() =>
        Prop.ForAll(Tables(12, 8), (Action<Table>)(table =>
        {
            var grid = RollUpSuppression.Suppress(table.Counts);
            var determined = RollUpOracle.LinearlyDetermined(RollUpOracle.Lines(grid, Names(grid))).Where(IsCell).ToList();
            Assert.True(determined.Count == 0, "determined by the published figures: " + string.Join(" ", determined));
        }));

    [Property(MaxTest = 200)]
    public Property Leave_every_withheld_cell_more_than_one_value_by_bounds_of_0_to_4() =>
        Prop.ForAll(Tables(12, 8), Gen.Elements(false, true).ToArbitrary(), (Action<Table, bool>)((table, perWeek) =>
        {
            var grid = RollUpSuppression.Suppress(table.Counts, perWeek);
            var ranges = RollUpOracle.Ranges(RollUpOracle.Lines(grid, Names(grid)), IsCell);
            var single = ranges.Where(r => IsCell(r.Key) && r.Value.Low >= r.Value.High).Select(r => $"{r.Key}={r.Value}").ToList();
            Assert.True(single.Count == 0, "a withheld cell has one possible value: " + string.Join(" ", single));
        }));

    [Property(MaxTest = 200)]
    public Property Leave_no_row_or_column_whose_suppressed_cells_sum_to_a_published_figure_under_5() =>
        Prop.ForAll(Tables(12, 8), (Action<Table>)(table =>
        {
            var grid = RollUpSuppression.Suppress(table.Counts);
            foreach (var line in RollUpOracle.Lines(grid, Names(grid)))
            {
                var hidden = line.Cells.Where(c => c.Withheld).ToList();
                if (!line.Total.Withheld && hidden.Count > 0)
                {
                    Assert.True(hidden.Sum(c => c.Value) >= RollUpSuppression.Threshold, $"the withheld cells of the line of total {line.Total.Name} sum to under 5");
                }
            }
        }));

    [Property(MaxTest = 200)]
    public Property Reveal_no_withheld_cell_of_a_tenant_that_leaves_between_two_reads() =>
        Prop.ForAll(Tables(8, 5).Generator.SelectMany(t => Gen.Elements(false, true).ArrayOf(t.Counts.GetLength(0)).Select(stays => (t, stays)))
            .Where(x => x.stays.Any(s => s) && !x.stays.All(s => s)).ToArbitrary(), (Action<(Table Table, bool[] Stays)>)(x =>
        {
            var determined = RollUpOracle.LinearlyDetermined(BeforeAndAfter(x.Table.Counts, x.Stays)).Where(IsCell).ToList();
            Assert.True(determined.Count == 0, "determined by the two reads: " + string.Join(" ", determined));
        }));

    [Property(MaxTest = 200)]
    public Property Reveal_no_withheld_cell_of_a_per_week_table_read_for_two_periods_a_week_apart() =>
        Prop.ForAll(Tables(6, 6).Generator.Where(t => t.Counts.GetLength(1) >= 2).ToArbitrary(), (Action<Table>)(table =>
        {
            var determined = RollUpOracle.LinearlyDetermined(TwoPeriods(table.Counts, withholdRowTotals: true)).Where(IsCell).ToList();
            Assert.True(determined.Count == 0, "determined by the two periods: " + string.Join(" ", determined));
        }));

    [Fact]
    public void Publish_everything_when_no_cell_or_total_is_under_5()
    {
        var grid = RollUpSuppression.Suppress(Grid(2, 3, [5, 6, 7, 8, 9, 10]));

        Assert.Equal(0, grid.SuppressedCount);
        Assert.Equal(45L, grid.Published(2, 3));
    }

    [Fact]
    public void Withhold_a_small_cell_with_its_row_total_its_column_total_and_the_grand_total_and_nothing_else()
    {
        var grid = RollUpSuppression.Suppress(Grid(3, 3, [3, 20, 30, 40, 50, 60, 70, 80, 90]));

        // Row 0 has one withheld cell, so its total minus the published cells would be that cell (the review's 9 − 8 = 1).
        Assert.Equal(4, grid.SuppressedCount);
        Assert.True(grid.IsSuppressed(0, 0) && grid.IsSuppressed(0, 3) && grid.IsSuppressed(3, 0) && grid.IsSuppressed(3, 3));
    }

    [Fact]
    public void Withhold_the_column_totals_a_leaving_tenant_s_small_cells_would_be_read_from()
    {
        // The review's input: a child with 1 case and 0 Reported stops sharing; before, the column totals and the grand
        // total of the two reads differed by exactly its row.
        var before = RollUpSuppression.Suppress(Grid(3, 2, [1, 0, 10, 20, 30, 40]));

        Assert.True(before.IsSuppressed(3, 0) && before.IsSuppressed(3, 1) && before.IsSuppressed(3, 2));
        Assert.DoesNotContain(RollUpOracle.LinearlyDetermined(BeforeAndAfter(Grid(3, 2, [1, 0, 10, 20, 30, 40]), [false, true, true])), IsCell);
    }

    [Theory]
    [InlineData(3, 2, 10, false)] // two withheld cells summing to 5: each still 1–4
    [InlineData(1, 8, 20, true)] // one withheld cell: total − published = the cell
    [InlineData(4, 4, 10, true)] // 8 = 4 × 2: both are exactly 4
    [InlineData(0, 0, 10, true)] // the withheld cells sum to 0
    [InlineData(2, 2, 10, true)] // they sum to 4, a small count in effect
    public void Publish_a_row_total_only_when_its_withheld_cells_stay_hidden(long a, long b, long c, bool withheld)
    {
        var grid = RollUpSuppression.Suppress(Grid(2, 3, [a, b, c, 10, 20, 30]));

        Assert.Equal(withheld, grid.IsSuppressed(0, 3));
        Assert.False(grid.IsSuppressed(1, 3));
    }

    [Fact]
    public void Withhold_every_row_total_of_a_per_week_table_since_two_periods_a_week_apart_give_the_week_s_cells()
    {
        // Weeks 0–3 of one tenant; read for weeks 0–2 (total 9) and 1–3 (total 17): 9 − (17 − 10) = 2, week 0's cell.
        var counts = Grid(1, 4, [2, 3, 4, 10]);

        Assert.Contains("c0,0", RollUpOracle.LinearlyDetermined(TwoPeriods(counts, withholdRowTotals: false)));
        Assert.DoesNotContain(RollUpOracle.LinearlyDetermined(TwoPeriods(counts, withholdRowTotals: true)), IsCell);
        var grid = RollUpSuppression.Suppress(Grid(2, 2, [10, 20, 30, 40]), withholdRowTotals: true);
        Assert.True(grid.IsSuppressed(0, 2) && grid.IsSuppressed(1, 2) && grid.IsSuppressed(2, 2));
        Assert.False(grid.IsSuppressed(2, 0) || grid.IsSuppressed(2, 1));
    }

    [Fact]
    public void Leave_cells_that_sum_to_0_in_their_row_more_than_one_value()
    {
        var grid = RollUpSuppression.Suppress(Grid(3, 3, [0, 0, 20, 3, 4, 30, 9, 9, 40]));

        Assert.True(grid.IsSuppressed(0, 3));
        Assert.False(grid.IsSuppressed(1, 3));
        Assert.DoesNotContain(RollUpOracle.LinearlyDetermined(RollUpOracle.Lines(grid, Names(grid))), IsCell);
        Assert.True(CellsThatCanDiffer(grid)[0, 0]);
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

    [Property(MaxTest = 150)]
    public Property Leave_every_suppressed_cell_with_another_possible_count_given_whole_counts_of_at_least_0() =>
        Prop.ForAll(Tables(3, 3), (Action<Table>)(table =>
        {
            var grid = RollUpSuppression.Suppress(table.Counts);
            var movable = CellsThatCanDiffer(grid);
            ForEachCell(grid, (i, j) =>
            {
                if (grid.IsSuppressed(i, j) && !grid.IsMargin(i, j))
                {
                    Assert.True(movable[i, j], $"cell [{i},{j}] = {grid.Value(i, j)} has only one possible count");
                }
            });
        }));

    /// <summary>
    /// Names a grid's figures: data cells <c>c{row},{column}</c>, row totals <c>r{row}</c>, column totals <c>t{column}</c>,
    /// the grand total <c>g</c>. Only data cells are secrets: a withheld total may equal a sum of published figures (the
    /// grand total of one tenant's table is its row total).
    /// </summary>
    private static Func<int, int, string> Names(RollUpGrid grid) => (i, j) =>
        i == grid.Rows ? (j == grid.Columns ? "g" : $"t{j}") : j == grid.Columns ? $"r{i}" : $"c{i},{j}";

    private static bool IsCell(string name) => name.StartsWith('c');

    /// <summary>
    /// The lines of two reads: every tenant, then only those that stay (<paramref name="stays"/>). A tenant's cells and row
    /// total are the same figures in both; the column totals and grand totals are each read's own.
    /// </summary>
    private static IEnumerable<RollUpOracle.Line> BeforeAndAfter(long[,] counts, bool[] stays)
    {
        var (rows, columns) = (counts.GetLength(0), counts.GetLength(1));
        var kept = Enumerable.Range(0, rows).Where(i => stays[i]).ToArray();
        var after = new long[kept.Length, columns];
        for (var k = 0; k < kept.Length; k++)
        {
            for (var j = 0; j < columns; j++)
            {
                after[k, j] = counts[kept[k], j];
            }
        }

        string Read(string read, int row, int column, int rowCount, Func<int, int> tenant) =>
            row == rowCount ? $"{read}:t{column}" : column == columns ? $"r{tenant(row)}" : $"c{tenant(row)},{column}";
        return RollUpOracle.Lines(RollUpSuppression.Suppress(counts), (i, j) => Read("before", i, j, rows, r => r))
            .Concat(RollUpOracle.Lines(RollUpSuppression.Suppress(after), (i, j) => Read("after", i, j, kept.Length, r => kept[r])));
    }

    /// <summary>
    /// The lines of two reads of a per-week table: weeks 0..n−2 and weeks 1..n−1 of <paramref name="counts"/>. A week's cells
    /// and column total are the same figures in both; the row totals and grand totals are each read's own.
    /// </summary>
    private static IEnumerable<RollUpOracle.Line> TwoPeriods(long[,] counts, bool withholdRowTotals)
    {
        var (rows, weeks) = (counts.GetLength(0), counts.GetLength(1));
        IEnumerable<RollUpOracle.Line> Read(string read, int firstWeek)
        {
            var period = new long[rows, weeks - 1];
            for (var i = 0; i < rows; i++)
            {
                for (var w = 0; w < weeks - 1; w++)
                {
                    period[i, w] = counts[i, firstWeek + w];
                }
            }

            return RollUpOracle.Lines(RollUpSuppression.Suppress(period, withholdRowTotals), (i, w) =>
                w == weeks - 1 ? $"{read}:r{i}" : i == rows ? $"t{firstWeek + w}" : $"c{i},{firstWeek + w}");
        }

        return Read("first", 0).Concat(Read("second", 1));
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
