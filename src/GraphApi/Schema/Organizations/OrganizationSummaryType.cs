using CareGrid.Grains.Cases;
using CareGrid.Grains.Census;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>OrganizationSummary</c>: an organization list row with its depth in the tree.</summary>
public sealed class OrganizationSummaryType : ObjectGraphType<OrganizationTreeRow>
{
    /// <summary>Defines the fields.</summary>
    public OrganizationSummaryType()
    {
        this.ReachedThroughParent();
        Name = "OrganizationSummary";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Row.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(ctx => ctx.Source.Row.Name);
        Field<NonNullGraphType<EnumerationGraphType<OrganizationKind>>>("kind").Resolve(ctx => ctx.Source.Row.Kind);
        Field<IdGraphType>("parentId").Resolve(ctx => ctx.Source.Row.ParentId);
        Field<IntGraphType>("escalationLevel").Resolve(ctx => ctx.Source.Row.EscalationLevel);
        Field<NonNullGraphType<EnumerationGraphType<OrganizationStatus>>>("status").Resolve(ctx => ctx.Source.Row.Status);
        Field(x => x.Depth).Description("0 for a root, 1 for its children, …");
        Field(x => x.ChildCount).Description("Number of direct children.");
    }
}
