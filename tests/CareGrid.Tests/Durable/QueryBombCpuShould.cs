using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareGrid.GraphApi.Auth;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.Security;
using Xunit.Abstractions;

namespace CareGrid.Tests.Durable;

/// <summary>
/// Every fragment bomb and node flood of <see cref="QueryBombs"/> (also the floods within the node caps) costs the real service (a separate process on the embedded default,
/// started as a developer would) at most 50 ms of CPU per request — user plus system time read from
/// <c>/proc/&lt;pid&gt;/stat</c> around the requests, never wall time (docs/query-limits.md). Linux only.
/// </summary>
[Trait("tier", "durable")]
public sealed class QueryBombCpuShould(ITestOutputHelper output)
{
    /// <summary>Requests per measured batch; each bomb is sent in <see cref="Batches"/> batches after three warm-up requests.</summary>
    private const int Repeats = 4;

    /// <summary>
    /// Batches per bomb: the least CPU per request over the batches counts, so a collection of the whole heap that falls
    /// into one batch (it serves every earlier allocation of the process, not this request) does not decide the verdict.
    /// </summary>
    private const int Batches = 3;

    /// <summary>Most CPU one refused request may cost, in milliseconds.</summary>
    private const double MaxCpuMillisecondsPerRequest = 50;

    [SkippableFact]
    public async Task Cost_at_most_50_ms_of_server_cpu_for_each_bomb()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "CPU time is read from /proc/<pid>/stat, which only Linux has.");
        var keyPath = Path.Combine(Path.GetTempPath(), "caregrid-tests", "cpu-" + Guid.NewGuid().ToString("N") + ".key");
        var port = FreePorts.Next();
        var settings = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Orleans:SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:ClusterId"] = "cpu-" + Guid.NewGuid().ToString("N"),
            ["Auth:SigningKeyPath"] = keyPath,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        // Methods are compiled once, fully optimised, when first called (no tiered recompilation on a background thread
        // while a batch is measured), and collections are not concurrent (no background GC thread): the process's CPU
        // time is then the requests' own.
        await using var silo = SiloProcess.Start("silo-cpu", settings, new Dictionary<string, string>
        {
            ["DOTNET_TieredCompilation"] = "0",
            ["DOTNET_gcConcurrent"] = "0",
        });
        try
        {
            await silo.WaitHealthyAsync(TimeSpan.FromSeconds(40));
            var token = new DevelopmentTokens(new AuthOptions { SigningKeyPath = keyPath }, TimeProvider.System)
                .Issue("homeroom-8-1@demo-school", "demo-school", [Roles.Caseworker]);
            using var http = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var ticksPerSecond = await ClockTicksPerSecondAsync();
            var failures = new List<string>();
            var plain = "{ me { subject } }\n# " + new string('x', 200_000);
            for (var i = 0; i < 3; i++)
            {
                await SendAsync(http, token, plain);
            }

            output.WriteLine($"for comparison, a valid query in a 200 KB body: {await CpuPerRequestAsync(silo.Pid, ticksPerSecond, () => SendAsync(http, token, plain)):F1} ms CPU per request");
            var bombs = QueryBombs.All.Concat(QueryBombs.CappedFloods).ToList();
            foreach (var bomb in bombs)
            {
                // Every path is run before any is measured, so no batch pays for code compiled on its first use.
                var code = await SendAsync(http, token, bomb.Query, bomb.OperationName);
                Assert.True(code == bomb.Code, $"{bomb.Name}: expected {bomb.Code}, got {code}");
            }

            foreach (var bomb in bombs)
            {
                for (var i = 0; i < 2; i++)
                {
                    var code = await SendAsync(http, token, bomb.Query, bomb.OperationName);
                    Assert.True(code == bomb.Code, $"{bomb.Name}: expected {bomb.Code}, got {code}");
                }
                var batches = new List<double>();
                for (var batch = 0; batch < Batches; batch++)
                {
                    batches.Add(await CpuPerRequestAsync(silo.Pid, ticksPerSecond, () => SendAsync(http, token, bomb.Query, bomb.OperationName)));
                }

                var perRequest = batches.Min();
                output.WriteLine($"{bomb.Name} ({bomb.Query.Length} chars): {perRequest:F1} ms CPU per request (batches: {string.Join(", ", batches.Select(b => b.ToString("F1", CultureInfo.InvariantCulture)))})");
                if (perRequest > MaxCpuMillisecondsPerRequest)
                {
                    failures.Add($"{bomb.Name}: {perRequest:F1} ms CPU per request");
                }
            }

            Assert.True(failures.Count == 0, string.Join('\n', failures));
        }
        finally
        {
            File.Delete(keyPath);
        }
    }

    private static async Task<double> CpuPerRequestAsync(int pid, long ticksPerSecond, Func<Task<string?>> send)
    {
        var before = CpuTicks(pid);
        for (var i = 0; i < Repeats; i++)
        {
            await send();
        }

        return (CpuTicks(pid) - before) * 1000.0 / ticksPerSecond / Repeats;
    }

    private static async Task<string?> SendAsync(HttpClient http, string token, string query, string? operationName = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "t/demo-school/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, operationName }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        using var response = await http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return body?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();
    }

    /// <summary>User plus system CPU time of the process so far, in clock ticks (fields 14 and 15 of <c>/proc/&lt;pid&gt;/stat</c>).</summary>
    private static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    private static async Task<long> ClockTicksPerSecondAsync()
    {
        var result = await ProcessRunner.TryRunAsync("getconf", ["CLK_TCK"], Path.GetTempPath(), TimeSpan.FromSeconds(10));
        return result is { ExitCode: 0 } && long.TryParse(result.StandardOutput.Trim(), CultureInfo.InvariantCulture, out var ticks) && ticks > 0 ? ticks : 100;
    }
}
