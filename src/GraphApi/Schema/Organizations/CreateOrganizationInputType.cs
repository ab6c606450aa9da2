using CareGrid.Grains.Cases;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL input <c>CreateOrganizationInput</c> of <c>createOrganization</c>, read as <see cref="CreateOrganizationInput"/>.</summary>
public sealed class CreateOrganizationInputType : TypedInputType<CreateOrganizationInput>
{
    /// <summary>Defines the fields.</summary>
    public CreateOrganizationInputType()
    {
        Name = "CreateOrganizationInput";
        Field<IdGraphType>("id").Description("Local id; generated when omitted. 1–64 of [A-Za-z0-9_-].");
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<EnumerationGraphType<OrganizationKind>>>("kind");
        Field<IdGraphType>("parentId");
        Field<IntGraphType>("escalationLevel").Description("1, 2 or 3 (R-4.3).");
        Field<StringGraphType>("idempotencyKey").Description(IdempotencyArguments.Description + " Without an id, the unit's id is derived from the key.");
    }
}
