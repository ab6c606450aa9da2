using System.Diagnostics;
using System.Text.Json.Nodes;
using CareGrid.Benchmarks.Load;
using CareGrid.Benchmarks.Report;
using CareGrid.Grains.Security;

namespace CareGrid.Benchmarks.Scenarios;

/// <summary>
/// The parent's roll-up (docs/statistics.md "Roll-up"): a district tenant and N child schools onboarded under it
/// (<c>parentId</c>), each with a school unit, ten people and eight cases (LOW, MODERATE and HIGH), each child's TenantAdmin
/// switching <c>setStatisticsSharing(enabled: true)</c>; then the district's Supervisor asks <c>statisticsRollUp</c> with
/// every field of its answer selected (introspection) over the longest period, 200 sequential requests after a warm-up.
/// When the schema has no <c>statisticsRollUp</c> (or no <c>setStatisticsSharing</c>), the scenario says SKIPPED.
/// </summary>
internal static class RollUpScenario
{
    /// <summary>The parent tenant.</summary>
    public const string Parent = "rollup-district";

    private const int PeoplePerChild = 10;
    private const int CasesPerChild = 8;

    /// <summary>Builds the scenario and measures the roll-up (or records why it was skipped).</summary>
    public static async Task RunAsync(BenchSettings settings, Tokens tokens, CareGridApi api, HttpLoadClient http, int pid, StatisticsResult result)
    {
        var children = settings.RollUpChildren;
        var names = Enumerable.Range(0, children).Select(i => $"rollup-school-{i:D2}").ToArray();
        var clock = Stopwatch.StartNew();
        await StatisticsTenants.OnboardAsync(api, tokens, Parent, "Roll-up benchmark district", "DISTRICT");
        var admins = names.Select(n => tokens.For(n, Roles.TenantAdmin, "admin@bench")).ToArray();
        await api.BulkAsync("onboardTenant (children)", children, 8, TimeSpan.FromMinutes(2), i => (api.PlatformUri, tokens.PlatformAdmin(),
            Gql.Body("mutation($id: ID!, $n: String!, $p: ID) { onboardTenant(input: {id: $id, name: $n, kind: SCHOOL, parentId: $p, firstAdminSubject: \"admin@bench\"}) { id } }",
                new { id = names[i], n = "Roll-up school " + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), p = Parent })));
        await api.BulkAsync("createOrganization (children)", children, 8, TimeSpan.FromMinutes(2), i => (api.TenantUri(names[i]), admins[i],
            Gql.Body("mutation { createOrganization(input: {id: \"org1\", name: \"School\", kind: SCHOOL}) { id } }")));
        // Each child's TenantAdmin registers and reports: the benchmark's Counsellor is a member of no unit of a child school,
        // and registerPerson takes only units the caller serves (2026-12-04: the phase failed on it).
        await api.BulkAsync("registerPerson (children)", children * PeoplePerChild, settings.BulkConcurrency, TimeSpan.FromMinutes(2), i => (api.TenantUri(names[i % children]), admins[i % children],
            Gql.Body("mutation($id: ID!) { registerPerson(input: {id: $id, displayName: \"Roll-up person\", organizationId: \"org1\", birthYear: 2011}) { id } }", new { id = $"p{i / children}" })));
        string[] risks = ["LOW", "LOW", "LOW", "MODERATE", "MODERATE", "HIGH", "LOW", "MODERATE"];
        await api.BulkAsync("reportConcern (children)", children * CasesPerChild, settings.BulkConcurrency, TimeSpan.FromMinutes(2), i => (api.TenantUri(names[i % children]), admins[i % children],
            Gql.Body("mutation($p: ID!, $r: RiskLevel) { reportConcern(input: {personId: $p, summary: \"Roll-up concern\", riskLevel: $r}) { id } }", new { p = $"p{i / children}", r = risks[i / children % risks.Length] })));

