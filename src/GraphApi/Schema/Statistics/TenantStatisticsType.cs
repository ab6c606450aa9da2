using CareGrid.Grains.Cases;
using CareGrid.Grains.Statistics;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>A statistics report with the language its tables are written in.</summary>
/// <param name="Report">The figures.</param>
/// <param name="Language">The language of <c>tables</c>.</param>
public sealed record StatisticsView(StatisticsReport Report, ReportLanguage Language)
{
    /// <summary>
    /// Records, once per answer, what its people figures tell of the people of small units (<see cref="StatisticsPeopleReads"/>);
    /// awaited by every field that shows those figures. Null: nothing to record.
    /// </summary>
    public Lazy<Task>? PeopleReads { get; init; }

    /// <summary>Waits until <see cref="PeopleReads"/> are written (started by the first field that asks).</summary>
    public Task PeopleReadAsync() => PeopleReads?.Value ?? Task.CompletedTask;
}

/// <summary>GraphQL <c>TenantStatistics</c> (docs/statistics.md).</summary>
public sealed class TenantStatisticsType : ObjectGraphType<StatisticsView>
{
    /// <summary>Defines the fields.</summary>
    public TenantStatisticsType()
    {
        Name = "TenantStatistics";
        Description = "Supervision figures of a tenant or of some of its units: counts and durations only (docs/statistics.md).";
        Field<NonNullGraphType<DateOnlyGraphType>>("from").Description("First day (a Monday) of the weeks the flow figures cover.").Resolve(ctx => ctx.Source.Report.Period.From);
        Field<NonNullGraphType<DateOnlyGraphType>>("to").Description("Last day (a Sunday) of the weeks the flow figures cover.").Resolve(ctx => ctx.Source.Report.Period.To);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("asOf").Description("The instant the snapshot figures (open cases, overdue tasks, caseload) describe (UTC).").Resolve(ctx => ctx.Source.Report.AsOf);
        Field<NonNullGraphType<StringGraphType>>("timeZone").Description("The tenant's time zone (IANA id) in which weeks and working days are counted.").Resolve(ctx => ctx.Source.Report.TimeZoneId);
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("organizationIds").Description("The units counted, or null for the whole tenant (records without a unit included).").Resolve(ctx => ctx.Source.Report.OrganizationIds);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CaseStatusCountType>>>>("casesByStatus").Description("Cases now, by status (every status listed).").Resolve(ctx => ctx.Source.Report.Cases?.ByStatus ?? []);
        Field<NonNullGraphType<CaseStatisticsType>>("cases").Description("Cases now by status, risk, escalation level and unit; reported, closed, reopened per week.").Resolve(ctx => ctx.Source.Report.Cases);
        Field<NonNullGraphType<TaskStatisticsType>>("tasks").Description("Open and overdue tasks now; tasks done within or past their deadline in the period.").Resolve(ctx => ctx.Source.Report.Tasks);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WorkerCaseloadType>>>>("caseload").Description("Open cases and tasks per worker (staff login or queue) now, most open cases first.").Resolve(ctx => ctx.Source.Report.Caseload ?? []);
        Field<NonNullGraphType<TimelinessStatisticsType>>("timeliness").Description("Time to respond, the R-1.10 protocol met, hand-overs in time, referrals and service volume over the period (docs/statistics.md \"Timeliness\").").Resolve(ctx => ctx.Source.Report.Timeliness);
        this.AddPeopleAndCensusFields();
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StatisticsTableType>>>>("tables")
            .Description("Every figure as a table in the requested `language`: what the exports write (docs/statistics.md).")
            .ResolveAsync(async ctx =>
            {
                await ctx.Source.PeopleReadAsync();
                return StatisticsSections.Tables(ctx.Source.Report, ctx.Source.Language).ToList();
            });
        this.ReachedThroughParent();
    }
}

/// <summary>GraphQL <c>CaseStatusCount</c>.</summary>
public sealed class CaseStatusCountType : ObjectGraphType<CountOf<CaseStatus>>
{
    /// <summary>Defines the fields.</summary>
    public CaseStatusCountType()
    {
        Name = "CaseStatusCount";
        Field("status", x => x.Key, type: typeof(NonNullGraphType<EnumerationGraphType<CaseStatus>>)).Description("The status.");
        Field(x => x.Count).Description("How many cases.");
        this.ReachedThroughParent();
    }
}
