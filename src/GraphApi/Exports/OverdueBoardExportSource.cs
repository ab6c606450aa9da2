using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Statistics;
using CareGrid.GraphApi.Schema;

namespace CareGrid.GraphApi.Exports;

/// <summary>
/// <c>overdue-board.csv</c> / <c>overdue-board.xlsx</c>: the whole overdue board (docs/statistics.md "Overdue board",
/// "Exports") as one table, after the <see cref="ExportAbout"/> table, whose rows are read from the projection page by page while the file is written. Parameters
/// mirror <c>overdueBoard</c>'s arguments: <c>organizationId</c>, <c>includeSubtree</c>, <c>dueWithinHours</c> (0–168),
/// <c>first</c> (the page size read at a time, 1–1000, default 500). The request is built by the field's own
/// <see cref="OverdueBoardQueries.RequestAsync"/> (unit scope, NOT_FOUND, FORBIDDEN, VALIDATION_FAILED).
/// </summary>
public sealed class OverdueBoardExportSource(IGrainFactory grains, IReadModelStore readModel) : IExportSource
{
    /// <summary>Page size when <c>first</c> is not given.</summary>
    public const int DefaultPage = 500;

    /// <inheritdoc />
    public string Name => "overdue-board";

    /// <inheritdoc />
    public string Field => "overdueBoard";

    /// <inheritdoc />
    public IReadOnlyList<string> Parameters { get; } = ["organizationId", "includeSubtree", "dueWithinHours", "first"];

    /// <inheritdoc />
    public async Task<ExportDocument> OpenAsync(ExportRequest request, CancellationToken cancellationToken)
    {
        var tenant = request.Tenant;
        var organizationId = request.Text("organizationId");
        var subtree = request.Flag("includeSubtree") ?? true;
        var (board, names) = await new OverdueBoardQueries(grains, readModel).RequestAsync(tenant.Id, request.Caller.RequireActor(), organizationId,
            subtree, request.Number("dueWithinHours", 0, 168) ?? 0, request.Number("first", 1, 1000) ?? DefaultPage, null);
        var grain = grains.GetGrain<ITenantStatisticsGrain>(tenant.Id);
        OverdueBoardPage? first = null;
        var table = await PagedExportTable.OpenAsync(OverdueBoardTables.PagesAsync(ReadAsync, board, names, request.Language, cancellationToken), cancellationToken);
        var about = ExportAbout.Table(new(tenant.Id, organizationId, subtree, board.OrganizationIds, names, null, first!.AsOf, first.TimeZoneId) { TenantName = tenant.Name }, request.Language);
        var name = request.Language == ReportLanguage.ZhHans ? $"逾期任务看板_{tenant.Id}" : $"overdue-board_{tenant.Id}";
        return new ExportDocument(name, $"overdue-board_{tenant.Id}", new[] { about, table }.ToAsyncEnumerable(), organizationId);

        // The first page's instant and zone are the board's as-of for the "about" table (docs/statistics.md "Exports").
        async Task<OverdueBoardPage> ReadAsync(OverdueBoardRequest next)
        {
            var page = await grain.Board(next);
            first ??= page;
            return page;
        }
    }
}
