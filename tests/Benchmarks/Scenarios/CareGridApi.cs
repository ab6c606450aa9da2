using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareGrid.Benchmarks.Load;
using CareGrid.GraphApi.Auth;
using CareGrid.Grains.Security;

namespace CareGrid.Benchmarks.Scenarios;

/// <summary>Development tokens signed with the benchmark's temporary key, which the silos under test are started with.</summary>
internal sealed class Tokens(string signingKeyPath)
{
    private readonly DevelopmentTokens _tokens = new(new AuthOptions { SigningKeyPath = signingKeyPath, DevelopmentTokenHours = 2 }, TimeProvider.System);

    /// <summary>The key file.</summary>
    public string KeyPath => _tokens.KeyPath;

    /// <summary>"Bearer …" for a PlatformAdmin.</summary>
    public string PlatformAdmin() => "Bearer " + _tokens.Issue("platform-admin@bench", null, [Roles.PlatformAdmin]);

    /// <summary>"Bearer …" for <paramref name="sub"/> with <paramref name="role"/> in <paramref name="tenant"/>.</summary>
    public string For(string tenant, string role, string sub) => "Bearer " + _tokens.Issue(sub, tenant, [role]);
}

/// <summary>GraphQL requests of the benchmark, as UTF-8 JSON bodies, and the checks of their answers.</summary>
internal static class Gql
{
    /// <summary>A request body <c>{"query":…,"variables":…}</c>.</summary>
    public static byte[] Body(string query, object? variables = null) =>
        JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["query"] = query,
            ["variables"] = variables is null ? null : JsonSerializer.SerializeToNode(variables),
        });

    /// <summary>True when the answer is 200 and carries no <c>errors</c>.</summary>
    public static bool IsOk(int status, ReadOnlySpan<byte> body) => status == 200 && body.IndexOf("\"errors\""u8) < 0;

    /// <summary>The string value of the first <c>"name":"…"</c> in a JSON answer, or null.</summary>
    public static string? FirstString(ReadOnlySpan<byte> body, string name)
    {
        var key = Encoding.UTF8.GetBytes("\"" + name + "\":\"");
        var at = body.IndexOf(key);
        if (at < 0)
        {
            return null;
        }

        var rest = body[(at + key.Length)..];
        var end = rest.IndexOf((byte)'"');
        return end < 0 ? null : Encoding.UTF8.GetString(rest[..end]);
    }

    /// <summary>A short, printable form of an answer for error messages.</summary>
    public static string Show(ReadOnlySpan<byte> body) => Encoding.UTF8.GetString(body[..Math.Min(body.Length, 400)]);
}

/// <summary>Setup calls against a silo (one at a time, checked) and bulk creation through the load engine.</summary>
internal sealed class CareGridApi(Uri baseUri, HttpLoadClient http)
{
    /// <summary>The silo's base address.</summary>
    public Uri BaseUri => baseUri;

    /// <summary><c>/t/{tenant}/graphql</c>.</summary>
    public Uri TenantUri(string tenant) => new(baseUri, $"t/{tenant}/graphql");

    /// <summary><c>/graphql</c>.</summary>
    public Uri PlatformUri => new(baseUri, "graphql");

    /// <summary>Sends one request and fails loudly on any error.</summary>
    public async Task<string> CallAsync(Uri uri, string token, string query, object? variables = null)
    {
        var worker = new Worker { Index = 0 };
        var (status, body) = await http.PostGraphQLAsync(worker, uri, token, Gql.Body(query, variables), CancellationToken.None);
        if (!Gql.IsOk(status, body.Span))
        {
            throw new InvalidOperationException($"{query.Split('(')[0]} failed: HTTP {status} {Gql.Show(body.Span)}");
        }

        return Encoding.UTF8.GetString(body.Span);
    }

