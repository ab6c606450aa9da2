using System.Text;
using CareGrid.Benchmarks.Load;
using CareGrid.Benchmarks.Report;

namespace CareGrid.Benchmarks.Scenarios;

/// <summary>
/// What the wrk scenarios of one silo need from the C# scenarios' setup: its tenant, the Counsellor's token, the request
/// bodies, and a TenantAdmin's token for counting (a Counsellor with no unit in scope lists only the cases assigned to them).
/// </summary>
internal sealed record WrkTarget(string Mode, int SiloPid, CareGridApi Api, Uri Uri, string Token, byte[][] ReadBodies, byte[] PageBody, ReportPeople Reports, string LogDirectory, string CountToken);

/// <summary>
/// The CareGrid scenarios measured with wrk (<see cref="Wrk"/>): <c>case(id)</c>, <c>cases</c> first page,
/// <c>reportConcern</c> (round robin over the tenant's people, each report opening its own case) and high-risk
/// <c>recordScreening</c> (one fresh Low case per request, from a pool written to a file). wrk does not read the answers:
/// non-2xx answers are counted, and the writes are checked afterwards through the API (the tenant's case counts).
/// </summary>
internal static class WrkScenarios
{
    /// <summary>How a failed check of the writes starts (the report and the verdicts look for it).</summary>
    public const string CheckFailed = "CHECK FAILED";

    /// <summary>The floor's first step: the silo's liveness endpoint (<c>GET /health/live</c>: Kestrel and the silo's middleware, no check, no token).</summary>
    public const string SiloLive = "floor: silo GET /health/live";

    /// <summary>The floor's second step: <c>{ __typename }</c> on the tenant endpoint with the Counsellor's token (transport, authentication, tenant admission, a cached document's validation and execution; no grain call, no audit).</summary>
    public const string TypenameQuery = "floor: { __typename }";

    private const string CountAll = "{ cases(first: 1) { totalCount } }";
    private const string CountHigh = "{ cases(first: 1, filter: {riskLevel: HIGH}) { totalCount } }";

    /// <summary>Runs the four scenarios with wrk at every concurrency of <paramref name="settings"/>.</summary>
    public static async Task RunAsync(WrkTarget t, BenchSettings settings, BenchResults results)
    {
        async Task<WrkRun> Measure(string workload, int c, IReadOnlyList<byte[]> bodies, bool warm = true)
        {
            if (warm)
            {
                await Wrk.RunAsync(t.LogDirectory, workload + " warm-up", t.Uri, c, settings.Warmup, null, bodies, t.Token);
            }

            return await Wrk.RunAsync(t.LogDirectory, workload, t.Uri, c, settings.Duration, t.SiloPid, bodies, t.Token);
        }

        void Add(string workload, WrkRun run, string? check)
        {
            results.Wrk.Add(new WrkMeasurement(t.Mode, workload, run, check));
            Console.WriteLine(WrkMarkdown.Line(t.Mode + " (wrk)", workload, run) + (check is null ? "" : "  " + check));
        }

        // The floor under case(id), at 64 connections: the silo's own HTTP pipeline, then the smallest authenticated GraphQL
        // request, each against the same minimal JSON endpoint as the targets. What case(id) adds above the second is the
        // grain call, the READ audit record and the case's view (docs/benchmarks.md "Floor").
        if (settings.Runs("floor") && settings.Clients.Contains(64))
        {
            var live = new Uri(t.Uri, "/health/live");
            await Wrk.RunAsync(t.LogDirectory, SiloLive + " warm-up", live, 64, settings.Warmup, null);
            Add(SiloLive, await Wrk.RunAsync(t.LogDirectory, SiloLive, live, 64, settings.Duration, t.SiloPid), null);
            Add(TypenameQuery, await Measure(TypenameQuery, 64, [Gql.Body("{ __typename }", null)]), null);
        }

        foreach (var c in settings.Runs("case") ? settings.Clients : [])
        {
            Add(CareGridScenarios.CaseQuery, await Measure(CareGridScenarios.CaseQuery, c, t.ReadBodies), null);
        }

        foreach (var c in settings.Runs("page") ? settings.Clients : [])
        {
            Add(CareGridScenarios.CasesPage, await Measure(CareGridScenarios.CasesPage, c, [t.PageBody]), null);
        }

        var reportRate = new Dictionary<int, double>();
        foreach (var c in settings.Runs("report") ? settings.Clients : [])
        {
            var warmUp = await Wrk.RunAsync(t.LogDirectory, "reportConcern warm-up", t.Uri, c, settings.Warmup, null, t.Reports.FromCursor(), t.Token);
            t.Reports.Advance(warmUp.Requests + c);
            var before = await CountAsync(t, CountAll);
            var run = await Measure(CareGridScenarios.Report, c, t.Reports.FromCursor(), warm: false);
            t.Reports.Advance(run.Requests + c);
            reportRate[c] = run.PerSecond;
            Add(CareGridScenarios.Report, run, await CheckAsync(t, CountAll, before, run.Ok, c, "cases"));
        }

        foreach (var c in settings.Runs("screening") ? settings.Clients : [])
        {
            await ScreeningAsync(t, settings, results, c, reportRate.GetValueOrDefault(c, 1_000), Add);
        }
    }

