using CareGrid.Grains.Cases;
using CareGrid.Grains.Census;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.People;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>OrganizationRoleAssignment</c>.</summary>
public sealed class OrganizationRoleAssignmentType : ObjectGraphType<OrganizationRoleAssignment>
{
    /// <summary>Defines the fields.</summary>
    public OrganizationRoleAssignmentType()
    {
        this.ReachedThroughParent();
        Name = "OrganizationRoleAssignment";
        Field(x => x.OrganizationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Role);
        Field(x => x.Since);
        Field(x => x.Staff).Description("False for roles of people served (class psychology committee member, R-7.5).");
    }
}
