using CareGrid.Grains.Census;
using CareGrid.Grains.People;
using CareGrid.Grains.Statistics;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// The people and census fields of <c>TenantStatistics</c> (docs/statistics.md "People and census"). The fields that tell
/// target groups or monitoring levels wait for <see cref="StatisticsView.PeopleReadAsync"/>, which records the people of
/// small units they tell of (<see cref="StatisticsPeopleReads"/>).
/// </summary>
public static class PeopleStatisticsFields
{
    /// <summary>Adds <c>peopleServed</c>, <c>peopleByTargetGroup</c>, <c>peopleWithoutTargetGroup</c>, <c>peopleByMonitoringLevel</c>, <c>peopleByUnit</c> and <c>censusCoverage</c>.</summary>
    public static void AddPeopleAndCensusFields(this ObjectGraphType<StatisticsView> type)
    {
        ArgumentNullException.ThrowIfNull(type);
        type.Field<NonNullGraphType<LongGraphType>>("peopleServed").Description("People served now in the units counted; staff are not counted.").Resolve(ctx => ctx.Source.Report.People?.Served ?? 0);
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<TargetGroupCountType>>>>("peopleByTargetGroup")
            .Description("People served now per target group code (R-1.2, R-7.2), codes in ordinal order. A person in several groups counts in each, so these do not add up to peopleServed.")
            .ResolveAsync(async ctx => { await ctx.Source.PeopleReadAsync(); return ctx.Source.Report.People?.ByTargetGroup ?? []; });
        type.Field<NonNullGraphType<LongGraphType>>("peopleWithoutTargetGroup").Description("People served now in no target group.").ResolveAsync(async ctx => { await ctx.Source.PeopleReadAsync(); return ctx.Source.Report.People?.WithoutTargetGroup ?? 0; });
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<MonitoringLevelCountType>>>>("peopleByMonitoringLevel")
            .Description("People served now per monitoring level of the three-level archive (R-7.4), every level listed; adds up to peopleServed.")
            .ResolveAsync(async ctx => { await ctx.Source.PeopleReadAsync(); return ctx.Source.Report.People?.ByMonitoring ?? []; });
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<UnitPeopleCountType>>>>("peopleByUnit")
            .Description("People served now per unit (units with people, ordinal order), with their monitoring levels.")
            .ResolveAsync(async ctx => { await ctx.Source.PeopleReadAsync(); return ctx.Source.Report.People?.ByUnit ?? []; });
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CensusRoundCoverageType>>>>("censusCoverage")
            .Description("Census coverage (R-3.5, R-7.4) of every round open now or whose weeks overlap the period, per unit counted; rounds without such a unit are left out.")
            .ResolveAsync(async ctx => { await ctx.Source.PeopleReadAsync(); return ctx.Source.Report.Census ?? []; });
    }
}

/// <summary>GraphQL <c>TargetGroupCount</c>.</summary>
public sealed class TargetGroupCountType : ObjectGraphType<CountOf<string>>
{
    /// <summary>Defines the fields.</summary>
    public TargetGroupCountType()
    {
        Name = "TargetGroupCount";
        Field<NonNullGraphType<StringGraphType>>("targetGroup").Description("The target group code (R-1.2).").Resolve(ctx => ctx.Source.Key);
        Field(x => x.Count).Description("How many people served.");
        this.ReachedThroughParent();
    }
}

/// <summary>GraphQL <c>MonitoringLevelCount</c>.</summary>
public sealed class MonitoringLevelCountType : ObjectGraphType<CountOf<MonitoringLevel>>
{
    /// <summary>Defines the fields.</summary>
    public MonitoringLevelCountType()
    {
        Name = "MonitoringLevelCount";
        Field("level", x => x.Key, type: typeof(NonNullGraphType<EnumerationGraphType<MonitoringLevel>>)).Description("The monitoring level (R-7.4).");
        Field(x => x.Count).Description("How many people served.");
        this.ReachedThroughParent();
    }
}

/// <summary>GraphQL <c>UnitPeopleCount</c>.</summary>
public sealed class UnitPeopleCountType : ObjectGraphType<UnitPeople>
{
    /// <summary>Defines the fields.</summary>
    public UnitPeopleCountType()
    {
        Name = "UnitPeopleCount";
        Field<IdGraphType>("organizationId").Description("The unit, or null for people without a unit (whole tenant only).").Resolve(ctx => ctx.Source.OrganizationId);
        Field(x => x.Served).Description("People served in the unit.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MonitoringLevelCountType>>>>("byMonitoringLevel").Description("Per monitoring level, every level listed.").Resolve(ctx => ctx.Source.ByMonitoring);
        this.ReachedThroughParent();
    }
}

/// <summary>GraphQL <c>CensusRoundCoverage</c>: one round's counts per unit, no name or person id.</summary>
public sealed class CensusRoundCoverageType : ObjectGraphType<CensusCoverage>
{
    /// <summary>Defines the fields.</summary>
    public CensusRoundCoverageType()
    {
        Name = "CensusRoundCoverage";
        Description = "A census round's coverage per unit (R-3.5, R-7.4). The round's name is free text and is not shown; case staff read it with censusProgress(roundId).";
        Field<NonNullGraphType<IdGraphType>>("roundId").Description("The census round.").Resolve(ctx => ctx.Source.RoundId);
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<CensusRoundStatus>>)).Description("Open or closed.");
        Field(x => x.StartedAt).Description("When it opened (UTC).");
        Field(x => x.ClosedAt, nullable: true).Description("When it closed (UTC), or null while open.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CensusUnitCoverageType>>>>("units").Description("The units counted, in the round's order.").Resolve(ctx => ctx.Source.Units);
        this.ReachedThroughParent();
    }
}

/// <summary>GraphQL <c>CensusUnitCoverage</c>.</summary>
public sealed class CensusUnitCoverageType : ObjectGraphType<CensusUnitProgress>
{
    /// <summary>Defines the fields.</summary>
    public CensusUnitCoverageType()
    {
        Name = "CensusUnitCoverage";
        Field<NonNullGraphType<IdGraphType>>("organizationId").Description("The unit.").Resolve(ctx => ctx.Source.OrganizationId);
        Field(x => x.Expected).Description("People expected: the unit's people at the start, plus those screened since who were not.");
        Field<NonNullGraphType<IntGraphType>>("screened").Description("People with a census record in this round.").Resolve(ctx => ctx.Source.Recorded);
        Field<NonNullGraphType<IntGraphType>>("flaggedToTracking").Description("Screened people whose latest record is flagged (moved to tracking, R-7.4 level 2).").Resolve(ctx => ctx.Source.Flagged);
        Field(x => x.CasesOpened).Description("Cases opened from flags (R-7.4 level 3).");
        Field<DecimalGraphType>("coverage").Description("screened / expected, 0–1 (4 decimals), or null when nobody is expected.").Resolve(ctx => CensusCoverageReader.Share(ctx.Source));
        this.ReachedThroughParent();
    }
}
