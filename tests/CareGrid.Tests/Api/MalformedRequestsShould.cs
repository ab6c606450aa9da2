using System.Net;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Api;

/// <summary>Bad requests against the real service: the spec's status, a stable code, and no state change.</summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class MalformedRequestsShould(CareGridApiFactory factory)
{
    private readonly GraphQLClient _client = factory.GraphQL();
    private const string Path = "/t/demo-school/graphql";
    private const string Report = "mutation Report($p: ID!) { reportConcern(input: { personId: $p, summary: \"x\" }) { id } }";

    private async Task<int> CaseCountAsync(string token)
    {
        var list = await _client.PostAsync(Path, "{ cases(first: 100) { nodes { id timelineCount: status } } }", token: token);
        return list.EnsureNoErrors().Data!["cases"]!["nodes"]!.AsArray().Count;
    }

    public static TheoryData<string, string, HttpStatusCode, HttpStatusCode, string> Cases => new()
    {
        // name, body, status with graphql-response+json, status with application/json, code
        { "malformed JSON", "{\"query\": \"mutation {", HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, "BAD_REQUEST" },
        { "missing query", "{\"variables\": {}}", HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, "BAD_REQUEST" },
        { "syntax error", "{\"query\": \"mutation { reportConcern(input: { personId: \\\"student-002\\\" \"}", HttpStatusCode.BadRequest, HttpStatusCode.OK, "GRAPHQL_PARSE_FAILED" },
        { "variable of the wrong type", "{\"query\": \"" + Report.Replace("\"", "\\\"") + "\", \"variables\": {\"p\": {\"not\": \"an id\"}}}", HttpStatusCode.BadRequest, HttpStatusCode.OK, "GRAPHQL_VALIDATION_FAILED" },
        { "unknown operation name", "{\"query\": \"" + Report.Replace("\"", "\\\"") + "\", \"variables\": {\"p\": \"student-002\"}, \"operationName\": \"Nope\"}", HttpStatusCode.BadRequest, HttpStatusCode.OK, "GRAPHQL_VALIDATION_FAILED" },
        { "unknown field", "{\"query\": \"mutation { dropAllCases }\"}", HttpStatusCode.BadRequest, HttpStatusCode.OK, "GRAPHQL_VALIDATION_FAILED" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Answer_with_the_specs_status_and_a_stable_code_and_change_nothing(string name, string body, HttpStatusCode graphqlResponseStatus, HttpStatusCode jsonStatus, string code)
    {
        var token = factory.Token("demo-school", Roles.Counsellor);
        var before = await CaseCountAsync(token);

        var modern = await _client.SendRawAsync(Path, body, token, accept: "application/graphql-response+json");
        Assert.True(graphqlResponseStatus == modern.Status, $"{name}: {modern.Status} {modern.Body?.ToJsonString()}");
        Assert.Equal(code, modern.FirstCode);
        Assert.Null(modern.Data);

        var legacy = await _client.SendRawAsync(Path, body, token, accept: "application/json");
        Assert.True(jsonStatus == legacy.Status, $"{name}: {legacy.Status} {legacy.Body?.ToJsonString()}");
        Assert.Equal(code, legacy.FirstCode);

        Assert.Equal(before, await CaseCountAsync(token));
    }

    [Fact]
    public async Task Refuse_a_mutation_over_GET_with_405_and_change_nothing()
    {
        var token = factory.Token("demo-school", Roles.Counsellor);
        var before = await CaseCountAsync(token);
        var response = await _client.GetAsync(Path + "?query=" + Uri.EscapeDataString("mutation { reportConcern(input: { personId: \"student-002\", summary: \"x\" }) { id } }"), token);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal(before, await CaseCountAsync(token));
    }

    [Fact]
    public async Task Serve_a_query_over_GET()
    {
        var token = factory.TokenFor("homeroom-8-1@demo-school", "demo-school", Roles.Caseworker);
        var response = await _client.GetAsync(Path + "?query=" + Uri.EscapeDataString("{ case(id: \"case-school-1\") { id } }"), token);
        Assert.Equal("case-school-1", response.EnsureNoErrors().Data!["case"]!["id"]!.GetValue<string>());
    }
}
