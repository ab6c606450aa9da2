using CareGrid.Grains.Cases;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>TemplateOrganization</c>.</summary>
public sealed class TemplateOrganizationType : ObjectGraphType<TemplateOrganization>
{
    /// <summary>Defines the fields.</summary>
    public TemplateOrganizationType()
    {
        this.ReachedThroughParent();
        Name = "TemplateOrganization";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Name);
        Field(x => x.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<OrganizationKind>>));
        Field(x => x.ParentId, type: typeof(IdGraphType));
        Field(x => x.EscalationLevel, nullable: true);
    }
}
