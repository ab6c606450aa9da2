using System.Runtime.CompilerServices;
using CareGrid.Grains.Exports;
using CareGrid.Grains.Statistics;
using CareGrid.GraphApi.Exports;

namespace CareGrid.Tests.Exports;

/// <summary>Paged sources (the overdue board's pages) become one export table whose rows stream page by page (docs/statistics.md "Exports").</summary>
[Trait("tier", "domain")]
public sealed class PagedExportTableShould
{
    private int _pagesRead;

    private static StatisticsTable Page(int from, int count) => new("overdue-board", "逾期任务看板", ["个案", "逾期分钟数"],
        [.. Enumerable.Range(from, count).Select(i => (IReadOnlyList<StatisticsCell>)[StatisticsCell.Of($"case-{i}"), StatisticsCell.Of((decimal)i), StatisticsCell.Withheld])]);

    private async IAsyncEnumerable<StatisticsTable> PagesAsync(int pages, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var p = 0; p < pages; p++)
        {
            await Task.Yield();
            _pagesRead++;
            yield return Page(p * 3, 3);
        }
    }

    [Fact]
    public async Task Read_only_the_first_page_to_open_and_the_rest_as_rows_are_written()
    {
        var table = await PagedExportTable.OpenAsync(PagesAsync(4), default);
        Assert.Equal(1, _pagesRead);
        Assert.Equal(("overdue-board", "逾期任务看板"), (table.Key, table.Title));

        var bytes = await ExportFiles.WriteAsync(ExportFormat.Csv, ExportLabels.Chinese, table);
        Assert.Equal(4, _pagesRead);
        var records = ExportFiles.CsvRecords(bytes);
        Assert.Equal(2 + 12, records.Count);
        Assert.Single(records, r => r[0] == "个案");
        Assert.Equal(["case-11", "11", "已隐藏"], records[^1]);
    }

    [Fact]
    public async Task Keep_one_sheet_for_all_pages_in_XLSX()
    {
        var bytes = await ExportFiles.WriteAsync(ExportFormat.Xlsx, ExportLabels.English, await PagedExportTable.OpenAsync(PagesAsync(3), default));
        var sheet = Assert.Single(ExportFiles.XlsxSheets(bytes));
        Assert.Equal(2 + 9, sheet.Rows.Count);
    }
}
