using CareGrid.Grains.Cases;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.Tenancy;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>Input of <c>reportConcern</c>.</summary>
public sealed class ReportConcernInputType : InputObjectGraphType
{
    /// <summary>Defines the fields.</summary>
    public ReportConcernInputType()
    {
        Name = "ReportConcernInput";
        Field<NonNullGraphType<IdGraphType>>("personId");
        Field<NonNullGraphType<StringGraphType>>("summary").Description("What was noticed, 1–4000 characters.");
        Field<EnumerationGraphType<RiskLevel>>("riskLevel").Description("First grading; default LOW. HIGH or IMMINENT escalates to level 3 at once (R-1.10).");
        Field<IdGraphType>("organizationId").Description("Responsible unit; default: the person's organization.");
        Field<StringGraphType>("idempotencyKey").Description(IdempotencyArguments.Description);
        Field<BooleanGraphType>("separateCase").Description("True: open a separate case even though the person has an open one (needs separateCaseReason; noted on both timelines). Default false: the concern joins the open case.");
        Field<StringGraphType>("separateCaseReason").Description("Why a separate case, 1–4000 characters; with separateCase only.");
    }
}

/// <summary>Filter of <c>cases</c>.</summary>
public sealed class CaseFilterInputType : InputObjectGraphType
{
    /// <summary>Defines the fields.</summary>
    public CaseFilterInputType()
    {
        Name = "CaseFilter";
        Field<EnumerationGraphType<CaseStatus>>("status");
        Field<BooleanGraphType>("open").Description("True: every status but CLOSED.");
        Field<EnumerationGraphType<RiskLevel>>("riskLevel");
        Field<IntGraphType>("level").Description("Escalation level 1–3.");
        Field<StringGraphType>("assignee").Description("The sub of the assignee.");
        Field<IdGraphType>("organization");
        Field<IdGraphType>("person");
    }
}
