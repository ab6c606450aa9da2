using CareGrid.Benchmarks.Infra;
using CareGrid.Benchmarks.Load;
using CareGrid.Benchmarks.Report;
using CareGrid.Benchmarks.Servers;
using CareGrid.Grains.Security;

namespace CareGrid.Benchmarks.Scenarios;

/// <summary>
/// The four CareGrid scenarios against one silo, each at every concurrency: <c>case(id)</c>, <c>cases</c> first page,
/// <c>reportConcern</c> (each opening a new case: a concern about a person with an open case joins it unless the report
/// asks for a separate case, so the benchmark asks, and measures the case-opening path, round robin over enough people
/// for the service's bound of open cases per person, <see cref="ReportPeople"/>), and <c>recordScreening</c> that
/// triggers the high-risk protocol on a fresh Low case.
/// </summary>
internal static class CareGridScenarios
{
    /// <summary>Workload names, in run order.</summary>
    public const string CaseQuery = "case(id) query", CasesPage = "cases first page", Report = "reportConcern", Screening = "recordScreening (high risk)";

    private const string Tenant = "bench";

    /// <summary>Name prefix of the runtime's tiered-compilation background thread (as in <c>/proc/&lt;pid&gt;/task/*/comm</c>).</summary>
    private const string TieredCompilationThread = ".NET Tiered Com";

    /// <summary>Warm-up ends when the JIT thread used less than this share of one core over a round …</summary>
    private const double QuietJitShare = 0.02;

    /// <summary>… or after this many rounds.</summary>
    private const int MaxWarmupRounds = 10;
    private const string Counsellor = "counsellor@bench";

    private const string CaseQueryText = "query($id: ID!) { case(id: $id) { id status riskLevel escalationLevel assigneeId availableActions } }";
    private const string CasesPageText = "{ cases(first: 20) { nodes { id personId status riskLevel escalationLevel } pageInfo { hasNextPage endCursor } } }";
    private const string ReportText = "mutation($p: ID!) { reportConcern(input: {personId: $p, summary: \"Seemed withdrawn in class this week\", riskLevel: LOW, separateCase: true, separateCaseReason: \"benchmark: every report opens its own case\"}) { id status riskLevel escalationLevel } }";
    /// <summary>The high-risk screening of a fresh Low case (variable <c>$id</c>).</summary>
    internal const string ScreeningText = "mutation($id: ID!) { recordScreening(id: $id, instrument: PHQ9, answers: [1, 1, 0, 1, 0, 1, 0, 0, 1]) { id status riskLevel escalationLevel assigneeId } }";

