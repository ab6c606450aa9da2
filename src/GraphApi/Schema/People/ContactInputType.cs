using CareGrid.Grains.Cases;
using CareGrid.Grains.Census;
using CareGrid.Grains.Imports;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Tenancy;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>Input <c>ContactInput</c> (R-6.2).</summary>
public sealed class ContactInputType : TypedInputType<ContactInput>
{
    /// <summary>Defines the fields.</summary>
    public ContactInputType()
    {
        Name = "ContactInput";
        Field<NonNullGraphType<EnumerationGraphType<ContactKind>>>("kind");
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<StringGraphType>("relationship");
        Field<StringGraphType>("phone");
        Field<StringGraphType>("workplace");
    }
}
