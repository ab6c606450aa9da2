using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Statistics.Sections;

public sealed partial class TimelinessSection
{
    /// <summary>
    /// The tables of <see cref="StatisticsReport.Timeliness"/> in <paramref name="language"/> (docs/statistics.md
    /// "Timeliness"): <c>timeliness-durations</c>, <c>high-risk-protocol</c>, <c>discharge-hand-overs</c>,
    /// <c>referrals-by-outcome</c>, <c>service-volume-by-unit</c>.
    /// </summary>
    public static IEnumerable<StatisticsTable> Tables(StatisticsReport report, ReportLanguage language)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Timeliness is not { } t)
        {
            yield break;
        }

        string L(string en, string zh) => new LocalizedText(en, zh).In(language);
        IReadOnlyList<StatisticsCell> Row(string en, string zh, params decimal?[] numbers) => [StatisticsCell.Of(L(en, zh)), .. numbers.Select(n => StatisticsCell.Of(n))];
        IReadOnlyList<StatisticsCell> Duration(string en, string zh, DurationFigures d) =>
            Row(en, zh, d.Measured, d.Waiting, d.MedianHours, d.P90Hours, d.MedianWorkingDays, d.P90WorkingDays);

        yield return new StatisticsTable("timeliness-durations", L("Time to respond (period)", "响应时间（统计期内）"),
            [L("Measure", "指标"), L("Cases measured", "已计量"), L("Still waiting", "尚待"), L("Median (hours)", "中位数（小时）"),
                L("90th percentile (hours)", "第90百分位（小时）"), L("Median (working days)", "中位数（工作日）"), L("90th percentile (working days)", "第90百分位（工作日）")],
            [
                Duration("Report to first professional contact", "从报告到首次专业接触", t.FirstProfessionalContact),
                Duration("High/Imminent risk to crisis intervention", "从高危/紧急风险到危机干预", t.CrisisIntervention),
                Duration("Referral sent to accepted", "从转介发出到接收", t.Referrals.TimeToAcceptance),
            ]);
        var p = t.Protocol;
        // no requirement codes in titles a supervisor reads (round-32 trial: "高危处置流程（ ）"); docs/statistics.md keeps them
        yield return new StatisticsTable("high-risk-protocol", L("High-risk protocol by episode (period)", "高危处置流程执行情况（统计期内）"),
            [L("Outcome", "结果"), L("Value", "数值")],
            [
                Row("Every task done in time", "全部任务按时完成", p.Met), Row("Some task late", "有任务逾期", p.Missed),
                Row("Some task cancelled", "有任务取消", p.Cancelled), Row("Under way", "进行中", p.Pending),
                Row("Share done in time (%)", "按时完成比例（%）", Percent(p.MetShare)),
            ]);
        var h = t.DischargeHandOvers;
        yield return new StatisticsTable("discharge-hand-overs", L("Discharge hand-overs (5 working days) (period)", "出院交接（5个工作日）（统计期内）"),
            [L("Outcome", "结果"), L("Value", "数值")],
            [
                Row("Done in time", "按时完成", h.DoneInTime), Row("Done late", "逾期完成", h.DoneLate), Row("Overdue, open", "逾期未完成", h.Overdue),
                Row("Open, not yet due", "未到期", h.Open), Row("Cancelled", "已取消", h.Cancelled), Row("Share in time (%)", "按时完成比例（%）", Percent(h.InTimeShare)),
            ]);
        yield return new StatisticsTable("referrals-by-outcome", L("Referrals by outcome (period)", "转介结果（统计期内）"),
            [L("Outcome", "结果"), L("Referrals", "转介数")],
            [.. t.Referrals.ByOutcome.Select(c => (IReadOnlyList<StatisticsCell>)[StatisticsCell.Of(Outcome(c.Key).In(language)), StatisticsCell.Of(c.Count)])]);
        yield return new StatisticsTable("service-volume-by-unit", L("Service volume by provider unit (period)", "各服务单位服务量（统计期内）"),
            [L("Unit", "单位"), L("Contacts", "接触次数"), L("Minutes", "分钟数")],
            [.. t.ServiceVolume.Select(s => (IReadOnlyList<StatisticsCell>)[StatisticsCell.Of(s.Name ?? s.OrganizationId ?? L("(no unit)", "（无单位）")), StatisticsCell.Of(s.Contacts), StatisticsCell.Of(s.Minutes)])]);
    }

    /// <summary>
    /// A share (0–1) as the percentage a supervisor reads in a table and its export, one decimal: 0.5 → 50.0 (round-31 trial:
    /// the table said 1 and 0.5 where the key figures said 100% and 50%); null stays null (nothing decided yet).
    /// </summary>
    public static decimal? Percent(decimal? share) => share is { } x ? Math.Round(x * 100m, 1, MidpointRounding.AwayFromZero) : null;

    /// <summary>A referral status as a supervisor reads it.</summary>
    public static LocalizedText Outcome(ReferralStatus status) => status switch
    {
        ReferralStatus.Proposed => new("Proposed", "已提议"),
        ReferralStatus.Sent => new("Sent, awaiting answer", "已发出待答复"),
        ReferralStatus.Accepted => new("Accepted", "已接收"),
        ReferralStatus.Declined => new("Declined", "被拒绝"),
        ReferralStatus.Completed => new("Completed", "已完成"),
        _ => new(status.ToString(), status.ToString()),
    };
}