    /// <summary>
    /// Onboards a tenant whose first TenantAdmin is <c>admin@bench</c>, creates its organization <c>org1</c> and makes
    /// <paramref name="counsellor"/> its psychology teacher (<see cref="MakePsychologyTeacherAsync"/>).
    /// </summary>
    public async Task OnboardAsync(Tokens tokens, string tenant, string counsellor = "counsellor@bench")
    {
        await CallAsync(PlatformUri, tokens.PlatformAdmin(),
            "mutation($id: ID!) { onboardTenant(input: {id: $id, name: \"Benchmark school\", kind: SCHOOL, firstAdminSubject: \"admin@bench\"}) { id status } }",
            new { id = tenant });
        await CallAsync(TenantUri(tenant), tokens.For(tenant, Roles.TenantAdmin, "admin@bench"),
            "mutation { createOrganization(input: {id: \"org1\", name: \"Benchmark school\", kind: SCHOOL}) { id } }");
        await MakePsychologyTeacherAsync(tokens, tenant, counsellor);
    }

    /// <summary>
    /// Makes <paramref name="subject"/> the psychology teacher of school-template tenant <paramref name="tenant"/>: a member
    /// (role <c>PsychologyTeacher</c>) of a counselling centre <c>centre</c> under <paramref name="school"/>, which serves the
    /// whole school. The benchmark's Counsellor reports as a school's psychology teacher does: since round 17's RT17-7 a
    /// report opens its case only to a reporter whose units cover it (others get a receipt), and since round 22 only such
    /// staff may ask for a separate case, which the write scenarios do on every report. Five setup calls as the admin.
    /// </summary>
    public async Task MakePsychologyTeacherAsync(Tokens tokens, string tenant, string subject, string school = "org1")
    {
        var uri = TenantUri(tenant);
        var admin = tokens.For(tenant, Roles.TenantAdmin, "admin@bench");
        var person = "staff-" + new string(subject.Where(char.IsAsciiLetterOrDigit).ToArray());
        await CallAsync(uri, admin, "mutation($p: ID!) { createOrganization(input: {id: \"centre\", name: \"Counselling centre\", kind: COUNSELLING_CENTRE, parentId: $p, escalationLevel: 3}) { id } }",
            new { p = school });
        await CallAsync(uri, admin, "mutation($id: ID!, $n: String!) { registerPerson(input: {id: $id, displayName: $n, organizationId: \"centre\"}) { id } }",
            new { id = person, n = subject });
        await CallAsync(uri, admin, "mutation($id: ID!) { breakTheGlass(entity: PERSON, id: $id, reason: \"give the benchmark's psychology teacher a login and unit\") { until } }",
            new { id = person });
        await CallAsync(uri, admin, "mutation($p: ID!, $s: String) { setQualifications(personId: $p, qualifications: [{code: \"RelevantDegree\", validUntil: \"2099-12-31\"}, {code: \"CounsellingCertificate\", validUntil: \"2099-12-31\"}], staffSubject: $s) { id } }",
            new { p = person, s = subject });
        await CallAsync(uri, admin, "mutation($p: ID!) { addOrganizationMember(organizationId: \"centre\", personId: $p, role: \"PsychologyTeacher\") { id } }",
            new { p = person });
    }

    /// <summary>
    /// Runs <paramref name="count"/> requests at <paramref name="concurrency"/> (bounded by <paramref name="timeLimit"/>), every one
    /// checked; <paramref name="onAnswer"/> sees each successful answer. Returns how many succeeded; throws when any failed.
    /// </summary>
    public async Task<RunResult> BulkAsync(string what, long count, int concurrency, TimeSpan timeLimit,
        Func<long, (Uri Uri, string Token, byte[] Body)> request, Action<long, ReadOnlySpan<byte>>? onAnswer = null, bool throwOnError = true)
    {
        var result = await LoadEngine.RunAsync(concurrency, timeLimit, count, null, async (worker, i, ct) =>
        {
            var (uri, token, body) = request(i);
            var (status, answer) = await http.PostGraphQLAsync(worker, uri, token, body, ct);
            if (!Gql.IsOk(status, answer.Span))
            {
                worker.FirstError ??= $"HTTP {status} {Gql.Show(answer.Span)}";
                return Outcome.Error;
            }

            onAnswer?.Invoke(i, answer.Span);
            return Outcome.Ok;
        });
        if (throwOnError && result.Errors > 0)
        {
            throw new InvalidOperationException($"{what}: {result.Errors} of {result.Ok + result.Errors} requests failed; first: {result.FirstError}");
        }

        return result;
    }
}
