using CareGrid.Grains.Cases;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>CaseTask</c>.</summary>
public sealed class CaseTaskType : ObjectGraphType<CaseTask>
{
    /// <summary>Defines the fields.</summary>
    public CaseTaskType()
    {
        Name = "CaseTask";
        Description = "A deadline task. Overdue = OPEN and past dueAt; an overdue task is escalated one level once.";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<CaseTaskKind>>));
        Field(x => x.OwnerId).Description("A staff sub or a queue (queue:level-1/2/3, queue:supervisor).");
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<CaseTaskStatus>>));
        Field(x => x.CreatedAt);
        Field(x => x.DueAt).Description("Deadline (UTC).");
        Field<NonNullGraphType<BooleanGraphType>>("overdue").Resolve(ctx => ctx.Source.IsOverdue(ctx.RequestServices!.GetRequiredKeyedService<TimeProvider>(Grains.Hosting.DomainClock.Key).GetUtcNow()));
        Field(x => x.EscalationCount);
        Field(x => x.EscalatedAt, nullable: true);
        Field(x => x.OriginalOwnerId, nullable: true);
        Field(x => x.ClosedAt, nullable: true);
        Field(x => x.ClosedBy, nullable: true);
        Field(x => x.Note, nullable: true);
        Field(x => x.ClosedByAction, nullable: true)
            .Description("The mutation that closed the task: completeTask, cancelTask, or the action that did its work (startIntervention, logContact, sendReferral, closeCase; R-1.10). Null while open or when not recorded.");
        Field<StringGraphType>("completedBy").Description("When DONE: the sub of who completed it (directly or through closedByAction).")
            .Resolve(ctx => ctx.Source.Status == CaseTaskStatus.Done ? ctx.Source.ClosedBy : null);
        Field<DateTimeOffsetGraphType>("completedAt").Description("When DONE: when (UTC).")
            .Resolve(ctx => ctx.Source.Status == CaseTaskStatus.Done ? ctx.Source.ClosedAt : null);
        Field<StringGraphType>("completedByAction").Description("When DONE: the mutation that completed it (completeTask, startIntervention, logContact, sendReferral).")
            .Resolve(ctx => ctx.Source.Status == CaseTaskStatus.Done ? ctx.Source.ClosedByAction : null);
        this.ReachedThroughParent();
    }
}
