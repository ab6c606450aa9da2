using System.Globalization;
using CareGrid.Benchmarks.Infra;

namespace CareGrid.Benchmarks.Load;

/// <summary>
/// One measured wrk run: what wrk counted (requests, non-2xx/3xx answers, socket errors), its latency percentiles, and
/// the server's CPU time per successful request from <c>/proc</c>, and the server's garbage collections during the run
/// (<see cref="GcPauses"/>; null when the server was not watched). wrk does not read the answers' bodies.
/// </summary>
internal sealed record WrkRun(
    int Connections,
    int Threads,
    long Requests,
    long Non2xx,
    long SocketErrors,
    TimeSpan Elapsed,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MaxMs,
    double? ServerCpuUsPerOp,
    int BodiesInPool,
    long GraphQlErrors = 0,
    string? FirstError = null,
    GcSummary? Gc = null)
{
    /// <summary>Requests answered with 2xx/3xx and (for POSTs) without a GraphQL <c>errors</c> member.</summary>
    public long Ok => Math.Max(0, Requests - Non2xx - GraphQlErrors);

    /// <summary>Successful requests per second.</summary>
    public double PerSecond => Elapsed.TotalSeconds > 0 ? Ok / Elapsed.TotalSeconds : 0;

    /// <summary>True when more requests were sent than the pool held (bodies were sent again).</summary>
    public bool PoolWrapped => BodiesInPool > 0 && Requests > BodiesInPool;
}

/// <summary>
/// Runs the HTTP load tool <c>wrk</c> (Debian package <c>wrk</c>) against 127.0.0.1: <c>-t2 -c N --latency</c> and a Lua
/// script that sends either a GET or POSTs of request bodies read from a file (one JSON body per line), round robin, each
/// wrk thread taking every T-th body so that no two requests of a run share a body until the pool wraps. The script's
/// <c>done</c> prints one machine-readable line with wrk's own counters and percentiles.
/// </summary>
internal static class Wrk
{
    private const string Marker = "CAREGRID-WRK";

