using System.Globalization;
using System.Text;
using CareGrid.Benchmarks.Load;
using StatsPhase = CareGrid.Benchmarks.Scenarios.StatisticsPhase;

namespace CareGrid.Benchmarks.Report;

/// <summary>The supervision targets (<c>statistics</c>, <c>statisticsRollUp</c>): verdicts and the report's section.</summary>
internal static class StatisticsMarkdown
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The <c>statistics</c> target.</summary>
    public const string StatisticsTarget = "statistics p50 (every field, Supervisor): 100,000-case tenant ≤ 1.3 × 1,000-case tenant (embedded)";

    /// <summary>The roll-up target.</summary>
    public const string RollUpTarget = "statisticsRollUp over 50 sharing child tenants p99 ≤ 100 ms (embedded)";

    /// <summary>The two verdicts (NOT RUN, SKIPPED, INCONCLUSIVE when the run could not decide).</summary>
    public static IEnumerable<Verdict> Judge(StatisticsResult? s)
    {
        if (s?.Small is { } small && s.Big is { } big)
        {
            var ratio = big.Full.P50Ms / small.Full.P50Ms;
            var errors = small.Full.Errors + big.Full.Errors;
            var full = big.Tenant.Cases >= 100_000;
            yield return new Verdict(StatisticsTarget,
                string.Create(Inv, $"{Format.Ms(big.Full.P50Ms)} ms ({Format.Count(big.Tenant.Cases)} cases) vs {Format.Ms(small.Full.P50Ms)} ms ({Format.Count(small.Tenant.Cases)} cases) = {ratio:0.00}×; server CPU {Format.Cpu(big.Full.ServerCpuUsPerOp)} vs {Format.Cpu(small.Full.ServerCpuUsPerOp)} µs/req")
                    + (errors > 0 ? $", {errors} errors" : "") + (full ? "" : " (not the full size)"),
                errors > 0 ? "FAIL" : !full ? "INCONCLUSIVE" : ratio <= 1.3 ? "PASS" : "FAIL");
        }
        else
        {
            yield return new Verdict(StatisticsTarget, "not measured", "NOT RUN");
        }

        if (s?.RollUp is { } r)
        {
            var full = s.RollUpChildren >= 50;
            yield return new Verdict(RollUpTarget,
                string.Create(Inv, $"p99 {Format.Ms(r.P99Ms)} ms (p50 {Format.Ms(r.P50Ms)} ms) over {s.RollUpChildren} children") + (r.Errors > 0 ? $", {r.Errors} errors" : ""),
                r.Errors > 0 ? "FAIL" : !full ? "INCONCLUSIVE" : r.P99Ms <= 100 ? "PASS" : "FAIL");
        }
        else
        {
            yield return new Verdict(RollUpTarget, s?.RollUpSkipped ?? "not measured", s?.RollUpSkipped is null ? "NOT RUN" : "SKIPPED");
        }
    }

    /// <summary>Appends the section "Supervision statistics (embedded default)".</summary>
    public static void AppendSection(StringBuilder md, StatisticsResult? s, BenchSettings settings)
    {
        md.AppendLine("## Supervision statistics (embedded default)");
        md.AppendLine();
        if (s is null)
        {
            md.AppendLine("Not run in this run.");
            md.AppendLine();
            return;
        }

        md.AppendLine("One silo (`--no-seed`, 127.0.0.1, `GraphQL:Limits:TimeoutSeconds=120`). Each statistics tenant is a school with 10");
        md.AppendLine("classes; its people arrive by `importRoster` (rosters of at most 5,000 rows, under the 256 KiB request limit, all started");
        md.AppendLine(string.Create(Inv, $"at once), then each person gets one case by `reportConcern` (25 aliased in one request, {settings.BulkConcurrency} requests at a time; 5% HIGH"));
        md.AppendLine("with the R-1.10 protocol, 20% MODERATE, the rest LOW). A Supervisor asks");
        md.AppendLine("`statistics` over the longest period (53 weeks) with every field of `TenantStatistics` selected (read by introspection at");
        md.AppendLine(string.Create(Inv, $"run time), one client, {StatsPhase.Requests} sequential requests after {StatsPhase.WarmupRequests} unmeasured ones, in 3 interleaved rounds (small, large);"));
        md.AppendLine("the round with the lowest sum of the two medians is reported. `asOf` only is the smallest selection: the grain still fills");
        md.AppendLine("every section, so the difference to the full selection is the GraphQL execution and serialization of the figures.");
        md.AppendLine();
        md.AppendLine("| Tenant | People (roster import) | Cases (reportConcern) | Selection | p50 ms | p90 ms | p99 ms | server CPU µs/req | requests | errors |");
        md.AppendLine("|---|---|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var t in new[] { s.Small, s.Big }.OfType<StatisticsTiming>())
        {
            var b = t.Tenant;
            var people = string.Create(Inv, $"{Format.Count(b.People)} in {b.PeopleTime.TotalSeconds:0.0} s (silo CPU {b.PeopleCpu.TotalSeconds:0.0} s)");
            var cases = string.Create(Inv, $"{Format.Count(b.Cases)} in {b.CasesTime.TotalSeconds:0.0} s (silo CPU {b.CasesCpu.TotalSeconds:0.0} s){(b.CaseErrors > 0 ? $", {b.CaseErrors} failed" : "")}");
            md.AppendLine(Row($"{b.Tenant} | {people} | {cases} | every field", t.Full));
            md.AppendLine(Row($"{b.Tenant} | | | `asOf` only", t.Minimal));
        }

        md.AppendLine();
        md.AppendLine($"Fields selected ({s.Fields.Count}): {string.Join(", ", s.Fields.Select(f => $"`{f}`"))}.");
        foreach (var (small, big) in s.Rounds)
        {
            md.AppendLine(string.Create(Inv, $"- Round: full p50 {Format.Ms(small.Full.P50Ms)} / {Format.Ms(big.Full.P50Ms)} ms (small / large), `asOf` p50 {Format.Ms(small.Minimal.P50Ms)} / {Format.Ms(big.Minimal.P50Ms)} ms; server collections in the full runs {StatsPhase.Gcs(small.Full)} / {StatsPhase.Gcs(big.Full)}."));
        }

        md.AppendLine();
        if (s.RollUpChildren == 0)
        {
            md.AppendLine($"Roll-up: {s.RollUpSkipped ?? "not run"}.");
            md.AppendLine();
        }
        else
        {
            AppendRollUp(md, s);
        }

        foreach (var note in s.Notes)
        {
            md.AppendLine($"- {note}");
        }

        md.AppendLine();
    }

    private static void AppendRollUp(StringBuilder md, StatisticsResult s)
    {
        md.AppendLine(string.Create(Inv, $"Roll-up: a district and {s.RollUpChildren} child schools (`parentId`), 10 people and 8 cases each, sharing switched on by each child's TenantAdmin (set up in {s.RollUpSetup.TotalSeconds:0.0} s);"));
        md.AppendLine(string.Create(Inv, $"the district's Supervisor asks `statisticsRollUp` (every field, longest period), one client, {StatsPhase.Requests} sequential requests after a warm-up."));
        md.AppendLine();
        md.AppendLine(s.RollUp is { } r
            ? "| Scenario | p50 ms | p90 ms | p99 ms | server CPU µs/req | requests | errors |\n|---|---:|---:|---:|---:|---:|---:|\n" + Row($"statisticsRollUp, {s.RollUpChildren} children", r)
            : $"SKIPPED: {s.RollUpSkipped}");
        md.AppendLine();
    }

    /// <summary>The report of a <c>--only</c> run: machine, the section and the two targets.</summary>
    public static string RenderOnly(BenchResults r, BenchSettings settings, List<Verdict> verdicts)
    {
        var md = new StringBuilder();
        var m = r.Machine;
        md.AppendLine(string.Create(Inv, $"## Supervision targets — {r.StartedAt:yyyy-MM-dd HH:mm} UTC (`--only`)"));
        md.AppendLine();
        md.AppendLine(string.Create(Inv, $"Command line options `{settings.CommandLine}`; {(r.FinishedAt - r.StartedAt).TotalMinutes:0.0} min. Machine: {m.Cores} cores ({m.Cpu}), {m.Memory}, {m.Os}, Linux {m.Kernel}, {m.DotNet} (SDK {m.Sdk});"));
        md.AppendLine($"load average (1/5/15 min) at start {r.LoadAtStart}, at end {r.LoadAtEnd} — the machine is shared, so absolute numbers move.");
        md.AppendLine();
        var section = new StringBuilder();
        AppendSection(section, r.Statistics, settings);
        md.Append(section.ToString().Replace("## Supervision statistics", "### Supervision statistics", StringComparison.Ordinal));
        MemoryMarkdown.AppendSection(md, r);
        md.AppendLine("### Targets");
        md.AppendLine();
        md.AppendLine("| Target | Measured | Result |");
        md.AppendLine("|---|---|---|");
        foreach (var v in verdicts.Where(v => v.Target is StatisticsTarget or RollUpTarget || (r.Memory is not null && MemoryMarkdown.IsMemoryTarget(v.Target))))
        {
            md.AppendLine($"| {v.Target} | {v.Measured} | **{v.Status}** |");
        }

        foreach (var n in r.Notes)
        {
            md.AppendLine($"- {n}");
        }

        return md.ToString();
    }

    private static string Row(string head, RunResult x) =>
        $"| {head} | {Format.Ms(x.P50Ms)} | {Format.Ms(x.P90Ms)} | {Format.Ms(x.P99Ms)} | {Format.Cpu(x.ServerCpuUsPerOp)} | {Format.Count(x.Ok)} | {x.Errors} |";
}
