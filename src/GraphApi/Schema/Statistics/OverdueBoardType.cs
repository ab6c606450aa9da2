using CareGrid.Grains.Cases;
using CareGrid.Grains.Statistics;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>A board page with what its items are shown with.</summary>
/// <param name="Page">The page.</param>
/// <param name="UnitNames">Unit names by id.</param>
/// <param name="DueWithinHours">The at-risk window asked for (0: overdue only).</param>
/// <param name="Language">The language of labels.</param>
public sealed record OverdueBoardView(OverdueBoardPage Page, IReadOnlyDictionary<string, string> UnitNames, int DueWithinHours, ReportLanguage Language);

/// <summary>An item with its view (unit names, language).</summary>
/// <param name="Item">The item.</param>
/// <param name="View">The page's view.</param>
public sealed record OverdueBoardItemView(OverdueBoardItem Item, OverdueBoardView View);

/// <summary>GraphQL <c>OverdueBoard</c> (docs/statistics.md "Overdue board").</summary>
public sealed class OverdueBoardType : ObjectGraphType<OverdueBoardView>
{
    /// <summary>Defines the fields.</summary>
    public OverdueBoardType()
    {
        Name = "OverdueBoard";
        Description = "One page of the overdue board: open tasks, most late first; no names, no person ids, no free text.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OverdueBoardItemType>>>>("nodes").Description("The page's items, most late first.")
            .Resolve(ctx => ctx.Source.Page.Items.Select(i => new OverdueBoardItemView(i, ctx.Source)).ToList());
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Description("Whether items follow, and the cursor to pass as `after` for them (due instant and task: stable).")
            .Resolve(ctx => new PageInfo(ctx.Source.Page.HasNextPage, ctx.Source.Page.EndCursor is { } c ? Cursors.Encode(c.Format()) : null));
        Field<NonNullGraphType<IntGraphType>>("totalCount").Description("Items on the whole board under the same arguments (every page).").Resolve(ctx => ctx.Source.Page.TotalCount);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("asOf").Description("The instant overdue and time left are measured at (UTC).").Resolve(ctx => ctx.Source.Page.AsOf);
        Field<NonNullGraphType<IntGraphType>>("dueWithinHours").Description("The at-risk window asked for, in hours (0: overdue only).").Resolve(ctx => ctx.Source.DueWithinHours);
        Field<NonNullGraphType<StringGraphType>>("timeZone").Description("The tenant's time zone (IANA id) in which working days are counted.").Resolve(ctx => ctx.Source.Page.TimeZoneId);
        this.ReachedThroughParent();
    }
}

/// <summary>GraphQL <c>OverdueBoardOwnerKind</c>.</summary>
public sealed class OverdueBoardOwnerKindType : EnumerationGraphType<OverdueBoardOwnerKind>
{
    /// <summary>Defines the values.</summary>
    public OverdueBoardOwnerKindType()
    {
        Name = "OverdueBoardOwnerKind";
        Description = "QUEUE (named in ownerQueue) or STAFF (a named staff member; the board never says who).";
    }
}

/// <summary>GraphQL <c>OverdueBoardItem</c>.</summary>
public sealed class OverdueBoardItemType : ObjectGraphType<OverdueBoardItemView>
{
    /// <summary>Defines the fields.</summary>
    public OverdueBoardItemType()
    {
        Name = "OverdueBoardItem";
        Description = "An open task on the overdue board. Opening its case still needs need-to-know or break-the-glass (docs/access.md).";
        Field<NonNullGraphType<IdGraphType>>("caseId").Description("The case.").Resolve(ctx => ctx.Source.Item.CaseId);
        Field<IdGraphType>("unitId").Description("The case's unit, or null for a case without a unit.").Resolve(ctx => ctx.Source.Item.OrganizationId);
        Field<StringGraphType>("unitName").Description("The unit's name, or null for a case without a unit.")
            .Resolve(ctx => ctx.Source.Item.OrganizationId is { } u ? ctx.Source.View.UnitNames.GetValueOrDefault(u, u) : null);
        Field<NonNullGraphType<EnumerationGraphType<RiskLevel>>>("riskLevel").Description("The case's risk level now; LOW only as a placeholder when riskGraded is false.").Resolve(ctx => ctx.Source.Item.RiskLevel);
        Field<NonNullGraphType<BooleanGraphType>>("riskGraded").Description("False while nobody has graded the case (reported as unsure): riskLevel then reads LOW only as a placeholder; show 未评估 / \"Not yet graded\", never Low.").Resolve(ctx => !ctx.Source.Item.RiskUngraded);
        Field<NonNullGraphType<IntGraphType>>("escalationLevel").Description("The case's escalation level now (1–3, R-4.3).").Resolve(ctx => ctx.Source.Item.EscalationLevel);
        Field<NonNullGraphType<EnumerationGraphType<CaseTaskKind>>>("kind").Description("The task's kind.").Resolve(ctx => ctx.Source.Item.Kind);
        Field<NonNullGraphType<StringGraphType>>("kindLabel").Description("The task's kind in the requested `language`.")
            .Resolve(ctx => StatisticsLabels.Kind(ctx.Source.Item.Kind).In(ctx.Source.View.Language));
        Field<NonNullGraphType<OverdueBoardOwnerKindType>>("ownerKind").Description("A queue, or a named staff member (never who).").Resolve(ctx => ctx.Source.Item.OwnerKind);
        Field<StringGraphType>("ownerQueue").Description("The queue holding the task (e.g. queue:level-3) when ownerKind is QUEUE, else null.").Resolve(ctx => ctx.Source.Item.OwnerQueue);
        Field<NonNullGraphType<StringGraphType>>("ownerLabel").Description("The owner in the requested `language`: the queue, or \"a named staff member\".")
            .Resolve(ctx => OverdueBoardLabels.Owner(ctx.Source.Item).In(ctx.Source.View.Language));
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("dueAt").Description("The deadline (UTC).").Resolve(ctx => ctx.Source.Item.DueAt);
        Field<NonNullGraphType<BooleanGraphType>>("overdue").Description("True when the deadline has passed; false for an at-risk task.").Resolve(ctx => ctx.Source.Item.Overdue);
        Field<NonNullGraphType<IntGraphType>>("minutesLate").Description("Whole minutes since the deadline; 0 when not yet due.").Resolve(ctx => Clamp(ctx.Source.Item.MinutesLate));
        Field<NonNullGraphType<IntGraphType>>("daysLate")
            .Description("Calendar days begun since the deadline's day (that day not counted), working or not; 0 when not yet due. The board is ordered by this "
                + "elapsed lateness (due instant), so a task overdue through a run of holidays, 0 working days late, still comes first.")
            .Resolve(ctx => ctx.Source.Item.DaysLate);
        Field<NonNullGraphType<IntGraphType>>("workingDaysLate").Description("Working days of the tenant's calendar begun since the deadline's day (that day not counted); 0 when not yet due.")
            .Resolve(ctx => ctx.Source.Item.WorkingDaysLate);
        Field<NonNullGraphType<IntGraphType>>("minutesLeft").Description("Whole minutes until the deadline; 0 once it has passed.").Resolve(ctx => Clamp(ctx.Source.Item.MinutesLeft));
        this.ReachedThroughParent();
    }

    /// <summary>Minutes as a GraphQL Int (over 4,000 years fit; beyond, the largest Int).</summary>
    private static int Clamp(long minutes) => (int)Math.Min(minutes, int.MaxValue);
}
