using CareGrid.Grains.Cases;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.Statistics.Sections;

/// <summary>Cases now by status and unit (R-1.13, R-4.1; docs/statistics.md "Cases and tasks").</summary>
public sealed class CaseSection : IStatisticsSection
{
    private readonly UnitCounts<CaseStatus> _byStatus = new();

    /// <inheritdoc />
    public void OnCase(CaseRow? before, CaseRow? after)
    {
        if (before is not null)
        {
            _byStatus.Add(before.OrganizationId, before.Status, -1);
        }

        if (after is not null)
        {
            _byStatus.Add(after.OrganizationId, after.Status);
        }
    }

    /// <inheritdoc />
    public void Fill(StatisticsContext context, StatisticsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sums = _byStatus.Sum(context);
        report.Cases = new CaseFigures([.. Enum.GetValues<CaseStatus>().Select(s => new CountOf<CaseStatus>(s, sums.GetValueOrDefault(s)))]);
    }

    /// <summary>The tables of <see cref="StatisticsReport.Cases"/>.</summary>
    public static IEnumerable<StatisticsTable> Tables(StatisticsReport report, ReportLanguage language)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Cases is not { } cases)
        {
            yield break;
        }

        yield return new StatisticsTable("cases-by-status",
            new LocalizedText("Cases by status", "按状态统计的个案").In(language),
            [new LocalizedText("Status", "状态").In(language), new LocalizedText("Cases", "个案数").In(language)],
            [.. cases.ByStatus.Select(c => (IReadOnlyList<StatisticsCell>)[StatisticsCell.Of(StatisticsLabels.Status(c.Key).In(language)), StatisticsCell.Of(c.Count)])]);
    }
}
