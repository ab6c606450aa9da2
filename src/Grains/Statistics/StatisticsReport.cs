namespace CareGrid.Grains.Statistics;

/// <summary>
/// A tenant's statistics for one request (<see cref="ITenantStatisticsGrain.Get"/>, docs/statistics.md): counts and
/// durations only — no names, no free text, no person ids. Each section (<see cref="IStatisticsSection"/>) fills its own
/// member; the serializer ids are grouped by section (cases and tasks 10–19, timeliness 20–29, people and census 30–39, activities and hazards 40–49).
/// </summary>
[GenerateSerializer, Alias("CareGrid.StatisticsReport")]
public sealed class StatisticsReport
{
    /// <summary>The weeks the flow figures cover.</summary>
    [Id(0)] public required StatisticsPeriod Period { get; init; }

    /// <summary>The instant the snapshot figures describe (the domain clock's now).</summary>
    [Id(1)] public required DateTimeOffset AsOf { get; init; }

    /// <summary>The units counted (ordinal order), or null for the whole tenant (records without a unit included).</summary>
    [Id(2)] public IReadOnlyList<string>? OrganizationIds { get; init; }

    /// <summary>The tenant's time zone (IANA id) in which the weeks are counted.</summary>
    [Id(3)] public required string TimeZoneId { get; init; }

    /// <summary>Cases by status, risk level, escalation level and unit, now (<see cref="Sections.CaseSection"/>).</summary>
    [Id(10)] public CaseFigures? Cases { get; set; }

    /// <summary>Open and overdue tasks now and deadlines met in the period (<see cref="Sections.TaskSection"/>).</summary>
    [Id(11)] public TaskFigures? Tasks { get; set; }

    /// <summary>Open cases and tasks per worker now, most open cases first (<see cref="Sections.CaseloadSection"/>).</summary>
    [Id(12)] public IReadOnlyList<WorkerCaseload>? Caseload { get; set; }
    /// <summary>Timeliness over the period (<see cref="Sections.TimelinessSection"/>, docs/statistics.md "Timeliness").</summary>
    [Id(20)] public TimelinessFigures? Timeliness { get; set; }
    /// <summary>People served now by target group, monitoring level and unit, staff not counted (<see cref="Sections.PeopleSection"/>).</summary>
    [Id(30)] public PeopleFigures? People { get; set; }

    /// <summary>Census coverage per round and unit: rounds open now or overlapping the period (<see cref="CensusCoverageReader"/>).</summary>
    [Id(31)] public IReadOnlyList<Census.CensusCoverage>? Census { get; set; }

    /// <summary>Activities and bullying-risk hazards per unit now, open and overdue (<see cref="ActivityCountsReader"/>).</summary>
    [Id(40)] public IReadOnlyList<Activities.UnitActivityCounts>? Activities { get; set; }
}
