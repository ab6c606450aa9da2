using CareGrid.Grains.Cases;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>Filter of <c>cases</c>, read as <see cref="CaseFilterInput"/>.</summary>
public sealed class CaseFilterInputType : TypedInputType<CaseFilterInput>
{
    /// <summary>Defines the fields.</summary>
    public CaseFilterInputType()
    {
        Name = "CaseFilter";
        Field<EnumerationGraphType<CaseStatus>>("status");
        Field<BooleanGraphType>("open").Description("True: every status but CLOSED.");
        Field<EnumerationGraphType<RiskLevel>>("riskLevel").Description("Only cases graded at this level. LOW never matches a case not yet graded (riskGraded false), whose LOW is only a placeholder: ask for those with riskGraded: false.");
        Field<BooleanGraphType>("riskGraded").Description("False: only cases nobody has graded yet (reported as unsure; 未评估 / \"Not yet graded\"). True: only graded cases. Omitted: both.");
        Field<IntGraphType>("level").Description("Escalation level 1–3.");
        Field<StringGraphType>("assignee").Description("The sub of the assignee.");
        Field<IdGraphType>("organization");
        Field<IdGraphType>("person");
    }
}
