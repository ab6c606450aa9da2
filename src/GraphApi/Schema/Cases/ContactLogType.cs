using CareGrid.Grains.Cases;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>ContactLog</c>.</summary>
public sealed class ContactLogType : ObjectGraphType<ContactLog>
{
    /// <summary>Defines the fields.</summary>
    public ContactLogType()
    {
        Name = "ContactLog";
        Field(x => x.At);
        Field(x => x.By);
        Field(x => x.Channel, type: typeof(NonNullGraphType<EnumerationGraphType<ContactChannel>>));
        Field(x => x.DurationMinutes);
        Field(x => x.Notes, nullable: true);
        this.ReachedThroughParent();
    }
}
