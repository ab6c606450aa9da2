using System.Numerics;
using CareGrid.Grains.Statistics.RollUp;

namespace CareGrid.Tests.Domain;

/// <summary>
/// What a reader of published roll-up grids can derive (docs/statistics.md "Suppression"): the line equations of one or more
/// grids over named unknowns (a withheld figure; two grids that share a figure name it alike), solved exactly over the
/// rationals, and bound propagation over the same lines knowing that every withheld cell is 0–4.
/// </summary>
internal static class RollUpOracle
{
    /// <summary>A line of a grid: the figures that sum to its total (as (name, value, withheld)) and the total itself.</summary>
    internal sealed record Line(List<(string Name, long Value, bool Withheld)> Cells, (string Name, long Value, bool Withheld) Total);

    /// <summary>
    /// Every line of <paramref name="grid"/> (rows with the total row, columns with the total column); <paramref name="name"/>
    /// names cell (i, j) of the grid, margins included.
    /// </summary>
    public static IEnumerable<Line> Lines(RollUpGrid grid, Func<int, int, string> name)
    {
        (string, long, bool) Figure(int i, int j) => (name(i, j), grid.Value(i, j), grid.IsSuppressed(i, j));
        for (var i = 0; i <= grid.Rows; i++)
        {
            yield return new(Enumerable.Range(0, grid.Columns).Select(j => Figure(i, j)).ToList(), Figure(i, grid.Columns));
        }

        for (var j = 0; j <= grid.Columns; j++)
        {
            yield return new(Enumerable.Range(0, grid.Rows).Select(i => Figure(i, j)).ToList(), Figure(grid.Rows, j));
        }
    }

    /// <summary>
    /// The withheld figures fixed by the line equations once the published values are known: unknown k is fixed exactly when
    /// the unit vector e_k lies in the row space of the coefficients, i.e. when the reduced row echelon form over the
    /// rationals has a row with a single non-zero entry.
    /// </summary>
    public static List<string> LinearlyDetermined(IEnumerable<Line> lines)
    {
        var list = lines.ToList();
        var unknowns = list.SelectMany(l => l.Cells.Append(l.Total)).Where(f => f.Withheld).Select(f => f.Name).Distinct().ToList();
        var index = unknowns.Select((u, k) => (u, k)).ToDictionary(x => x.u, x => x.k);
        var matrix = new List<BigInteger[]>();
        foreach (var line in list)
        {
            var row = new BigInteger[unknowns.Count];
            foreach (var cell in line.Cells.Where(c => c.Withheld))
            {
                row[index[cell.Name]] += 1;
            }

            if (line.Total.Withheld)
            {
                row[index[line.Total.Name]] -= 1;
            }

            matrix.Add(row);
        }

        ReduceRowEchelon(matrix, unknowns.Count);
        return matrix.Where(r => r.Count(v => !v.IsZero) == 1).Select(r => unknowns[Array.FindIndex(r, v => !v.IsZero)]).ToList();
    }

    /// <summary>
    /// The range each withheld figure is known to lie in: a withheld cell (named by <paramref name="isCell"/>) starts at
    /// 0–4, a withheld total at 0 or more; each line then narrows every unknown of it to what the others allow, until nothing changes.
    /// </summary>
    public static Dictionary<string, (long Low, long High)> Ranges(IEnumerable<Line> lines, Func<string, bool> isCell)
    {
        const long Unbounded = 1L << 40;
        var list = lines.ToList();
        var range = list.SelectMany(l => l.Cells.Append(l.Total)).Where(f => f.Withheld).Select(f => f.Name).Distinct()
            .ToDictionary(n => n, n => (Low: 0L, High: isCell(n) ? RollUpSuppression.Threshold - 1L : Unbounded));
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var line in list)
            {
                // cells − total = 0: each term's sign, then every unknown bounded by the others.
                var terms = line.Cells.Select(c => (c.Name, c.Value, c.Withheld, Sign: 1L)).Append((line.Total.Name, line.Total.Value, line.Total.Withheld, Sign: -1L)).ToList();
                foreach (var term in terms.Where(t => t.Withheld))
                {
                    var (low, high) = (0L, 0L);
                    foreach (var other in terms.Where(t => t.Name != term.Name))
                    {
                        var (a, b) = other.Withheld ? range[other.Name] : (other.Value, other.Value);
                        (low, high) = other.Sign > 0 ? (low - b, high - a) : (low + a, high + b);
                    }

                    // term.Sign × x ∈ [low, high]
                    var (newLow, newHigh) = term.Sign > 0 ? (low, high) : (-high, -low);
                    var old = range[term.Name];
                    var narrowed = (Math.Max(old.Low, newLow), Math.Min(old.High, newHigh));
                    Assert.True(narrowed.Item1 <= narrowed.Item2, $"no value of {term.Name} fits the published figures");
                    if (narrowed != old)
                    {
                        (range[term.Name], changed) = (narrowed, true);
                    }
                }
            }
        }

        return range;
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
}
