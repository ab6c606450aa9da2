using System.Text.Json.Nodes;
using CareGrid.Benchmarks.Infra;
using CareGrid.Benchmarks.Load;
using CareGrid.Benchmarks.Report;
using CareGrid.Benchmarks.Servers;
using CareGrid.Grains.Security;

namespace CareGrid.Benchmarks.Scenarios;

/// <summary>
/// The supervision targets on the embedded default, in one silo: <c>statistics</c> on a 100,000-case tenant against a
/// 1,000-case tenant (the cost must not grow with the number of cases, docs/statistics.md), and the parent's
/// <c>statisticsRollUp</c> over 50 sharing child tenants (<see cref="RollUpScenario"/>). Latency is one client sending
/// sequential requests after a warm-up, as a Supervisor, with every field of <c>TenantStatistics</c> selected (read by
/// introspection, so figures added later are measured too); the smallest selection (<c>asOf</c>) is timed beside it, which
/// splits the time between the grain (every section fills its figures either way) and the GraphQL execution of the figures.
/// </summary>
internal static class StatisticsPhase
{
    /// <summary>Measured requests per run.</summary>
    public const int Requests = 200;

    /// <summary>Unmeasured requests before each run.</summary>
    public const int WarmupRequests = 50;

    /// <summary>Interleaved rounds (small, large); the least disturbed one is reported.</summary>
    private const int Rounds = 3;

    /// <summary>Classes (units) of each statistics tenant.</summary>
    private const int Units = 10;

    private const string MinimalText = "query($p: StatisticsPeriodInput) { statistics(period: $p) { asOf } }";

    /// <summary>Runs the phase (parts chosen by <paramref name="settings"/>).</summary>
    public static async Task<StatisticsResult> RunAsync(BenchSettings settings, Tokens tokens, string logDirectory)
    {
        var result = new StatisticsResult();
        // A request of 25 reports runs them one after another; on a busy shared machine that can pass the default 10 s
        // execution timeout and be cut midway, so this silo allows 120 s (GraphQL:Limits:TimeoutSeconds; later arguments win).
        var siloSettings = new SiloSettings("silo-statistics", null) { ExtraArgs = ["--GraphQL:Limits:TimeoutSeconds=120", .. settings.SiloArgs], Environment = settings.SiloEnvironment };
        await using var silo = await SiloProcess.StartAsync(siloSettings, tokens.KeyPath, logDirectory);
        using var http = new HttpLoadClient(settings.BulkConcurrency + 4);
        var api = new CareGridApi(silo.BaseUri, http);
        if (settings.RunsPart("statistics"))
        {
            await MeasureStatisticsAsync(settings, tokens, api, http, silo.Pid, result);
        }
        else
        {
            result.Notes.Add("statistics target not run (--only)");
        }

        if (settings.RunsPart("rollup"))
        {
            await RollUpScenario.RunAsync(settings, tokens, api, http, silo.Pid, result);
        }
        else
        {
            result.RollUpSkipped = "not run (--only)";
        }

        return result;
    }

    private static async Task MeasureStatisticsAsync(BenchSettings settings, Tokens tokens, CareGridApi api, HttpLoadClient http, int pid, StatisticsResult result)
    {
        var limit = settings.StatisticsCreateLimit;
        var small = await StatisticsTenants.BuildAsync(api, tokens, "stats-small", settings.StatisticsSmallCases, Units, settings.BulkConcurrency, limit, pid);
        var big = await StatisticsTenants.BuildAsync(api, tokens, "stats-big", settings.StatisticsBigCases, Units, settings.BulkConcurrency, limit, pid);

        var smallUri = api.TenantUri(small.Tenant);
        var supervisor = tokens.For(small.Tenant, Roles.Supervisor, "supervisor@" + small.Tenant);
        var probe = new SchemaProbe(api, smallUri, supervisor);
        result.Fields = await probe.FieldNamesAsync("TenantStatistics");
        var query = $"query($p: StatisticsPeriodInput) {{ statistics(period: $p) {await probe.SelectionAsync("TenantStatistics")}}}";
        result.Query = query;
        var period = await LongestPeriodAsync(api, smallUri, supervisor);
        Console.WriteLine($"  [statistics] selecting {result.Fields.Count} fields of TenantStatistics; period {period.from} – {period.to}");

        var targets = new[] { small, big }.Select(t => (Build: t, Uri: api.TenantUri(t.Tenant), Token: tokens.For(t.Tenant, Roles.Supervisor, "supervisor@" + t.Tenant))).ToArray();
        for (var i = 0; i < targets.Length; i++)
        {
            // A batch cut by the client's timeout may still land on the server: the size reported is what the figures count.
            if (await CheckCountsAsync(api, targets[i].Uri, targets[i].Token, query, period, targets[i].Build, result) is { } counted)
            {
                targets[i].Build = targets[i].Build with { Cases = counted };
            }
        }

        var full = Gql.Body(query, PeriodVariables(period));
        var minimal = Gql.Body(MinimalText, PeriodVariables(period));
        for (var round = 0; round < Rounds; round++)
        {
            var timings = new List<StatisticsTiming>();
            foreach (var t in targets)
            {
                var f = await TimeAsync(http, t.Uri, t.Token, full, Requests, pid, "\"statistics\"");
                var m = await TimeAsync(http, t.Uri, t.Token, minimal, Requests, pid, "\"asOf\"");
                timings.Add(new StatisticsTiming(t.Build, f, m));
                Console.WriteLine($"  [statistics] round {round + 1}, {t.Build.Cases:N0} cases: full p50 {Format.Ms(f.P50Ms)} ms p99 {Format.Ms(f.P99Ms)} ms srv {Format.Cpu(f.ServerCpuUsPerOp)} µs; asOf only p50 {Format.Ms(m.P50Ms)} ms srv {Format.Cpu(m.ServerCpuUsPerOp)} µs; GCs full {Gcs(f)}, asOf {Gcs(m)}; errors {f.Errors + m.Errors}{((f.FirstError ?? m.FirstError) is { } e ? ": " + Format.Trim(e) : "")}");
            }

            result.Rounds.Add((timings[0], timings[1]));
        }

        var best = result.Rounds.OrderBy(r => r.Small.Full.P50Ms + r.Big.Full.P50Ms).First();
        result.Small = best.Small;
        result.Big = best.Big;
    }

