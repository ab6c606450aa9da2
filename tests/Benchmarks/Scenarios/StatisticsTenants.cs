using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using CareGrid.Benchmarks.Infra;
using CareGrid.Grains.Security;

namespace CareGrid.Benchmarks.Scenarios;

/// <summary>How long building one statistics tenant took, and what it holds.</summary>
/// <remarks>The CPU times are the silo process's own (utime + stime) over each step: what the step costs the server however busy the machine is.</remarks>
internal sealed record TenantBuild(string Tenant, int Units, long People, long Cases, TimeSpan PeopleTime, TimeSpan CasesTime, long CaseErrors, TimeSpan PeopleCpu, TimeSpan CasesCpu);

/// <summary>
/// Builds a school tenant for the statistics scenarios through the real path only: <c>onboardTenant</c>,
/// <c>createOrganization</c> (a school and its classes), one <c>importRoster</c> per class (people land through the import
/// grain, in parallel batches, as a school's roster would), then one <c>reportConcern</c> per person (one case each: a
/// concern about a person with an open case would join it, docs/idempotency.md), at 64 concurrent requests.
/// Risk mix of the cases: 5% HIGH (the R-1.10 protocol with its tasks), 20% MODERATE, the rest LOW.
/// </summary>
internal static class StatisticsTenants
{
    /// <summary>Data rows of one roster: about 150 KB, under the request body limit (256 KiB) and <c>RosterCsv.MaxRows</c> (20,000).</summary>
    private const int MaxRosterRows = 5_000;

    /// <summary>Reports per request (aliased root fields, under <c>GraphQL:Limits:MaxAliases</c>, 30): what a bulk client does to save round trips.</summary>
    private const int ReportsPerRequest = 25;

    private const string ImportText = "mutation($o: ID!, $csv: String!) { importRoster(organizationId: $o, csv: $csv) { id state total invalid } }";
    private const string StatusText = "query($id: ID!) { importStatus(id: $id, waitSeconds: 5) { state processed total landed invalid notWritten retried message } }";

    /// <summary>The counsellor who reports every concern of <paramref name="tenant"/>.</summary>
    public static string Counsellor(string tenant) => "counsellor@" + tenant;

    /// <summary>Onboards <paramref name="tenant"/> (kind SCHOOL, or under <paramref name="parentId"/>) with its school unit <c>org1</c>.</summary>
    public static async Task OnboardAsync(CareGridApi api, Tokens tokens, string tenant, string name, string kind = "SCHOOL", string? parentId = null)
    {
        await api.CallAsync(api.PlatformUri, tokens.PlatformAdmin(),
            "mutation($id: ID!, $n: String!, $k: TenantKind!, $p: ID) { onboardTenant(input: {id: $id, name: $n, kind: $k, parentId: $p, firstAdminSubject: \"admin@bench\"}) { id } }",
            new { id = tenant, n = name, k = kind, p = parentId });
        if (kind == "SCHOOL")
        {
            await api.CallAsync(api.TenantUri(tenant), tokens.For(tenant, Roles.TenantAdmin, "admin@bench"),
                "mutation($n: String!) { createOrganization(input: {id: \"org1\", name: $n, kind: SCHOOL}) { id } }", new { n = name });
            await api.MakePsychologyTeacherAsync(tokens, tenant, Counsellor(tenant));
        }
    }

