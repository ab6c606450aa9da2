using CareGrid.Grains.Cases;
using CareGrid.Grains.Statistics;

namespace CareGrid.Tests.Statistics.Recount;

/// <summary>
/// The brute-force recount: each figure of docs/statistics.md computed from its definition over <see cref="RecountWorld"/> by
/// walking every case and person, then compared with what <see cref="ITenantStatisticsGrain.Get"/> answered. Differences are
/// collected, one line per figure and key, so a failure names every figure that disagrees.
/// </summary>
public sealed partial class Recount(RecountWorld world, StatisticsPeriod period, IReadOnlySet<string>? units, StatisticsReport actual)
{
    private readonly List<string> _differences = [];
    private readonly List<string> _notes = [];

    /// <summary>What the recount noticed that is not a difference by the definitions (a doubt for the report).</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>The differences found by <see cref="CompareAll"/>.</summary>
    public IReadOnlyList<string> Differences => _differences;

    private bool Covers(string? unit) => units is null || (unit is not null && units.Contains(unit));

    private IEnumerable<CaseView> Cases => world.Cases.Where(c => Covers(c.OrganizationId));

    /// <summary>Compares every figure the recount knows.</summary>
    public Recount CompareAll()
    {
        Same("period", $"{period.From:yyyy-MM-dd}..{period.To:yyyy-MM-dd}", $"{actual.Period.From:yyyy-MM-dd}..{actual.Period.To:yyyy-MM-dd}");
        Same("asOf", world.Now, actual.AsOf);
        CasesByStatus();
        CaseFigures();
        TaskFigures();
        Caseload();
        Timeliness();
        People();
        return this;
    }

    /// <summary>docs/statistics.md "Cases and tasks": every case counted, by status, now.</summary>
    private void CasesByStatus()
    {
        var expected = Enum.GetValues<CaseStatus>().ToDictionary(s => s, s => (long)Cases.Count(c => c.Status == s));
        SameCounts("casesByStatus", expected, actual.Cases?.ByStatus.ToDictionary(c => c.Key, c => c.Count));
    }

    private IEnumerable<(CaseView Case, CaseTask Task)> Tasks => Cases.SelectMany(c => c.Tasks.Select(t => (c, t)));

    /// <summary>Figures whose recount was not empty (a zero, a dash or nothing) in this comparison: how much the run exercised.</summary>
    public IReadOnlySet<string> Exercised => _exercised;

    private readonly HashSet<string> _exercised = [];

    private void Same<T>(string figure, T expected, T got)
    {
        if (expected?.ToString() is { } text && System.Text.RegularExpressions.Regex.IsMatch(text, "[1-9]"))
        {
            _exercised.Add(figure.Split('[')[0]);
        }

        if (!EqualityComparer<T>.Default.Equals(expected, got))
        {
            _differences.Add($"{figure}: recount {expected}, statistics {got}");
        }
    }

    /// <summary>Compares two count maps; a key missing on either side counts as 0.</summary>
    private void SameCounts<TKey>(string figure, IReadOnlyDictionary<TKey, long> expected, IReadOnlyDictionary<TKey, long>? got)
        where TKey : notnull
    {
        if (got is null)
        {
            _differences.Add($"{figure}: missing from the report");
            return;
        }

        foreach (var key in expected.Keys.Union(got.Keys))
        {
            Same($"{figure}[{key}]", expected.GetValueOrDefault(key), got.GetValueOrDefault(key));
        }
    }
}
