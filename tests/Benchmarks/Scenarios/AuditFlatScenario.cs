using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using CareGrid.Benchmarks.Load;
using CareGrid.Benchmarks.Report;
using CareGrid.Benchmarks.Servers;
using CareGrid.Grains.Audit;
using CareGrid.Grains.Security;

namespace CareGrid.Benchmarks.Scenarios;

/// <summary>What the audit-flat phase measured.</summary>
internal sealed class AuditFlatResult
{
    public long SeededRecords { get; set; }
    public TimeSpan SeedTime { get; set; }
    public bool SinglePartition { get; set; }
    public int People { get; set; }
    public List<(string Tenant, RunResult Run)> Runs { get; } = [];
    public long LastSequence { get; set; }
    public List<string> Notes { get; } = [];
}

/// <summary>
/// The audit-flat target (docs/audit-storage.md): on Azurite, <c>reportConcern</c> throughput on a tenant whose audit
/// log already holds 100,000 records against a fresh tenant, in one silo and one Azurite. The records are seeded before
/// the silo starts, straight through the audit store's batch API (<see cref="AzureTableAuditStore.AppendManyAsync"/>,
/// one call per block, several blocks at once) as a real hash chain, so the tenant's log grain continues it; with
/// <c>--audit-flat-single-partition</c> they are written in the layout of before the blocks (one partition, with the
/// newest-first rows), as a deployed tenant's log is — run that against an older build with <c>--silo-dll</c> for the
/// figure before the blocks. The two tenants are measured in turn, twice (fresh, full, fresh, full).
/// </summary>
internal static class AuditFlatScenario
{
    /// <summary>The <c>--only</c> name of this phase.</summary>
    public const string Part = "auditflat";

    private const string Fresh = "audit-fresh", Full = "audit-full", Counsellor = "counsellor@bench";
    private const string ReportText = "mutation($p: ID!) { reportConcern(input: {personId: $p, summary: \"Seemed withdrawn in class this week\", riskLevel: LOW, separateCase: true, separateCaseReason: \"benchmark: every report opens its own case\"}) { id status } }";
    private const string Target = "reportConcern on a tenant with 100,000 audit records ≥ 0.8 × on a fresh tenant (Azurite)";

    /// <summary>Starts Azurite, seeds the full tenant's log, starts a silo on it and measures both tenants.</summary>
    public static async Task<AuditFlatResult> RunAsync(BenchSettings settings, Tokens tokens, string work)
    {
        if (AzuriteProcess.Unavailable() is { } why)
        {
            throw new InvalidOperationException("the audit-flat phase needs Azurite: " + why);
        }

        var result = new AuditFlatResult { SinglePartition = settings.AuditFlatSinglePartition, People = Math.Min(settings.People, 600) };
        await using var azurite = await AzuriteProcess.StartAsync(work);
        var service = new TableServiceClient(azurite.ConnectionString);
        var clock = Stopwatch.StartNew();
        result.SeededRecords = await SeedAsync(service, Full, settings.AuditFlatRecords, result.SinglePartition);
        result.SeedTime = clock.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  [audit flat] {result.SeededRecords:N0} audit records seeded in {result.SeedTime.TotalSeconds:0.0} s ({(result.SinglePartition ? "single partition" : "blocks")})"));

        var siloSettings = new SiloSettings("silo-auditflat", azurite.ConnectionString) { ExtraArgs = settings.SiloArgs, Environment = settings.SiloEnvironment };
        await using var silo = await SiloProcess.StartAsync(siloSettings, tokens.KeyPath, work);
        using var http = new HttpLoadClient(Math.Max(settings.Clients.Max(), settings.BulkConcurrency) + 4);
        var api = new CareGridApi(silo.BaseUri, http);
        var bodies = Enumerable.Range(0, result.People).Select(i => Gql.Body(ReportText, new { p = $"p{i}" })).ToArray();
        // One cursor per tenant over its people, shared by its runs: a person holds at most 20 open cases (ReportPeople).
        var people = new Dictionary<string, ReportPeople> { [Fresh] = new(bodies), [Full] = new(bodies) };
        foreach (var tenant in new[] { Fresh, Full })
        {
            await api.OnboardAsync(tokens, tenant);
            var token = tokens.For(tenant, Roles.Counsellor, Counsellor);
            await api.BulkAsync("registerPerson", result.People, settings.BulkConcurrency, TimeSpan.FromMinutes(3), i => (api.TenantUri(tenant), token,
                Gql.Body("mutation($id: ID!) { registerPerson(input: {id: $id, displayName: \"Benchmark person\", organizationId: \"org1\", birthYear: 2010}) { id } }", new { id = $"p{i}" })));
        }

        var clients = settings.Clients.Max();
        foreach (var tenant in new[] { Fresh, Full, Fresh, Full })
        {
            var uri = api.TenantUri(tenant);
            var token = tokens.For(tenant, Roles.Counsellor, Counsellor);
            async ValueTask<Outcome> Report(Worker w, long i, CancellationToken ct)
            {
                var (status, answer) = await http.PostGraphQLAsync(w, uri, token, people[tenant].Next(), ct);
                if (Gql.IsOk(status, answer.Span))
                {
                    return Outcome.Ok;
                }

                w.FirstError ??= $"HTTP {status} {Gql.Show(answer.Span)}";
                return Outcome.Error;
            }

            await LoadEngine.RunAsync(clients, settings.Warmup, settings.MaxRequests, null, Report);
            var run = await LoadEngine.RunAsync(clients, settings.Duration, settings.MaxRequests, silo.Pid, Report);
            result.Runs.Add((tenant, run));
            Console.WriteLine(Format.Line("Azurite", $"reportConcern, {tenant}", run));
        }

        // The full tenant's log grain went on from the seeded chain (a restart at 1 would have failed every write).
        result.LastSequence = (await new AzureTableAuditStore(service).LastAsync(Full))?.Sequence ?? 0;
        if (result.LastSequence <= result.SeededRecords)
        {
            result.Notes.Add($"The full tenant's log ends at {result.LastSequence}, not after the {result.SeededRecords} seeded records.");
        }

        Console.WriteLine(Describe(result));
        return result;
    }

