using CareGrid.Grains.Cases;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>Organization</c>.</summary>
public sealed class OrganizationType : ObjectGraphType<OrganizationInfo>
{
    /// <summary>Defines the fields.</summary>
    public OrganizationType()
    {
        this.ReachedThroughParent();
        Name = "Organization";
        Description = "A unit of the tenant's tree (school, grade, class, community, …).";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Name);
        Field(x => x.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<OrganizationKind>>));
        Field(x => x.ParentId, type: typeof(IdGraphType));
        Field(x => x.EscalationLevel, nullable: true).Description("The three-level warning level this unit stands for (R-4.3).");
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<OrganizationStatus>>));
        Field(x => x.ChildIds, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>));
        Field(x => x.ResponsiblePersonId, type: typeof(IdGraphType)).Description("The person responsible for the unit (R-1.3).");
        Field(x => x.Members, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<OrganizationMemberType>>>)).Description("Members with their roles (R-1.4).");
    }
}
