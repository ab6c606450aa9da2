using CareGrid.Benchmarks.Infra;
using CareGrid.Benchmarks.Load;

namespace CareGrid.Benchmarks.Report;

/// <summary>One measured run of a named workload in a mode at one concurrency.</summary>
internal sealed record Measurement(string Mode, string Workload, RunResult Run, string? Note = null);

/// <summary>What the scale phase measured (null where a step did not run).</summary>
internal sealed class ScaleResult
{
    public int Tenants { get; set; }
    public long PeopleCreated { get; set; }
    public long PeopleWanted { get; set; }
    public long CasesCreated { get; set; }
    public long CasesWanted { get; set; }
    public TimeSpan PeopleTime { get; set; }
    public TimeSpan CasesTime { get; set; }
    public long RssEmptyBytes { get; set; }
    public long RssActiveBytes { get; set; }
    public long? RssActiveAfterGcBytes { get; set; }
    public long? RssIdleBytes { get; set; }
    public TimeSpan IdleWaited { get; set; }
    public double CollectionAgeMinutes { get; set; }
    public double CollectionQuantumSeconds { get; set; }
    public long BigTenantCases { get; set; }
    public long BigTenantWanted { get; set; }
    public TimeSpan BigTenantTime { get; set; }
    public int SmallTenantCases { get; set; }
    public RunResult? SmallPage { get; set; }
    public RunResult? BigPage { get; set; }
    public List<string> Notes { get; } = [];
}

/// <summary>Everything one run of the benchmark produced.</summary>
internal sealed class BenchResults
{
    public required Machine Machine { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset FinishedAt { get; set; }
    public string LoadAtStart { get; set; } = "";
    public string LoadAtEnd { get; set; } = "";
    public List<Measurement> Baselines { get; } = [];
    public List<Measurement> Scenarios { get; } = [];
    public List<WrkMeasurement> Wrk { get; } = [];
    public CareGrid.Benchmarks.Scenarios.StorageCountResult? Storage { get; set; }
    public ScaleResult? Scale { get; set; }
    public string? MicroTable { get; set; }
    public StatisticsResult? Statistics { get; set; }
    public CareGrid.Benchmarks.Scenarios.MemoryResult? Memory { get; set; }
    public Scenarios.AuditFlatResult? AuditFlat { get; set; }
    public List<string> Notes { get; } = [];
    public List<string> Skipped { get; } = [];
}
