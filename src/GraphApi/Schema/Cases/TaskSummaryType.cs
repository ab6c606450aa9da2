using CareGrid.Grains.Cases;
using CareGrid.Grains.ReadModel;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>TaskSummary</c>: a task list row.</summary>
public sealed class TaskSummaryType : ObjectGraphType<TaskRow>
{
    /// <summary>Defines the fields.</summary>
    public TaskSummaryType()
    {
        Name = "TaskSummary";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The task id within its case.").Resolve(ctx => ctx.Source.Id[(ctx.Source.Id.IndexOf(':') + 1)..]);
        Field(x => x.CaseId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<CaseTaskKind>>));
        Field(x => x.OwnerId);
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<CaseTaskStatus>>));
        Field(x => x.DueAt);
        Field(x => x.EscalationCount);
        Field(x => x.EscalatedFromId, nullable: true)
            .Description("Who had the task before its missed deadline escalated it to the queue above (a login or a queue); null when not escalated. myTasks keeps listing such a task to them.");
        this.ReachedThroughParent();
    }
}
