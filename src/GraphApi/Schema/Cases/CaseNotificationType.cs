using CareGrid.Grains.Cases;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>CaseNotification</c>.</summary>
public sealed class CaseNotificationType : ObjectGraphType<CaseNotification>
{
    /// <summary>Defines the fields.</summary>
    public CaseNotificationType()
    {
        Name = "CaseNotification";
        Field(x => x.At);
        Field(x => x.To).Description("The queue told (queue:level-2).");
        Field(x => x.Message);
        this.ReachedThroughParent();
    }
}