    /// <summary>The server's collections in a run: <c>n (gen2 g)</c>, or <c>?</c> when not watched.</summary>
    public static string Gcs(RunResult run) => run.Gc is { } g ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{g.Collections} (gen2 {g.Gen2})") : "?";

    /// <summary>The variables <c>{"p": {"from": …, "to": …}}</c>.</summary>
    public static object PeriodVariables((string from, string to) period) => new { p = new { period.from, period.to } };

    /// <summary>The longest period <c>statistics</c> accepts: the 53 weeks ending on the Sunday of the current week (the tenant's time zone).</summary>
    public static async Task<(string from, string to)> LongestPeriodAsync(CareGridApi api, Uri uri, string token)
    {
        var answer = JsonNode.Parse(await api.CallAsync(uri, token, "{ statistics { to } }"))!;
        var to = DateOnly.Parse((string)answer["data"]!["statistics"]!["to"]!, System.Globalization.CultureInfo.InvariantCulture);
        return (to.AddDays(-(53 * 7) + 1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>One client, <see cref="WarmupRequests"/> unmeasured then <paramref name="requests"/> measured; an answer counts when it is 200, has no errors and holds <paramref name="marker"/>.</summary>
    public static async Task<RunResult> TimeAsync(HttpLoadClient http, Uri uri, string token, byte[] body, int requests, int pid, string marker)
    {
        var expected = System.Text.Encoding.UTF8.GetBytes(marker);
        async ValueTask<Outcome> Op(Worker w, long i, CancellationToken ct)
        {
            var (status, answer) = await http.PostGraphQLAsync(w, uri, token, body, ct);
            if (Gql.IsOk(status, answer.Span) && answer.Span.IndexOf(expected) >= 0)
            {
                return Outcome.Ok;
            }

            w.FirstError ??= $"HTTP {status} {Gql.Show(answer.Span)}";
            return Outcome.Error;
        }

        await LoadEngine.RunAsync(1, TimeSpan.FromSeconds(30), WarmupRequests, null, Op);
        // The server's collections during the measured run: a run of 200 requests lasts well under a second, so one
        // background gen2 collection of a large heap in it shows in the CPU per request (docs/statistics.md, round 14).
        await using var gc = GcPauses.TryStart(pid);
        var run = await LoadEngine.RunAsync(1, TimeSpan.FromSeconds(120), requests, pid, Op);
        return gc is null ? run : run with { Gc = await gc.StopAsync() };
    }

    /// <summary>Checks once that the figures count the cases created (casesByStatus sums to them), so the timed answers are real.</summary>
    private static async Task<long?> CheckCountsAsync(CareGridApi api, Uri uri, string token, string query, (string from, string to) period, TenantBuild build, StatisticsResult result)
    {
        var text = await api.CallAsync(uri, token, query, PeriodVariables(period));
        var answer = JsonNode.Parse(text)!;
        // The answer's size, whole and per field: a figure whose size grows with the tenant shows here (docs/statistics.md, round 14).
        if (answer["data"]?["statistics"] is JsonObject fields)
        {
            var sizes = string.Join(", ", fields.Select(f => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{f.Key} {System.Text.Encoding.UTF8.GetByteCount(f.Value?.ToJsonString() ?? "null"):N0}")));
            var size = $"{build.Tenant}: the full answer is {System.Text.Encoding.UTF8.GetByteCount(text):N0} bytes; per field (compact JSON): {sizes}.";
            result.Notes.Add(size);
            Console.WriteLine("  [statistics] " + size);
        }

        var byStatus = answer["data"]?["statistics"]?["casesByStatus"]?.AsArray();
        if (byStatus is null)
        {
            result.Notes.Add($"{build.Tenant}: the answer has no casesByStatus; the case count was not checked.");
            return null;
        }

        var counted = byStatus.Sum(s => (long)s!["count"]!);
        var note = $"{build.Tenant}: casesByStatus counts {counted:N0} cases; {build.Cases:N0} were acknowledged" + (counted == build.Cases ? " (equal)." : " (batches cut by the client's 30 s timeout landed anyway); the larger count is reported as the tenant's size.");
        result.Notes.Add(note);
        Console.WriteLine("  [statistics] " + note);
        return counted;
    }
}
