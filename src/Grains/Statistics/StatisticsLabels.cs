using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Statistics;

/// <summary>
/// Labels of the categories statistics count by, in both report languages (docs/statistics.md "Exports"): the ONE set of labels
/// for case statuses, risk levels and task kinds, used by the statistics tables, the overdue board, the roll-up and the exports.
/// </summary>
public static class StatisticsLabels
{
    /// <summary>A case status as a supervisor reads it.</summary>
    public static LocalizedText Status(CaseStatus status) => status switch
    {
        CaseStatus.Reported => new("Reported", "待处理"),
        CaseStatus.Triage => new("Triage", "分诊中"),
        CaseStatus.Active => new("Active", "处理中"),
        CaseStatus.Referred => new("Referred", "已转介"),
        CaseStatus.FollowUp => new("Follow-up", "随访中"),
        CaseStatus.Closed => new("Closed", "已结案"),
        _ => new(status.ToString(), status.ToString()),
    };

    /// <summary>A risk level as a supervisor reads it .</summary>
    public static LocalizedText Risk(RiskLevel level) => level switch
    {
        RiskLevel.Low => new("Low", "低"),
        RiskLevel.Moderate => new("Moderate", "中"),
        RiskLevel.High => new("High", "高"),
        RiskLevel.Imminent => new("Imminent", "紧急"),
        _ => new(level.ToString(), level.ToString()),
    };

    /// <summary>
    /// The bucket of a case nobody has graded yet (reported as unsure, <c>riskGraded: false</c>; docs/protocol.md "Ungraded
    /// reports"): "Not yet graded" / "未评估", the console's word. Such a case is counted here, never under Low.
    /// </summary>
    public static LocalizedText Ungraded { get; } = new("Not yet graded", "未评估");

    /// <summary>The risk bucket a case counts in: <see cref="Ungraded"/> for a null level (not yet graded), else <see cref="Risk(RiskLevel)"/>.</summary>
    /// <param name="level">The level, or null for a case not yet graded (<see cref="StatisticsRisk.Of"/>).</param>
    public static LocalizedText Risk(RiskLevel? level) => level is { } graded ? Risk(graded) : Ungraded;

    /// <summary>A deadline task's kind .</summary>
    public static LocalizedText Kind(CaseTaskKind kind) => kind switch
    {
        CaseTaskKind.NotifyFamilyEmergencyContact => new("Notify family and emergency contact", "告知家属并提供紧急联系方式"),
        CaseTaskKind.ProfessionalCrisisIntervention => new("Professional crisis intervention", "专业人员危机干预"),
        CaseTaskKind.RaiseVisitFrequency => new("Raise visit frequency", "提高随访（走访）频次"),
        CaseTaskKind.GuideToPsychiatricInstitution => new("Guide to a psychiatric institution", "引导至精神卫生专科机构"),
        CaseTaskKind.PoliceTransportAssistance => new("Police transport assistance", "公安协助护送就医"),
        CaseTaskKind.DischargeHandOver => new("Discharge hand-over", "出院信息交接"),
        CaseTaskKind.FollowUpVisit => new("Follow-up visit", "随访"),
        CaseTaskKind.DischargeCommunityCheck => new("Community check of a discharge", "出院信息社区核实"),
        CaseTaskKind.GradeRisk => new("Grade the risk", "评估风险等级"),
        _ => new(kind.ToString(), kind.ToString()),
    };
}
