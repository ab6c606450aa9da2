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
        Field<EnumerationGraphType<RiskLevel>>("riskLevel");
        Field<IntGraphType>("level").Description("Escalation level 1–3.");
        Field<StringGraphType>("assignee").Description("The sub of the assignee.");
        Field<IdGraphType>("organization");
        Field<IdGraphType>("person");
    }
}
