namespace CareGrid.GraphApi.Schema;

/// <summary>Page information of a connection (docs/query-limits.md).</summary>
/// <param name="HasNextPage">True when another page follows.</param>
/// <param name="EndCursor">The opaque cursor of the last row (<see cref="Cursors"/>), or null on an empty page.</param>
public sealed record PageInfo(bool HasNextPage, string? EndCursor);

/// <summary>A page of list rows with its page information.</summary>
/// <param name="Nodes">The rows of the page, in the list's order.</param>
/// <param name="PageInfo">Whether more follow and the cursor to ask for them.</param>
public sealed record Connection<T>(IReadOnlyList<T> Nodes, PageInfo PageInfo)
{
    /// <summary>
    /// Counts the whole filtered list (not the page), called only when <c>totalCount</c> is selected (docs/api.md,
    /// "Lists and totalCount"); null when the list cannot be counted.
    /// </summary>
    public Func<ValueTask<int>>? Count { get; init; }
}
