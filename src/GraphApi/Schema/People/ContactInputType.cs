using CareGrid.Grains.Cases;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.People;
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
