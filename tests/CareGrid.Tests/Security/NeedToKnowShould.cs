using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Security;

/// <summary>Need-to-know and break-the-glass through GraphQL (R-1.1, R-3.7; docs/architecture.md "Security and privacy").</summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class NeedToKnowShould(CareGridApiFactory factory)
{
    private readonly GraphQLClient _client = factory.GraphQL();
    private const string Path = "/t/demo-school/graphql";

    private async Task<string> NewLevel1CaseAsync(string reporter)
    {
        // A student of their own: a concern about a student with an open case joins that case (docs/idempotency.md). The
        // reporter is the homeroom teacher of the student's class, so they stay on the case they report (RT17-7).
        await StaffMembers.DemoSchoolHomeroomAsync(factory, _client, reporter);
        var token = factory.TokenFor(reporter, "demo-school", Roles.Caseworker);
        var student = "ntk-" + Guid.NewGuid().ToString("N")[..12];
        (await _client.PostAsync(Path, $"mutation {{ registerPerson(input: {{ id: \"{student}\", displayName: \"Student\", organizationId: \"class-8-1\" }}) {{ id }} }}", token: token)).EnsureNoErrors();
        var caseId = (await _client.PostAsync(Path, $"mutation {{ reportConcern(input: {{ personId: \"{student}\", summary: \"Quarrels at home, cries in class\" }}) {{ id }} }}", token: token))
            .EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();

        // The school's intake rule gives a new concern to the level-3 queue (docs/protocol.md); the homeroom teacher keeps
        // this one, so it stays at level 1 with a named owner and no queue reaches it.
        (await _client.PostAsync(Path, $"mutation {{ triageCase(id: \"{caseId}\") {{ id }} }}", token: token)).EnsureNoErrors();
        (await _client.PostAsync(Path, $"mutation {{ activateCase(id: \"{caseId}\", assigneeId: \"{reporter}\") {{ id }} }}", token: token)).EnsureNoErrors();
        return caseId;
    }

    [Fact]
    public async Task Refuse_a_level_3_professional_outside_the_chain_with_FORBIDDEN_and_no_data_and_audit_it()
    {
        var caseId = await NewLevel1CaseAsync("homeroom-a@demo-school");
        var outsider = factory.TokenFor("psych-outsider@demo-school", "demo-school", Roles.Counsellor);
        var response = await _client.PostAsync(Path, $"{{ case(id: \"{caseId}\") {{ summary timeline {{ reason }} }} }}", token: outsider);
        Assert.Equal("FORBIDDEN", response.FirstCode);
        Assert.Equal("need-to-know", response.Errors![0]!["extensions"]!["rule"]!.GetValue<string>());
        Assert.Null(response.Data?["case"]);
        Assert.DoesNotContain("Quarrels", response.Body!.ToJsonString());

        // Another homeroom teacher is outside the chain too, for reads and for writes.
        var otherTeacher = factory.TokenFor("homeroom-b@demo-school", "demo-school", Roles.Caseworker);
        Assert.Equal("FORBIDDEN", (await _client.PostAsync(Path, $"mutation {{ triageCase(id: \"{caseId}\") {{ status }} }}", token: otherTeacher)).FirstCode);

        var auditor = factory.TokenFor("auditor@demo-school", "demo-school", Roles.Auditor);
        var log = await _client.PostAsync(Path, $"{{ auditLog(filter: {{ action: \"DENIED\", entityId: \"{caseId}\" }}, first: 10) {{ nodes {{ actor purpose }} }} }}", token: auditor);
        var actors = log.EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray().Select(n => n!["actor"]!.GetValue<string>()).ToList();
        Assert.Contains("psych-outsider@demo-school", actors);
        Assert.Contains("homeroom-b@demo-school", actors);
    }

    [Fact]
    public async Task Open_a_record_by_breaking_the_glass_with_a_reason_until_the_grant_expires()
    {
        var caseId = await NewLevel1CaseAsync("homeroom-c@demo-school");
        var duty = factory.TokenFor("duty-psych@demo-school", "demo-school", Roles.Counsellor);
        var noReason = await _client.PostAsync(Path, $"mutation {{ breakTheGlass(entity: CASE, id: \"{caseId}\", reason: \"urgent\") {{ until }} }}", token: duty);
        Assert.Equal("VALIDATION_FAILED", noReason.FirstCode);

        var granted = await _client.PostAsync(Path, $"mutation {{ breakTheGlass(entity: CASE, id: \"{caseId}\", reason: \"night duty: mother called the hotline in panic\", minutes: 30) {{ until subject }} }}", token: duty);
        var until = granted.EnsureNoErrors().Data!["breakTheGlass"]!["until"]!.GetValue<DateTimeOffset>();
        Assert.Equal(factory.Clock.GetUtcNow().AddMinutes(30), until);
        (await _client.PostAsync(Path, $"{{ case(id: \"{caseId}\") {{ summary }} }}", token: duty)).EnsureNoErrors();

        factory.Clock.Advance(TimeSpan.FromMinutes(31));
        var expired = await _client.PostAsync(Path, $"{{ case(id: \"{caseId}\") {{ summary }} }}", token: duty);
        Assert.Equal("FORBIDDEN", expired.FirstCode);

        var auditor = factory.TokenFor("auditor@demo-school", "demo-school", Roles.Auditor);
        var log = await _client.PostAsync(Path, $"{{ auditLog(filter: {{ action: \"BREAK_THE_GLASS\", entityId: \"{caseId}\" }}) {{ nodes {{ actor reason entityType }} }} }}", token: auditor);
        var record = log.EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray().Single()!;
        Assert.Equal("duty-psych@demo-school", record["actor"]!.GetValue<string>());
        Assert.Equal("night duty: mother called the hotline in panic", record["reason"]!.GetValue<string>());
        Assert.Equal("Case", record["entityType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Show_a_persons_sensitive_fields_only_through_a_grant_or_an_open_case_not_by_reporting_one()
    {
        var outsider = factory.TokenFor("counsellor-x@demo-school", "demo-school", Roles.Counsellor);
        var refused = await _client.PostAsync(Path, "{ person(id: \"student-003\") { birthYear consents { purpose status } } }", token: outsider);
        Assert.Equal("FORBIDDEN", refused.FirstCode);
        Assert.Null(refused.Data?["person"]);

        var list = await _client.PostAsync(Path, "{ people(first: 5) { nodes { id displayName } } }", token: outsider);
        list.EnsureNoErrors();

        // Reporting a case about the person opens the report to the reporter, not the person's record (docs/access.md "Receipts for reporters").
        (await _client.PostAsync(Path, "mutation { reportConcern(input: { personId: \"student-003\", summary: \"Grieving a relative\" }) { id } }", token: outsider)).EnsureNoErrors();
        Assert.Equal("FORBIDDEN", (await _client.PostAsync(Path, "{ person(id: \"student-003\") { birthYear consents { purpose status } } }", token: outsider)).FirstCode);
        (await _client.PostAsync(Path, "mutation { breakTheGlass(entity: PERSON, id: \"student-003\", reason: \"night duty: the guardian called the hotline\") { until } }", token: outsider)).EnsureNoErrors();
        var allowed = await _client.PostAsync(Path, "{ person(id: \"student-003\") { birthYear consents { purpose status } } }", token: outsider);
        Assert.Equal(2015, allowed.EnsureNoErrors().Data!["person"]!["birthYear"]!.GetValue<int>());
    }
}
