using CareGrid.Grains.Census;
using CareGrid.Grains.People;

namespace CareGrid.Grains.Statistics;

/// <summary>Labels of the people and census figures in both report languages (docs/statistics.md "People and census").</summary>
public static class PeopleLabels
{
    /// <summary>A monitoring level of the three-level archive as a supervisor reads it.</summary>
    public static LocalizedText Level(MonitoringLevel level) => level switch
    {
        MonitoringLevel.None => new("Not yet in a census", "尚未普查"),
        MonitoringLevel.Census => new("Census (level 1)", "普查（一级）"),
        MonitoringLevel.Tracking => new("Tracking (level 2)", "追踪（二级）"),
        MonitoringLevel.IndividualCase => new("Individual case (level 3)", "个案（三级）"),
        _ => new(level.ToString(), level.ToString()),
    };

    /// <summary>A census round's status.</summary>
    public static LocalizedText RoundStatus(CensusRoundStatus status) => status switch
    {
        CensusRoundStatus.Open => new("Open", "进行中"),
        CensusRoundStatus.Closed => new("Closed", "已结束"),
        _ => new(status.ToString(), status.ToString()),
    };

    /// <summary>The row of people in no target group.</summary>
    public static LocalizedText NoTargetGroup { get; } = new("No target group", "无目标群体");

    /// <summary>The row of people without a unit.</summary>
    public static LocalizedText NoUnit { get; } = new("No unit", "无所属单位");

    /// <summary>The total row.</summary>
    public static LocalizedText AllServed { get; } = new("All people served", "服务对象合计");
}
