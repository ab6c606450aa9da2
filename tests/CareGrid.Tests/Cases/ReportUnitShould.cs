using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Cases;

/// <summary>
/// A report files its case under the person's unit or a unit within it, never elsewhere (R-1.10, R-4.3; docs/access.md
/// "Need-to-know by organization"; round 16 red-team finding F9): the queue and level paths and the lists reach a case only
/// through its unit, so a HIGH or IMMINENT case filed under a unit the person's level-3 professionals do not cover would be
/// escalated to <c>queue:level-3</c> where none of them could open it. A report naming such a unit is refused
/// <c>VALIDATION_FAILED</c> (<c>field</c> <c>organizationId</c>, <c>rule</c> <c>report-unit</c>), bilingual, and records nothing.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class ReportUnitShould(CareGridApiFactory factory)
{
    private const string District = "/t/demo-district/graphql";
    private const string School = "/t/demo-school/graphql";
    private const string Report = "mutation($p: ID!, $o: ID, $r: RiskLevel) { reportConcern(input: { personId: $p, summary: \"Says he will end it tonight\", riskLevel: $r, organizationId: $o }) { id reportOutcome organizationId escalationLevel assigneeId } }";

    private readonly GraphQLClient _client = factory.GraphQL();

    private async Task<string> ResidentAsync(string unit)
    {
        var admin = factory.TokenFor("admin@demo-district", "demo-district", Roles.TenantAdmin);
        var resident = "ru16-res-" + Guid.NewGuid().ToString("N")[..10];
        (await _client.PostAsync(District, "mutation($in: RegisterPersonInput!) { registerPerson(input: $in) { id } }",
            new { @in = new { id = resident, displayName = "Resident " + resident, organizationId = unit, birthYear = 1980 } }, admin)).EnsureNoErrors();
        return resident;
    }

    private string GridWorker => factory.TokenFor("gridworker@demo-district", "demo-district", Roles.Caseworker);

    /// <summary>The seeded clinician: a member of the mental health centre and of east-subdistrict, which holds riverside-community.</summary>
    private string Clinician => factory.TokenFor("clinician@demo-district", "demo-district", Roles.Clinician);

    [Fact]
    public async Task Let_the_level_3_professional_of_the_persons_unit_open_an_imminent_case_reported_under_another_unit()
    {
        // The red team's repro (F9): either the report is refused, or the clinician responsible for the person opens the case.
        var resident = await ResidentAsync("riverside-community");
        var reported = await _client.PostAsync(District, Report, new { p = resident, o = "police-liaison", r = "IMMINENT" }, GridWorker);
        if (reported.Errors is { Count: > 0 })
        {
            return; // refusing a unit that no level-3 professional covers is a fix too
        }

        var caseId = reported.Data!["reportConcern"]!["id"]!.GetValue<string>();
        Assert.Equal("queue:level-3", reported.Data!["reportConcern"]!["assigneeId"]!.GetValue<string>());
        var opened = await _client.PostAsync(District, "query($id: ID!) { case(id: $id) { id } }", new { id = caseId }, Clinician);
        Assert.Null(opened.FirstCode);
        var tasks = await _client.PostAsync(District, "{ myTasks(first: 100) { nodes { caseId } } }", token: Clinician);
        Assert.Contains(tasks.EnsureNoErrors().Data!["myTasks"]!["nodes"]!.AsArray(), n => n!["caseId"]!.GetValue<string>() == caseId);
    }

    [Theory]
    [InlineData("police-liaison", "IMMINENT")]   // a unit outside every subdistrict
    [InlineData("harbour-hotel-site", "HIGH")]   // a sibling of the person's community: its staff are not the person's
    [InlineData("east-subdistrict", "LOW")]      // the parent: the person's community's grid workers would not see it
    public async Task Refuse_a_report_filed_under_a_unit_outside_the_persons_unit_and_record_nothing(string unit, string risk)
    {
        var resident = await ResidentAsync("riverside-community");

        var refused = await _client.PostAsync(District, Report, new { p = resident, o = unit, r = risk }, GridWorker);

        Assert.Equal("VALIDATION_FAILED", refused.FirstCode);
        var extensions = refused.Errors![0]!["extensions"]!;
        Assert.Equal(("organizationId", "report-unit"), (extensions["field"]!.GetValue<string>(), extensions["rule"]!.GetValue<string>()));
        var message = refused.Errors[0]!["message"]!.GetValue<string>();
        Assert.Contains("Nothing was recorded", message, StringComparison.Ordinal);
        Assert.Contains("未记录", message, StringComparison.Ordinal);
        Assert.Null(refused.Data?["reportConcern"]);

        // Nothing was recorded: the same report without the unit opens the person's first case, under their own unit,
        // and at HIGH or above the person's level-3 professional opens it.
        var filed = (await _client.PostAsync(District, Report, new { p = resident, o = (string?)null, r = risk }, GridWorker)).EnsureNoErrors().Data!["reportConcern"]!;
        Assert.Equal(("OPENED_NEW_CASE", "riverside-community"), (filed["reportOutcome"]!.GetValue<string>(), filed["organizationId"]!.GetValue<string>()));
        if (risk != "LOW")
        {
            var opened = await _client.PostAsync(District, "query($id: ID!) { case(id: $id) { id escalationLevel } }", new { id = filed["id"]!.GetValue<string>() }, Clinician);
            Assert.Equal(3, opened.EnsureNoErrors().Data!["case"]!["escalationLevel"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task Accept_the_persons_own_unit_or_a_unit_within_it()
    {
        var inCommunity = await ResidentAsync("riverside-community");
        var own = (await _client.PostAsync(District, Report, new { p = inCommunity, o = "riverside-community", r = "HIGH" }, GridWorker)).EnsureNoErrors().Data!["reportConcern"]!;
        Assert.Equal("riverside-community", own["organizationId"]!.GetValue<string>());

        // A person registered at the subdistrict, whose concern is filed with one of its communities: everyone who covers the
        // subdistrict covers the community.
        var admin = factory.TokenFor("admin@demo-district", "demo-district", Roles.TenantAdmin);
        var inSubdistrict = await ResidentAsync("east-subdistrict");
        var below = (await _client.PostAsync(District, Report, new { p = inSubdistrict, o = "riverside-community", r = "IMMINENT" }, admin)).EnsureNoErrors().Data!["reportConcern"]!;
        Assert.Equal("riverside-community", below["organizationId"]!.GetValue<string>());
        var opened = await _client.PostAsync(District, "query($id: ID!) { case(id: $id) { id } }", new { id = below["id"]!.GetValue<string>() }, Clinician);
        Assert.Null(opened.FirstCode);
    }

    [Fact]
    public async Task Refuse_a_homeroom_teacher_filing_another_classs_student_under_their_own_class()
    {
        var admin = factory.TokenFor("admin@demo-school", "demo-school", Roles.TenantAdmin);
        var student = "ru16-stu-" + Guid.NewGuid().ToString("N")[..10];
        (await _client.PostAsync(School, "mutation($in: RegisterPersonInput!) { registerPerson(input: $in) { id } }",
            new { @in = new { id = student, displayName = "Student " + student, organizationId = "class-8-2", birthYear = 2000 } }, admin)).EnsureNoErrors();
        await StaffMembers.AddAsync(factory, _client, "demo-school", "ru16-homeroom-8-1@demo-school", "class-8-1", "HomeroomTeacher");
        var homeroom = factory.TokenFor("ru16-homeroom-8-1@demo-school", "demo-school", Roles.Caseworker);

        var refused = await _client.PostAsync(School, Report, new { p = student, o = "class-8-1", r = "MODERATE" }, homeroom);

        Assert.Equal(("VALIDATION_FAILED", "report-unit"), (refused.FirstCode, refused.Errors![0]!["extensions"]!["rule"]!.GetValue<string>()));
        var filed = (await _client.PostAsync(School, "mutation($p: ID!) { reportConcern(input: { personId: $p, summary: \"Cried in my lesson\" }) { id reportOutcome } }", new { p = student }, homeroom)).EnsureNoErrors();
        // Filed under the pupil's own class, which the teacher's scope does not cover: a receipt, as any report about another
        // class's pupil (round 17 red team RT17-7).
        Assert.Equal("RECEIVED", filed.Data!["reportConcern"]!["reportOutcome"]!.GetValue<string>());
        Assert.StartsWith("rcpt-", filed.Data!["reportConcern"]!["id"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
