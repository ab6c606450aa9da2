using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.Statistics.Sections;

/// <summary>
/// Cases now by status, risk level (a case not yet graded in its own bucket, never Low), escalation level and unit, and cases reported, closed and reopened per week
/// (R-1.13, R-2.8, R-4.1, R-4.3; docs/statistics.md "Cases and tasks"). Every count is derived from the row's content, never
/// from the change between two rows, so a projection rebuilt from the rows counts what the fed one counts.
/// </summary>
public sealed partial class CaseSection(WorkingCalendar calendar) : IStatisticsSection
{
    private readonly UnitCounts<(CaseStatus Status, RiskLevel? Risk, int Level)> _now = new();
    private readonly WeeklyCounts<CaseFlow> _weeks = new();

    /// <summary>What a case counts for in a week.</summary>
    public enum CaseFlow
    {
        /// <summary>Reported in the week.</summary>
        New,

        /// <summary>Last closed in the week and still closed.</summary>
        Closed,

        /// <summary>Last reopened in the week.</summary>
        Reopened,
    }

    /// <inheritdoc />
    public void OnCase(CaseRow? before, CaseRow? after)
    {
        if (before is not null)
        {
            Count(before, -1);
        }

        if (after is not null)
        {
            Count(after, 1);
        }
    }

    private void Count(CaseRow row, long delta)
    {
        var unit = row.OrganizationId;
        _now.Add(unit, (row.Status, StatisticsRisk.Of(row), row.EscalationLevel), delta);
        _weeks.Add(StatisticsPeriod.WeekOf(row.ReportedAt, calendar), unit, CaseFlow.New, delta);
        if (CaseFlowInstants.ClosedAt(row) is { } closed)
        {
            _weeks.Add(StatisticsPeriod.WeekOf(closed, calendar), unit, CaseFlow.Closed, delta);
        }

        if (CaseFlowInstants.ReopenedAt(row) is { } reopened)
        {
            _weeks.Add(StatisticsPeriod.WeekOf(reopened, calendar), unit, CaseFlow.Reopened, delta);
        }
    }

    /// <inheritdoc />
    public void Fill(StatisticsContext context, StatisticsReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var byStatus = new Dictionary<CaseStatus, long>();
        var byRisk = new Dictionary<RiskLevel, long>();
        long ungraded = 0;
        var byLevel = new SortedDictionary<int, long> { [1] = 0, [2] = 0, [3] = 0 };
        var byUnit = new Dictionary<string, (string? Unit, long Open, long Closed)>(StringComparer.Ordinal);
        foreach (var (unit, (status, risk, level), count) in _now.ByUnit(context))
        {
            byStatus[status] = byStatus.GetValueOrDefault(status) + count;
            var open = status != CaseStatus.Closed;
            var u = byUnit.GetValueOrDefault(unit ?? "", (unit, 0, 0));
            byUnit[unit ?? ""] = open ? (unit, u.Open + count, u.Closed) : (unit, u.Open, u.Closed + count);
            if (open)
            {
                if (risk is { } graded)
                {
                    byRisk[graded] = byRisk.GetValueOrDefault(graded) + count;
                }
                else
                {
                    ungraded += count;
                }

                byLevel[level] = byLevel.GetValueOrDefault(level) + count;
            }
        }

        report.Cases = new CaseFigures([.. Enum.GetValues<CaseStatus>().Select(s => new CountOf<CaseStatus>(s, byStatus.GetValueOrDefault(s)))])
        {
            OpenByRiskLevel = [.. Enum.GetValues<RiskLevel>().Select(r => new CountOf<RiskLevel>(r, byRisk.GetValueOrDefault(r)))],
            OpenUngraded = ungraded,
            OpenByEscalationLevel = [.. byLevel.Select(l => new CountOf<int>(l.Key, l.Value))],
            ByUnit = [.. byUnit.Values.OrderBy(u => u.Unit is null).ThenBy(u => u.Unit, StringComparer.Ordinal)
                .Select(u => new UnitCases(u.Unit, context.UnitName(u.Unit), u.Open, u.Closed))],
            Weeks = [.. context.Period.Mondays().Select(monday => Week(monday, context))],
        };
    }

    private CaseWeek Week(DateOnly monday, StatisticsContext context)
    {
        var sums = _weeks.Week(monday, context);
        return new CaseWeek(monday, sums.GetValueOrDefault(CaseFlow.New), sums.GetValueOrDefault(CaseFlow.Closed), sums.GetValueOrDefault(CaseFlow.Reopened));
    }
}