    /// <summary>Builds <paramref name="tenant"/> with <paramref name="cases"/> people in <paramref name="units"/> classes and one case each.</summary>
    public static async Task<TenantBuild> BuildAsync(CareGridApi api, Tokens tokens, string tenant, int cases, int units, int concurrency, TimeSpan limit, int pid)
    {
        await OnboardAsync(api, tokens, tenant, "Statistics benchmark school");
        var uri = api.TenantUri(tenant);
        var admin = tokens.For(tenant, Roles.TenantAdmin, "admin@bench");
        await api.BulkAsync("createOrganization (classes)", units, 8, TimeSpan.FromMinutes(1), i => (uri, admin,
            Gql.Body("mutation($id: ID!) { createOrganization(input: {id: $id, name: \"Class\", kind: CLASS, parentId: \"org1\"}) { id } }", new { id = $"class-{i}" })));

        var clock = Stopwatch.StartNew();
        var cpu0 = Proc.CpuTime(pid);
        var people = await ImportPeopleAsync(api, uri, admin, cases, units, limit);
        var peopleTime = clock.Elapsed;
        var cpu1 = Proc.CpuTime(pid);
        Console.WriteLine($"  [statistics] {tenant}: {people:N0} people imported in {peopleTime.TotalSeconds:0.0} s ({units} rosters; silo CPU {(cpu1 - cpu0).TotalSeconds:0.0} s)");

        var counsellor = tokens.For(tenant, Roles.Counsellor, Counsellor(tenant));
        var total = Math.Min(cases, people);
        var requests = (total + ReportsPerRequest - 1) / ReportsPerRequest;
        var run = await api.BulkAsync("reportConcern (statistics)", requests, concurrency, limit,
            i => (uri, counsellor, Gql.Body(ReportBatch(i * ReportsPerRequest, Math.Min(total, (i + 1) * ReportsPerRequest), units))), throwOnError: false);
        var cpu2 = Proc.CpuTime(pid);
        var made = Math.Min(total, run.Ok * ReportsPerRequest);
        Console.WriteLine($"  [statistics] {tenant}: {made:N0} cases in {run.Elapsed.TotalSeconds:0.0} s ({made / Math.Max(0.001, run.Elapsed.TotalSeconds):N0}/s; {ReportsPerRequest} per request; silo CPU {(cpu2 - cpu1).TotalSeconds:0.0} s), {run.Errors} requests failed{(run.FirstError is { } e ? ": " + e : "")}");
        return new TenantBuild(tenant, units, people, made, peopleTime, run.Elapsed, run.Errors * ReportsPerRequest, cpu1 - cpu0, cpu2 - cpu1);
    }

    /// <summary>One mutation document reporting cases <paramref name="from"/> to <paramref name="to"/> (exclusive), one aliased <c>reportConcern</c> each.</summary>
    private static string ReportBatch(long from, long to, int units)
    {
        var text = new StringBuilder("mutation {");
        for (var i = from; i < to; i++)
        {
            text.Append(" c").Append(i - from).Append(": reportConcern(input: {personId: \"").Append(PersonId(i, units))
                .Append("\", summary: \"Seemed withdrawn in class this week\", riskLevel: ").Append(Risk(i)).Append("}) { id }");
        }

        return text.Append(" }").ToString();
    }

    /// <summary>The person of case <paramref name="i"/>: person <c>i / units</c> of class <c>i % units</c> (roster id <c>s{class}-{n}</c>).</summary>
    private static string PersonId(long i, int units) => $"ext-s{i % units}-{i / units}";

    private static string Risk(long i) => (i % 20) switch
    {
        0 => "HIGH",
        1 or 2 or 3 or 4 => "MODERATE",
        _ => "LOW",
    };

    /// <summary>Imports <paramref name="count"/> people spread over the classes (rosters of at most 20,000 rows, all started at once); returns how many landed.</summary>
    private static async Task<long> ImportPeopleAsync(CareGridApi api, Uri uri, string admin, long count, int units, TimeSpan limit)
    {
        var rosters = new List<(string Unit, string Csv)>();
        for (var unit = 0; unit < units; unit++)
        {
            var inUnit = count / units + (unit < count % units ? 1 : 0);
            for (long from = 0; from < inUnit; from += MaxRosterRows)
            {
                var csv = new StringBuilder("externalId,displayName,birthYear\n");
                for (var n = from; n < Math.Min(inUnit, from + MaxRosterRows); n++)
                {
                    csv.Append('s').Append(unit).Append('-').Append(n).Append(",Student ").Append(unit).Append('-').Append(n).Append(",2011\n");
                }

                rosters.Add(($"class-{unit}", csv.ToString()));
            }
        }

        var ids = await Task.WhenAll(rosters.Select(async r =>
            (string)JsonNode.Parse(await api.CallAsync(uri, admin, ImportText, new { o = r.Unit, csv = r.Csv }))!["data"]!["importRoster"]!["id"]!));
        var deadline = Stopwatch.StartNew();
        long landed = 0;
        foreach (var id in ids)
        {
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
                    if ((long)status["retried"]! > 0 || (long)status["notWritten"]! > 0)
                    {
                        // A busy cluster: rows tried again, or not written after every try (docs/rosters.md "On a busy cluster").
                        Console.WriteLine($"  [import] {id}: {(long)status["retried"]!:N0} rows needed more than one try, {(long)status["notWritten"]!:N0} not written");
                    }

                    break;
                }

                if (deadline.Elapsed > limit)
                {
                    throw new TimeoutException($"Roster import {id} still running after {limit.TotalSeconds:0} s: {status.ToJsonString()}");
                }
            }
        }

        return landed;
    }
}
