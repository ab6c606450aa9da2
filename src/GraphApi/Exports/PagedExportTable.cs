using CareGrid.Grains.Exports;
using CareGrid.Grains.Statistics;

namespace CareGrid.GraphApi.Exports;

/// <summary>
/// The extension point for paged sources such as the <c>overdue-board</c> export (docs/statistics.md "Exports"): turns
/// pages of one <see cref="StatisticsTable"/> (e.g. the overdue board's pages, each a table with the same key, title and
/// columns) into ONE export table whose rows stream page by page — one sheet, one header, whatever the number of pages.
/// </summary>
public static class PagedExportTable
{
    /// <summary>
    /// Reads the first page now (so a refusal or an empty board is known before the file starts) and returns a table with
    /// its title and columns whose rows are the first page's, then each following page's, read only as the writer needs them.
    /// </summary>
    /// <param name="pages">The pages, in order; enumerated once. An empty sequence is an error (a board yields at least one page).</param>
    /// <param name="cancellationToken">Stops between pages.</param>
    /// <exception cref="InvalidOperationException"><paramref name="pages"/> is empty.</exception>
    public static async Task<ExportTable> OpenAsync(IAsyncEnumerable<StatisticsTable> pages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var enumerator = pages.GetAsyncEnumerator(cancellationToken);
        if (!await enumerator.MoveNextAsync())
        {
            await enumerator.DisposeAsync();
            throw new InvalidOperationException("A paged table yields at least one page.");
        }

        var first = enumerator.Current;
        return new ExportTable(first.Key, first.Title, first.Columns, RowsAsync(first, enumerator));
    }

    private static async IAsyncEnumerable<IReadOnlyList<ExportCell>> RowsAsync(StatisticsTable first, IAsyncEnumerator<StatisticsTable> rest)
    {
        await using (rest)
        {
            var page = first;
            while (true)
            {
                foreach (var row in StatisticsExportSource.Cells(page))
                {
                    yield return row;
                }

                if (!await rest.MoveNextAsync())
                {
                    yield break;
                }

                page = rest.Current;
            }
        }
    }
}
