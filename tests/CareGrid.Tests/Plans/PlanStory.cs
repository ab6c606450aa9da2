using System.Text.Json.Nodes;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Plans;

/// <summary>
/// The service with every demo tenant of <c>seeds/demo</c> loaded (docs/demo.md), for the plan stories alone: the stories
/// change the demo tenants (census rounds, cases, consents), so they get their own silo and leave the shared
/// <see cref="ApiCollection"/> untouched. Tests in the collection run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PlanStoriesCollection : ICollectionFixture<CareGridApiFactory>
{
    public const string Name = "plan-stories";
}

/// <summary>
/// One plan's walk through a demo tenant over GraphQL (docs/demo.md "Plan stories"). A story is a list of steps, each a
/// small method taking this object; what one step learns (a case id, a round id) it keeps with <see cref="Remember"/> for
/// the next. Adding a step to a plan is one method and one line in its story.
/// </summary>
public sealed class PlanStory(CareGridApiFactory factory, string tenant)
{
    private readonly GraphQLClient _client = factory.GraphQL();
    private readonly Dictionary<string, string> _facts = new(StringComparer.Ordinal);

    /// <summary>The demo tenant the story runs in.</summary>
    public string Tenant => tenant;

    /// <summary>The service (its fake clock: <see cref="CareGridApiFactory.Clock"/>).</summary>
    public CareGridApiFactory Factory => factory;

    /// <summary>A token for the demo user <paramref name="sub"/> (docs/demo.md) holding <paramref name="role"/>.</summary>
    public string As(string sub, string role) => factory.TokenFor(sub, tenant, role);

    /// <summary>Keeps <paramref name="value"/> under <paramref name="key"/> for later steps.</summary>
    public void Remember(string key, string value) => _facts[key] = value;

    /// <summary>What an earlier step kept under <paramref name="key"/>.</summary>
    public string Recall(string key) => _facts.TryGetValue(key, out var v) ? v : throw new InvalidOperationException($"No earlier step remembered '{key}'.");

    /// <summary>Posts to the tenant's endpoint and returns the whole answer (for refusals).</summary>
    public Task<GraphQLResponse> PostAsync(string token, string query, object? variables = null) =>
        _client.PostAsync($"/t/{tenant}/graphql", query, variables, token);

    /// <summary>Posts and returns <c>data</c>, failing the test on any error.</summary>
    public async Task<JsonNode> OkAsync(string token, string query, object? variables = null) =>
        (await PostAsync(token, query, variables)).EnsureNoErrors().Data!;

    /// <summary>Posts and asserts the first error's <c>extensions.code</c>; returns the answer.</summary>
    public async Task<GraphQLResponse> RefusedAsync(string code, string token, string query, object? variables = null)
    {
        var response = await PostAsync(token, query, variables);
        Assert.True(code == response.FirstCode, $"expected {code}, got {response.FirstCode ?? "no error"}: {response.Body?.ToJsonString()}");
        return response;
    }

    /// <summary>
    /// <c>reportConcern</c> about <paramref name="personId"/> as <paramref name="token"/>; returns the case (fields
    /// <paramref name="fields"/>) and remembers its id under <paramref name="key"/>.
    /// </summary>
    public async Task<JsonNode> ReportAsync(string token, string personId, string summary, string risk, string key = "case", string fields = "id status riskLevel escalationLevel assigneeId")
    {
        var data = await OkAsync(token, $"mutation($in: ReportConcernInput!) {{ reportConcern(input: $in) {{ {fields} }} }}",
            new { @in = new { personId, summary, riskLevel = risk } });
        var c = data["reportConcern"]!;
        Remember(key, Str(c, "id"));
        return c;
    }

    /// <summary>Runs the case mutation <paramref name="mutation"/> (arguments after the case id) on the case remembered under <paramref name="key"/>; returns the case's <paramref name="fields"/>.</summary>
    public async Task<JsonNode> OnCaseAsync(string token, string mutation, string arguments, string fields, string key = "case")
    {
        var idName = mutation is "takeCase" or "requestProfessionalReview" ? "caseId" : "id";
        var args = string.IsNullOrEmpty(arguments) ? "" : ", " + arguments;
        var data = await OkAsync(token, $"mutation {{ {mutation}({idName}: \"{Recall(key)}\"{args}) {{ {fields} }} }}");
        return data[mutation]!;
    }

    /// <summary>Reads the case remembered under <paramref name="key"/>.</summary>
    public async Task<JsonNode> CaseAsync(string token, string fields, string key = "case") =>
        (await OkAsync(token, $"{{ case(id: \"{Recall(key)}\") {{ {fields} }} }}"))["case"]!;

    /// <summary>The string at <paramref name="name"/> of <paramref name="node"/>.</summary>
    public static string Str(JsonNode node, string name) => node[name]!.GetValue<string>();

    /// <summary>The strings of a JSON array.</summary>
    public static List<string> Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];

    /// <summary>The value of <paramref name="field"/> in each element of a JSON array.</summary>
    public static List<string> Each(JsonNode? array, string field) => [.. array!.AsArray().Select(n => n![field]!.ToString())];
}
