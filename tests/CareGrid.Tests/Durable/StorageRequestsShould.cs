using Azure.Data.Tables;
using CareGrid.Grains.Telemetry;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CareGrid.Tests.Durable;

/// <summary>
/// The storage request meter (<see cref="StorageMetrics"/>, docs/storage-requests.md) on Azurite: every request a Table
/// client with <see cref="StorageRequestPolicy"/> sends is counted once with its table, operation and whether it is a
/// command's own awaited work; and, through the real path (GraphQL → grains → Azure Table storage), the requests of
/// <c>reportConcern</c> and of a high-risk <c>recordScreening</c>, listed in docs/storage-requests.md, with the critical
/// ones bounded by what was measured there.
/// </summary>
[Trait("tier", "durable")]
[Collection(DurableCollection.Name)]
public sealed class StorageRequestsShould(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string ScreeningText = "mutation($id: ID!) { recordScreening(id: $id, instrument: PHQ9, answers: [1, 1, 0, 1, 0, 1, 0, 0, 1]) { id riskLevel } }";

    [SkippableFact]
    public async Task Count_each_request_with_its_table_operation_and_whether_a_command_awaited_it()
    {
        azurite.RequireAzurite();
        using var recorder = new StorageRequestRecorder();
        var service = new TableServiceClient(azurite.ConnectionString, StorageRequestPolicy.AddTo(new TableClientOptions()));
        var name = "meter" + Guid.NewGuid().ToString("N")[..12];
        var table = service.GetTableClient(name);

        await table.CreateIfNotExistsAsync();
        await table.UpsertEntityAsync(new TableEntity("p", "r1") { ["V"] = 1 }, TableUpdateMode.Replace);
        await table.SubmitTransactionAsync([
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", "r2")),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", "r3")),
        ]);
        using (StorageWork.Background())
        {
            await table.GetEntityIfExistsAsync<TableEntity>("p", "r1");
        }

        await table.DeleteEntityAsync("p", "r1");
        try
        {
            await service.GetTableClient(StorageWork.OrleansMembershipTable).GetEntityIfExistsAsync<TableEntity>("none", "none");
        }
        catch (Azure.RequestFailedException)
        {
            // No cluster in this test: the membership table may not exist; the request was sent all the same.
        }

        var requests = recorder.Take().Where(r => r.Table is StorageMetrics.ServiceTable || r.Table == name || r.Table == StorageWork.OrleansMembershipTable).ToList();
        Assert.Equal(
        [
            new StorageRequest(StorageMetrics.ServiceTable, "POST", true, ""),
            new StorageRequest(name, "PUT", true, ""),
            new StorageRequest(name, StorageMetrics.BatchOperation, true, ""),
            new StorageRequest(name, "GET", false, ""),
            new StorageRequest(name, "DELETE", true, ""),
            new StorageRequest(StorageWork.OrleansMembershipTable, "GET", false, ""),
        ], requests);
    }

    [SkippableFact]
    public async Task List_the_requests_of_reportConcern_and_a_high_risk_screening_and_send_no_more_critical_ones_than_measured()
    {
        azurite.RequireAzurite();
        var settings = new DurableSettings(azurite, "requests");
        var tenant = "req-" + settings.ClusterId[^8..];
        try
        {
            await using var factory = new DurableApiFactory(settings.ForSilo(FreePorts.Next(), FreePorts.Next()));
            var client = factory.GraphQL();
            var api = new TenantBuilder(client, settings);
            await api.OnboardAsync(tenant, "SCHOOL");
            await api.CreateOrganizationAsync(tenant, "class-1", "CLASS", null, 1);
            foreach (var person in new[] { "p-1", "p-2", "p-3", "p-4", "p-5", "p-6", "p-7", "p-8" })
            {
                await api.RegisterAsync(tenant, person, "class-1");
            }

            // Warm every path once (tenant grains, audit log, table creation, the first write of each caller's and unit's
            // grains — an insert, not the update a later command sends), then count one command of each kind.
            await ScreenAsync(client, api, tenant, await api.ReportAsync(tenant, "p-1", "LOW"));
            await api.ReportAsync(tenant, "p-4", "LOW");
            await SeparateReportAsync(client, api, tenant, "p-4");
            var grains = factory.Services.GetRequiredService<IGrainContextAccessor>();
            using var recorder = new StorageRequestRecorder(withCallers: true, grain: () => grains.GrainContext?.GrainId.ToString());

            await api.ReportAsync(tenant, "p-2", "LOW");
            var (report, reportDepth) = List(tenant, "reportConcern (new person)", recorder, siloMayBeLower: true);

            // The separate case runs three times and the screening five: the depth is measured from timing, and on a busy
            // machine two requests sent together can come out one after the other (one answered before the other was
            // sent), which only ever adds depth; the least of the runs is what the code allows.
            await SeparateReportAsync(client, api, tenant, "p-1");
            var (separate, separateDepth) = List(tenant, "reportConcern (separate case, person with an open case)", recorder);
            foreach (var run in new[] { 2, 3 })
            {
                await SeparateReportAsync(client, api, tenant, "p-1");
                separateDepth = Math.Min(separateDepth, List(tenant, $"reportConcern (separate case), run {run}", recorder, withRequests: false).Depth);
            }

            List<StorageRequest> screening = [];
            var screeningDepth = int.MaxValue;
            // Five fresh cases, not three: after the rest of the durable suite in one process, all three of a CI run
            // (2026-12-06 11:25) came out at depth 3 — the reminder's upsert sent after the score trajectory's insert was
            // answered, though the code starts both together (SaveAsync); a sequential design shows 3 in every one.
            foreach (var person in new[] { "p-3", "p-5", "p-6", "p-7", "p-8" })
            {
                var fresh = await api.ReportAsync(tenant, person, "LOW");
                recorder.Take();
                recorder.TakeIntervals();
                recorder.TakeDepths();
                await ScreenAsync(client, api, tenant, fresh);
                var (requests, depth) = List(tenant, $"recordScreening (high risk, fresh Low case, {person})", recorder, withRequests: screening.Count == 0);
                screening = screening.Count == 0 ? requests : screening;
                screeningDepth = Math.Min(screeningDepth, depth);
            }

            // The command's own state write is critical; the read side's group commit and the audit batch are background.
            Assert.All(new[] { report, separate, screening }, r => Assert.Contains(r, x => x.Critical && x.Table == "OrleansGrainState"));
            Assert.All(new[] { report, separate, screening }, r => Assert.Contains(r, x => !x.Critical && x.Table == "caregridCases"));
            Assert.All(new[] { report, separate, screening }, r => Assert.Contains(r, x => !x.Critical && x.Table == "caregridAudit"));
            // A person's first screening inserts the score trajectory without reading it first (#18): no activation read.
            Assert.Contains(screening, x => x.Critical && x.Operation == "POST" && x.Callers.Contains("ScoreTrajectoryGrain", StringComparison.Ordinal));
            Assert.DoesNotContain(screening, x => x.Critical && x.Operation == "GET");
            // Upper bounds of the critical requests as measured and listed in docs/storage-requests.md (the target is 2).
            // A grain this command is the first to write costs a pair — its activation read and its insert — which runs do
            // not hit at the same command every time: the pair's read is not counted against the bound (matched by grain
            // id, CriticalBeyondFirstWrites); its insert stands for the update a later command sends.
            Assert.InRange(CriticalBeyondFirstWrites(report), 1, 6);
            Assert.InRange(CriticalBeyondFirstWrites(separate), 1, 5);
            Assert.InRange(screening.Count(x => x.Critical), 1, 3);
            // The sequential critical round trips, measured from when each request was sent and answered (the target is 2).
            // reportConcern: the person's claim, then the case's insert beside the receipt, the unit's counter and the
            // earlier case's note (#18: they no longer wait for the case's stored state). A high-risk screening: the case's
            // state, then the reminder beside the score trajectory and the read-side rows. A grain's first write (activation
            // read, then insert) may add one, as above. The first report here also raises the unit's group-crisis alert (the
            // third person in the window): the alert book's first write (read, insert) and then the counter follow each other
            // beside the case's insert, so it is printed, not bounded above.
            Assert.True(reportDepth >= 2, $"a first report waits at least for the claim and then the case; measured {reportDepth}");
            Assert.InRange(separateDepth - Math.Min(1, FirstWriteReads(separate)), 1, 2);
            Assert.InRange(screeningDepth, 1, 2);
        }
        finally
        {
            settings.DeleteKey();
        }
    }

    /// <summary>
    /// The command's requests and its critical depth, printed; forgets both. Membership requests are left out, and so are
    /// requests that are not the command's own though they fall in its window (the meter is the whole process's): those
    /// of another tenant's grains, and those of Orleans' stream rendezvous grain, which the memory stream's pulling agent
    /// activates in the background to deliver the events a save published (seen in CI). They are printed, marked. The
    /// recorder's depth (from every critical request's timing) checks the API's own measure, which is returned: it may exceed
    /// it by at most the requests left out and the group-committed receipt writes (counted by the API from when queued).
    /// </summary>
    private (List<StorageRequest> Requests, int Depth) List(string tenant, string command, StorageRequestRecorder recorder, bool withRequests = true, bool siloMayBeLower = false)
    {
        var all = recorder.Take().Where(r => r.Table != StorageWork.OrleansMembershipTable).ToList();
        var others = all.Where(r => NotTheCommands(r, tenant)).ToList();
        var mine = all.Where(r => !NotTheCommands(r, tenant)).ToList();
        var depth = StorageRequestRecorder.CriticalDepth(recorder.TakeIntervals());
        var silo = recorder.TakeDepths();
        output.WriteLine($"{command}: {mine.Count} requests, {mine.Count(r => r.Critical)} critical, critical depth {depth} (the API's own measure: {string.Join(", ", silo)})");
        foreach (var request in withRequests || silo.Count != 1 || silo[0] != depth ? mine : [])
        {
            output.WriteLine("  " + request);
        }

        foreach (var request in others)
        {
            output.WriteLine("  (not this command's, left out) " + request);
        }

        // The API measures the same depth for its one request (its scope sees every critical request the command sent),
        // with two differences that can only make the recorder's depth exceed the API's. The recorder sees every critical
        // request of the process in the window: a request left out above, or on the first report (which activates grains
        // for the first time) a write that is not this request's own. And the API counts a group-committed receipt write
        // from when the report queued its receipt (StorageCommandDepth.SendFor), the recorder from when the write left:
        // the receipt block's serialization on a busy machine can let the case's insert be answered in between (CI,
        // 2026-12-05: recorder 3, API 2, with the receipt's PUT sent last).
        Assert.Single(silo);
        var leftOut = others.Count(r => r.Critical);
        var groupCommitted = mine.Count(r => r.Critical && r.Callers.Contains("ReportReceiptsGrain.WriteQueuedAsync", StringComparison.Ordinal));
        if (siloMayBeLower)
        {
            Assert.InRange(silo[0], 1, depth);
        }
        else
        {
            Assert.InRange(silo[0], Math.Max(1, depth - leftOut - groupCommitted), depth);
        }

        return (mine, silo[0]);
    }

    /// <summary>
    /// True when the request is not the command's own: sent by Orleans' stream rendezvous grain (stream delivery, in the
    /// background), or by a grain whose key names no segment <paramref name="tenant"/> but another tenant's id first.
    /// </summary>
    private static bool NotTheCommands(StorageRequest request, string tenant)
    {
        if (request.GrainType == "pubsubrendezvous")
        {
            return true;
        }

        var slash = request.Grain.IndexOf('/');
        if (slash < 0 || request.GrainType.StartsWith("sys.", StringComparison.Ordinal))
        {
            return false;
        }

        var key = request.Grain[(slash + 1)..];
        var owner = TenantIds.TenantOf(key);
        return key.Contains('/') && TenantIds.IsValid(owner) && !key.Split('/').Contains(tenant);
    }

    private static async Task SeparateReportAsync(GraphQLClient client, TenantBuilder api, string tenant, string personId) =>
        (await client.PostAsync(TenantBuilder.Path(tenant),
            "mutation($p: ID!) { reportConcern(input: {personId: $p, summary: \"Another concern\", riskLevel: LOW, separateCase: true, separateCaseReason: \"test: its own case\"}) { id } }",
            new { p = personId }, api.CounsellorToken(tenant))).EnsureNoErrors();

    private static async Task ScreenAsync(GraphQLClient client, TenantBuilder api, string tenant, string caseId)
    {
        var answer = (await client.PostAsync(TenantBuilder.Path(tenant), ScreeningText, new { id = caseId }, api.CounsellorToken(tenant))).EnsureNoErrors();
        Assert.Equal("HIGH", answer.Data!["recordScreening"]!["riskLevel"]!.GetValue<string>());
    }

    /// <summary>
    /// The critical requests of a command less each first write's activation read: a critical GET of a grain's state
    /// followed in the same command by that grain's insert (a grain this command is the first to write; the insert stands
    /// for the update a later command sends). Whether a command is the first to write a grain depends on which grains
    /// earlier commands happened to write, so those reads are not held against the bound; any other read counts.
    /// </summary>
    private static int CriticalBeyondFirstWrites(IReadOnlyCollection<StorageRequest> requests) =>
        requests.Count(x => x.Critical) - FirstWriteReads(requests);

    /// <summary>How many critical grain-state reads of <paramref name="requests"/> are the first half of a grain's first write (see <see cref="CriticalBeyondFirstWrites"/>).</summary>
    private static int FirstWriteReads(IReadOnlyCollection<StorageRequest> requests) =>
        requests.Count(read => read is { Critical: true, Operation: "GET", Table: "OrleansGrainState", Grain.Length: > 0 }
            && requests.Any(insert => insert is { Critical: true, Operation: "POST", Table: "OrleansGrainState" } && insert.Grain == read.Grain));
}
