using CareGrid.Grains.Cases;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.People;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>OrganizationHealth</c>.</summary>
public sealed class OrganizationHealthType : ObjectGraphType<OrganizationHealthReport>
{
    /// <summary>Defines the fields.</summary>
    public OrganizationHealthType()
    {
        this.ReachedThroughParent();
        Name = "OrganizationHealth";
        Field(x => x.Healthy);
        Field(x => x.TemplateId, nullable: true).Description("The template whose rules were checked.");
        Field(x => x.Day).Description("The day qualifications were checked against (UTC date, domain clock).");
        Field(x => x.OrganizationsChecked);
        Field(x => x.Findings, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<HealthFindingType>>>));
    }
}
