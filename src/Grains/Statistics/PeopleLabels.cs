using CareGrid.Grains.Census;
using CareGrid.Grains.People;

namespace CareGrid.Grains.Statistics;

/// <summary>Labels of the people and census figures in both report languages (docs/statistics.md "People and census").</summary>
public static class PeopleLabels
{
    /// <summary>
    /// A monitoring level of the three-level archive as a supervisor reads it, named as the archive's level so it is
    /// not read as a case's warning level (round-33 trial: "个案（三级） 0" beside an open case at warning level 3).
    /// </summary>
    public static LocalizedText Level(MonitoringLevel level) => level switch
    {
        MonitoringLevel.None => new("Not yet in a census", "尚未普查"),
        MonitoringLevel.Census => new("Archive level 1: census", "档案一级：普查"),
        MonitoringLevel.Tracking => new("Archive level 2: tracking", "档案二级：追踪"),
        MonitoringLevel.IndividualCase => new("Archive level 3: individual case", "档案三级：个案建档"),
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
