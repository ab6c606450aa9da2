using CareGrid.Grains.Errors;
using CareGrid.Grains.Exports;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Statistics;
using CareGrid.GraphApi.Schema;

namespace CareGrid.GraphApi.Exports;

/// <summary>
/// <c>statistics.csv</c> / <c>statistics.xlsx</c>: every table of the <c>statistics</c> report (docs/statistics.md), in
/// the requested language, after the <see cref="ExportAbout"/> table. Parameters mirror the field's arguments: <c>from</c> and <c>to</c> (<c>period</c>, both or
/// neither, whole weeks), <c>organizationId</c>, <c>includeSubtree</c>. The units counted come from the same
/// <see cref="StatisticsQueries.UnitsAsync"/> as the field (a Coordinator's scope, NOT_FOUND, FORBIDDEN). Its people tables
/// tell of small units' people as the field's do, so it records them the same way (<see cref="StatisticsPeopleReads"/>).
/// </summary>
public sealed class StatisticsExportSource(IGrainFactory grains, IReadModelStore readModel, StatisticsPeopleReads peopleReads) : IExportSource
{
    /// <inheritdoc />
    public string Name => "statistics";

    /// <inheritdoc />
    public string Field => "statistics";

    /// <inheritdoc />
    public IReadOnlyList<string> Parameters { get; } = ["from", "to", "organizationId", "includeSubtree"];

    /// <inheritdoc />
    public async Task<ExportDocument> OpenAsync(ExportRequest request, CancellationToken cancellationToken)
    {
        var tenant = request.Tenant;
        var period = Period(request.Date("from"), request.Date("to"));
        var organizationId = request.Text("organizationId");
        var subtree = request.Flag("includeSubtree") ?? true;
        var units = await StatisticsQueries.UnitsAsync(grains, readModel, tenant.Id, request.Caller.RequireActor(), organizationId, subtree);
        var report = await grains.GetGrain<ITenantStatisticsGrain>(tenant.Id).Get(new StatisticsRequest(period, units));
        await peopleReads.RecordAsync(tenant.Id, request.Caller, report.People);
        var names = (await readModel.ListOrganizationsAsync(tenant.Id)).ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
        var about = ExportAbout.Table(new(tenant.Id, organizationId, subtree, units, names, report.Period, report.AsOf, report.TimeZoneId) { TenantName = tenant.Name }, request.Language);
        var tables = StatisticsSections.Tables(report, request.Language).Select(ToExport).Prepend(about).ToList();
        var weeks = $"{report.Period.From:yyyy-MM-dd}_{report.Period.To:yyyy-MM-dd}";
        var name = request.Language == ReportLanguage.ZhHans ? $"统计报表_{tenant.Id}_{weeks}" : $"statistics_{tenant.Id}_{weeks}";
        return new ExportDocument(name, $"statistics_{tenant.Id}_{weeks}", tables.ToAsyncEnumerable(), organizationId);
    }

    /// <summary>The period of <c>from</c>/<c>to</c> (both or neither), checked as the field checks <c>period</c>, errors naming the parameter.</summary>
    private static StatisticsPeriod? Period(DateOnly? from, DateOnly? to)
    {
        if (from is null && to is null)
        {
            return null;
        }

        if (from is null || to is null)
        {
            throw CareGridException.Validation(from is null ? "from" : "to", "Give both 'from' (a Monday) and 'to' (a Sunday), or neither for the current week and the three before.");
        }

        try
        {
            return StatisticsPeriod.Of(from.Value, to.Value);
        }
        catch (CareGridException e) when (e.Code == ErrorCodes.ValidationFailed)
        {
            var field = e.Details.TryGetValue("field", out var f) && f.StartsWith("period.", StringComparison.Ordinal) ? f["period.".Length..] : "from";
            throw CareGridException.Validation(field, e.Message.Replace("period.from", "from", StringComparison.Ordinal));
        }
    }

    /// <summary>A statistics table as the writers take it (<see cref="Cells"/>).</summary>
    public static ExportTable ToExport(StatisticsTable table) => ExportTable.Of(table.Key, table.Title, table.Columns, Cells(table));

    /// <summary>The rows of <paramref name="table"/> as export cells: a withheld value suppressed, a number numeric, else its text (empty when none).</summary>
    public static IEnumerable<IReadOnlyList<ExportCell>> Cells(StatisticsTable table) =>
        table.Rows.Select(row => (IReadOnlyList<ExportCell>)[.. row.Select(cell => cell switch
        {
            { Suppressed: true } => ExportCell.Suppressed,
            { Number: { } number } => ExportCell.Of(number),
            _ => ExportCell.Of(cell.Text),
        })]);
}
