using CareGrid.Grains.Staff;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>WorkMoved</c>: one case or task that <c>reassignWork</c> moved (or meant to move), and to whom (docs/staff-changes.md).</summary>
public sealed class WorkMovedType : ObjectGraphType<WorkMoved>
{
    /// <summary>Defines the fields.</summary>
    public WorkMovedType()
    {
        this.ReachedThroughParent();
        Name = "WorkMoved";
        Field(x => x.CaseId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The case.");
        Field(x => x.TaskId, nullable: true).Description("The task (t1, t2, …), or null when this is the case itself (its owner).");
        Field(x => x.ToPersonId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The receiver's person id.");
        Field(x => x.ToSubject).Description("The receiver's login sub: the new owner.");
    }
}
