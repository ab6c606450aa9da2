using System.Net;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Api;

/// <summary>Tenant isolation at the API: a token of tenant A never reads tenant B's data.</summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class TenantIsolationShould(CareGridApiFactory factory)
{
    private readonly GraphQLClient _client = factory.GraphQL();

    [Fact]
    public async Task Refuse_a_token_of_tenant_A_on_tenant_Bs_route_with_FORBIDDEN_and_no_data()
    {
        var tokenA = factory.Token("demo-town", Roles.Counsellor);
        var response = await _client.PostAsync("/t/demo-school/graphql", "{ case(id: \"case-school-1\") { id summary } }", token: tokenA);
        Assert.Equal("FORBIDDEN", response.FirstCode);
        Assert.Null(response.Data);
        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.DoesNotContain("Homeroom teacher", response.Body!.ToJsonString());
    }

    [Fact]
    public async Task Not_lend_a_PlatformAdmins_tenant_role_to_another_tenant()
    {
        // A token holding PlatformAdmin and Counsellor of demo-town is a PlatformAdmin only in demo-school: no case data, no writes.
        var mixed = factory.Token("demo-town", Roles.PlatformAdmin, Roles.Counsellor);

        var read = await _client.PostAsync("/t/demo-school/graphql", "{ cases { nodes { id personId } } case(id: \"case-school-1\") { summary } }", token: mixed);
        var write = await _client.PostAsync("/t/demo-school/graphql",
            "mutation { reportConcern(input: { personId: \"student-002\", summary: \"cross-tenant write\", riskLevel: IMMINENT }) { id } }", token: mixed);
        var own = await _client.PostAsync("/t/demo-town/graphql", "{ cases { nodes { id } } }", token: mixed);

        Assert.Equal("FORBIDDEN", read.FirstCode);
        Assert.DoesNotContain("Homeroom teacher", read.Body!.ToJsonString());
        Assert.Equal("FORBIDDEN", write.FirstCode);
        Assert.Null(own.FirstCode);
    }

    [Fact]
    public async Task Refuse_a_token_of_tenant_A_naming_tenant_B_in_the_X_Tenant_header()
    {
        var tokenA = factory.Token("demo-town", Roles.Counsellor);
        var response = await _client.PostAsync("/graphql", "{ case(id: \"case-school-1\") { id summary } }", token: tokenA, tenantHeader: "demo-school");
        Assert.Equal("FORBIDDEN", response.FirstCode);
        Assert.Null(response.Data);
    }

    [Fact]
    public async Task Not_find_tenant_Bs_case_from_tenant_As_own_route()
    {
        var tokenA = factory.Token("demo-town", Roles.Counsellor);
        var response = await _client.PostAsync("/t/demo-town/graphql", "{ case(id: \"case-school-1\") { id summary } }", token: tokenA);
        // No such case in demo-town: answered as any id naming no case of the tenant — the need-to-know refusal (F12), no data.
        Assert.Equal(("FORBIDDEN", "need-to-know"), (response.FirstCode, response.Errors![0]!["extensions"]!["rule"]!.GetValue<string>()));
        Assert.Null(response.Data?["case"]);
        Assert.DoesNotContain("summary\":\"", response.Body!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuse_a_route_and_header_that_disagree()
    {
        var token = factory.Token("demo-school", Roles.Counsellor);
        var response = await _client.PostAsync("/t/demo-school/graphql", "{ me { subject } }", token: token, tenantHeader: "demo-town");
        Assert.Equal("BAD_REQUEST", response.FirstCode);
        Assert.Null(response.Data);
    }

    [Fact]
    public async Task Answer_an_unknown_tenant_with_TENANT_NOT_FOUND()
    {
        var token = factory.Token(null, Roles.PlatformAdmin);
        foreach (var tenant in new[] { "no-such-tenant", "NOT_A_SLUG", "x" })
        {
            var response = await _client.PostAsync($"/t/{tenant}/graphql", "{ me { subject } }", token: token);
            Assert.Equal("TENANT_NOT_FOUND", response.FirstCode);
            Assert.Null(response.Data);
        }
    }

    [Fact]
    public async Task Refuse_tenant_fields_on_the_platform_endpoint_with_TENANT_REQUIRED()
    {
        var token = factory.Token(null, Roles.PlatformAdmin);
        var response = await _client.PostAsync("/graphql", "{ cases { nodes { id } } }", token: token);
        Assert.Equal("TENANT_REQUIRED", response.FirstCode);
    }

    [Fact]
    public async Task Refuse_anonymous_calls_to_data_fields_with_UNAUTHENTICATED()
    {
        var response = await _client.PostAsync("/t/demo-school/graphql", "{ case(id: \"case-school-1\") { id } }");
        Assert.Equal("UNAUTHENTICATED", response.FirstCode);
        Assert.Null(response.Data?["case"]);
    }

    [Fact]
    public async Task Refuse_a_token_signed_with_another_key()
    {
        var foreign = new CareGrid.GraphApi.Auth.DevelopmentTokens(
            new CareGrid.GraphApi.Auth.AuthOptions { SigningKeyPath = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")) }, TimeProvider.System)
            .Issue("intruder", "demo-school", [Roles.TenantAdmin]);
        var response = await _client.PostAsync("/t/demo-school/graphql", "{ case(id: \"case-school-1\") { id } }", token: foreign);
        Assert.Equal("UNAUTHENTICATED", response.FirstCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.Status);
        Assert.Null(response.Data);
    }

    [Theory]
    [InlineData("Bearer abc.def.ghi")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Refuse_an_invalid_authorization_header_instead_of_treating_it_as_anonymous(string header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("{\"query\":\"{ me { subject } }\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", header);
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        var response = await _client.Http.SendAsync(request);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("UNAUTHENTICATED", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Null(body["data"]);
    }
}
