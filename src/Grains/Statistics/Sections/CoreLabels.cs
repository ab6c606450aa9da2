using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Statistics.Sections;

/// <summary>Labels and headers of the case, task and caseload tables in both report languages (docs/statistics.md "Cases and tasks").</summary>
public static class CoreLabels
{
    /// <summary>A risk level as a supervisor reads it .</summary>
    public static LocalizedText Risk(RiskLevel level) => level switch
    {
        RiskLevel.Low => new("Low", "低"),
        RiskLevel.Moderate => new("Moderate", "中"),
        RiskLevel.High => new("High", "高"),
        RiskLevel.Imminent => new("Imminent", "紧急"),
        _ => new(level.ToString(), level.ToString()),
    };

    /// <summary>An escalation level of the three-level warning chain .</summary>
    public static LocalizedText Level(int level) => new($"Level {level}", $"第{level}级");

    /// <summary>A deadline task's kind .</summary>
    public static LocalizedText Kind(CaseTaskKind kind) => kind switch
    {
        CaseTaskKind.NotifyFamilyEmergencyContact => new("Notify family and emergency contact", "告知家属并提供紧急联系方式"),
        CaseTaskKind.ProfessionalCrisisIntervention => new("Professional crisis intervention", "专业人员危机干预"),
        CaseTaskKind.RaiseVisitFrequency => new("Raise visit frequency", "提高走访频次"),
        CaseTaskKind.GuideToPsychiatricInstitution => new("Guide to a psychiatric institution", "引导至精神卫生专科机构"),
        CaseTaskKind.PoliceTransportAssistance => new("Police transport assistance", "公安协助护送就医"),
        CaseTaskKind.DischargeHandOver => new("Discharge hand-over", "出院信息交接"),
        CaseTaskKind.FollowUpVisit => new("Follow-up visit", "随访"),
        _ => new(kind.ToString(), kind.ToString()),
    };

    /// <summary>A unit's cell: its name, else its id, else "no unit".</summary>
    public static string Unit(string? organizationId, string? name, ReportLanguage language) =>
        name ?? organizationId ?? new LocalizedText("No unit", "无所属单位").In(language);

    /// <summary>A worker's cell: the staff login or queue, or "unassigned".</summary>
    public static string Worker(string? worker, ReportLanguage language) =>
        worker ?? new LocalizedText("Unassigned", "未分派").In(language);

    /// <summary>Header "Unit".</summary>
    public static readonly LocalizedText UnitHeader = new("Unit", "单位");

    /// <summary>Header "Open cases".</summary>
    public static readonly LocalizedText OpenCases = new("Open cases", "在案个案数");

    /// <summary>Header "Task kind".</summary>
    public static readonly LocalizedText KindHeader = new("Task kind", "任务类型");

    /// <summary>Header "Overdue tasks".</summary>
    public static readonly LocalizedText OverdueTasks = new("Overdue tasks", "逾期任务数");

    /// <summary>Header "Open tasks".</summary>
    public static readonly LocalizedText OpenTasks = new("Open tasks", "未完成任务数");

    /// <summary>A row of cells.</summary>
    internal static IReadOnlyList<StatisticsCell> Row(params StatisticsCell[] cells) => cells;
}
