using CareGrid.Grains.Cases;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.Tenancy;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>Input of <c>onboardTenant</c>.</summary>
public sealed class OnboardTenantInputType : InputObjectGraphType
{
    /// <summary>Defines the fields.</summary>
    public OnboardTenantInputType()
    {
        Name = "OnboardTenantInput";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Slug: 3–63 of [a-z0-9-], starting and ending with a letter or digit.");
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<EnumerationGraphType<TenantKind>>>("kind");
        Field<IdGraphType>("parentId").Description("Parent tenant id (a district above a school or town).");
        Field<StringGraphType>("timeZone").Description("IANA time zone; default Asia/Shanghai.");
        Field<NonNullGraphType<StringGraphType>>("firstAdminSubject").Description("The sub of the first TenantAdmin.");
        Field<StringGraphType>("firstAdminName");
        Field<StringGraphType>("template").Description("Jurisdiction template to provision from: district, town or school (seeds/templates; must fit kind).");
    }
}

/// <summary>Input of <c>createOrganization</c>.</summary>
public sealed class CreateOrganizationInputType : InputObjectGraphType
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

/// <summary>Input of <c>registerPerson</c>.</summary>
public sealed class RegisterPersonInputType : InputObjectGraphType
{
    /// <summary>Defines the fields.</summary>
    public RegisterPersonInputType()
    {
        Name = "RegisterPersonInput";
        Field<IdGraphType>("id").Description("Local id; generated when omitted.");
        Field<NonNullGraphType<StringGraphType>>("displayName");
        Field<NonNullGraphType<IdGraphType>>("organizationId");
        Field<EnumerationGraphType<Sex>>("sex");
        Field<IntGraphType>("birthYear").Description("Year of birth; with it alone the age of consent counts from 31 December of that year.");
        Field<DateOnlyGraphType>("dateOfBirth").Description("Date of birth (its year must equal birthYear when both are given); the age of consent counts from it.");
        Field<StringGraphType>("externalId");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("targetGroups").Description("Target groups (R-1.2).");
        Field<StringGraphType>("idempotencyKey").Description(IdempotencyArguments.Description + " Without an id, the person's id is derived from the key.");
    }
}
