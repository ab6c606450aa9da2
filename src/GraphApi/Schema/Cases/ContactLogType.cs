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
        Field(x => x.ProviderUnitId, type: typeof(IdGraphType))
            .Description("The unit that delivered the contact (R-1.12): the logging member's unit (a quarantine site's team R-1.6, an emergency volunteer team R-5.3), else the case's unit; null for contacts logged before it was kept.");
        this.ReachedThroughParent();
    }
}
