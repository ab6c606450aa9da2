using CareGrid.Grains.Cases;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Input of <c>reportConcern</c>, read as <see cref="ReportConcernInput"/> with
/// <c>ctx.GetArgument&lt;ReportConcernInput&gt;("input")</c>. The argument's value stays the dictionary of the fields
/// the caller sent (<see cref="ParseDictionary"/>), so the WRITE audit record keeps naming them
/// (<c>input.personId</c>, <c>input.summary</c>, …) exactly as before typed inputs (docs/audit-refusals.md).
/// </summary>
public sealed class ReportConcernInputType : InputObjectGraphType<ReportConcernInput>
{
    /// <summary>Defines the fields.</summary>
    public ReportConcernInputType()
    {
        Name = "ReportConcernInput";
        Field<NonNullGraphType<IdGraphType>>("personId");
        Field<NonNullGraphType<StringGraphType>>("summary").Description("What was noticed, 1–4000 characters.");
        Field<EnumerationGraphType<RiskLevel>>("riskLevel").Description("First grading, if the reporter can give one. Leave it out when unsure: the case opens not yet graded (riskGraded false; riskLevel reads LOW as a placeholder) and the console queue puts it right after HIGH/IMMINENT until a professional grades it, with a GRADE_RISK task due per the tenant's deadline (default 24 hours) that escalates when overdue. Signs of self-harm or talk of suicide: HIGH. HIGH or IMMINENT escalates to level 3 at once (R-1.10).");
        Field<IdGraphType>("organizationId").Description("Responsible unit; default: the person's organization. Must be the person's unit or a unit within it, so the staff responsible for the person (up to level 3) see the case (R-1.10, R-4.3); else VALIDATION_FAILED (rule report-unit).");
        Field<StringGraphType>("idempotencyKey").Description(IdempotencyArguments.Description);
        Field<BooleanGraphType>("separateCase").Description("True: open a separate case even though the person has an open one (needs separateCaseReason; noted on both timelines). Default false: the concern joins the open case.");
        Field<StringGraphType>("separateCaseReason").Description("Why a separate case, 1–4000 characters; with separateCase only.");
    }

    /// <summary>Keeps the sent fields as a dictionary; <c>GetArgument&lt;ReportConcernInput&gt;</c> converts it when the resolver reads it.</summary>
    public override object ParseDictionary(IDictionary<string, object?> value) => value;
}
