using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Statistics;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Tests.Statistics.Recount;

/// <summary>
/// The generated tenant as its grains hold it: every case's complete state (<see cref="ICaseGrain.GetComplete"/>, all
/// histories, not the hot windows) and every person (<see cref="IPersonGrain.Get()"/>) — never the read-side rows and never
/// the statistics projection — with the tenant's calendar and the domain clock's now. The recount (<see cref="Recount"/>)
/// computes each figure from its definition in docs/statistics.md over this.
/// </summary>
public sealed record RecountWorld(
    IReadOnlyList<CaseView> Cases,
    IReadOnlyList<PersonInfo> People,
    WorkingCalendar Calendar,
    DateTimeOffset Now)
{
    public static async Task<RecountWorld> ReadAsync(IGrainFactory grains, RecountTenant tenant, DateTimeOffset now)
    {
        TenantContext.Set(tenant.Id);
        var cases = new List<CaseView>();
        foreach (var id in tenant.CaseIds)
        {
            if (await grains.GetGrain<ICaseGrain>(TenantIds.Key(tenant.Id, id)).GetComplete(Actor.System) is { } view)
            {
                cases.Add(view);
            }
        }

        var people = new List<PersonInfo>();
        foreach (var id in tenant.PersonIds)
        {
            if (await grains.GetGrain<IPersonGrain>(TenantIds.Key(tenant.Id, id)).Get() is { } person)
            {
                people.Add(person);
            }
        }

        var settings = await grains.GetGrain<ITenantGrain>(tenant.Id).GetSettings();
        return new RecountWorld(cases, people, settings.Calendar, now);
    }

    /// <summary>The tenant-local date of <paramref name="instant"/>, converted here with the zone database, not the calendar's helper.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(Calendar.TimeZoneId)).DateTime);

    /// <summary>The Monday of the tenant-local week holding <paramref name="instant"/>.</summary>
    public DateOnly WeekOf(DateTimeOffset instant)
    {
        var day = LocalDate(instant);
        while (day.DayOfWeek != DayOfWeek.Monday)
        {
            day = day.AddDays(-1);
        }

        return day;
    }

    /// <summary>True when <paramref name="instant"/> falls inside <paramref name="period"/> (tenant-local days).</summary>
    public bool InPeriod(DateTimeOffset? instant, StatisticsPeriod period) =>
        instant is { } i && LocalDate(i) >= period.From && LocalDate(i) <= period.To;
}
