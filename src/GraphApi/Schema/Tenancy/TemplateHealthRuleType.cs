using CareGrid.Grains.Cases;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>TemplateHealthRule</c>.</summary>
public sealed class TemplateHealthRuleType : ObjectGraphType<TemplateHealthRule>
{
    /// <summary>Defines the fields.</summary>
    public TemplateHealthRuleType()
    {
        this.ReachedThroughParent();
        Name = "TemplateHealthRule";
        Field(x => x.Rule, type: typeof(NonNullGraphType<EnumerationGraphType<HealthRuleKind>>));
        Field(x => x.Requirement);
        Field(x => x.OrganizationKinds, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<EnumerationGraphType<OrganizationKind>>>>));
        Field(x => x.Roles);
        Field(x => x.Minimum);
    }
}
