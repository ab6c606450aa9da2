using System.Globalization;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Statistics;

namespace CareGrid.Tests.Statistics.Recount;

/// <summary>docs/statistics.md "Cases and tasks", recounted from each case's state and timeline.</summary>
public sealed partial class Recount
{
    private static bool IsOpen(CaseView c) => c.Status != CaseStatus.Closed;

    /// <summary>When the case was last closed (its last timeline entry into Closed), or null while it is open.</summary>
    public static DateTimeOffset? LastClosedAt(CaseView c) =>
        c.Status == CaseStatus.Closed ? c.Timeline.LastOrDefault(e => e.ToStatus == CaseStatus.Closed && e.FromStatus != CaseStatus.Closed)?.At : null;

    /// <summary>When the case was last reopened (its last timeline entry out of Closed), or null.</summary>
    public static DateTimeOffset? LastReopenedAt(CaseView c) =>
        c.Timeline.LastOrDefault(e => e.FromStatus == CaseStatus.Closed && e.ToStatus != CaseStatus.Closed)?.At;

    /// <summary>Open cases by risk and level; open and closed per unit; reported, closed, reopened per week of the period.</summary>
    private void CaseFigures()
    {
        var cases = actual.Cases;
        // A case not yet graded counts in its own bucket, never under its Low placeholder (docs/protocol.md "Ungraded reports").
        SameCounts("openByRiskLevel", Enum.GetValues<RiskLevel>().ToDictionary(r => r, r => (long)Cases.Count(c => IsOpen(c) && !c.RiskUngraded && c.RiskLevel == r)),
            cases?.OpenByRiskLevel.ToDictionary(c => c.Key, c => c.Count));
        Same("openUngraded", Cases.LongCount(c => IsOpen(c) && c.RiskUngraded).ToString(CultureInfo.InvariantCulture),
            cases?.OpenUngraded.ToString(CultureInfo.InvariantCulture) ?? "");
        SameCounts("openByEscalationLevel", new[] { 1, 2, 3 }.ToDictionary(l => l, l => (long)Cases.Count(c => IsOpen(c) && c.EscalationLevel == l)),
            cases?.OpenByEscalationLevel.ToDictionary(c => c.Key, c => c.Count));
        Same("openByRiskLevel keys", "Low,Moderate,High,Imminent", string.Join(",", cases?.OpenByRiskLevel.Select(c => c.Key) ?? []));
        Same("openByEscalationLevel keys", "1,2,3", string.Join(",", cases?.OpenByEscalationLevel.Select(c => c.Key) ?? []));
        var byUnit = Cases.GroupBy(c => c.OrganizationId ?? "(none)")
            .ToDictionary(g => g.Key, g => $"{NameOf(g.First().OrganizationId)} open {g.LongCount(IsOpen)} closed {g.LongCount(c => !IsOpen(c))}");
        SameMap("casesByUnit", byUnit, cases?.ByUnit.ToDictionary(u => u.OrganizationId ?? "(none)", u => $"{u.Name} open {u.Open} closed {u.Closed}"));
        Same("casesByUnit order", string.Join(",", byUnit.Keys.Order(StringComparer.Ordinal)), string.Join(",", cases?.ByUnit.Select(u => u.OrganizationId ?? "(none)") ?? []));
        var weeks = period.Mondays().ToDictionary(m => m, m =>
            $"new {Cases.Count(c => world.WeekOf(c.ReportedAt) == m)} closed {Cases.Count(c => LastClosedAt(c) is { } at && world.WeekOf(at) == m)} "
            + $"reopened {Cases.Count(c => LastReopenedAt(c) is { } at && world.WeekOf(at) == m)}");
        SameMap("caseWeeks", weeks, cases?.Weeks.ToDictionary(w => w.Week, w => $"new {w.New} closed {w.Closed} reopened {w.Reopened}"));
        Same("caseWeeks order", string.Join(",", period.Mondays()), string.Join(",", cases?.Weeks.Select(w => w.Week) ?? []));
    }

    private static string? NameOf(string? unit) => unit is not null && RecountTenant.UnitNames.TryGetValue(unit, out var name) ? name : null;

    /// <summary>Compares two maps of rendered values; a key missing on either side is a difference.</summary>
    private void SameMap<TKey>(string figure, IReadOnlyDictionary<TKey, string> expected, IReadOnlyDictionary<TKey, string>? got)
        where TKey : notnull
    {
        if (got is null)
        {
            _differences.Add($"{figure}: missing from the report");
            return;
        }

        foreach (var key in expected.Keys.Union(got.Keys))
        {
            Same($"{figure}[{key}]", expected.GetValueOrDefault(key, "(absent)"), got.GetValueOrDefault(key, "(absent)"));
        }
    }
}
