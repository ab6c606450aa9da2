using System.Text;
using CareGrid.Grains.Audit;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CareGrid.Tests.Security;

/// <summary>
/// The access matrix, generated from the schema: every root query field and mutation, called as each role of
/// the tenant, as a user of another tenant and with no token, must be allowed or denied exactly as the table
/// below says; a denied call returns no data for the field and leaves exactly one DENIED audit record (and an allowed
/// one none). A field missing from the table fails the test, so a
/// new field cannot ship without a decision.
/// </summary>
[Trait("tier", "api")]
public sealed class AccessMatrixShould(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] TenantRoles = Roles.All.Where(r => r != Roles.PlatformAdmin).ToArray();
    private static readonly string[] Staff = [Roles.TenantAdmin, Roles.Supervisor, Roles.Coordinator, Roles.Counsellor, Roles.Clinician, Roles.Caseworker];
    private static readonly string[] StaffAndVolunteer = [.. Staff, Roles.Volunteer];
    private static readonly string[] Reporters = [.. Staff, Roles.Reporter, Roles.Volunteer];
    private static readonly string[] Everyone = [.. Roles.All];
    private static readonly string[] Platform = [Roles.PlatformAdmin];
    private static readonly string[] Admin = [Roles.TenantAdmin];
    private static readonly string[] AuditorOnly = [Roles.Auditor];

    /// <summary>Who may call each root field on a tenant route. "anonymous" marks fields open without a token.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Query.me"] = [.. Everyone, "anonymous"],
        ["Query.tenant"] = Everyone,
        ["Query.tenants"] = Platform,
        ["Query.organization"] = TenantRoles,
        ["Query.organizations"] = TenantRoles,
        ["Query.protocolSettings"] = TenantRoles,
        ["Query.person"] = Staff,
        ["Query.people"] = Staff,
        ["Query.case"] = Staff,
        ["Query.cases"] = Staff,
        ["Query.myTasks"] = StaffAndVolunteer,
        ["Query.overdueTasks"] = [Roles.Supervisor, Roles.TenantAdmin, Roles.Coordinator, Roles.Counsellor, Roles.Clinician],
        ["Query.auditLog"] = AuditorOnly,
        ["Query.verifyAuditChain"] = AuditorOnly,
        ["Query.exportPerson"] = Admin,
        // Screenings as FHIR R4 for case staff; need-to-know and consent INFORMATION_SHARING are checked after (docs/fhir.md).
        ["Query.screeningsFhir"] = Staff,
        // Signed webhooks: the TenantAdmin only (docs/webhooks.md).
        ["Query.webhooks"] = Admin,
        ["Query.webhookDeliveries"] = Admin,
        ["Query.webhookDeadLetters"] = Admin,
        ["Mutation.registerWebhook"] = Admin,
        ["Mutation.updateWebhook"] = Admin,
        ["Mutation.rotateWebhookSecret"] = Admin,
        ["Mutation.deleteWebhook"] = Admin,
        ["Mutation.replayWebhookEvent"] = Admin,
        // Receipts for reporters: every role that may report (docs/access.md "Receipts for reporters").
        ["Query.myReports"] = Reporters,
        // The crisis-word check before a report is sent: every role that may report (docs/protocol.md "Crisis words").
        ["Query.crisisWords"] = Reporters,
        // Supervision statistics: whole tenant for TenantAdmin, Supervisor, Auditor; a Coordinator its units (docs/statistics.md).
        ["Query.statistics"] = [Roles.TenantAdmin, Roles.Supervisor, Roles.Auditor, Roles.Coordinator, Roles.Counsellor],
        ["Query.overdueBoard"] = [Roles.TenantAdmin, Roles.Supervisor, Roles.Auditor, Roles.Coordinator, Roles.Counsellor],
        // The roll-up of sharing descendants: the parent's supervisors and admin; the switch: the child's admin (docs/statistics.md "Roll-up").
        ["Query.statisticsRollUp"] = [Roles.Supervisor, Roles.TenantAdmin],
        ["Mutation.setStatisticsSharing"] = Admin,
        ["Mutation.onboardTenant"] = Platform,
        ["Mutation.offboardTenant"] = Platform,
        ["Mutation.exportTenant"] = Platform,
        ["Mutation.deleteTenant"] = Platform,
        ["Mutation.suspendTenant"] = Platform,
        ["Mutation.reactivateTenant"] = Platform,
        ["Mutation.createOrganization"] = Admin,
        ["Mutation.setProtocolDeadline"] = Admin,
        ["Mutation.setWorkingCalendar"] = Admin,
        ["Mutation.setAgeOfConsent"] = Admin,
        ["Mutation.registerPerson"] = Staff,
        ["Mutation.recordConsent"] = Staff,
        ["Mutation.recordGuardianAgreement"] = Staff,
        ["Mutation.reportConcern"] = Reporters,
        ["Mutation.triageCase"] = Staff,
        ["Mutation.activateCase"] = Staff,
        ["Mutation.startIntervention"] = Staff,
        ["Mutation.startFollowUp"] = Staff,
        ["Mutation.closeCase"] = Staff,
        ["Mutation.reopenCase"] = Staff,
        ["Mutation.assessRisk"] = Staff,
        ["Mutation.escalateCase"] = Staff,
        ["Mutation.takeCase"] = [Roles.Coordinator, Roles.Counsellor, Roles.Clinician], // docs/protocol.md "How a concern travels"
        ["Mutation.requestProfessionalReview"] = StaffAndVolunteer,
        ["Mutation.recordScreening"] = Staff,
        ["Mutation.logContact"] = StaffAndVolunteer,
        ["Mutation.scheduleFollowUp"] = StaffAndVolunteer,
        ["Mutation.completeTask"] = StaffAndVolunteer,
        ["Mutation.cancelTask"] = Staff,
        ["Mutation.proposeReferral"] = Staff,
        ["Mutation.sendReferral"] = Staff,
        ["Mutation.acceptReferral"] = Staff,
        ["Mutation.declineReferral"] = Staff,
        ["Mutation.completeReferral"] = Staff,
        ["Mutation.breakTheGlass"] = Staff,
        // Directory: structure and imports by TenantAdmin, people by case staff, census organized by levels 2–3.
        ["Query.jurisdiction"] = TenantRoles,
        ["Query.jurisdictionTemplates"] = Everyone,
        ["Query.organizationHealth"] = [Roles.TenantAdmin, Roles.Supervisor, Roles.Coordinator],
        ["Query.importStatus"] = Admin,
        ["Query.censusProgress"] = Staff,
        ["Mutation.applyJurisdictionTemplate"] = Admin,
        ["Mutation.activateOrganization"] = Admin,
        ["Mutation.suspendOrganization"] = Admin,
        ["Mutation.closeOrganization"] = Admin,
        ["Mutation.setResponsiblePerson"] = Admin,
        ["Mutation.addOrganizationMember"] = Admin,
        ["Mutation.removeOrganizationMember"] = Admin,
        ["Mutation.reassignWork"] = [Roles.TenantAdmin, Roles.Coordinator],
        ["Mutation.importRoster"] = Admin,
        ["Mutation.updatePerson"] = Staff,
        ["Mutation.setTargetGroup"] = Staff,
        ["Mutation.setPersonContacts"] = Staff,
        ["Mutation.changeMonitoringLevel"] = Staff,
        ["Mutation.setQualifications"] = Admin,
        ["Mutation.startCensusRound"] = [Roles.TenantAdmin, Roles.Supervisor, Roles.Coordinator, Roles.Counsellor, Roles.Clinician],
        ["Mutation.recordCensus"] = Staff,
        ["Mutation.openCaseFromCensus"] = Staff,
        ["Mutation.closeCensusRound"] = [Roles.TenantAdmin, Roles.Supervisor, Roles.Coordinator, Roles.Counsellor, Roles.Clinician],
        // Intake channels (docs/intake.md): whoever answers a line logs the call; appointments to the counselling centre, managed at level 3.
        ["Query.call"] = Reporters, ["Query.calls"] = Reporters, ["Mutation.logCall"] = Reporters, ["Mutation.convertCallToConcern"] = Reporters,
        ["Query.appointment"] = Staff, ["Query.appointments"] = Staff, ["Mutation.requestAppointment"] = Staff, ["Mutation.cancelAppointment"] = Staff,
        ["Mutation.scheduleAppointment"] = [Roles.Counsellor, Roles.Clinician], ["Mutation.recordAppointmentOutcome"] = [Roles.Counsellor, Roles.Clinician],
        ["Mutation.recordDischarge"] = Staff, // docs/discharge.md: the hospital's members (checked by the service) or TenantAdmin
        ["Mutation.recordDischargeStep"] = Staff,
        // Group-crisis warning (R-4.5, docs/group-crisis.md): alerts to the leadership group, the rule by the TenantAdmin.
        ["Query.groupCrisisAlerts"] = [Roles.Supervisor, Roles.TenantAdmin],
        ["Mutation.acknowledgeGroupCrisisAlert"] = [Roles.Supervisor],
        ["Mutation.setGroupCrisisRule"] = Admin,
        ["Query.scoreTrajectory"] = Staff, // the person's need-to-know, as person(id) (docs/trajectories.md)
        ["Mutation.setTrajectoryReviewWeeks"] = Admin,
        ["Query.aidRequests"] = Staff, // the case's need-to-know (docs/aid.md)
        ["Query.aidByProvider"] = [Roles.TenantAdmin, Roles.Supervisor, Roles.Auditor, Roles.Coordinator],
        ["Mutation.proposeAidRequest"] = Staff,
        ["Mutation.sendAidRequest"] = Staff,
        ["Mutation.recordAidProvided"] = Staff,
        ["Mutation.declineAidRequest"] = Staff,
        // Visits and the special-groups ledger: case staff, narrowed to their units (docs/visits.md).
        ["Query.visits"] = Staff, ["Query.visitCoverage"] = Staff, ["Query.specialGroupsLedger"] = Staff, ["Mutation.logVisit"] = Staff, ["Mutation.setSpecialGroups"] = Staff,
        // The guardians and parents of the three knows: case staff, narrowed to their units (docs/visits.md, R-6.2).
        ["Query.familyContacts"] = Staff, ["Mutation.setFamilyContacts"] = Staff,
        ["Query.mailboxThreads"] = [Roles.Counsellor, Roles.Clinician], // docs/mailbox.md, R-5.2
        ["Query.mailboxThread"] = [Roles.Counsellor, Roles.Clinician],
        ["Mutation.replyToMailboxThread"] = [Roles.Counsellor, Roles.Clinician],
        ["Mutation.closeMailboxThread"] = [Roles.Counsellor, Roles.Clinician],
        // Activity plans (R-7.1) and the hazard ledger (R-7.6): planners plan; owners (Caseworkers too) work; the unit's scope decides (docs/activities.md).
        ["Query.activities"] = [.. Staff, Roles.Auditor],
        ["Query.hazardLedger"] = [.. Staff, Roles.Auditor],
        ["Mutation.addActivity"] = [Roles.TenantAdmin, Roles.Supervisor, Roles.Coordinator, Roles.Counsellor, Roles.Clinician],
        ["Mutation.createActivityPlanFromTemplate"] = [Roles.TenantAdmin, Roles.Supervisor, Roles.Coordinator, Roles.Counsellor, Roles.Clinician],
        ["Mutation.setActivityStatus"] = Staff,
        ["Mutation.addActivityEvidence"] = Staff,
        ["Mutation.recordHazard"] = Staff,
        ["Mutation.markHazardFixed"] = Staff,
        ["Mutation.convertMailboxThreadToConcern"] = [Roles.Counsellor, Roles.Clinician],
        // The console's sign-in (docs/console.md): open without a token; developmentSignIn only while Auth:Authority is empty.
        ["Query.signInOptions"] = [.. Everyone, "anonymous"],
        ["Mutation.developmentSignIn"] = [.. Everyone, "anonymous"],
    };

    private static readonly HashSet<string> DenialCodes = ["UNAUTHENTICATED", "FORBIDDEN", "TENANT_REQUIRED"];

    private readonly CareGridApiFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Allow_and_deny_every_root_field_exactly_as_the_table_says()
    {
        var client = _factory.GraphQL();
        var schema = _factory.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var fields = schema.Query.Fields.Select(f => ("Query", f)).Concat(schema.Mutation!.Fields.Select(f => ("Mutation", f)))
            .Where(x => !x.f.Name.StartsWith("__", StringComparison.Ordinal)).ToList();

        var missing = fields.Select(x => $"{x.Item1}.{x.f.Name}").Where(n => !Allowed.ContainsKey(n)).ToList();
        Assert.True(missing.Count == 0, "Fields without an access decision in the matrix: " + string.Join(", ", missing));

        var callers = new List<(string Name, string? Token)> { ("anonymous", null), ("other-tenant", _factory.Token("demo-town", Roles.TenantAdmin, Roles.Counsellor, Roles.Auditor)) };
        callers.AddRange(Roles.All.Select(r => (r, (string?)(r == Roles.PlatformAdmin ? _factory.Token(null, r) : _factory.TokenFor($"matrix-{r.ToLowerInvariant()}@demo-school", "demo-school", r)))));

        var failures = new List<string>();
        var cellsAudited = new List<(string Operation, string Cell, bool Refused, bool OtherTenant)>();
        var cells = 0;
        foreach (var (kind, field) in fields)
        {
            var name = $"{kind}.{field.Name}";
            foreach (var (caller, token) in callers)
            {
                cells++;
                // Each cell is its own named operation, so its audit record can be found by name.
                var operation = $"Cell{cells}";
                var document = (kind == "Mutation" ? "mutation " : "query ") + operation + " { " + field.Name + Arguments(field) + Selection(field.ResolvedType!) + " }";
                var response = await client.PostAsync("/t/demo-school/graphql", document, token: token, accept: "application/json", operationName: operation);
                var code = response.FirstCode;
                // A need-to-know refusal means the role passed and the relationship check ran (tested in NeedToKnowShould).
                var relationship = response.Errors?[0]?["extensions"]?["rule"]?.GetValue<string>() == "need-to-know";
                var denied = code is not null && DenialCodes.Contains(code) && !relationship;
                var expectAllowed = caller != "other-tenant" && Allowed[name].Contains(caller);
                if (expectAllowed == denied)
                {
                    failures.Add($"{name} as {caller}: expected {(expectAllowed ? "allow" : "deny")}, got {code ?? "data"}: {response.Body?.ToJsonString()[..Math.Min(200, response.Body?.ToJsonString().Length ?? 0)]}");
                }

                if ((denied || relationship) && response.Data?[field.Name] is { } leaked)
                {
                    failures.Add($"{name} as {caller}: denied but returned data {leaked.ToJsonString()}");
                }

                if ((int)response.Status >= 500)
                {
                    failures.Add($"{name} as {caller}: server error {(int)response.Status}");
                }

                // Every refusal is one record: of access, of a safety guard or of the cell's placeholder input alike, but a
                // PlatformAdmin's unknown tenant id in a field (docs/audit-refusals.md).
                cellsAudited.Add((operation, $"{name} as {caller}", CareGrid.GraphApi.Audit.RefusalNotes.IsRefusal(code) && code != "TENANT_NOT_FOUND", caller == "other-tenant"));
            }
        }

        failures.AddRange(await UnauditedAsync(cellsAudited));

        output.WriteLine($"{fields.Count} fields × {callers.Count} callers = {cells} cells checked");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>
    /// The organization dimension of the case fields (need-to-know by organization, docs/access.md): the same role in the
    /// case's unit and in another unit (or in none). The case is the demo school's case-school-1 (class 8-1), raised to HIGH
    /// so it is at level 3, owned by queue:level-3 with the R-1.10 tasks, then past their deadlines.
    /// </summary>
    [Fact]
    public async Task Open_the_case_fields_to_a_caller_of_the_cases_unit_and_refuse_a_caller_of_another_unit()
    {
        var client = _factory.GraphQL();
        const string tenant = "demo-school";
        var admin = _factory.TokenFor("admin@" + tenant, tenant, Roles.TenantAdmin);
        foreach (var (id, kind, parent) in new[] { ("grade-9", "GRADE", "school"), ("class-9-1", "CLASS", "grade-9") })
        {
            (await client.PostAsync($"/t/{tenant}/graphql", "mutation($in: CreateOrganizationInput!) { createOrganization(input: $in) { id } }",
                new { @in = new { id, name = id, kind, parentId = parent } }, admin)).EnsureNoErrors();
        }

        var members = new (string Sub, string Unit, string RoleCode)[]
        {
            ("org-in-coordinator", "grade-8", "GradeLeader"), ("org-out-coordinator", "grade-9", "GradeLeader"),
            ("org-in-counsellor", "counselling-centre", "PsychologyTeacher"),
            ("org-in-caseworker", "class-8-1", "HomeroomTeacher"), ("org-out-caseworker", "class-9-1", "HomeroomTeacher"),
            ("org-in-supervisor", "leadership", "LeadershipGroupLeader"),
        };
        foreach (var (sub, unit, code) in members)
        {
            await StaffMembers.AddAsync(_factory, client, tenant, sub, unit, code, "RelevantDegree", "CounsellingCertificate");
        }

        const string caseId = "case-school-1";
        (await client.PostAsync($"/t/{tenant}/graphql", $"mutation {{ assessRisk(id: \"{caseId}\", riskLevel: HIGH, reason: \"talks of ending it\") {{ id }} }}",
            token: _factory.TokenFor("homeroom-8-1@demo-school", tenant, Roles.Caseworker))).EnsureNoErrors();

        // (caller, role, case(id) opens, listed in cases, its tasks in myTasks, its tasks in overdueTasks); null: the role may not call the field.
        var expectations = new (string Sub, string Role, bool Case, bool Cases, bool? MyTasks, bool? Overdue)[]
        {
            ("org-in-coordinator", Roles.Coordinator, true, true, false, true),
            ("org-out-coordinator", Roles.Coordinator, false, false, false, false),
            ("org-in-counsellor", Roles.Counsellor, true, true, true, true),
            ("org-none-counsellor", Roles.Counsellor, false, false, false, false),
            ("org-in-caseworker", Roles.Caseworker, false, true, false, null),
            ("org-out-caseworker", Roles.Caseworker, false, false, false, null),
            ("org-in-supervisor", Roles.Supervisor, false, true, false, true),
            ("org-none-supervisor", Roles.Supervisor, false, false, false, false),
        };
        var failures = new List<string>();
        foreach (var (sub, role, opens, listed, mine, overdue) in expectations)
        {
            var token = _factory.TokenFor(sub, tenant, role);
            var one = await client.PostAsync($"/t/{tenant}/graphql", $"{{ case(id: \"{caseId}\") {{ id }} }}", token: token);
            if (opens != (one.Errors is null && one.Data?["case"]?["id"] is not null))
            {
                failures.Add($"case as {sub}: expected {(opens ? "open" : "FORBIDDEN")}, got {one.Body?.ToJsonString()}");
            }

            if (!opens && (one.FirstCode != "FORBIDDEN" || one.Data?["case"] is not null))
            {
                failures.Add($"case as {sub}: refused without FORBIDDEN or with data: {one.Body?.ToJsonString()}");
            }

            await ExpectListedAsync(client, token, sub, "cases", listed, failures);
            await ExpectListedAsync(client, token, sub, "myTasks", mine, failures);
        }

        _factory.Clock.Advance(TimeSpan.FromDays(4)); // past the R-1.10 deadlines; overdue tasks may then move up a queue
        foreach (var (sub, role, _, _, _, overdue) in expectations)
        {
            await ExpectListedAsync(client, _factory.TokenFor(sub, tenant, role), sub, "overdueTasks", overdue, failures);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Adds a failure unless list <paramref name="field"/> for the caller holds case-school-1 exactly when <paramref name="expected"/> (null: not asked).</summary>
    private static async Task ExpectListedAsync(GraphQLClient client, string token, string sub, string field, bool? expected, List<string> failures)
    {
        if (expected is null)
        {
            return;
        }

        var idField = field == "cases" ? "id" : "caseId";
        var rows = (await client.PostAsync("/t/demo-school/graphql", $"{{ {field}(first: 100) {{ nodes {{ {idField} }} }} }}", token: token)).EnsureNoErrors();
        if (rows.Data![field]!["nodes"]!.AsArray().Any(n => n![idField]!.GetValue<string>() == "case-school-1") != expected)
        {
            failures.Add($"{field} as {sub}: expected case-school-1 {(expected == true ? "listed" : "absent")}");
        }
    }

    /// <summary>
    /// Every refused cell left exactly one DENIED record in the route's tenant (a probe from another tenant names the
    /// caller's tenant), and no other cell left one (docs/audit-refusals.md).
    /// </summary>
    private async Task<List<string>> UnauditedAsync(List<(string Operation, string Cell, bool Refused, bool OtherTenant)> cells)
    {
        var denied = new Dictionary<string, List<AuditRecord>>(StringComparer.Ordinal);
        await foreach (var record in _factory.Services.GetRequiredService<IAuditStore>().ReadAllAsync("demo-school"))
        {
            foreach (var tag in record.Action == "DENIED" ? record.Fields.Where(f => f.StartsWith("operation:Cell", StringComparison.Ordinal)) : [])
            {
                (denied.TryGetValue(tag, out var list) ? list : denied[tag] = []).Add(record);
            }
        }

        var failures = new List<string>();
        foreach (var (operation, cell, refused, otherTenant) in cells)
        {
            var records = denied.GetValueOrDefault("operation:" + operation) ?? [];
            if (records.Count != (refused ? 1 : 0))
            {
                failures.Add($"{cell}: {(refused ? "refused" : "not refused")} but {records.Count} DENIED audit records");
            }
            else if (refused && otherTenant && records[0].Refusal?.CallerTenant != "demo-town")
            {
                failures.Add($"{cell}: the DENIED record does not name the caller's tenant demo-town");
            }
        }

        return failures;
    }

    /// <summary>Placeholder arguments for every non-null argument: ids that exist nowhere, valid scalars.</summary>
    private static string Arguments(FieldType field)
    {
        var parts = field.Arguments?.Where(a => a.ResolvedType is NonNullGraphType).Select(a => $"{a.Name}: {Value(a.ResolvedType!, a.Name)}").ToList() ?? [];
        return parts.Count == 0 ? "" : "(" + string.Join(", ", parts) + ")";
    }

    private static string Value(IGraphType type, string name)
    {
        var inner = type is NonNullGraphType nn ? nn.ResolvedType! : type;
        return inner switch
        {
            ListGraphType list => "[" + Value(list.ResolvedType!, name) + "]",
            EnumerationGraphType e => e.Values.First().Name,
            IdGraphType => name == "id" && inner.Name == "ID" ? "\"matrix-probe\"" : "\"matrix-probe\"",
            IntGraphType => name is "level" ? "3" : name is "durationMinutes" ? "5" : "1",
            BooleanGraphType => "true",
            DateOnlyGraphType => "\"2026-12-01\"",
            DateTimeOffsetGraphType => "\"2027-01-01T00:00:00Z\"",
            IInputObjectGraphType input => "{ " + string.Join(", ", input.Fields.Where(f => f.ResolvedType is NonNullGraphType).Select(f => $"{f.Name}: {Value(f.ResolvedType!, f.Name)}")) + " }",
            _ => name == "reason" ? "\"matrix probe reason text\"" : "\"matrix-probe\"",
        };
    }

    private static string Selection(IGraphType type)
    {
        var inner = type;
        while (inner is NonNullGraphType or ListGraphType)
        {
            inner = inner is NonNullGraphType nn ? nn.ResolvedType! : ((ListGraphType)inner).ResolvedType!;
        }

        return inner is IComplexGraphType ? " { __typename }" : "";
    }
}
