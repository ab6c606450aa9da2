using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Durable;

/// <summary>Builds and reads back tenants through the GraphQL API only (the real path: GraphQL → grains → storage → read side).</summary>
public sealed class TenantBuilder(GraphQLClient client, DurableSettings settings)
{
    /// <summary>The fields of a task row (read side).</summary>
    public const string TaskSelection = "id caseId kind ownerId status dueAt escalationCount";

    /// <summary>The lists <see cref="SnapshotAsync"/> reads from the read side.</summary>
    public static readonly string[] Lists = ["organizations", "people", "cases", "openCases", "highRiskCases", "myTasks", "overdueTasks"];

    public string PlatformToken => settings.Token("platform@ops", null, Roles.PlatformAdmin);

    public string AdminToken(string tenant) => settings.Token("head@" + tenant, tenant, Roles.TenantAdmin);

    public string CounsellorToken(string tenant) => settings.Token("psych@" + tenant, tenant, Roles.Counsellor);

    public static string Path(string tenant) => $"/t/{tenant}/graphql";

    public async Task OnboardAsync(string tenant, string kind, string? parentId = null)
    {
        (await client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = tenant, name = "Tenant " + tenant, kind, parentId, firstAdminSubject = "head@" + tenant } }, PlatformToken))
            .EnsureNoErrors();
    }

    public async Task CreateOrganizationAsync(string tenant, string id, string kind, string? parentId, int? level)
    {
        (await client.PostAsync(Path(tenant), "mutation($in: CreateOrganizationInput!) { createOrganization(input: $in) { id } }",
            new { @in = new { id, name = "Unit " + id, kind, parentId, escalationLevel = level } }, AdminToken(tenant))).EnsureNoErrors();
        if (parentId is null)
        {
            await CounsellorServesAsync(tenant, id, kind);
        }
    }

    /// <summary>
    /// Makes the counsellor (<see cref="CounsellorToken"/>) a member of a root unit's tree, so their queue, level and lists reach
    /// the tenant's cases (need-to-know by organization, docs/access.md): in a school through a counselling centre under it
    /// (it serves the whole school, R-4.3), in a class as its homeroom teacher, in a district unit as a mental-health professional.
    /// </summary>
    private async Task CounsellorServesAsync(string tenant, string rootId, string kind)
    {
        var (unit, role) = kind switch
        {
            "SCHOOL" => ("counselling-centre", "PsychologyTeacher"),
            "CLASS" => (rootId, "HomeroomTeacher"),
            "SUBDISTRICT" or "MENTAL_HEALTH_CENTRE" => (rootId, "MentalHealthProfessional"),
            _ => (null, null),
        };
        if (unit is null)
        {
            return;
        }

        if (kind == "SCHOOL")
        {
            await CreateOrganizationAsync(tenant, unit, "COUNSELLING_CENTRE", rootId, 3);
        }

        await StaffAsync(tenant, "psych@" + tenant, unit, role!, personId: "staff-psych");
        if (_counsellorRecordOpened.Add(tenant))
        {
            await BreakTheGlassAsync(tenant, "staff-psych"); // SnapshotAsync reads every person as the counsellor
        }
    }

    /// <summary>Tenants whose counsellor has opened their own staff record (once per tenant, as the record is made once).</summary>
    private readonly HashSet<string> _counsellorRecordOpened = [];

    /// <summary>
    /// Gives login <paramref name="subject"/> a staff record in <paramref name="unit"/> holding template role
    /// <paramref name="roleCode"/> (registerPerson, setQualifications with the login, addOrganizationMember, as the tenant's
    /// admin): a report opens its case to the reporter only where their units cover the person's (need-to-know by
    /// organization, docs/access.md "Receipts for reporters"); a login of no unit is answered with a receipt.
    /// Returns the staff record's id.
    /// </summary>
    public async Task<string> StaffAsync(string tenant, string subject, string unit, string roleCode, string? personId = null)
    {
        var admin = AdminToken(tenant);
        personId ??= "staff-" + new string(subject.TakeWhile(c => c != '@').Where(char.IsAsciiLetterOrDigit).ToArray());
        var registered = await client.PostAsync(Path(tenant), "mutation($in: RegisterPersonInput!) { registerPerson(input: $in) { id } }",
            new { @in = new { id = personId, displayName = "Staff " + subject, organizationId = unit } }, admin);
        if (registered.FirstCode != "ALREADY_EXISTS")
        {
            registered.EnsureNoErrors();
            (await client.PostAsync(Path(tenant), "mutation($p: ID!) { breakTheGlass(entity: PERSON, id: $p, reason: \"give the staff member their login\", minutes: 5) { until } }",
                new { p = personId }, admin)).EnsureNoErrors();
            (await client.PostAsync(Path(tenant), "mutation($p: ID!, $s: String) { setQualifications(personId: $p, qualifications: [], staffSubject: $s) { id } }",
                new { p = personId, s = subject }, admin)).EnsureNoErrors();
        }

        (await client.PostAsync(Path(tenant), "mutation($o: ID!, $p: ID!, $r: String!) { addOrganizationMember(organizationId: $o, personId: $p, role: $r) { id } }",
            new { o = unit, p = personId, r = roleCode }, admin)).EnsureNoErrors();
        return personId;
    }

    public async Task RegisterAsync(string tenant, string id, string organizationId, string sex = "FEMALE")
    {
        (await client.PostAsync(Path(tenant), "mutation($in: RegisterPersonInput!) { registerPerson(input: $in) { id } }",
            new { @in = new { id, displayName = "Person " + id, organizationId, sex, birthYear = 2012, targetGroups = new[] { "student" } } },
            CounsellorToken(tenant))).EnsureNoErrors();
    }

    public async Task<string> ReportAsync(string tenant, string personId, string risk)
    {
        var response = await client.PostAsync(Path(tenant), "mutation($in: ReportConcernInput!) { reportConcern(input: $in) { id } }",
            new { @in = new { personId, summary = "Concern about " + personId, riskLevel = risk } }, CounsellorToken(tenant));
        return response.EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();
    }

    public async Task FireAsync(string tenant, string mutation, string caseId, string arguments = "")
    {
        (await client.PostAsync(Path(tenant), $"mutation {{ {mutation}(id: \"{caseId}\"{arguments}) {{ id }} }}", token: CounsellorToken(tenant)))
            .EnsureNoErrors();
    }

    public string AuditorToken(string tenant) => settings.Token("auditor@" + tenant, tenant, Roles.Auditor);

    /// <summary>
    /// Opens a person's record to the counsellor outside need-to-know (break the glass, 60 minutes, audited): people
    /// without an open case of the counsellor's are otherwise FORBIDDEN to read. The grant is grain state, so it
    /// survives a restart too.
    /// </summary>
    public async Task BreakTheGlassAsync(string tenant, string personId)
    {
        (await client.PostAsync(Path(tenant),
            $"mutation {{ breakTheGlass(entity: PERSON, id: \"{personId}\", reason: \"durability test reads every record\", minutes: 60) {{ until }} }}",
            token: CounsellorToken(tenant))).EnsureNoErrors();
    }

    /// <summary>The tenant's whole audit log, as the Auditor reads it (reading it is audited too).</summary>
    public async Task<JsonArray> AuditLogAsync(string tenant) =>
        await AllPagesAsync(tenant, "auditLog", "", "sequence at actor action entityType entityId fields purpose reason previousHash hash", AuditorToken(tenant), 100);

    /// <summary>The Auditor's verification of the tenant's hash chain.</summary>
    public async Task<JsonNode> VerifyAuditChainAsync(string tenant) =>
        (await client.PostAsync(Path(tenant), "{ verifyAuditChain { intact checked brokenAt problem } }", token: AuditorToken(tenant)))
        .EnsureNoErrors().Data!["verifyAuditChain"]!.DeepClone();

    /// <summary>The ids of a case's tasks by kind (GraphQL enum name).</summary>
    public async Task<Dictionary<string, string>> TasksAsync(string tenant, string caseId)
    {
        var response = await client.PostAsync(Path(tenant), $"{{ case(id: \"{caseId}\") {{ tasks {{ id kind }} }} }}", token: CounsellorToken(tenant));
        return response.EnsureNoErrors().Data!["case"]!["tasks"]!.AsArray()
            .GroupBy(t => t!["kind"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.First()!["id"]!.GetValue<string>());
    }

    /// <summary>
    /// Everything the API shows of a tenant, in a stable order: the tenant, every organization, every person and
    /// case row (paged two at a time through the read side), filtered case lists, and each case and person in full.
    /// </summary>
    public async Task<JsonObject> SnapshotAsync(string tenant, bool listsOnly = false)
    {
        var token = CounsellorToken(tenant);
        var snapshot = new JsonObject
        {
            ["organizations"] = (await client.PostAsync(Path(tenant),
                "{ organizations { id name kind parentId escalationLevel status } }", token: token)).EnsureNoErrors().Data!["organizations"]!.DeepClone(),
            ["people"] = await AllPagesAsync(tenant, "people", "", "id displayName organizationId", token),
            ["cases"] = await AllPagesAsync(tenant, "cases", "", "id personId organizationId status riskLevel escalationLevel assigneeId reportedAt updatedAt", token),
            ["openCases"] = await AllPagesAsync(tenant, "cases", "filter: { open: true }, ", "id", token),
            ["highRiskCases"] = await AllPagesAsync(tenant, "cases", "filter: { riskLevel: HIGH }, ", "id", token),
            ["myTasks"] = await AllPagesAsync(tenant, "myTasks", "", TaskSelection, token),
            ["overdueTasks"] = await AllPagesAsync(tenant, "overdueTasks", "", TaskSelection, token),
        };
        if (listsOnly)
        {
            return snapshot;
        }

        snapshot["tenant"] = (await client.PostAsync("/graphql", $"{{ tenant(id: \"{tenant}\") {{ id name kind status parentId adminSubjects }} }}",
            token: PlatformToken)).EnsureNoErrors().Data!["tenant"]!.DeepClone();
        var cases = new JsonObject();
        foreach (var row in snapshot["cases"]!.AsArray())
        {
            var id = row!["id"]!.GetValue<string>();
            cases[id] = (await client.PostAsync(Path(tenant),
                $"{{ case(id: \"{id}\") {{ id personId status riskLevel escalationLevel assigneeId summary reportedBy reportedAt updatedAt availableActions " +
                "visitEveryHours nextVisitDue timeline { at actor action fromStatus toStatus reason } " +
                "tasks { id kind ownerId status createdAt dueAt escalationCount escalatedAt originalOwnerId closedAt closedBy note } " +
                "notifications { at to message } referrals { id institution reason status proposedAt proposedBy } } }", token: token)).EnsureNoErrors().Data!["case"]!.DeepClone();
        }

        snapshot["caseDetails"] = cases;
        var people = new JsonObject();
        foreach (var row in snapshot["people"]!.AsArray())
        {
            var id = row!["id"]!.GetValue<string>();
            people[id] = (await client.PostAsync(Path(tenant),
                $"{{ person(id: \"{id}\") {{ id displayName organizationId sex birthYear targetGroups registeredAt consents {{ purpose status givenBy recordedBy }} }} }}",
                token: token)).EnsureNoErrors().Data!["person"]!.DeepClone();
        }

        snapshot["personDetails"] = people;
        return snapshot;
    }

    private async Task<JsonArray> AllPagesAsync(string tenant, string field, string arguments, string selection, string token, int pageSize = 2)
    {
        var rows = new JsonArray();
        string? after = null;
        for (var page = 0; page < 100; page++)
        {
            var afterArgument = after is null ? "" : $", after: \"{after}\"";
            var response = await client.PostAsync(Path(tenant),
                $"{{ {field}({arguments}first: {pageSize}{afterArgument}) {{ nodes {{ {selection} }} pageInfo {{ hasNextPage endCursor }} }} }}", token: token);
            var connection = response.EnsureNoErrors().Data![field]!;
            foreach (var node in connection["nodes"]!.AsArray())
            {
                rows.Add(node!.DeepClone());
            }

            if (!connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
            {
                return rows;
            }

            after = connection["pageInfo"]!["endCursor"]!.GetValue<string>();
        }

        throw new InvalidOperationException($"{field} of {tenant} has more than 100 pages.");
    }
}
