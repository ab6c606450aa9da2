using CareGrid.Grains.Cases;
using CareGrid.Grains.Statistics;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>TaskStatistics</c>: deadline tasks (R-1.10, R-2.4; docs/statistics.md "Cases and tasks").</summary>
public sealed class TaskStatisticsType : ObjectGraphType<TaskFigures>
{
    /// <summary>Defines the fields.</summary>
    public TaskStatisticsType()
    {
        Name = "TaskStatistics";
        Description = "Deadline tasks: open and overdue now (dueAt before asOf), and tasks done within or past their deadline in the period.";
        Field(x => x.Open).Description("Open tasks now.");
        Field(x => x.Overdue).Description("Open tasks whose deadline is before asOf.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TaskKindCountType>>>>("overdueByKind").Description("Overdue tasks by kind (every kind listed).").Resolve(ctx => ctx.Source.OverdueByKind);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UnitCountType>>>>("overdueByUnit").Description("Overdue tasks per unit of their case (units with overdue tasks only).").Resolve(ctx => ctx.Source.OverdueByUnit);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DeadlineCountType>>>>("deadlinesByKind").Description("Tasks done in the period's weeks, by kind: within or past their deadline (every kind listed).").Resolve(ctx => ctx.Source.DeadlinesByKind);
        this.ReachedThroughParent();
    }
}

/// <summary>GraphQL <c>TaskKindCount</c>.</summary>
public sealed class TaskKindCountType : ObjectGraphType<CountOf<CaseTaskKind>>
{
    /// <summary>Defines the fields.</summary>
    public TaskKindCountType()
    {
        Name = "TaskKindCount";
        Field("kind", x => x.Key, type: typeof(NonNullGraphType<EnumerationGraphType<CaseTaskKind>>)).Description("The task kind.");
        Field(x => x.Count).Description("How many.");
        this.ReachedThroughParent();
    }
}

/// <summary>GraphQL <c>UnitCount</c>.</summary>
public sealed class UnitCountType : ObjectGraphType<UnitCount>
{
    /// <summary>Defines the fields.</summary>
    public UnitCountType()
    {
        Name = "UnitCount";
        Field<IdGraphType>("organizationId").Description("The unit, or null for records without a unit.").Resolve(ctx => ctx.Source.OrganizationId);
        Field(x => x.Name, nullable: true).Description("The unit's name, or null when unknown.");
        Field(x => x.Count).Description("How many.");
        this.ReachedThroughParent();
    }
}

/// <summary>GraphQL <c>DeadlineCount</c>.</summary>
public sealed class DeadlineCountType : ObjectGraphType<DeadlineCount>
{
    /// <summary>Defines the fields.</summary>
    public DeadlineCountType()
    {
        Name = "DeadlineCount";
        Field(x => x.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<CaseTaskKind>>)).Description("The task kind.");
        Field(x => x.DoneWithin).Description("Done at or before the deadline.");
        Field(x => x.DonePast).Description("Done after the deadline.");
        this.ReachedThroughParent();
    }
}
