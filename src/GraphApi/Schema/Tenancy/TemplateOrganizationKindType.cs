using CareGrid.Grains.Cases;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>TemplateOrganizationKind</c>.</summary>
public sealed class TemplateOrganizationKindType : ObjectGraphType<TemplateOrganizationKind>
{
    /// <summary>Defines the fields.</summary>
    public TemplateOrganizationKindType()
    {
        this.ReachedThroughParent();
        Name = "TemplateOrganizationKind";
        Field(x => x.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<OrganizationKind>>));
        Field(x => x.EscalationLevel, nullable: true);
        Field(x => x.ParentKinds, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<EnumerationGraphType<OrganizationKind>>>>));
        Field(x => x.Description);
    }
}
