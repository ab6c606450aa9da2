using CareGrid.Grains.Cases;
using CareGrid.Grains.Statistics;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>CaseStatistics</c>: cases now and per week (docs/statistics.md "Cases and tasks").</summary>
public sealed class CaseStatisticsType : ObjectGraphType<CaseFigures>
{
    /// <summary>Defines the fields.</summary>
    public CaseStatisticsType()
    {
        Name = "CaseStatistics";
        Description = "Cases now by status, risk level, escalation level and unit, and cases reported, closed and reopened per week of the period.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CaseStatusCountType>>>>("byStatus").Description("Every case, by status (every status listed).").Resolve(ctx => ctx.Source.ByStatus);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RiskLevelCountType>>>>("openByRiskLevel").Description("Open cases (not CLOSED) by current risk level, LOW to IMMINENT. A case not yet graded (riskGraded: false) is not counted here, not even under LOW: see openUngraded.").Resolve(ctx => ctx.Source.OpenByRiskLevel);
        Field("openUngraded", x => x.OpenUngraded).Description("Open cases nobody has graded yet (reported as unsure, riskGraded: false; 未评估 / \"Not yet graded\"). Their stored LOW is a placeholder; they are never counted under LOW. openByRiskLevel plus this is every open case.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EscalationLevelCountType>>>>("openByEscalationLevel").Description("Open cases by current escalation level (R-4.3), levels 1–3 always listed.").Resolve(ctx => ctx.Source.OpenByEscalationLevel);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UnitCasesType>>>>("byUnit").Description("Open and closed cases per unit (by unit id; cases without a unit last, with a null id).").Resolve(ctx => ctx.Source.ByUnit);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CaseWeekType>>>>("weeks").Description("Per week of the period, oldest first: cases reported, closed and reopened.").Resolve(ctx => ctx.Source.Weeks);
        this.ReachedThroughParent();
    }
}

/// <summary>GraphQL <c>RiskLevelCount</c>.</summary>
public sealed class RiskLevelCountType : ObjectGraphType<CountOf<RiskLevel>>
{
    /// <summary>Defines the fields.</summary>
    public RiskLevelCountType()
    {
        Name = "RiskLevelCount";
        Field("riskLevel", x => x.Key, type: typeof(NonNullGraphType<EnumerationGraphType<RiskLevel>>)).Description("The risk level.");
        Field(x => x.Count).Description("How many.");
        this.ReachedThroughParent();
    }
}

/// <summary>GraphQL <c>EscalationLevelCount</c>.</summary>
public sealed class EscalationLevelCountType : ObjectGraphType<CountOf<int>>
{
    /// <summary>Defines the fields.</summary>
    public EscalationLevelCountType()
    {
        Name = "EscalationLevelCount";
        Field("level", x => x.Key).Description("The escalation level: 1 class/front line, 2 grade/school/town, 3 professionals (R-4.3).");
        Field(x => x.Count).Description("How many open cases.");
        this.ReachedThroughParent();
    }
}

/// <summary>GraphQL <c>UnitCases</c>.</summary>
public sealed class UnitCasesType : ObjectGraphType<UnitCases>
{
    /// <summary>Defines the fields.</summary>
    public UnitCasesType()
    {
        Name = "UnitCases";
        Field<IdGraphType>("organizationId").Description("The unit, or null for cases without a unit.").Resolve(ctx => ctx.Source.OrganizationId);
        Field(x => x.Name, nullable: true).Description("The unit's name, or null when unknown.");
        Field(x => x.Open).Description("Cases not closed.");
        Field(x => x.Closed).Description("Closed cases.");
        this.ReachedThroughParent();
    }
}

/// <summary>GraphQL <c>CaseWeek</c>.</summary>
public sealed class CaseWeekType : ObjectGraphType<CaseWeek>
{
    /// <summary>Defines the fields.</summary>
    public CaseWeekType()
    {
        Name = "CaseWeek";
        Field<NonNullGraphType<DateOnlyGraphType>>("week").Description("The week's Monday (tenant time zone).").Resolve(ctx => ctx.Source.Week);
        Field("reported", x => x.New).Description("Cases reported in the week.");
        Field(x => x.Closed).Description("Cases last closed in the week and still closed.");
        Field(x => x.Reopened).Description("Cases last reopened in the week.");
        this.ReachedThroughParent();
    }
}
