using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Browser;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Subscriptions;

/// <summary>
/// The issue's acceptance with the npm <c>graphql-ws</c> client (tests/subscriptions/acceptance.mjs, docs/subscriptions.md):
/// the case's counsellor receives the escalation within 1 s of the real <c>escalateCase</c> mutation; a staff member of the
/// school without need-to-know and a subscriber of another school receive nothing of it. Skips locally when Node.js or
/// tests/subscriptions/node_modules is missing; fails then under CI (<c>CI=true</c>). One escalation of a third case goes
/// through the same path first (JIT compilation and first activations are not delivery latency; its time is printed only).
/// </summary>
[Trait("tier", "api")]
[Collection(SubscriptionCollection.Name)]
public sealed class GraphQLWsAcceptanceShould(SubscriptionApiFactory factory)
{
    private const string Tenant = "demo-school";
    private const string Path = "/t/demo-school/graphql";

    /// <summary>tests/subscriptions.</summary>
    public static string Directory => System.IO.Path.Combine(RepoPaths.Root, "tests", "subscriptions");

    [SkippableFact]
    public async Task Deliver_the_escalation_to_the_counsellor_within_1_s_and_nothing_to_others()
    {
        RequireClient();
        var client = factory.GraphQL();
        var admin = factory.TokenFor("admin@demo-school", Tenant, Roles.TenantAdmin);
        var homeroom = factory.TokenFor("homeroom-8-1@demo-school", Tenant, Roles.Caseworker);
        var teacher2 = factory.TokenFor("teacher2@demo-school", Tenant, Roles.Caseworker);
        var caseId = await ReportAsync(client, await DemoStudents.NewAsync(client, admin), homeroom);
        // The sentinel is a pupil of teacher2's own class 8-2: a report opens its case only to a reporter whose units cover the pupil's.
        var sentinel = await ReportAsync(client, await DemoStudents.NewAsync(client, admin, "class-8-2"), teacher2);
        var warmup = await ReportAsync(client, await DemoStudents.NewAsync(client, admin), homeroom);

        var result = await RunAsync(new Dictionary<string, string>
        {
            ["SUBSCRIBE_URL"] = factory.BaseAddress.ToString(),
            ["MUTATE_URL"] = factory.BaseAddress.ToString(),
            ["TENANT"] = Tenant,
            ["CASE_ID"] = caseId,
            ["WARMUP_CASE_ID"] = warmup,
            ["ESCALATOR_TOKEN"] = homeroom,
            ["COUNSELLOR_TOKEN"] = factory.TokenFor("counsellor@demo-school", Tenant, Roles.Counsellor),
            ["NO_NTK_TOKEN"] = teacher2,
            ["SENTINEL_CASE_ID"] = sentinel,
            ["OTHER_TENANT"] = "demo-middle-school",
            ["OTHER_TOKEN"] = factory.TokenFor("counsellor@demo-middle-school", "demo-middle-school", Roles.Counsellor),
        });

        Assert.True(result.ExitCode == 0, result.Output);
        var summary = JsonNode.Parse(result.StandardOutput.Trim().Split('\n')[^1])!;
        Assert.InRange(summary["latencyMs"]!.GetValue<int>(), 0, 1000);
        Assert.Empty(summary["leaked"]!.AsArray());
        Assert.Contains(summary["counsellor"]!.AsArray(), e => e?["caseId"]?.GetValue<string>() == caseId && e["kind"]?.GetValue<string>() == "CASE_ESCALATED");
    }

    /// <summary>Skips (locally) or fails (CI) when Node.js or the client's packages are missing.</summary>
    public static void RequireClient()
    {
        var installed = File.Exists(System.IO.Path.Combine(Directory, "node_modules", "graphql-ws", "package.json"))
            && File.Exists(System.IO.Path.Combine(Directory, "node_modules", "ws", "package.json"));
        if (!installed)
        {
            const string message = "tests/subscriptions/node_modules is missing: run `(cd tests/subscriptions && npm ci --no-audit --no-fund)` (Node.js 20+), or `bash .ci/run`.";
            if (BrowserRunner.IsCi)
            {
                Assert.Fail("CI=true: " + message);
            }

            Skip.If(true, message);
        }
    }

    /// <summary>Runs acceptance.mjs with <paramref name="environment"/> (bounded: 2 minutes).</summary>
    public static Task<ProcessRunner.Result> RunAsync(IReadOnlyDictionary<string, string> environment) =>
        ProcessRunner.RunAsync("node", ["acceptance.mjs"], Directory, TimeSpan.FromMinutes(2), environment);

    private static async Task<string> ReportAsync(GraphQLClient client, string personId, string token) =>
        (await client.PostAsync(Path, $"mutation {{ reportConcern(input: {{ personId: \"{personId}\", summary: \"Withdrawn in class\" }}) {{ id }} }}", token: token))
            .EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();
}
