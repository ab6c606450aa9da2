using CareGrid.Grains.Cases;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

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
        Field<CaseSummaryType>("case")
            .Description("The task's case as a cases list row (status, risk level, escalation level and its person — null outside the caller's scope, "
                + "as on CaseSummary; no sensitive field), so a task list can say whom each task is about and how urgent the case is. The rows of "
                + "myTasks and overdueTasks are tasks the caller owns or whose queue and unit they serve, which gives them need-to-know of the case "
                + "(docs/access.md). Null for a caller without a role the cases list serves (a Volunteer), and when the read side has no row for the case. One read-side lookup per row asked.")
            .ResolveAsync(async ctx =>
                // only for roles the cases list serves: a Volunteer may hold tasks but lists neither cases nor people
                // (round-31 red team: a Volunteer read pupils' names, roster numbers and risk through this field)
                ctx.TenantCaller().Actor.HasAny(Roles.CaseStaff)
                    ? await ctx.RequestServices!.GetRequiredService<IReadModelStore>().GetCaseAsync(ctx.Source.TenantId, ctx.Source.CaseId)
                    : null);
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
