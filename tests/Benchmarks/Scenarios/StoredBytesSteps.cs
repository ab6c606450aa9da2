using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using CareGrid.Grains.Security;

namespace CareGrid.Benchmarks.Scenarios;

/// <summary>
/// The two steps of the stored-bytes measurement, through the real path: people by <c>importRoster</c> into class
/// <c>class-0</c> (rosters of 5,000 rows, one after another), then one case per person by aliased <c>reportConcern</c>
/// (10 per request; 5% HIGH, the rest LOW, as a screening round's mix).
/// </summary>
internal static class StoredBytesSteps
{
    private const int RosterRows = 5_000;
    private const int ReportsPerRequest = 10;
    private const string ImportText = "mutation($o: ID!, $csv: String!) { importRoster(organizationId: $o, csv: $csv) { id } }";
    private const string StatusText = "query($id: ID!) { importStatus(id: $id, waitSeconds: 5) { state landed invalid message } }";

    /// <summary>Imports <paramref name="count"/> people (ids <c>ext-m{n}</c>) into <paramref name="tenant"/>; returns how many landed.</summary>
    public static async Task<long> ImportAsync(CareGridApi api, Tokens tokens, string tenant, int count)
    {
        var uri = api.TenantUri(tenant);
        var admin = tokens.For(tenant, Roles.TenantAdmin, "admin@bench");
        long landed = 0;
        for (var from = 0; from < count; from += RosterRows)
        {
            var csv = new StringBuilder("externalId,displayName,birthYear\n");
            for (var n = from; n < Math.Min(count, from + RosterRows); n++)
            {
                csv.Append('m').Append(n).Append(",Student ").Append(n).Append(",2011\n");
            }

            var id = (string)JsonNode.Parse(await api.CallAsync(uri, admin, ImportText, new { o = "class-0", csv = csv.ToString() }))!["data"]!["importRoster"]!["id"]!;
            var clock = Stopwatch.StartNew();
            while (true)
            {
                var status = JsonNode.Parse(await api.CallAsync(uri, admin, StatusText, new { id }))!["data"]!["importStatus"]!;
                if ((string?)status["state"] != "RUNNING")
                {
                    if ((string?)status["state"] != "COMPLETED" || (long)status["invalid"]! > 0)
                    {
                        throw new InvalidOperationException($"Roster import {id} ended {status.ToJsonString()}");
                    }

                    landed += (long)status["landed"]!;
                    break;
                }

                if (clock.Elapsed > TimeSpan.FromMinutes(5))
                {
                    throw new TimeoutException($"Roster import {id} still running after 5 min: {status.ToJsonString()}");
                }
            }
        }

        Console.WriteLine($"  [stored-bytes] {landed:N0} people imported");
        return landed;
    }

    /// <summary>Reports one concern about each of the first <paramref name="people"/> people; returns how many cases were opened.</summary>
    public static async Task<long> ReportAsync(CareGridApi api, Tokens tokens, string tenant, long people, int concurrency)
    {
        var uri = api.TenantUri(tenant);
        var counsellor = tokens.For(tenant, Roles.Counsellor, "counsellor@" + tenant);
        var requests = (people + ReportsPerRequest - 1) / ReportsPerRequest;
        var run = await api.BulkAsync("reportConcern (stored bytes)", requests, concurrency, TimeSpan.FromMinutes(5),
            i => (uri, counsellor, Batch(i * ReportsPerRequest, Math.Min(people, (i + 1) * ReportsPerRequest))));
        var made = Math.Min(people, run.Ok * ReportsPerRequest);
        Console.WriteLine($"  [stored-bytes] {made:N0} cases reported in {run.Elapsed.TotalSeconds:0.0} s");
        return made;
    }

    /// <summary>
    /// The body of one request reporting on people <paramref name="from"/> to <paramref name="to"/> (exclusive): one document
    /// per batch size with the ids and gradings as variables, as the console and an integrator send them. Ids written into
    /// the text made every request a new document, and the silo's parsed-document cache (bounded by its characters, not by
    /// stored cases) was charged to the cases: ~200 B of the figure per case (docs/memory.md "2026-12-05 (session 30)").
    /// </summary>
    private static byte[] Batch(long from, long to)
    {
        var text = new StringBuilder("mutation(");
        var variables = new Dictionary<string, string>();
        for (var i = from; i < to; i++)
        {
            text.Append(i == from ? "" : ", ").Append("$p").Append(i - from).Append(": ID!, $r").Append(i - from).Append(": RiskLevel!");
            variables["p" + (i - from)] = "ext-m" + i;
            variables["r" + (i - from)] = i % 20 == 0 ? "HIGH" : "LOW";
        }

        text.Append(") {");
        for (var i = from; i < to; i++)
        {
            text.Append(" c").Append(i - from).Append(": reportConcern(input: {personId: $p").Append(i - from)
                .Append(", summary: \"Seemed withdrawn in class this week\", riskLevel: $r").Append(i - from).Append("}) { id }");
        }

        return Gql.Body(text.Append(" }").ToString(), variables);
    }
}
