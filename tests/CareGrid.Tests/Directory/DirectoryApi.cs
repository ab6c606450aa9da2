using System.Text;
using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>Test helpers for the directory area: onboarding tenants through GraphQL, tokens, imports, reading the repo's files.</summary>
public sealed class DirectoryApi(CareGridApiFactory factory)
{
    public GraphQLClient Client { get; } = factory.GraphQL();

    public CareGridApiFactory Factory => factory;

    /// <summary>Onboards a tenant through GraphQL (optionally from a template) and returns its id.</summary>
    public async Task<string> OnboardAsync(string kind, string? template, string prefix = "dir")
    {
        var tenant = Seeds.NewTenantId(prefix);
        var r = await Client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = tenant, name = $"Test {kind.ToLowerInvariant()} {tenant}", kind, firstAdminSubject = "admin@" + tenant, template } },
            factory.Token(null, Roles.PlatformAdmin));
        r.EnsureNoErrors();
        return tenant;
    }

    public string Admin(string tenant) => factory.TokenFor("admin@" + tenant, tenant, Roles.TenantAdmin);

    public string As(string tenant, string role) => factory.TokenFor(role.ToLowerInvariant() + "@" + tenant, tenant, role);

    public Task<GraphQLResponse> PostAsync(string tenant, string query, object? variables = null, string? token = null) =>
        Client.PostAsync($"/t/{tenant}/graphql", query, variables, token ?? Admin(tenant));

    /// <summary>Posts a mutation that must succeed and returns <c>data</c>.</summary>
    public async Task<JsonNode> OkAsync(string tenant, string query, object? variables = null, string? token = null) =>
        (await PostAsync(tenant, query, variables, token)).EnsureNoErrors().Data!;

    /// <summary>Opens a person's record for the caller (need-to-know: break the glass with a reason; audited).</summary>
    public async Task GlassAsync(string tenant, string personId, string? token = null) =>
        await OkAsync(tenant, $"mutation {{ breakTheGlass(entity: PERSON, id: \"{personId}\", reason: \"directory test reads the record\") {{ until }} }}", token: token);

    /// <summary>Reads <c>person(id)</c> with <paramref name="selection"/> after breaking the glass as the caller.</summary>
    public async Task<JsonNode> PersonAsync(string tenant, string personId, string selection, string? token = null)
    {
        await GlassAsync(tenant, personId, token);
        return await OkAsync(tenant, $"{{ person(id: \"{personId}\") {{ {selection} }} }}", token: token);
    }

    public async Task CreateOrganizationAsync(string tenant, string id, string kind, string? parent, int? level) =>
        await OkAsync(tenant, "mutation($in: CreateOrganizationInput!) { createOrganization(input: $in) { id } }",
            new { @in = new { id, name = id, kind, parentId = parent, escalationLevel = level } });

    /// <summary>Starts an import and waits (long polling, bounded) until it is done; returns the final status.</summary>
    public async Task<JsonNode> ImportAsync(string tenant, string organization, string csv, string kind = "PEOPLE")
    {
        var started = await OkAsync(tenant, "mutation($org: ID!, $csv: String!, $kind: RosterKind) { importRoster(organizationId: $org, csv: $csv, kind: $kind) { id total } }",
            new { org = organization, csv, kind });
        var id = started["importRoster"]!["id"]!.GetValue<string>();
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var status = (await OkAsync(tenant, $"{{ importStatus(id: \"{id}\", waitSeconds: 5) {{ {ImportFields} }} }}"))["importStatus"]!;
            if (status["done"]!.GetValue<bool>())
            {
                return status;
            }
        }

        throw new TimeoutException($"Import {id} did not finish.");
    }

    public const string ImportFields = "id state done total processed landed created updated unchanged invalid errors { row column reason }";

    /// <summary>Every page of <c>people</c> for a filter, following endCursor; returns the ids in order and the number of pages.</summary>
    public async Task<(List<string> Ids, int Pages)> AllPeopleAsync(string tenant, object? filter, int pageSize = 100, string? token = null)
    {
        var ids = new List<string>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var data = await OkAsync(tenant, "query($f: PeopleFilter, $first: Int, $after: String) { people(filter: $f, first: $first, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }",
                new { f = filter, first = pageSize, after }, token);
            pages++;
            var people = data["people"]!;
            ids.AddRange(people["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
            if (!people["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
            {
                return (ids, pages);
            }

            after = people["pageInfo"]!["endCursor"]!.GetValue<string>();
            Assert.True(pages < 1000, "too many pages");
        }
    }

    /// <summary>The repository root (the folder with CareGrid.slnx).</summary>
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CareGrid.slnx")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("CareGrid.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>
    /// A new school tenant (prefix <paramref name="name"/>) with grade 9 and class 9-1 holding one student, S1 "Student Liu"
    /// (born 2011, guardian Grandma Liu), whose record the TenantAdmin has opened by breaking the glass; returns the tenant id.
    /// The red-team repros' common starting point.
    /// </summary>
    public async Task<string> SchoolWithStudentAsync(string name)
    {
        var tenant = await OnboardAsync("SCHOOL", "school", name);
        await CreateOrganizationAsync(tenant, "grade-9", "GRADE", "school", 2);
        await CreateOrganizationAsync(tenant, "class-9-1", "CLASS", "grade-9", 1);
        await ImportAsync(tenant, "class-9-1", Csv("externalId,displayName,sex,birthYear,guardianName,guardianPhone", ["S1,Student Liu,F,2011,Grandma Liu,13800001111"]));
        await GlassAsync(tenant, "ext-S1");
        return tenant;
    }

    /// <summary>A CSV text from a header and rows (already formatted lines).</summary>
    public static string Csv(string header, IEnumerable<string> rows)
    {
        var sb = new StringBuilder(header).Append('\n');
        foreach (var r in rows)
        {
            sb.Append(r).Append('\n');
        }

        return sb.ToString();
    }

    public static string[] Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>()).ToArray();
}
