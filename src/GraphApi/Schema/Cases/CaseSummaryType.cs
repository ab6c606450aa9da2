using CareGrid.Grains.Cases;
using CareGrid.Grains.ReadModel;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>CaseSummary</c>: a list row with no sensitive fields.</summary>
public sealed class CaseSummaryType : ObjectGraphType<CaseRow>
{
    /// <summary>Defines the fields.</summary>
    public CaseSummaryType()
    {
        Name = "CaseSummary";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.PersonId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.OrganizationId, type: typeof(IdGraphType));
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<CaseStatus>>));
        Field(x => x.RiskLevel, type: typeof(NonNullGraphType<EnumerationGraphType<RiskLevel>>));
        Field(x => x.EscalationLevel);
        Field(x => x.AssigneeId, nullable: true);
        Field(x => x.ReportedAt);
        Field(x => x.UpdatedAt);
        this.ReachedThroughParent();
    }
}
