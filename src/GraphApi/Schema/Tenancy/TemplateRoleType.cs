using CareGrid.Grains.Cases;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>TemplateRole</c>.</summary>
public sealed class TemplateRoleType : ObjectGraphType<TemplateRole>
{
    /// <summary>Defines the fields.</summary>
    public TemplateRoleType()
    {
        this.ReachedThroughParent();
        Name = "TemplateRole";
        Field(x => x.Code);
        Field(x => x.Name);
        Field(x => x.AccessRole).Description("The CareGrid access role (token role claim) such a member is given.");
        Field(x => x.EscalationLevel, nullable: true);
        Field(x => x.OrganizationKinds, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<EnumerationGraphType<OrganizationKind>>>>));
        Field(x => x.Qualifications).Description("Qualification codes needed before acting (R-1.4, R-7.7).");
        Field(x => x.Requirement);
    }
}
