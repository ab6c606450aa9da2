using CareGrid.Grains.Cases;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>TemplateEscalationLevel</c>.</summary>
public sealed class TemplateEscalationLevelType : ObjectGraphType<TemplateEscalationLevel>
{
    /// <summary>Defines the fields.</summary>
    public TemplateEscalationLevelType()
    {
        this.ReachedThroughParent();
        Name = "TemplateEscalationLevel";
        Field(x => x.Level);
        Field(x => x.Name);
        Field(x => x.OrganizationKinds, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<EnumerationGraphType<OrganizationKind>>>>));
        Field(x => x.Roles);
    }
}
