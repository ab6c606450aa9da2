using CareGrid.Grains.Cases;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>TimelineEntry</c>.</summary>
public sealed class TimelineEntryType : ObjectGraphType<TimelineEntry>
{
    /// <summary>Defines the fields.</summary>
    public TimelineEntryType()
    {
        Name = "TimelineEntry";
        Description = "One event on a case: who, when, what, why.";
        Field(x => x.At).Description("When (UTC).");
        Field(x => x.Actor).Description("The sub of who did it; 'system' for the service.");
        Field(x => x.Action);
        Field(x => x.FromStatus, type: typeof(NonNullGraphType<EnumerationGraphType<CaseStatus>>));
        Field(x => x.ToStatus, type: typeof(NonNullGraphType<EnumerationGraphType<CaseStatus>>));
        Field(x => x.Reason, nullable: true);
        this.ReachedThroughParent();
    }
}
