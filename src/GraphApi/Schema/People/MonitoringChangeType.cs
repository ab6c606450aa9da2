using CareGrid.Grains.Cases;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.People;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>MonitoringChange</c> (R-7.4).</summary>
public sealed class MonitoringChangeType : ObjectGraphType<MonitoringChange>
{
    /// <summary>Defines the fields.</summary>
    public MonitoringChangeType()
    {
        this.ReachedThroughParent();
        Name = "MonitoringChange";
        Field(x => x.At);
        Field(x => x.By);
        Field(x => x.From, type: typeof(NonNullGraphType<EnumerationGraphType<MonitoringLevel>>));
        Field(x => x.To, type: typeof(NonNullGraphType<EnumerationGraphType<MonitoringLevel>>));
        Field(x => x.Reason, nullable: true);
    }
}