    private static async Task ScreeningAsync(WrkTarget t, BenchSettings settings, BenchResults results, int c, double reportRate, Action<string, WrkRun, string?> add)
    {
        // Twice the report rate: a screening of an existing case can run faster than a report (seen under wrk), and a
        // wrapped pool re-screens High cases instead of measuring the protocol.
        var pool = (int)Math.Clamp(reportRate * settings.Duration.TotalSeconds * 2.0 + c * 4, 200, settings.MaxScreeningPool);
        var ids = new string?[pool];
        var created = await t.Api.BulkAsync("reportConcern (fresh Low cases for wrk)", pool, Math.Min(settings.BulkConcurrency, 16), TimeSpan.FromSeconds(60),
            i => (t.Uri, t.Token, t.Reports.Next()), (i, body) => ids[i] = Gql.FirstString(body, "id"), throwOnError: false);
        var bodies = ids.Where(id => id is not null).Select(id => Gql.Body(CareGridScenarios.ScreeningText, new { id })).ToArray();
        if (bodies.Length == 0)
        {
            results.Notes.Add($"{t.Mode}: no fresh cases could be created for recordScreening with wrk at {c} connections ({created.FirstError}).");
            return;
        }

        var before = await CountAsync(t, CountHigh);
        var run = await Wrk.RunAsync(t.LogDirectory, CareGridScenarios.Screening, t.Uri, c, settings.Duration, t.SiloPid, bodies, t.Token);
        // Once the pool wraps, a request screens a case that is already High: no new High case, so expect at most the pool.
        var check = await CheckAsync(t, CountHigh, before, Math.Min(run.Ok, bodies.Length), run.PoolWrapped ? 0 : c, "High cases");
        add(CareGridScenarios.Screening, run, $"pool of {bodies.Length} fresh Low cases" + (run.PoolWrapped ? " (the pool wrapped: later requests re-screened High cases)" : "") + "; " + check);
    }

    /// <summary>
    /// Waits (at most 15 s) until the tenant's count has grown by <paramref name="expected"/>, and says what it saw: up to
    /// <paramref name="inFlight"/> more are fine (requests wrk had sent when it stopped, which the server still carried out).
    /// </summary>
    private static async Task<string> CheckAsync(WrkTarget t, string query, long before, long expected, int inFlight, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        long grown;
        while (true)
        {
            grown = await CountAsync(t, query) - before;
            if (grown >= expected || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(250);
        }

        return grown >= expected && grown <= expected + inFlight
            ? $"checked: {Format.Count(grown)} new {what} for {Format.Count(expected)} 2xx answers" + (grown > expected ? $" (+{grown - expected} in flight when wrk stopped)" : "")
            : $"{CheckFailed}: {Format.Count(grown)} new {what} for {Format.Count(expected)} 2xx answers";
    }

    private static async Task<long> CountAsync(WrkTarget t, string query)
    {
        var answer = await t.Api.CallAsync(t.Uri, t.CountToken, query);
        const string Key = "\"totalCount\":";
        var at = answer.IndexOf(Key, StringComparison.Ordinal) + Key.Length;
        var end = at;
        while (end < answer.Length && char.IsAsciiDigit(answer[end]))
        {
            end++;
        }

        return long.Parse(answer.AsSpan(at, end - at), provider: System.Globalization.CultureInfo.InvariantCulture);
    }
}
