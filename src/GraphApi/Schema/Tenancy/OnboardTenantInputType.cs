using CareGrid.Grains.Tenancy;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL input <c>OnboardTenantInput</c> of <c>onboardTenant</c>, read as <see cref="OnboardTenantInput"/>.</summary>
public sealed class OnboardTenantInputType : TypedInputType<OnboardTenantInput>
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