    /// <summary>The audit-flat target's verdict.</summary>
    public static IEnumerable<Verdict> Verdicts(BenchResults r)
    {
        if (r.AuditFlat is not { } a || Rate(a, Fresh) is not { } fresh || Rate(a, Full) is not { } full)
        {
            yield return new Verdict(Target, "not measured", "NOT RUN");
            yield break;
        }

        var ratio = full / fresh;
        var errors = a.Runs.Sum(x => x.Run.Errors);
        var measured = string.Create(CultureInfo.InvariantCulture,
            $"{Format.Rate(full)} req/s with {Format.Count(a.SeededRecords)} records ({(a.SinglePartition ? "seeded in one partition" : "in blocks")}) vs {Format.Rate(fresh)} req/s fresh = {ratio:0.00}×{(errors > 0 ? $", {errors} errors" : "")}");
        yield return new Verdict(Target, measured,
            a.SeededRecords < 100_000 ? "INCONCLUSIVE" : ratio >= 0.8 && errors == 0 && a.LastSequence > a.SeededRecords ? "PASS" : "FAIL");
    }

    /// <summary>Appends the phase's section to the report.</summary>
    public static void Render(StringBuilder md, BenchResults r)
    {
        md.AppendLine("## Audit log growth (Azurite)");
        md.AppendLine();
        if (r.AuditFlat is not { } a)
        {
            md.AppendLine("Not run in this run.");
            md.AppendLine();
            return;
        }

        md.AppendLine(Describe(a));
        md.AppendLine();
    }

    private static string Describe(AuditFlatResult a)
    {
        var md = new StringBuilder();
        md.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"`reportConcern` ({a.People} people per tenant, the most clients of the run) on `{Fresh}` and on `{Full}`, whose audit log held {Format.Count(a.SeededRecords)} records "
            + $"before the silo started ({(a.SinglePartition ? "written in the single-partition layout of before the blocks" : "written in blocks")}, straight through the audit store's batch API as one hash chain, "
            + $"in {a.SeedTime.TotalSeconds:0.0} s); the tenants were measured in turn, twice. The full tenant's log ended at record {Format.Count(a.LastSequence)}."));
        md.AppendLine();
        md.AppendLine("| Tenant | Clients | req/s | p50 ms | p99 ms | server CPU µs/req | requests | errors |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (tenant, x) in a.Runs)
        {
            md.AppendLine($"| {tenant} | {x.Clients} | {Format.Rate(x.PerSecond)} | {Format.Ms(x.P50Ms)} | {Format.Ms(x.P99Ms)} | {Format.Cpu(x.ServerCpuUsPerOp)} | {Format.Count(x.Ok)} | {x.Errors} |");
        }

        foreach (var note in a.Notes)
        {
            md.AppendLine($"- {note}");
        }

        return md.ToString();
    }

    /// <summary>Requests per second over every run of <paramref name="tenant"/> together, or null.</summary>
    private static double? Rate(AuditFlatResult a, string tenant)
    {
        var runs = a.Runs.Where(x => x.Tenant == tenant).Select(x => x.Run).ToList();
        var seconds = runs.Sum(x => x.Elapsed.TotalSeconds);
        return runs.Count == 0 || seconds <= 0 ? null : runs.Sum(x => x.Ok) / seconds;
    }

    /// <summary>Writes records 1…<paramref name="count"/> of <paramref name="tenant"/>'s chain; returns how many.</summary>
    private static async Task<long> SeedAsync(TableServiceClient service, string tenant, long count, bool singlePartition)
    {
        var store = new AzureTableAuditStore(service);
        await service.GetTableClient(store.TableName).CreateIfNotExistsAsync();
        var records = new AuditRecord[count];
        var previous = AuditRecord.Genesis;
        var start = DateTimeOffset.UtcNow.AddDays(-30);
        for (var i = 0; i < count; i++)
        {
            var sequence = i + 1L;
            var draft = new AuditRecord(tenant, sequence, start.AddSeconds(i), $"teacher{i % 40}@{tenant}", i % 3 == 0 ? "READ" : "WRITE", "Case", $"c{i / 4}",
                i % 3 == 0 ? ["summary"] : [], i % 3 == 0 ? "case" : "reportConcern", $"seed-{sequence}", null, previous, "");
            records[i] = draft with { Hash = draft.ComputeHash() };
            previous = records[i].Hash;
        }

        var table = service.GetTableClient(store.TableName);
        var groups = singlePartition ? records.Chunk(99) : records.Chunk((int)AzureTableAuditStore.RecordsPerBlock);
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (group, _) =>
        {
            if (singlePartition)
            {
                // The layout of before the blocks: PartitionKey = tenant, the records and the newest one's newest-first row.
                var actions = group.Select(r => new TableTransactionAction(TableTransactionActionType.Add, AuditTableEntities.ToEntity(r, tenant, AuditTableKeys.AscendingKey(r.Sequence)))).ToList();
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, AuditTableEntities.ToEntity(group[^1], tenant, AuditTableKeys.DescendingKey(group[^1].Sequence))));
                await table.SubmitTransactionAsync(actions);
            }
            else
            {
                await store.AppendManyAsync(group);
            }
        });
        return count;
    }
}