    /// <summary>Where wrk is: <c>/usr/bin/wrk</c> or the first on PATH; null when it is not installed.</summary>
    public static string? Locate()
    {
        if (File.Exists("/usr/bin/wrk"))
        {
            return "/usr/bin/wrk";
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Where(d => d.Length > 0).Select(d => Path.Combine(d, "wrk")).FirstOrDefault(File.Exists);
    }

    /// <summary>The message printed when wrk is missing (the benchmark does not fall back to anything else silently).</summary>
    public const string Missing = "wrk is not installed (neither /usr/bin/wrk nor on PATH): install it with `sudo apt-get install wrk` (Debian/Ubuntu), or pass --no-wrk to skip the wrk measurements";

    /// <summary>
    /// Runs wrk for <paramref name="duration"/> against <paramref name="uri"/>: a GET when <paramref name="bodies"/> is null,
    /// otherwise POSTs of those bodies (JSON, one per request, round robin) with <paramref name="authorization"/>.
    /// </summary>
    public static async Task<WrkRun> RunAsync(string logDirectory, string name, Uri uri, int connections, TimeSpan duration,
        int? serverPid, IReadOnlyList<byte[]>? bodies = null, string? authorization = null)
    {
        var wrk = Locate() ?? throw new InvalidOperationException(Missing);
        var dir = Path.Combine(logDirectory, "wrk");
        Directory.CreateDirectory(dir);
        var stem = Path.Combine(dir, $"{Slug(name)}-c{connections}-{DateTime.UtcNow:HHmmssfff}");
        var bodyFile = stem + ".bodies";
        if (bodies is not null)
        {
            await using var file = File.Create(bodyFile);
            foreach (var body in bodies)
            {
                if (body.AsSpan().IndexOfAny((byte)'\n', (byte)'\r') >= 0)
                {
                    throw new ArgumentException("A wrk request body must be one line of JSON.", nameof(bodies));
                }

                await file.WriteAsync(body);
                await file.WriteAsync("\n"u8.ToArray());
            }
        }

        var script = stem + ".lua";
        await File.WriteAllTextAsync(script, Script(bodies is null ? null : bodyFile, authorization));
        var threads = Math.Min(2, connections);
        var seconds = Math.Max(1, (int)Math.Round(duration.TotalSeconds));
        var args = new[] { $"-t{threads}", $"-c{connections}", $"-d{seconds}s", "--latency", "--timeout", "10s", "-s", script, uri.ToString(), "--", threads.ToString(CultureInfo.InvariantCulture) };
        await using var gc = serverPid is { } watched ? GcPauses.TryStart(watched) : null;
        var cpu0 = serverPid is { } p0 ? Proc.CpuTime(p0) : TimeSpan.Zero;
        await using var process = ChildProcess.Start("wrk " + name, wrk, args, stem + ".log");
        var code = await process.WaitForExitAsync(duration + TimeSpan.FromSeconds(60));
        var cpu = serverPid is { } p1 ? Proc.CpuTime(p1) - cpu0 : (TimeSpan?)null;
        var collections = gc is null ? null : await gc.StopAsync();
        var output = process.Tail(400);
        var line = output.Split('\n').FirstOrDefault(l => l.Contains(Marker, StringComparison.Ordinal));
        if (code != 0 || line is null)
        {
            throw new InvalidOperationException($"wrk ({name}, {connections} connections) failed (exit {code?.ToString(CultureInfo.InvariantCulture) ?? "timeout"}): {process.Tail(10)}");
        }

        var firstError = output.Split('\n').FirstOrDefault(l => l.StartsWith(Marker + "-FIRST-ERROR ", StringComparison.Ordinal));
        return Parse(line, connections, threads, cpu, bodies?.Count ?? 0) with { FirstError = firstError?[(Marker.Length + 13)..].Trim(), Gc = collections };
    }

    private static WrkRun Parse(string line, int connections, int threads, TimeSpan? serverCpu, int pool)
    {
        var fields = line[(line.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(kv => kv.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => double.Parse(kv[1], CultureInfo.InvariantCulture));
        var requests = (long)fields["requests"];
        var non2xx = (long)fields["status"];
        var gqlErrors = (long)fields["gqlerrors"];
        var ok = Math.Max(0, requests - non2xx - gqlErrors);
        return new WrkRun(connections, threads, requests, non2xx,
            (long)(fields["connect"] + fields["read"] + fields["write"] + fields["timeout"]),
            TimeSpan.FromMicroseconds(fields["duration"]),
            fields["p50"] / 1000, fields["p90"] / 1000, fields["p99"] / 1000, fields["max"] / 1000,
            serverCpu is { } s && ok > 0 ? s.TotalMicroseconds / ok : null, pool, gqlErrors);
    }

    /// <summary>The Lua script: pre-formatted requests (from the body file, or one GET), round robin per thread, and a summary line.</summary>
    private static string Script(string? bodyFile, string? authorization)
    {
        var auth = authorization is null ? "" : $"wrk.headers[\"Authorization\"] = {Lua(authorization)}\n";
        var load = bodyFile is null
            ? "requests[1] = wrk.format(\"GET\")\n"
            : $$"""
                wrk.headers["Content-Type"] = "application/json; charset=utf-8"
                wrk.headers["Accept"] = "application/graphql-response+json"
                {{auth}}for body in io.lines({{Lua(bodyFile)}}) do
                  requests[#requests + 1] = wrk.format("POST", nil, nil, body)
                end
                """;
        // For POSTs, a 200 answer that carries a GraphQL "errors" member is counted as an error too (its first one is kept).
        var check = bodyFile is null ? "" : """
            function response(status, headers, body)
              if status == 200 and string.find(body, "\"errors\"", 1, true) then
                gqlerrors = gqlerrors + 1
                if firsterror == "" then firsterror = string.sub(body, 1, 300) end
              end
            end
            """;
        return $$"""
            -- Generated by the CareGrid benchmark (tests/Benchmarks/Load/Wrk.cs).
            local threads = {}
            local counter = 0
            -- setup runs in the main Lua state; thread:set makes "tid" a global of that thread's own state.
            function setup(thread)
              thread:set("tid", counter)
              counter = counter + 1
              table.insert(threads, thread)
            end
            requests = {}
            local step = 1
            local at = 0
            function init(args)
            {{load}}
              step = tonumber(args[1] or "1")
              at = tid or 0
            end
            function request()
              local r = requests[(at % #requests) + 1]
              at = at + step
              return r
            end
            gqlerrors = 0
            firsterror = ""
            {{check}}
            function done(summary, latency, requests)
              local e = summary.errors
              local gql = 0
              local first = ""
              for _, t in ipairs(threads) do
                gql = gql + (t:get("gqlerrors") or 0)
                if first == "" then first = t:get("firsterror") or "" end
              end
              io.write(string.format("{{Marker}} requests=%d duration=%d status=%d connect=%d read=%d write=%d timeout=%d p50=%d p90=%d p99=%d max=%d gqlerrors=%d\n",
                summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
                latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, gql))
              if first ~= "" then io.write("{{Marker}}-FIRST-ERROR " .. first:gsub("\n", " ") .. "\n") end
            end
            """;
    }

    private static string Lua(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Slug(string name) => new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
}
