using CareGrid.Grains.People;

namespace CareGrid.Tests.Statistics.Recount;

/// <summary>docs/statistics.md "People and census", recounted from every person's own record.</summary>
public sealed partial class Recount
{
    /// <summary>Staff: a person who holds a role, a qualification or a login (R-1.4); not counted among the people served.</summary>
    private static bool IsStaff(PersonInfo p) => p.Roles.Count > 0 || p.Qualifications.Count > 0 || p.StaffSubject is not null;

    private void People()
    {
        if (actual.People is not { } got)
        {
            _differences.Add("people: missing from the report");
            return;
        }

        var served = world.People.Where(p => !IsStaff(p) && Covers(p.OrganizationId)).ToList();
        Same("peopleServed", (long)served.Count, got.Served);
        var groups = served.SelectMany(p => p.TargetGroups.Distinct()).GroupBy(g => g).ToDictionary(g => g.Key, g => (long)g.Count());
        SameCounts("peopleByTargetGroup", groups, got.ByTargetGroup.ToDictionary(c => c.Key, c => c.Count));
        Same("peopleByTargetGroup order", string.Join(",", groups.Keys.Order(StringComparer.Ordinal)), string.Join(",", got.ByTargetGroup.Select(c => c.Key)));
        Same("peopleWithoutTargetGroup", (long)served.Count(p => p.TargetGroups.Count == 0), got.WithoutTargetGroup);
        SameCounts("peopleByMonitoring", Enum.GetValues<MonitoringLevel>().ToDictionary(l => l, l => (long)served.Count(p => p.Monitoring == l)),
            got.ByMonitoring.ToDictionary(c => c.Key, c => c.Count));
        string Levels(IEnumerable<MonitoringLevel> levels) => string.Join(",", Enum.GetValues<MonitoringLevel>().Select(l => levels.Count(x => x == l)));
        SameMap("peopleByUnit", served.GroupBy(p => p.OrganizationId).ToDictionary(g => g.Key, g => $"{g.Count()} [{Levels(g.Select(p => p.Monitoring))}]"),
            got.ByUnit.ToDictionary(u => u.OrganizationId ?? "(none)", u => $"{u.Served} [{string.Join(",", u.ByMonitoring.Select(c => c.Count))}]"));

        // A target group whose period has ended (R-1.2 periods) still counts above, as the person's codes do; say so when it matters.
        var today = world.LocalDate(world.Now);
        var active = served.SelectMany(p => p.TargetGroups.Distinct().Where(g => p.TargetGroupPeriods.Where(x => x.Code == g).All(x => x.IsActiveOn(today))))
            .GroupBy(g => g).ToDictionary(g => g.Key, g => (long)g.Count());
        if (!active.OrderBy(a => a.Key, StringComparer.Ordinal).SequenceEqual(groups.OrderBy(a => a.Key, StringComparer.Ordinal)))
        {
            _notes.Add($"peopleByTargetGroup counts groups whose period has ended: by code {Render(groups)}, active on {today:yyyy-MM-dd} {Render(active)}");
        }
    }

    private static string Render(Dictionary<string, long> counts) => string.Join(",", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));
}
