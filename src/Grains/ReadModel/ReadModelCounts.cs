namespace CareGrid.Grains.ReadModel;

/// <summary>
/// Counts of a filtered list (<c>totalCount</c> of a connection, docs/api.md): the list is read forward page by page with
/// the same query as its pages, so the count always agrees with what paging returns, whatever filters the query has.
/// </summary>
public static class ReadModelCounts
{
    /// <summary>Rows per page read while counting (the table service's largest page).</summary>
    public const int PageSize = 1000;

    /// <summary>Counts the rows of <paramref name="page"/> (given the cursor after which to read) until a page says none follow.</summary>
    /// <param name="page">Reads one page after a cursor (null: from the start).</param>
    /// <param name="cursorOf">The cursor of a row in the list's order.</param>
    public static async ValueTask<int> CountAsync<T>(Func<string?, ValueTask<Page<T>>> page, Func<T, string> cursorOf)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(cursorOf);
        var count = 0;
        string? after = null;
        while (true)
        {
            var p = await page(after);
            count += p.Items.Count;
            if (!p.HasNextPage || p.Items.Count == 0)
            {
                return count;
            }

            after = cursorOf(p.Items[^1]);
        }
    }

    /// <summary>
    /// Every row of <paramref name="page"/> (given the cursor after which to read), page after page until one says none
    /// follow: for a caller that must know each row it counts (the audit of a people filter's count, the people of small
    /// statistics units).
    /// </summary>
    /// <param name="page">Reads one page after a cursor (null: from the start).</param>
    /// <param name="cursorOf">The cursor of a row in the list's order.</param>
    public static async ValueTask<List<T>> ReadAllAsync<T>(Func<string?, ValueTask<Page<T>>> page, Func<T, string> cursorOf)
    {
        ArgumentNullException.ThrowIfNull(page);
        var rows = new List<T>();
        await CountAsync(async after =>
        {
            var p = await page(after).ConfigureAwait(false);
            rows.AddRange(p.Items);
            return p;
        }, cursorOf).ConfigureAwait(false);
        return rows;
    }
}
