using CareGrid.Grains.Calendar;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.Statistics;

/// <summary>
/// The projection behind <see cref="ITenantStatisticsGrain"/>: the tenant's case, task and person rows by id, and the
/// sections (<see cref="StatisticsSections"/>) told of every change. Replace semantics: applying a row compares it with the
/// row kept under its id, so a row applied twice changes nothing. Plain and not thread-safe; the grain owns one.
/// </summary>
public sealed class TenantStatistics
{
    private readonly Dictionary<string, CaseRow> _cases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskRow> _tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PersonRow> _people = new(StringComparer.Ordinal);
    private List<IStatisticsSection> _sections;

    /// <summary>An empty projection whose weeks are counted on <paramref name="calendar"/>.</summary>
    public TenantStatistics(WorkingCalendar calendar)
    {
        Calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
        _sections = StatisticsSections.Create(calendar);
    }

    /// <summary>The calendar the sections bucket by (weeks in its time zone).</summary>
    public WorkingCalendar Calendar { get; private set; }

    /// <summary>How many case rows are kept.</summary>
    public int CaseCount => _cases.Count;

    /// <summary>Applies every row of <paramref name="feed"/>.</summary>
    public void Apply(StatisticsFeed feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        if (feed.Case is { } c)
        {
            Apply(c);
        }

        foreach (var t in feed.Tasks)
        {
            Apply(t);
        }

        if (feed.Person is { } p)
        {
            Apply(p);
        }
    }

    /// <summary>Applies one case row.</summary>
    public void Apply(CaseRow row) => Replace(_cases, row.Id, row, (s, b, a) => s.OnCase(b, a));

    /// <summary>Applies one task row.</summary>
    public void Apply(TaskRow row) => Replace(_tasks, row.Id, row, (s, b, a) => s.OnTask(b, a));

    /// <summary>Applies one person row.</summary>
    public void Apply(PersonRow row) => Replace(_people, row.Id, row, (s, b, a) => s.OnPerson(b, a));

    /// <summary>
    /// Counts again on <paramref name="calendar"/> when it differs from the one the sections count on (the tenant changed its
    /// time zone or working days): the kept rows are replayed into fresh sections, without reading storage.
    /// </summary>
    public void Recalibrate(WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (calendar == Calendar)
        {
            return;
        }

        Calendar = calendar;
        _sections = StatisticsSections.Create(calendar);
        foreach (var section in _sections)
        {
            foreach (var row in _cases.Values)
            {
                section.OnCase(null, row);
            }

            foreach (var row in _tasks.Values)
            {
                section.OnTask(null, row);
            }

            foreach (var row in _people.Values)
            {
                section.OnPerson(null, row);
            }
        }
    }

    /// <summary>The report of <paramref name="request"/> at <paramref name="now"/>; <paramref name="unitNames"/> (local id → name) names units in figures.</summary>
    public StatisticsReport Report(StatisticsRequest request, DateTimeOffset now, IReadOnlyDictionary<string, string>? unitNames = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var period = request.Period ?? StatisticsPeriod.Default(now, Calendar);
        var units = request.OrganizationIds is null ? null : new HashSet<string>(request.OrganizationIds, StringComparer.Ordinal);
        var context = new StatisticsContext(period, units, now, Calendar) { UnitNames = unitNames };
        var report = new StatisticsReport
        {
            Period = period,
            AsOf = now,
            OrganizationIds = request.OrganizationIds is null ? null : [.. request.OrganizationIds.Order(StringComparer.Ordinal)],
            TimeZoneId = Calendar.TimeZoneId,
        };
        foreach (var section in _sections)
        {
            section.Fill(context, report);
        }

        return report;
    }

    /// <summary>The overdue board's page of <paramref name="request"/> at <paramref name="now"/> (<see cref="Sections.OverdueBoardSection"/>).</summary>
    public OverdueBoardPage Board(OverdueBoardRequest request, DateTimeOffset now) =>
        _sections.OfType<Sections.OverdueBoardSection>().Single().Page(request, now, Calendar);

    private void Replace<TRow>(Dictionary<string, TRow> rows, string id, TRow row, Action<IStatisticsSection, TRow?, TRow?> tell)
        where TRow : class
    {
        rows.TryGetValue(id, out var before);
        if (Equals(before, row))
        {
            return;
        }

        rows[id] = row;
        foreach (var section in _sections)
        {
            tell(section, before, row);
        }
    }
}
