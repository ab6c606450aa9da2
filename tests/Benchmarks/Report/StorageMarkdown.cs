using System.Globalization;
using System.Text;
using CareGrid.Benchmarks.Scenarios;

namespace CareGrid.Benchmarks.Report;

/// <summary>The storage round-trip table (issue 18, item 1) and its target.</summary>
internal static class StorageMarkdown
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The target.</summary>
    public const string Target = "≤ 2 storage round trips on a command's critical path (Azurite; reportConcern and recordScreening, high risk)";

    /// <summary>The design's minimum per command: the grain state write on the critical path; read side and audit in group-committed batches.</summary>
    private const string Minimum = "1 (the case's state write) + shares of the group-committed read-side and audit batches (background)";

    /// <summary>The verdict: the most critical requests per command of any scenario counted.</summary>
    public static IEnumerable<Verdict> Verdicts(BenchResults r)
    {
        var s = r.Storage;
        if (s is null || s.Counts.Count == 0)
        {
            yield return new Verdict(Target, s?.Error ?? "not measured", "NOT RUN");
            yield break;
        }

        // Judged on the measured critical depth (sequential round trips) when the silo records it; else on the critical
        // request count, an upper bound that counts concurrent requests twice.
        var byDepth = s.Counts.All(c => c.DepthRequests > 0);
        double Judged(StorageCount c) => byDepth ? c.MeanDepth : c.PerCommand(true);
        var worst = s.Counts.MaxBy(Judged)!;
        var measured = string.Join("; ", s.Counts.Select(c => string.Create(Inv, $"{c.Workload}: ")
            + (byDepth ? string.Create(Inv, $"mean critical depth {c.MeanDepth:0.000} round trips, ") : "")
            + string.Create(Inv, $"{c.PerCommand(true):0.00} critical + {c.PerCommand(false):0.00} background requests per command")));
        yield return new Verdict(Target, measured + (byDepth ? "" : " (depth not recorded by this build: judged on the critical count)")
            + (s.Counts.All(c => c.Settled) ? "" : " (background not settled at the bound)"),
            Judged(worst) <= 2.0 ? "PASS" : "FAIL");
    }

    /// <summary>Appends the section "Storage requests per command (Azurite)".</summary>
    public static void AppendSection(StringBuilder md, BenchResults r)
    {
        md.AppendLine("## Storage requests per command (Azurite)");
        md.AppendLine();
        var s = r.Storage;
        if (s is null || s.Counts.Count == 0)
        {
            md.AppendLine(s?.Error is { } e ? $"Not measured: {e}." : "Not run in this run.");
            md.AppendLine();
            return;
        }

        md.AppendLine("Counted by the silo's `CareGrid.Storage` meter (`caregrid.storage.requests`: one per HTTP request the Azure SDK sends to");
        md.AppendLine("Table storage, from every Table client of the silo — CareGrid's and Orleans' — tagged with the table, the operation and");
        md.AppendLine("whether a command's own awaited work sent it), read from outside over an EventPipe session with the runtime's");
        md.AppendLine("`System.Diagnostics.Metrics` event source (1 s refresh). For each scenario: wait until storage is quiet, send a known");
        md.AppendLine("number of commands (16 clients, every answer checked), wait until the background is quiet again (2.5 s without a");
        md.AppendLine("request), and divide each series' increment by the commands. Critical requests are an upper bound of the round trips on");
        md.AppendLine("the critical path (two requests sent concurrently count twice). Orleans' own background (membership, reminders) lands");
        md.AppendLine("in the background column too; the idle line shows its rate.");
        md.AppendLine();
        md.AppendLine("The round trips themselves are the silo's `caregrid.storage.critical_depth` histogram (read over the same session): for");
        md.AppendLine("each API request, how many critical requests it waited for one after another — a request's depth is one more than the");
        md.AppendLine("deepest critical request of the same API request already answered when it was sent. It is an upper bound of the");
        md.AppendLine("causal chain (two requests started together, the second sent only after the first was answered, count as two), and");
        md.AppendLine("with 16 clients at once such staggering happens more than with one. The target is judged on its mean.");
        md.AppendLine();
        md.AppendLine("| Scenario | Commands | API requests with a recorded depth | mean critical depth (round trips) |");
        md.AppendLine("|---|---:|---:|---:|");
        foreach (var c in s.Counts)
        {
            md.AppendLine(string.Create(Inv, $"| {c.Workload} | {Format.Count(c.Commands)} | {Format.Count(c.DepthRequests)} | {(double.IsNaN(c.MeanDepth) ? "not recorded" : c.MeanDepth.ToString("0.000", Inv))} |"));
        }

        md.AppendLine();
        md.AppendLine("| Scenario | Commands | Table | Operation | critical / command | background / command |");
        md.AppendLine("|---|---:|---|---|---:|---:|");
        foreach (var c in s.Counts)
        {
            foreach (var g in c.Requests.GroupBy(kv => (kv.Key.Table, kv.Key.Operation)).OrderBy(g => g.Key.Table, StringComparer.Ordinal).ThenBy(g => g.Key.Operation, StringComparer.Ordinal))
            {
                var critical = g.Where(kv => kv.Key.Critical).Sum(kv => kv.Value);
                var background = g.Where(kv => !kv.Key.Critical).Sum(kv => kv.Value);
                md.AppendLine(string.Create(Inv, $"| {c.Workload} | {Format.Count(c.Commands)} | {g.Key.Table} | {g.Key.Operation} | {critical / c.Commands:0.000} | {background / c.Commands:0.000} |"));
            }

            md.AppendLine(string.Create(Inv, $"| **{c.Workload}, total** | {Format.Count(c.Commands)} | all | all | **{c.PerCommand(true):0.00}** | **{c.PerCommand(false):0.00}** |"));
        }

        md.AppendLine();
        md.AppendLine($"Design minimum per command: {Minimum}.");
        if (s.Idle is { } idle)
        {
            var total = idle.Requests.Values.Sum();
            md.AppendLine(string.Create(Inv, $"Idle (no commands, {idle.Window.TotalSeconds:0.0} s): {total:0} requests")
                + (total > 0 ? " — " + string.Join(", ", idle.Requests.Select(kv => $"{kv.Key.Table} {kv.Key.Operation} {kv.Value:0}")) : "") + ".");
        }

        foreach (var c in s.Counts.Where(c => !c.Settled))
        {
            md.AppendLine($"- {c.Workload}: storage was not quiet within the bound after the commands; later background requests are missing.");
        }

        if (s.Error is { } err)
        {
            md.AppendLine($"- The meter's event source reported: {err}");
        }

        md.AppendLine();
    }
}
