using CareGrid.Grains.Cases;
using CareGrid.Grains.Census;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>OrganizationMember</c>: a person holding a role in a unit .</summary>
public sealed class OrganizationMemberType : ObjectGraphType<OrganizationMember>
{
    /// <summary>Defines the fields.</summary>
    public OrganizationMemberType()
    {
        this.ReachedThroughParent();
        Name = "OrganizationMember";
        Field(x => x.PersonId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Role).Description("Role code of the tenant's jurisdiction template, e.g. PsychologyCommitteeMember (R-7.5).");
        Field(x => x.Since).Description("When the role was given (UTC).");
        Field(x => x.AddedBy);
    }
}
