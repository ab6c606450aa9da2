namespace CareGrid.Grains.Statistics.RollUp;

/// <summary>
/// The line graph behind <see cref="RollUpSuppression"/>: nodes are the rows 0..r (r = the total row) and the columns 0..c
/// (c = the total column); each cell (i, j) is an edge between row i and column j. Going round a cycle row → column adds 1
/// to a cell's signed value and column → row takes 1 from it; a cell's count changes by that times its sign (−1 for a row or
/// column total, +1 for a data cell and the grand total), so every line still sums to its total. A cell whose count is 0
/// may only be crossed in the direction that raises its count.
/// </summary>
internal sealed class CellGraph(long[,] values, bool[,] suppressed)
{
    private readonly int _rows = values.GetLength(0) - 1;
    private readonly int _columns = values.GetLength(1) - 1;

    private int NodeCount => _rows + _columns + 2;

    /// <summary>
    /// True when suppressed cell (<paramref name="row"/>, <paramref name="column"/>) lies on a cycle of suppressed cells it may
    /// be moved along in a direction its count allows: then other counts fit every published figure and it is not derivable.
    /// </summary>
    public bool CanMove(int row, int column)
    {
        var (rowNode, columnNode) = (row, ColumnNode(column));
        return (MayCross(row, column, rowToColumn: true) && Reaches(columnNode, rowNode, (row, column)))
            || (MayCross(row, column, rowToColumn: false) && Reaches(rowNode, columnNode, (row, column)));
    }

    /// <summary>
    /// The published cells to suppress so that cell (<paramref name="row"/>, <paramref name="column"/>) lies on a cycle it may move
    /// along: the cheapest path back from its far end (a published cell costs its count, plus <paramref name="totalCost"/> for a total).
    /// </summary>
    public IReadOnlyList<(int Row, int Column)> CheapestClosingPath(int row, int column, long totalCost)
    {
        var (rowNode, columnNode) = (row, ColumnNode(column));
        var best = (Cost: long.MaxValue, Path: (IReadOnlyList<(int, int)>)[]);
        foreach (var rowToColumn in new[] { true, false })
        {
            if (!MayCross(row, column, rowToColumn))
            {
                continue;
            }

            var (from, to) = rowToColumn ? (columnNode, rowNode) : (rowNode, columnNode);
            var (cost, path) = CheapestPath(from, to, (row, column), totalCost);
            if (cost < best.Cost)
            {
                best = (cost, path);
            }
        }

        return best.Cost == long.MaxValue
            ? throw new InvalidOperationException("No path closes a cycle; suppressing every cell always does.")
            : best.Path;
    }

    private int ColumnNode(int column) => _rows + 1 + column;

    private int Sign(int row, int column) => (row == _rows) ^ (column == _columns) ? -1 : 1;

    /// <summary>Whether a suppressed cell may be crossed that way: any way when its count is above 0, else only the way that raises it.</summary>
    private bool MayCross(int row, int column, bool rowToColumn) =>
        values[row, column] > 0 || rowToColumn == (Sign(row, column) > 0);

    /// <summary>The cell between <paramref name="node"/> and <paramref name="other"/> (one a row node, the other a column node), and whether it is crossed row → column.</summary>
    private (int Row, int Column, bool RowToColumn) CellBetween(int node, int other) =>
        node <= _rows ? (node, other - _rows - 1, true) : (other, node - _rows - 1, false);

    /// <summary>The nodes across the line from <paramref name="node"/>: every column node from a row node, every row node from a column node.</summary>
    private (int First, int Last) Across(int node) => node <= _rows ? (_rows + 1, NodeCount - 1) : (0, _rows);

    private bool Reaches(int from, int to, (int Row, int Column) excluded)
    {
        var seen = new bool[NodeCount];
        var pending = new Stack<int>();
        seen[from] = true;
        pending.Push(from);
        while (pending.TryPop(out var node))
        {
            var (first, last) = Across(node);
            for (var next = first; next <= last; next++)
            {
                var (i, j, rowToColumn) = CellBetween(node, next);
                if (seen[next] || !suppressed[i, j] || (i, j) == excluded || !MayCross(i, j, rowToColumn))
                {
                    continue;
                }

                if (next == to)
                {
                    return true;
                }

                seen[next] = true;
                pending.Push(next);
            }
        }

        return false;
    }

    private (long Cost, IReadOnlyList<(int Row, int Column)> Path) CheapestPath(int from, int to, (int Row, int Column) excluded, long totalCost)
    {
        var cost = new long[NodeCount];
        Array.Fill(cost, long.MaxValue);
        var via = new (int Node, int Row, int Column)[NodeCount];
        var done = new bool[NodeCount];
        var queue = new PriorityQueue<int, (long, int)>();
        cost[from] = 0;
        queue.Enqueue(from, (0, from));
        while (queue.TryDequeue(out var node, out _))
        {
            if (done[node])
            {
                continue;
            }

            done[node] = true;
            var (first, last) = Across(node);
            for (var next = first; next <= last; next++)
            {
                var (i, j, rowToColumn) = CellBetween(node, next);
                if (done[next] || (i, j) == excluded || (suppressed[i, j] && !MayCross(i, j, rowToColumn)))
                {
                    continue;
                }

                var step = suppressed[i, j] ? 0 : values[i, j] + (i == _rows || j == _columns ? totalCost : 0);
                if (cost[node] + step < cost[next])
                {
                    cost[next] = cost[node] + step;
                    via[next] = (node, i, j);
                    queue.Enqueue(next, (cost[next], next));
                }
            }
        }

        return cost[to] == long.MaxValue ? (long.MaxValue, []) : (cost[to], PathTo(from, to, via));
    }

    private List<(int Row, int Column)> PathTo(int from, int to, (int Node, int Row, int Column)[] via)
    {
        var path = new List<(int Row, int Column)>();
        for (var node = to; node != from; node = via[node].Node)
        {
            var (_, i, j) = via[node];
            if (!suppressed[i, j])
            {
                path.Add((i, j));
            }
        }

        return path;
    }
}
