using Azure.Core.Pipeline;
using Azure.Data.Tables;
using CareGrid.Benchmarks.Load;
using CareGrid.Benchmarks.Report;
using CareGrid.Benchmarks.Servers;

namespace CareGrid.Benchmarks.Scenarios;

/// <summary>The ceilings of this machine measured in the same run: minimal JSON over HTTP, and raw Azure Table inserts into Azurite.</summary>
internal static class Baselines
{
    /// <summary>Workload name of the HTTP ceiling.</summary>
    public const string MinimalJson = "minimal JSON (GET)";

    /// <summary>Workload name of the storage ceiling.</summary>
    public const string RawInsert = "Azure.Data.Tables insert";

    /// <summary>Minimal JSON endpoint in its own process at each concurrency.</summary>
    public static async Task RunJsonAsync(BenchSettings settings, string logDirectory, BenchResults results)
    {
        await using var server = await JsonServerProcess.StartAsync(logDirectory);
        using var http = new HttpLoadClient(settings.Clients.Max());
        foreach (var clients in settings.Clients)
        {
            ValueTask<Outcome> Op(Worker w, long i, CancellationToken ct) => Check(http.GetAsync(w, server.JsonUri, ct));
            await LoadEngine.RunAsync(clients, settings.Warmup, settings.MaxRequests, null, Op);
            var run = await LoadEngine.RunAsync(clients, settings.Duration, settings.MaxRequests, server.Process.Pid, Op);
            results.Baselines.Add(new Measurement("HTTP ceiling", MinimalJson, run));
            Console.WriteLine(Format.Line("HTTP ceiling", MinimalJson, run));
        }

        foreach (var clients in settings.Wrk ? settings.Clients : [])
        {
            await Wrk.RunAsync(logDirectory, MinimalJson + " warm-up", server.JsonUri, clients, settings.Warmup, null);
            var run = await Wrk.RunAsync(logDirectory, MinimalJson, server.JsonUri, clients, settings.Duration, server.Process.Pid);
            results.Wrk.Add(new WrkMeasurement("HTTP ceiling", MinimalJson, run));
            Console.WriteLine(WrkMarkdown.Line("HTTP ceiling (wrk)", MinimalJson, run));
        }
    }

    private static async ValueTask<Outcome> Check(ValueTask<(int Status, ReadOnlyMemory<byte> Body)> call)
    {
        var (status, body) = await call;
        return status == 200 && body.Length > 10 ? Outcome.Ok : Outcome.Error;
    }

    /// <summary>
    /// Raw inserts with <c>Azure.Data.Tables</c> (no retries) into the Azurite under test: one new entity per operation
    /// (512-byte binary payload, 1,024 partitions) at each concurrency. Azurite's CPU time is charged per insert.
    /// </summary>
    public static async Task RunTableInsertsAsync(BenchSettings settings, AzuriteProcess azurite, BenchResults results)
    {
        using var transport = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Clients.Max() + 4, UseProxy = false });
        var options = new TableClientOptions
        {
            Transport = new HttpClientTransport(transport),
            Retry = { MaxRetries = 0 },
            Diagnostics = { IsLoggingEnabled = false, IsDistributedTracingEnabled = false, IsTelemetryEnabled = false },
        };
        var table = new TableServiceClient(azurite.ConnectionString, options).GetTableClient("benchRawInsert");
        await table.CreateIfNotExistsAsync();
        var payload = BinaryData.FromBytes(Enumerable.Range(0, 512).Select(b => (byte)b).ToArray());
        var run0 = Guid.NewGuid().ToString("N")[..8];
        foreach (var clients in settings.Clients)
        {
            var prefix = $"{run0}-{clients}";
            async ValueTask<Outcome> Op(Worker w, long i, CancellationToken ct)
            {
                var entity = new TableEntity($"p{i % 1024}", $"{prefix}-{i:D10}") { ["Data"] = payload, ["Kind"] = "bench" };
                var response = await table.AddEntityAsync(entity, ct);
                return response.Status is >= 200 and < 300 ? Outcome.Ok : Outcome.Error;
            }

            await LoadEngine.RunAsync(clients, settings.Warmup, settings.MaxRequests, null, (w, i, ct) => Op(w, i + 1_000_000_000L, ct));
            var run = await LoadEngine.RunAsync(clients, settings.Duration, settings.MaxRequests, azurite.Pid, Op);
            results.Baselines.Add(new Measurement("storage ceiling", RawInsert, run));
            Console.WriteLine(Format.Line("storage ceiling", RawInsert, run));
        }
    }
}
