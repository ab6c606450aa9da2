using CareGrid.Benchmarks.Load;
using CareGrid.Benchmarks.Scenarios;

namespace CareGrid.Benchmarks.Report;

/// <summary>One tenant's <c>statistics</c> latency: the full selection and, for comparison, the smallest one.</summary>
internal sealed record StatisticsTiming(TenantBuild Tenant, RunResult Full, RunResult Minimal);

/// <summary>What the statistics phase measured (null where a step did not run).</summary>
internal sealed class StatisticsResult
{
    /// <summary>Fields of <c>TenantStatistics</c> selected (found by introspection).</summary>
    public IReadOnlyList<string> Fields { get; set; } = [];

    /// <summary>The query text sent (for the report).</summary>
    public string? Query { get; set; }

    /// <summary>The measured round reported (the least disturbed one).</summary>
    public StatisticsTiming? Small { get; set; }

    /// <summary>The measured round reported, large tenant.</summary>
    public StatisticsTiming? Big { get; set; }

    /// <summary>All rounds (small, big), for the notes.</summary>
    public List<(StatisticsTiming Small, StatisticsTiming Big)> Rounds { get; } = [];

    /// <summary>Why the roll-up was not measured, or null when it was.</summary>
    public string? RollUpSkipped { get; set; }

    /// <summary>Child tenants of the roll-up parent (that switched sharing on).</summary>
    public int RollUpChildren { get; set; }

    /// <summary>Setting up the parent and its children took.</summary>
    public TimeSpan RollUpSetup { get; set; }

    /// <summary>The roll-up's latency, full selection (1 client, sequential).</summary>
    public RunResult? RollUp { get; set; }

    /// <summary>Notes for the report.</summary>
    public List<string> Notes { get; } = [];
}
