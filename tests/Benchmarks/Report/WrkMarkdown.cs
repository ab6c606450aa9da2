using System.Globalization;
using System.Text;
using CareGrid.Benchmarks.Infra;
using CareGrid.Benchmarks.Load;
using CareGrid.Benchmarks.Scenarios;

namespace CareGrid.Benchmarks.Report;

/// <summary>One wrk run of a named workload in a mode, with the check of its writes (null for reads).</summary>
internal sealed record WrkMeasurement(string Mode, string Workload, WrkRun Run, string? Check = null);

/// <summary>The wrk measurements: console lines, the report's section, and the embedded targets measured with wrk.</summary>
internal static class WrkMarkdown
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>One console line for a wrk run.</summary>
    public static string Line(string mode, string workload, WrkRun r) =>
        string.Create(Inv, $"  {mode,-16} {workload,-28} c={r.Connections,-3} {r.PerSecond,9:N0}/s  p50 {r.P50Ms,7:0.00} ms  p99 {r.P99Ms,7:0.00} ms  srv {Format.Cpu(r.ServerCpuUsPerOp),7} µs/op  ok {r.Ok:N0} non-2xx {r.Non2xx} GraphQL errors {r.GraphQlErrors} socket errors {r.SocketErrors}{Gc(r.Gc, r.Ok)}{(r.FirstError is { } e ? "  first error: " + Format.Trim(e) : "")}");

    /// <summary>The server's collections during a run, for the console line (empty when not watched).</summary>
    private static string Gc(GcSummary? gc, long requests) => gc is null ? "" : string.Create(Inv,
        $"  gc {gc.Collections} ({gc.BlockingGen2} blocking gen2), paused {gc.TotalPauseMs:0} ms, longest {gc.MaxPauseMs:0.0} ms{(gc.MaxPauseGeneration >= 0 && gc.Pauses > 0 ? $" (gen{gc.MaxPauseGeneration})" : "")}, allocated {AllocatedPerRequest(gc, requests)} KiB/req");

    /// <summary>KiB the server allocated per answered request during the run ("–" when nothing was answered or watched).</summary>
    private static string AllocatedPerRequest(GcSummary? gc, long requests) =>
        gc is null || requests <= 0 ? "–" : (gc.AllocatedBytes / 1024.0 / requests).ToString("0.0", Inv);

    /// <summary>The GC cell of the markdown table: pauses summed / longest (ms), collections and blocking gen2 ones.</summary>
    private static string GcCell(GcSummary? gc) => gc is null ? "–" : string.Create(Inv,
        $"{gc.TotalPauseMs:0} / {gc.MaxPauseMs:0.0}{(gc.MaxPauseGeneration >= 0 && gc.Pauses > 0 ? $" (gen{gc.MaxPauseGeneration})" : "")}; {gc.Collections} GCs, {gc.BlockingGen2} blocking gen2");

    /// <summary>The embedded targets of issue 18 measured with wrk (the C# client's figures are printed beside, not judged).</summary>
    public static IEnumerable<Verdict> Verdicts(BenchResults r)
    {
        var json = Find(r, Baselines.MinimalJson, 64);
        var read = Find(r, CareGridScenarios.CaseQuery, 64, MarkdownReport.Embedded);
        var report = Find(r, CareGridScenarios.Report, 64, MarkdownReport.Embedded);
        yield return Throughput("case(id) query ≥ 40% of the minimal JSON endpoint at 64 connections (embedded, wrk)", read, json, 0.40);
        yield return P99("case(id) query p99 ≤ 25 ms at 64 connections (embedded, wrk)", read, 25);
        yield return Throughput("reportConcern ≥ 20% of the minimal JSON endpoint at 64 connections (embedded, wrk)", report, json, 0.20);
        yield return P99("reportConcern p99 ≤ 50 ms at 64 connections (embedded, wrk)", report, 50);
    }

    /// <summary>Appends the section "Throughput with wrk" and the side-by-side comparison with the C# client.</summary>
    public static void AppendSection(StringBuilder md, BenchResults r)
    {
        md.AppendLine("## Throughput with wrk");
        md.AppendLine();
        if (r.Wrk.Count == 0)
        {
            md.AppendLine("Not run in this run.");
            md.AppendLine();
            return;
        }

        md.AppendLine("| Mode | Workload | Connections | req/s | × JSON | p50 ms | p99 ms | server CPU µs/req | × JSON | requests | non-2xx | GraphQL errors | socket errors | server GC pauses ms: sum / longest | server KiB allocated / req |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
        foreach (var w in r.Wrk)
        {
            var x = w.Run;
            var json = Find(r, Baselines.MinimalJson, x.Connections)?.Run;
            md.AppendLine($"| {w.Mode} | {w.Workload} | {x.Connections} | {Format.Rate(x.PerSecond)} | {Format.Ratio(x.PerSecond, json?.PerSecond)} | {Format.Ms(x.P50Ms)} | {Format.Ms(x.P99Ms)} | "
                + $"{Format.Cpu(x.ServerCpuUsPerOp)} | {Format.Ratio(x.ServerCpuUsPerOp, json?.ServerCpuUsPerOp)} | {Format.Count(x.Ok)} | {x.Non2xx} | {x.GraphQlErrors} | {x.SocketErrors} | {GcCell(x.Gc)} | {AllocatedPerRequest(x.Gc, x.Ok)} |");
        }

        md.AppendLine();
        foreach (var w in r.Wrk.Where(w => w.Check is not null || w.Run.FirstError is not null))
        {
            md.AppendLine($"- {w.Mode}, {w.Workload}, {w.Run.Connections} connections: "
                + string.Join("; ", new[] { w.Check, w.Run.FirstError is { } e ? "first GraphQL error: " + Format.Trim(e) : null }.Where(t => t is not null)) + ".");
        }

        AppendComparison(md, r);
    }

    private static void AppendComparison(StringBuilder md, BenchResults r)
    {
        md.AppendLine();
        md.AppendLine("wrk and the C# client side by side (64 connections; % of the minimal JSON endpoint measured by the same client):");
        md.AppendLine();
        md.AppendLine("| Mode | Workload | wrk req/s | C# req/s | wrk % of JSON | C# % of JSON | wrk server CPU µs/req | C# server CPU µs/req | C# client CPU µs/req |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        var jsonWrk = Find(r, Baselines.MinimalJson, 64)?.Run;
        var jsonCs = r.Baselines.LastOrDefault(b => b.Workload == Baselines.MinimalJson && b.Run.Clients == 64)?.Run;
        foreach (var w in r.Wrk.Where(w => w.Run.Connections == 64))
        {
            var cs = w.Workload == Baselines.MinimalJson ? jsonCs
                : r.Scenarios.LastOrDefault(s => s.Mode == w.Mode && s.Workload == w.Workload && s.Run.Clients == 64)?.Run;
            md.AppendLine($"| {w.Mode} | {w.Workload} | {Format.Rate(w.Run.PerSecond)} | {(cs is null ? "–" : Format.Rate(cs.PerSecond))} | "
                + $"{Pct(w.Run.PerSecond, jsonWrk?.PerSecond)} | {Pct(cs?.PerSecond, jsonCs?.PerSecond)} | {Format.Cpu(w.Run.ServerCpuUsPerOp)} | {Format.Cpu(cs?.ServerCpuUsPerOp)} | {Format.Cpu(cs?.ClientCpuUsPerOp)} |");
        }

        md.AppendLine();
        md.AppendLine("Why they differ: the load generator runs on the same two cores as the server, so every CPU microsecond the client");
        md.AppendLine("spends per request is taken from the server. wrk (C, epoll, pre-formatted requests, answers not parsed) costs a few");
        md.AppendLine("µs per request; the C# closed-loop client (HttpClient, a task per request, the answer read and checked) costs tens of");
        md.AppendLine("µs (the last column), which weighs most against the cheapest server — the minimal JSON endpoint — and so makes");
        md.AppendLine("CareGrid's ratios look lower than they are. The C# client also sends the next request only after the answer was read");
        md.AppendLine("in full and checked, so each connection idles for its own per-request overhead. The server CPU µs/req should agree");
        md.AppendLine("between the two clients; the throughput and the ratios of the wrk rows are the ones the targets judge.");
        md.AppendLine();
    }

    private static string Pct(double? value, double? baseline) =>
        value is { } v && baseline is { } b && b > 0 ? (v / b * 100).ToString("0.0", Inv) + "%" : "–";

    private static WrkMeasurement? Find(BenchResults r, string workload, int connections, string? mode = null) =>
        r.Wrk.LastOrDefault(m => m.Workload == workload && m.Run.Connections == connections && (mode is null || m.Mode == mode));

    private static Verdict Throughput(string target, WrkMeasurement? value, WrkMeasurement? baseline, double minimum)
    {
        if (value is null || baseline is null)
        {
            return new Verdict(target, "not measured", "NOT RUN");
        }

        var ratio = value.Run.PerSecond / baseline.Run.PerSecond;
        var bad = Bad(value);
        return new Verdict(target,
            string.Create(Inv, $"{Format.Rate(value.Run.PerSecond)} vs {Format.Rate(baseline.Run.PerSecond)} req/s = {ratio * 100:0.0}%; server CPU {Format.Cpu(value.Run.ServerCpuUsPerOp)} vs {Format.Cpu(baseline.Run.ServerCpuUsPerOp)} µs/req{bad}"),
            ratio >= minimum && bad.Length == 0 ? "PASS" : "FAIL");
    }

    private static Verdict P99(string target, WrkMeasurement? value, double maxMs)
    {
        if (value is null)
        {
            return new Verdict(target, "not measured", "NOT RUN");
        }

        var bad = Bad(value);
        return new Verdict(target, string.Create(Inv, $"p99 {Format.Ms(value.Run.P99Ms)} ms (p50 {Format.Ms(value.Run.P50Ms)} ms){bad}"),
            value.Run.P99Ms <= maxMs && bad.Length == 0 ? "PASS" : "FAIL");
    }

    private static string Bad(WrkMeasurement m) =>
        (m.Run.Non2xx > 0 ? $", {m.Run.Non2xx} non-2xx" : "")
        + (m.Run.GraphQlErrors > 0 ? $", {m.Run.GraphQlErrors} GraphQL errors" : "")
        + (m.Run.SocketErrors > 0 ? $", {m.Run.SocketErrors} socket errors" : "")
        + (m.Check is { } c && c.Contains(WrkScenarios.CheckFailed, StringComparison.Ordinal) ? ", " + c : "");
}
