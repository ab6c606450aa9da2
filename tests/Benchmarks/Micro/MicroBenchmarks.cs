using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Screening;
using Perfolizer.Horology;
using Stateless;

namespace CareGrid.Benchmarks.Micro;

/// <summary>Scoring of each screening instrument (validation included), as <c>recordScreening</c> does it.</summary>
[MemoryDiagnoser]
public class ScreeningScoringBenchmarks
{
    private static readonly ScreeningAnswers Phq9 = new(ScreeningInstrument.Phq9, [1, 1, 0, 1, 0, 1, 0, 0, 1]);
    private static readonly ScreeningAnswers Gad7 = new(ScreeningInstrument.Gad7, [2, 1, 2, 1, 3, 2, 1]);
    private static readonly ScreeningAnswers Cssrs = new(ScreeningInstrument.Cssrs, [1, 1, 1, 0, 0, 1, 0]);
    private static readonly ScreeningAnswers K10 = new(ScreeningInstrument.K10, [3, 2, null, 4, 2, 3, 1, 2, 5, 3]);

    /// <summary>PHQ-9 with item 9 = 1 (suggests High).</summary>
    [Benchmark]
    public ScreeningResult Phq9Item9() => ScreeningScorer.Score(Phq9);

    /// <summary>GAD-7.</summary>
    [Benchmark]
    public ScreeningResult Gad7Moderate() => ScreeningScorer.Score(Gad7);

    /// <summary>C-SSRS screener with the skip logic.</summary>
    [Benchmark]
    public ScreeningResult CssrsScreener() => ScreeningScorer.Score(Cssrs);

    /// <summary>K10 with one missing item (prorated).</summary>
    [Benchmark]
    public ScreeningResult K10Prorated() => ScreeningScorer.Score(K10);
}

/// <summary>One case state-machine transition (Reported → Triage) on the case grain's own Stateless machine.</summary>
[MemoryDiagnoser]
public class CaseTransitionBenchmarks
{
    private CaseStatus _status;
    private StateMachine<CaseStatus, CaseTrigger> _machine = null!;

    /// <summary>Builds the machine once, as a case activation now does.</summary>
    [GlobalSetup]
    public void Setup() => _machine = CaseStateMachine.Build(() => _status, s => _status = s, () => true, () => true);

    /// <summary>Build the machine and fire one trigger (what every command cost before the machine was kept per activation).</summary>
    [Benchmark(Baseline = true)]
    public CaseStatus BuildAndFire()
    {
        _status = CaseStatus.Reported;
        var machine = CaseStateMachine.Build(() => _status, s => _status = s, () => true, () => true);
        machine.Fire(CaseTrigger.Triage);
        return _status;
    }

    /// <summary>Fire one trigger on the activation's machine.</summary>
    [Benchmark]
    public CaseStatus Fire()
    {
        _status = CaseStatus.Reported;
        _machine.Fire(CaseTrigger.Triage);
        return _status;
    }

    /// <summary>Guarded check of a trigger (as <c>availableActions</c> does for each action).</summary>
    [Benchmark]
    public bool CanFire()
    {
        _status = CaseStatus.Active;
        return _machine.CanFire(CaseTrigger.StartIntervention);
    }
}

/// <summary>Runs the micro-benchmarks in this process with a short job and formats the results as a Markdown table.</summary>
internal static class MicroRunner
{
    /// <summary>Runs both classes (about a minute) and returns the Markdown table.</summary>
    public static string Run(string artifacts)
    {
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(8)
            .WithIterationTime(TimeInterval.FromMilliseconds(150))
            .WithId("short");
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
            .AddColumnProvider(BenchmarkDotNet.Columns.DefaultColumnProviders.Instance)
            .AddLogger(ConsoleLogger.Default)
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.DisableLogFile | ConfigOptions.JoinSummary);
        var summaries = BenchmarkRunner.Run([typeof(ScreeningScoringBenchmarks), typeof(CaseTransitionBenchmarks)], config);
        var lines = new List<string>
        {
            "| Benchmark | Mean | StdDev | Allocated/op |",
            "|---|---:|---:|---:|",
        };
        foreach (var summary in summaries)
        {
            foreach (var report in summary.Reports)
            {
                var name = report.BenchmarkCase.Descriptor.Type.Name.Replace("Benchmarks", "", StringComparison.Ordinal) + "." + report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
                var stats = report.ResultStatistics;
                var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
                lines.Add(stats is null
                    ? $"| {name} | failed | | |"
                    : $"| {name} | {Ns(stats.Mean)} | {Ns(stats.StandardDeviation)} | {(allocated is { } a ? a + " B" : "n/a")} |");
            }
        }

        return string.Join('\n', lines);
    }

    private static string Ns(double ns) => ns >= 1000 ? $"{ns / 1000:0.00} µs" : $"{ns:0.0} ns";
}