        var supervisor = tokens.For(Parent, Roles.Supervisor, "supervisor@" + Parent);
        var parentUri = api.TenantUri(Parent);
        var probe = new SchemaProbe(api, parentUri, supervisor);
        var sharing = await probe.FieldAsync("Mutation", "setStatisticsSharing");
        if (sharing is not null)
        {
            await api.BulkAsync("setStatisticsSharing (children)", children, 8, TimeSpan.FromMinutes(1), i => (api.TenantUri(names[i]), admins[i],
                Gql.Body("mutation { setStatisticsSharing(enabled: true) { id } }")));
        }

        result.RollUpSetup = clock.Elapsed;
        result.RollUpChildren = children;
        Console.WriteLine($"  [roll-up] {Parent} and {children} child schools ({children * CasesPerChild:N0} cases) set up in {clock.Elapsed.TotalSeconds:0.0} s");

        var field = await probe.FieldAsync("Query", "statisticsRollUp");
        result.RollUpSkipped = field is null ? "statisticsRollUp not in schema"
            : sharing is null ? "setStatisticsSharing not in schema"
            : null;
        if (result.RollUpSkipped is { } why)
        {
            Console.WriteLine("  [roll-up] SKIPPED: " + why);
            return;
        }

        var (query, variables, skip) = await QueryAsync(api, probe, field!, parentUri, supervisor);
        if (skip is not null)
        {
            result.RollUpSkipped = skip;
            Console.WriteLine("  [roll-up] SKIPPED: " + skip);
            return;
        }

        var first = await api.CallAsync(parentUri, supervisor, query, variables);
        var listed = names.Count(n => first.Contains("Roll-up school " + n[^2..], StringComparison.Ordinal));
        result.Notes.Add($"The roll-up answer names {listed} of the {children} sharing child schools.");
        result.RollUp = await StatisticsPhase.TimeAsync(http, parentUri, supervisor, Gql.Body(query, variables), StatisticsPhase.Requests, pid, "\"statisticsRollUp\"");
        var r = result.RollUp;
        Console.WriteLine($"  [roll-up] {children} children: p50 {Format.Ms(r.P50Ms)} ms p99 {Format.Ms(r.P99Ms)} ms srv {Format.Cpu(r.ServerCpuUsPerOp)} µs; errors {r.Errors}{(r.FirstError is { } e ? ": " + Format.Trim(e) : "")}; answer {first.Length:N0} bytes, names {listed} children");
    }

    /// <summary>The roll-up query with every field of its answer; <c>period</c> the longest one, <c>language</c> EN; or why it cannot be asked.</summary>
    private static async Task<(string Query, object? Variables, string? Skip)> QueryAsync(CareGridApi api, SchemaProbe probe, JsonObject field, Uri parentUri, string supervisor)
    {
        var definitions = new List<string>();
        var arguments = new List<string>();
        object? variables = null;
        foreach (var arg in field["args"]!.AsArray().OfType<JsonObject>())
        {
            var name = (string)arg["name"]!;
            if (name == "period")
            {
                definitions.Add("$p: " + SchemaProbe.TypeRef(arg["type"]));
                arguments.Add("period: $p");
                variables = StatisticsPhase.PeriodVariables(await StatisticsPhase.LongestPeriodAsync(api, parentUri, supervisor));
            }
            else if (name == "language")
            {
                arguments.Add("language: EN");
            }
            else if (SchemaProbe.IsRequired(arg))
            {
                return ("", null, $"statisticsRollUp needs argument '{name}', which the benchmark does not know");
            }
        }

        var (kind, type) = SchemaProbe.Named(field["type"]);
        var selection = kind == "OBJECT" ? await probe.SelectionAsync(type) : "";
        var header = definitions.Count == 0 ? "query" : $"query({string.Join(", ", definitions)})";
        var args = arguments.Count == 0 ? "" : $"({string.Join(", ", arguments)})";
        return ($"{header} {{ statisticsRollUp{args} {selection}}}", variables, null);
    }
}
