using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Statistics;

/// <summary>Labels of the categories statistics count by, in both report languages (docs/statistics.md).</summary>
public static class StatisticsLabels
{
    /// <summary>A case status as a supervisor reads it.</summary>
    public static LocalizedText Status(CaseStatus status) => status switch
    {
        CaseStatus.Reported => new("Reported", "已报告"),
        CaseStatus.Triage => new("Triage", "分诊中"),
        CaseStatus.Active => new("Active", "干预中"),
        CaseStatus.Referred => new("Referred", "已转介"),
        CaseStatus.FollowUp => new("Follow-up", "随访中"),
        CaseStatus.Closed => new("Closed", "已结案"),
        _ => new(status.ToString(), status.ToString()),
    };
}
