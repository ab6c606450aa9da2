using System.Globalization;
using CareGrid.Benchmarks.Load;

namespace CareGrid.Benchmarks.Report;

/// <summary>Number formatting shared by the console and the Markdown report.</summary>
internal static class Format
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>One console line for a run.</summary>
    public static string Line(string mode, string workload, RunResult r) =>
        string.Create(Inv, $"  {mode,-16} {workload,-28} c={r.Clients,-3} {r.PerSecond,9:N0}/s  p50 {r.P50Ms,7:0.00} ms  p99 {r.P99Ms,7:0.00} ms  srv {Cpu(r.ServerCpuUsPerOp),7} µs/op  ok {r.Ok:N0} err {r.Errors}{(r.FirstError is { } e ? "  first error: " + Trim(e) : "")}");

    /// <summary>Rate with thousands separators.</summary>
    public static string Rate(double perSecond) => perSecond.ToString("N0", Inv);

    /// <summary>Milliseconds with 2 decimals.</summary>
    public static string Ms(double ms) => double.IsNaN(ms) ? "n/a" : ms.ToString(ms < 10 ? "0.00" : "0.0", Inv);

    /// <summary>CPU microseconds per operation.</summary>
    public static string Cpu(double? us) => us is { } v ? v.ToString(v < 100 ? "0.0" : "N0", Inv) : "n/a";

    /// <summary>A ratio like <c>0.27×</c>.</summary>
    public static string Ratio(double? value, double? baseline) =>
        value is { } v && baseline is { } b && b > 0 && !double.IsNaN(v) && !double.IsNaN(b) ? (v / b).ToString("0.00", Inv) + "×" : "–";

    /// <summary>Bytes as MiB.</summary>
    public static string MiB(long? bytes) => bytes is { } b ? (b / 1024.0 / 1024.0).ToString("N0", Inv) + " MiB" : "n/a";

    /// <summary>A count.</summary>
    public static string Count(long n) => n.ToString("N0", Inv);

    /// <summary>A one-line, bounded error text.</summary>
    public static string Trim(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length > 160 ? line[..160] + "…" : line;
    }
}
