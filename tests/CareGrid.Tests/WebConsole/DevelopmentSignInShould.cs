using System.Text.Json.Nodes;
using CareGrid.Grains.Audit;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CareGrid.Tests.WebConsole;

/// <summary>
/// The console's development sign-in on the public API while <c>Auth:Authority</c> is empty (docs/console.md "Sign-in"):
/// <c>developmentSignIn</c> issues, without a token, a token the API accepts for exactly the tenant, role and sub asked,
/// and audits it; it refuses an unknown, malformed or suspended tenant, a role that is no role (or PlatformAdmin with a
/// tenant, a tenant role without one) and a sub out of length or charset — each VALIDATION_FAILED naming the field (or
/// TENANT_SUSPENDED), no data, one DENIED record. <c>signInOptions</c> answers DEVELOPMENT with the active tenants.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class DevelopmentSignInShould(CareGridApiFactory factory)
{
    private const string SignIn = "mutation SignIn($tenant: ID, $role: String!, $sub: String!) { developmentSignIn(tenant: $tenant, role: $role, sub: $sub) { token expiresAt subject tenant role } }";

    private readonly GraphQLClient _client = factory.GraphQL();

    private Task<GraphQLResponse> SignInAsync(string path, string? tenant, string role, string sub, string operation = "SignIn") =>
        _client.PostAsync(path, operation == "SignIn" ? SignIn : SignIn.Replace("mutation SignIn", "mutation " + operation, StringComparison.Ordinal),
            new { tenant, role, sub }, operationName: operation);

    private async Task<List<AuditRecord>> RecordsAsync(string log, Func<AuditRecord, bool> match)
    {
        var found = new List<AuditRecord>();
        await foreach (var record in factory.Services.GetRequiredService<IAuditStore>().ReadAllAsync(log))
        {
            if (match(record))
            {
                found.Add(record);
            }
        }

        return found;
    }

    [Fact]
    public async Task Issue_a_token_the_api_accepts_for_exactly_the_tenant_role_and_sub_and_audit_it()
    {
        var sub = $"signin-{Guid.NewGuid():N}"[..20] + "@demo-school";

        var answer = (await SignInAsync("/graphql", "demo-school", "counsellor", sub)).EnsureNoErrors().Data!["developmentSignIn"]!;

        Assert.Equal((sub, "demo-school", "Counsellor"), (Str(answer, "subject"), Str(answer, "tenant"), Str(answer, "role")));
        var token = Str(answer, "token");
        var jwt = new JsonWebToken(token);
        Assert.Equal(DateTimeOffset.Parse(Str(answer, "expiresAt"), System.Globalization.CultureInfo.InvariantCulture), new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
        var me = (await _client.PostAsync("/t/demo-school/graphql", "{ me { subject tenantId roles } }", token: token)).EnsureNoErrors().Data!["me"]!;
        Assert.Equal((sub, "demo-school"), (Str(me, "subject"), Str(me, "tenantId")));
        Assert.Equal(["Counsellor"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        // The token is of its tenant only.
        Assert.Equal("FORBIDDEN", (await _client.PostAsync("/t/demo-town/graphql", "{ me { subject } }", token: token)).FirstCode);

        var record = Assert.Single(await RecordsAsync("demo-school", r => r.Actor == sub));
        Assert.Equal(("WRITE", "DevelopmentSignIn", sub, "developmentSignIn"), (record.Action, record.EntityType, record.EntityId, record.Purpose));
        Assert.Equal(["role:Counsellor"], record.Fields);
    }

    [Fact]
    public async Task Issue_a_PlatformAdmin_token_without_a_tenant_in_the_platform_log()
    {
        var sub = $"platform-{Guid.NewGuid():N}"[..20];

        var answer = (await SignInAsync("/graphql", null, "PlatformAdmin", sub)).EnsureNoErrors().Data!["developmentSignIn"]!;

        Assert.Null(answer["tenant"]);
        var tenants = await _client.PostAsync("/graphql", "{ tenants { id } }", token: Str(answer, "token"));
        Assert.Contains("demo-school", tenants.EnsureNoErrors().Data!["tenants"]!.AsArray().Select(t => Str(t!, "id")));
        Assert.Single(await RecordsAsync("platform", r => r.Actor == sub && r.Action == "WRITE" && r.EntityType == "DevelopmentSignIn"));
    }

    [Fact]
    public async Task Take_the_routes_tenant_when_none_is_named_and_refuse_a_different_one()
    {
        var sub = $"route-{Guid.NewGuid():N}"[..16] + "@demo-school";

        var answer = (await SignInAsync("/t/demo-school/graphql", null, "Caseworker", sub)).EnsureNoErrors().Data!["developmentSignIn"]!;
        Assert.Equal("demo-school", Str(answer, "tenant"));

        var other = await SignInAsync("/t/demo-school/graphql", "demo-town", "Caseworker", sub, "SignInOther");
        Assert.Equal(("VALIDATION_FAILED", "tenant"), (other.FirstCode, Field(other)));
        Assert.Null(other.Data?["developmentSignIn"]);
    }

    [Theory]
    [InlineData("no-such-tenant", "Counsellor", "a@b", "tenant")]
    [InlineData("Bad_Tenant!", "Counsellor", "a@b", "tenant")]
    [InlineData("platform", "Counsellor", "a@b", "tenant")]
    [InlineData(null, "Counsellor", "a@b", "tenant")]
    [InlineData("demo-school", "PlatformAdmin", "a@b", "tenant")]
    [InlineData("demo-school", "Root", "a@b", "role")]
    [InlineData("demo-school", "System", "a@b", "role")]
    [InlineData("demo-school", "", "a@b", "role")]
    [InlineData("demo-school", "Counsellor", "", "sub")]
    [InlineData("demo-school", "Counsellor", "two words", "sub")]
    [InlineData("demo-school", "Counsellor", "line\nbreak", "sub")]
    [InlineData("demo-school", "Counsellor", "counsellor@demo-school\n", "sub")]
    [InlineData("demo-school\n", "Counsellor", "a@b", "tenant")]
    [InlineData("demo-school", "Counsellor", "<script>", "sub")]
    [InlineData("demo-school", "Counsellor", "x201", "sub")]
    public async Task Refuse_a_bad_tenant_role_or_sub_naming_the_field_and_audit_the_refusal(string? tenant, string role, string sub, string field)
    {
        var operation = "Refused" + Guid.NewGuid().ToString("N")[..12];
        var response = await SignInAsync("/graphql", tenant, role, sub == "x201" ? new string('x', 201) : sub, operation);

        Assert.Equal(("VALIDATION_FAILED", field), (response.FirstCode, Field(response)));
        Assert.Null(response.Data?["developmentSignIn"]);
        var denied = Assert.Single(await RecordsAsync("platform", r => r.Fields.Contains("operation:" + operation)));
        Assert.Equal(("DENIED", "VALIDATION_FAILED"), (denied.Action, denied.Refusal!.Code));
    }

    [Fact]
    public async Task Accept_the_longest_sub_and_letters_of_any_script()
    {
        foreach (var sub in new[] { new string('x', 200), "张老师@demo-school" })
        {
            var answer = (await SignInAsync("/graphql", "demo-school", "Caseworker", sub)).EnsureNoErrors().Data!["developmentSignIn"]!;
            Assert.Equal(sub, Str(answer, "subject"));
        }
    }

    [Fact]
    public async Task Refuse_a_suspended_tenant_and_leave_it_out_of_the_sign_in_options()
    {
        var tenant = $"signin-{Guid.NewGuid():N}"[..20];
        var platform = factory.Token(null, Roles.PlatformAdmin);
        (await _client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = tenant, name = "Suspended school", kind = "SCHOOL", firstAdminSubject = "admin" } }, platform)).EnsureNoErrors();
        Assert.Contains(tenant, await OptionTenantsAsync());
        (await _client.PostAsync("/graphql", $"mutation {{ suspendTenant(id: \"{tenant}\", reason: \"supervision\") {{ status }} }}", token: platform)).EnsureNoErrors();

        var response = await SignInAsync("/graphql", tenant, "TenantAdmin", "admin", "SignInSuspended");

        Assert.Equal("TENANT_SUSPENDED", response.FirstCode);
        Assert.Null(response.Data?["developmentSignIn"]);
        Assert.DoesNotContain(tenant, await OptionTenantsAsync());
    }

    [Fact]
    public async Task Tell_anyone_that_development_sign_in_applies()
    {
        var options = (await _client.PostAsync("/graphql", "{ signInOptions { mode authority clientId scopes } }")).EnsureNoErrors().Data!["signInOptions"]!;

        Assert.Equal("DEVELOPMENT", Str(options, "mode"));
        Assert.Null(options["authority"]);
        Assert.Null(options["clientId"]);
        Assert.Empty(options["scopes"]!.AsArray());
        Assert.Contains("demo-school", await OptionTenantsAsync());
    }

    private async Task<List<string>> OptionTenantsAsync()
    {
        var options = (await _client.PostAsync("/graphql", "{ signInOptions { tenants { id name } } }")).EnsureNoErrors();
        return [.. options.Data!["signInOptions"]!["tenants"]!.AsArray().Select(t => Str(t!, "id"))];
    }

    private static string? Field(GraphQLResponse response) => response.Errors?[0]?["extensions"]?["field"]?.GetValue<string>();

    private static string Str(JsonNode node, string name) => node[name]!.GetValue<string>();
}
