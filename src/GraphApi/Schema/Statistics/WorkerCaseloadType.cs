using CareGrid.Grains.Statistics;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>WorkerCaseload</c>: open work of one worker, for balancing (docs/statistics.md "Cases and tasks").</summary>
public sealed class WorkerCaseloadType : ObjectGraphType<WorkerCaseload>
{
    /// <summary>Defines the fields.</summary>
    public WorkerCaseloadType()
    {
        Name = "WorkerCaseload";
        Description = "Open cases and tasks of one worker now: a staff login (sub) or a queue. Names staff logins, never the people served.";
        Field(x => x.Worker, nullable: true).Description("The staff login (sub) or queue (queue:level-3, …); null for open cases nobody is assigned.");
        Field(x => x.IsQueue).Description("True for a queue, which many staff serve.");
        Field(x => x.OpenCases).Description("Open cases assigned.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RiskLevelCountType>>>>("openCasesByRiskLevel").Description("Those cases by current risk level, LOW to IMMINENT; cases not yet graded are in openCasesUngraded, never under LOW.").Resolve(ctx => ctx.Source.OpenCasesByRisk);
        Field("openCasesUngraded", x => x.OpenCasesUngraded).Description("Open cases assigned that nobody has graded yet (riskGraded: false; 未评估 / \"Not yet graded\").");
        Field(x => x.OpenTasks).Description("Open tasks owned.");
        Field(x => x.OverdueTasks).Description("Of those, overdue now.");
        this.ReachedThroughParent();
    }
}