    /// <summary>Starts a silo in <paramref name="mode"/>, sets up the tenant and runs every scenario.</summary>
    public static async Task RunAsync(string mode, SiloSettings siloSettings, BenchSettings settings, Tokens tokens, string logDirectory, BenchResults results)
    {
        await using var silo = await SiloProcess.StartAsync(siloSettings, tokens.KeyPath, logDirectory);
        using var http = new HttpLoadClient(Math.Max(settings.Clients.Max(), settings.BulkConcurrency) + 4);
        var api = new CareGridApi(silo.BaseUri, http);
        var uri = api.TenantUri(Tenant);
        var token = tokens.For(Tenant, Roles.Counsellor, Counsellor);
        await api.OnboardAsync(tokens, Tenant);

        var people = ReportPeople.For(mode, settings);
        var reports = new ReportPeople(Enumerable.Range(0, people).Select(i => Gql.Body(ReportText, new { p = $"p{i}" })).ToArray());
        var setup = await api.BulkAsync("registerPerson", people, settings.BulkConcurrency, TimeSpan.FromMinutes(3), i => (uri, token,
            Gql.Body("mutation($id: ID!) { registerPerson(input: {id: $id, displayName: \"Benchmark person\", organizationId: \"org1\", birthYear: 2010}) { id } }", new { id = $"p{i}" })));
        Console.WriteLine($"  [{mode}] {setup.Ok} people registered in {setup.Elapsed.TotalSeconds:0.0} s");

        var readIds = new string[settings.ReadCases];
        await api.BulkAsync("reportConcern (cases to read)", readIds.Length, settings.BulkConcurrency, TimeSpan.FromMinutes(3),
            i => (uri, token, reports.Next()), (i, body) => readIds[i] = Gql.FirstString(body, "id")!);
        var readBodies = readIds.Select(id => Gql.Body(CaseQueryText, new { id })).ToArray();
        var pageBody = Gql.Body(CasesPageText);

        async Task Measure(string workload, int clients, Func<Worker, long, CancellationToken, ValueTask<Outcome>> op, string? note = null)
        {
            await LoadEngine.RunAsync(clients, settings.Warmup, settings.MaxRequests, null, op);
            var run = await LoadEngine.RunAsync(clients, settings.Duration, settings.MaxRequests, silo.Pid, op);
            results.Scenarios.Add(new Measurement(mode, workload, run, note));
            Console.WriteLine(Format.Line(mode, workload, run));
        }

        async ValueTask<Outcome> Post(Worker w, byte[] body, CancellationToken ct, ReadOnlyMemory<byte>? mustContain = null)
        {
            var (status, answer) = await http.PostGraphQLAsync(w, uri, token, body, ct);
            if (Gql.IsOk(status, answer.Span) && (mustContain is not { } m || answer.Span.IndexOf(m.Span) >= 0))
            {
                return Outcome.Ok;
            }

            w.FirstError ??= $"HTTP {status} {Gql.Show(answer.Span)}";
            return Outcome.Error;
        }

        // Warm the silo up (JIT tiering, pools, caches) on every path before anything is measured, in rounds until the
        // runtime's tiered-compilation thread is quiet: a service runs for days, so steady state is what is measured,
        // not the first seconds of recompiling hot methods (which took a fifth of the CPU of the first scenario).
        var warm = TimeSpan.FromTicks(settings.Warmup.Ticks * 2);
        var rounds = 0;
        var jitShare = 1.0;
        var warmStarted = DateTime.UtcNow;
        while (rounds < MaxWarmupRounds && jitShare > QuietJitShare)
        {
            var jitBefore = Proc.ThreadCpuTime(silo.Pid, TieredCompilationThread);
            var roundStarted = DateTime.UtcNow;
            await LoadEngine.RunAsync(16, warm, settings.MaxRequests, null, (w, i, ct) => Post(w, readBodies[i % readBodies.Length], ct));
            await LoadEngine.RunAsync(16, warm, settings.MaxRequests, null, (w, i, ct) => Post(w, pageBody, ct));
            await LoadEngine.RunAsync(16, warm, settings.MaxRequests, null, (w, i, ct) => Post(w, reports.Next(), ct));
            jitShare = (Proc.ThreadCpuTime(silo.Pid, TieredCompilationThread) - jitBefore) / (DateTime.UtcNow - roundStarted);
            rounds++;
        }

        Console.WriteLine($"  [{mode}] warmed up in {rounds} round(s); JIT thread {jitShare:P1} of a core in the last");
        results.Notes.Add($"{mode}: warm-up {rounds} round(s) of the three paths in {(DateTime.UtcNow - warmStarted).TotalSeconds:0} s; "
            + $"the tiered-compilation thread used {jitShare:P1} of one core in the last round"
            + (jitShare > QuietJitShare ? $" (still above {QuietJitShare:P0}: the round bound {MaxWarmupRounds} was reached)." : "."));

        foreach (var clients in settings.Runs("case") ? settings.Clients : [])
        {
            await Measure(CaseQuery, clients, (w, i, ct) => Post(w, readBodies[i % readBodies.Length], ct));
        }

        foreach (var clients in settings.Runs("page") ? settings.Clients : [])
        {
            await Measure(CasesPage, clients, (w, i, ct) => Post(w, pageBody, ct));
        }

        var reportRate = new Dictionary<int, double>();
        foreach (var clients in settings.Runs("report") ? settings.Clients : [])
        {
            await Measure(Report, clients, (w, i, ct) => Post(w, reports.Next(), ct));
            reportRate[clients] = results.Scenarios[^1].Run.PerSecond;
        }

        var high = "\"riskLevel\":\"HIGH\""u8.ToArray();
        foreach (var clients in settings.Runs("screening") ? settings.Clients : [])
        {
            // A pool of fresh Low cases, one per screening, sized from this mode's reportConcern rate at this concurrency.
            var span = (settings.Warmup + settings.Duration).TotalSeconds;
            var pool = (int)Math.Clamp(reportRate.GetValueOrDefault(clients, 500) * span * 1.3 + clients * 4, 200, settings.MaxScreeningPool);
            var ids = new string[pool];
            var created = await api.BulkAsync("reportConcern (fresh Low cases)", pool, Math.Min(settings.BulkConcurrency, 16), TimeSpan.FromSeconds(40),
                i => (uri, token, reports.Next()), (i, body) => ids[i] = Gql.FirstString(body, "id")!, throwOnError: false);
            var bodies = ids.Where(id => id is not null).Select(id => Gql.Body(ScreeningText, new { id })).ToArray();
            if (bodies.Length == 0)
            {
                results.Notes.Add($"{mode}: no fresh cases could be created for recordScreening at {clients} clients ({created.FirstError}).");
                continue;
            }
            long next = -1;
            await Measure(Screening, clients, (w, i, ct) =>
            {
                var j = Interlocked.Increment(ref next);
                return j >= bodies.Length ? ValueTask.FromResult(Outcome.Exhausted) : Post(w, bodies[j], ct, high);
            }, $"pool of {bodies.Length} fresh Low cases" + (created.Errors > 0 ? $" ({created.Errors} failed to be created: {created.FirstError})" : ""));
        }

        var target = new WrkTarget(mode, silo.Pid, api, uri, token, readBodies, pageBody, reports, logDirectory, tokens.For(Tenant, Roles.TenantAdmin, "admin@bench"));
        if (settings.Wrk && mode == MarkdownReport.Embedded)
        {
            await WrkScenarios.RunAsync(target, settings, results);
        }

        if (settings.StorageCount && mode == MarkdownReport.Azurite)
        {
            results.Storage = await StorageRoundTrips.RunAsync(target, settings, settings.StorageCountCommands);
        }

        if (reports.OverBudget(mode) is { } note)
        {
            results.Notes.Add(note);
        }
    }
}
