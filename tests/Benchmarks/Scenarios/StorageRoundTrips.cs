using CareGrid.Benchmarks.Infra;
using CareGrid.Benchmarks.Load;
using CareGrid.Benchmarks.Report;

namespace CareGrid.Benchmarks.Scenarios;

/// <summary>What the storage request meter counted while a known number of commands ran (and their background settled).</summary>
internal sealed record StorageCount(string Workload, long Commands, int Clients, IReadOnlyDictionary<StorageSeries, double> Requests, TimeSpan Window, bool Settled)
{
    /// <summary>API requests whose critical depth the silo recorded in the window (the commands, if the build records it).</summary>
    public long DepthRequests { get; init; }

    /// <summary>The mean critical depth of those requests (sequential critical round trips; NaN when none was recorded).</summary>
    public double MeanDepth { get; init; } = double.NaN;

    /// <summary>Requests per command, critical or background (all tables).</summary>
    public double PerCommand(bool critical) => Commands > 0 ? Requests.Where(kv => kv.Key.Critical == critical).Sum(kv => kv.Value) / Commands : double.NaN;
}

/// <summary>Everything the storage round-trip count produced: the per-scenario counts and what went wrong.</summary>
internal sealed class StorageCountResult
{
    /// <summary>Counts per scenario.</summary>
    public List<StorageCount> Counts { get; } = [];

    /// <summary>Requests counted in an idle window (no commands) and its length: Orleans' own background (membership, reminders).</summary>
    public StorageCount? Idle { get; set; }

    /// <summary>Why the count could not be taken, or null.</summary>
    public string? Error { get; set; }
}

/// <summary>
/// Counts the Table storage requests per command on the durable mode (issue 18, item 1): with an EventPipe session on the
/// silo's <c>CareGrid.Storage</c> meter (<see cref="StorageMeter"/>), waits until storage is quiet, runs a known number of
/// <c>reportConcern</c> (and high-risk <c>recordScreening</c> on fresh Low cases made before), waits until the background
/// (group-commit flushes) is quiet again, and divides each series' increment by the number of commands.
/// </summary>
internal static class StorageRoundTrips
{
    private const int Clients = 16;
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2.5), QuietBound = TimeSpan.FromSeconds(30);

    /// <summary>Counts <paramref name="commands"/> of each write scenario on the silo behind <paramref name="t"/>.</summary>
    public static async Task<StorageCountResult> RunAsync(WrkTarget t, BenchSettings settings, int commands)
    {
        var result = new StorageCountResult();
        StorageMeter meter;
        try
        {
            meter = StorageMeter.Start(t.SiloPid);
        }
        catch (Exception ex) when (ex is Microsoft.Diagnostics.NETCore.Client.ServerNotAvailableException or Microsoft.Diagnostics.NETCore.Client.ServerErrorException or IOException or TimeoutException)
        {
            result.Error = "no EventPipe session on the silo: " + ex.Message;
            return result;
        }

        await using (meter)
        {
            if (!await meter.WaitQuietAsync(Quiet, QuietBound) && !meter.Publishing)
            {
                result.Error = meter.Error ?? "the silo published no CareGrid.Storage values (is the meter in this build?)";
                return result;
            }

            result.Idle = await CountAsync(meter, "idle (no commands)", 0, () => Task.Delay(TimeSpan.FromSeconds(5)));
            if (settings.Runs("report"))
            {
                result.Counts.Add(await CountAsync(meter, CareGridScenarios.Report, commands, () =>
                    t.Api.BulkAsync("reportConcern (storage count)", commands, Clients, TimeSpan.FromMinutes(3), i => (t.Uri, t.Token, t.Reports.Next()))));
            }

            if (settings.Runs("screening"))
            {
                var ids = new string?[commands];
                await t.Api.BulkAsync("reportConcern (Low cases for the storage count)", commands, Clients, TimeSpan.FromMinutes(3),
                    i => (t.Uri, t.Token, t.Reports.Next()), (i, body) => ids[i] = Gql.FirstString(body, "id"));
                await meter.WaitQuietAsync(Quiet, QuietBound);
                result.Counts.Add(await CountAsync(meter, CareGridScenarios.Screening, commands, () =>
                    t.Api.BulkAsync("recordScreening (storage count)", commands, Clients, TimeSpan.FromMinutes(3), i => (t.Uri, t.Token, Gql.Body(CareGridScenarios.ScreeningText, new { id = ids[i] })))));
            }

            result.Error ??= meter.Error;
        }

        return result;
    }

    private static async Task<StorageCount> CountAsync(StorageMeter meter, string workload, long commands, Func<Task> run)
    {
        var before = meter.Snapshot();
        var depthsBefore = meter.Depths();
        var started = DateTime.UtcNow;
        await run();
        var settled = await meter.WaitQuietAsync(Quiet, QuietBound);
        var after = meter.Snapshot();
        var depthsAfter = meter.Depths();
        var delta = after.ToDictionary(kv => kv.Key, kv => kv.Value - before.GetValueOrDefault(kv.Key));
        var depthRequests = depthsAfter.Count - depthsBefore.Count;
        var count = new StorageCount(workload, commands, Clients, delta.Where(kv => kv.Value > 0).ToDictionary(), DateTime.UtcNow - started, settled)
        {
            DepthRequests = depthRequests,
            MeanDepth = depthRequests > 0 ? (depthsAfter.Sum - depthsBefore.Sum) / depthRequests : double.NaN,
        };
        Console.WriteLine(commands == 0 ? $"  [storage] {workload}: {delta.Values.Sum():0} requests in {count.Window.TotalSeconds:0.0} s" : $"  [storage] {workload}: {commands} commands, {count.PerCommand(true):0.00} critical + {count.PerCommand(false):0.00} background requests per command, mean critical depth {count.MeanDepth:0.00} ({depthRequests} requests)"
            + (settled ? "" : " (background still busy at the bound)"));
        return count;
    }
}
