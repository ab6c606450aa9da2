using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Trajectories;

/// <summary>
/// Score trajectories through GraphQL over HTTP (R-3.6, R-6.3; docs/trajectories.md): screenings recorded on a case reach the
/// person's trajectory with the Jacobson–Truax index against the baseline; a followed-up person who has not reliably
/// improved after the tenant's review weeks is flagged (fake clock); the read is need-to-know and audited.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class ScoreTrajectoryApiShould(CareGridApiFactory factory)
{
    private const string Path = "/t/demo-school/graphql";
    private const string Selection = "personId reviewWeeks followedUp flags { instrument reason baselineScore latestScore weeksSinceBaseline } "
        + "instruments { instrument thresholdPoints standardDeviation reliability normsSource points { totalScore changeFromBaseline reliableChangeIndex change caseId } }";

    private readonly GraphQLClient _client = factory.GraphQL();
    private readonly string _psych = factory.TokenFor("counsellor@demo-school", "demo-school", Roles.Counsellor);

    private async Task<JsonNode> OkAsync(string query, string? token = null) => (await _client.PostAsync(Path, query, token: token ?? _psych)).EnsureNoErrors().Data!;

    private Task<JsonNode> ScreenAsync(string caseId, string instrument, string answers) =>
        OkAsync($"mutation {{ recordScreening(id: \"{caseId}\", instrument: {instrument}, answers: {answers}) {{ id }} }}");

    private async Task<JsonNode> TrajectoryAsync(string student) => (await OkAsync($"{{ scoreTrajectory(personId: \"{student}\") {{ {Selection} }} }}"))["scoreTrajectory"]!;

    [Fact]
    public async Task Track_PHQ9_over_weeks_flag_no_reliable_improvement_and_clear_it_when_the_score_falls_reliably()
    {
        var student = await DemoStudents.NewAsync(_client, _psych);
        var caseId = (await OkAsync($"mutation {{ reportConcern(input: {{ personId: \"{student}\", summary: \"Low mood for weeks\", riskLevel: MODERATE }}) {{ id }} }}"))["reportConcern"]!["id"]!.GetValue<string>();
        await ScreenAsync(caseId, "PHQ9", "[3,3,2,2,2,2,2,2,0]"); // 18
        await ScreenAsync(caseId, "CSSRS", "[0,0,0,0,0,0,0]"); // no total: not on the trajectory
        factory.Clock.Advance(TimeSpan.FromDays(14));
        await ScreenAsync(caseId, "PHQ9", "[2,2,2,2,2,2,2,1,0]"); // 15

        var early = await TrajectoryAsync(student);
        Assert.True(early["followedUp"]!.GetValue<bool>());
        Assert.Empty(early["flags"]!.AsArray()); // two weeks in: within the default 8
        var phq = Assert.Single(early["instruments"]!.AsArray())!;
        Assert.Equal("PHQ9", phq["instrument"]!.GetValue<string>());
        Assert.Equal(3.880602, phq["thresholdPoints"]!.GetValue<double>(), 6);
        Assert.Equal((3.5, 0.84), (phq["standardDeviation"]!.GetValue<double>(), phq["reliability"]!.GetValue<double>()));
        var points = phq["points"]!.AsArray();
        Assert.Equal([18, 15], points.Select(p => p!["totalScore"]!.GetValue<int>()));
        Assert.Equal(["BASELINE", "NO_RELIABLE_CHANGE"], points.Select(p => p!["change"]!.GetValue<string>()));
        Assert.Null(points[0]!["reliableChangeIndex"]);
        Assert.Equal(-1.515229, points[1]!["reliableChangeIndex"]!.GetValue<double>(), 6);
        Assert.Equal(caseId, points[1]!["caseId"]!.GetValue<string>());

        factory.Clock.Advance(TimeSpan.FromDays(42)); // 8 weeks after the baseline
        var flag = Assert.Single((await TrajectoryAsync(student))["flags"]!.AsArray())!;
        Assert.Equal(("PHQ9", "NOT_RELIABLY_IMPROVED", 18, 15, 8), (flag["instrument"]!.GetValue<string>(), flag["reason"]!.GetValue<string>(),
            flag["baselineScore"]!.GetValue<int>(), flag["latestScore"]!.GetValue<int>(), flag["weeksSinceBaseline"]!.GetValue<int>()));

        await ScreenAsync(caseId, "PHQ9", "[2,2,1,1,2,2,2,1,0]"); // 13: 5 points down, RCI −2.525
        var after = await TrajectoryAsync(student);
        Assert.Empty(after["flags"]!.AsArray());
        Assert.Equal("IMPROVED", after["instruments"]![0]!["points"]![2]!["change"]!.GetValue<string>());
    }

    [Fact]
    public async Task Let_the_tenant_admin_set_the_review_weeks_and_refuse_a_bad_value_with_the_field()
    {
        var tenant = Seeds.NewTenantId("traj");
        var platform = factory.Token(null, Roles.PlatformAdmin);
        (await _client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = tenant, name = "Trajectory school", kind = "SCHOOL", firstAdminSubject = "head@" + tenant } }, platform)).EnsureNoErrors();
        var admin = factory.TokenFor("head@" + tenant, tenant, Roles.TenantAdmin);
        var set = await _client.PostAsync($"/t/{tenant}/graphql", "mutation { setTrajectoryReviewWeeks(weeks: 4) { trajectoryReviewWeeks } }", token: admin);
        Assert.Equal(4, set.EnsureNoErrors().Data!["setTrajectoryReviewWeeks"]!["trajectoryReviewWeeks"]!.GetValue<int>());
        var bad = await _client.PostAsync($"/t/{tenant}/graphql", "mutation { setTrajectoryReviewWeeks(weeks: 0) { trajectoryReviewWeeks } }", token: admin);
        Assert.Equal("VALIDATION_FAILED", bad.FirstCode);
        Assert.Equal("weeks", bad.Errors![0]!["extensions"]!["field"]!.GetValue<string>());
        var read = await _client.PostAsync($"/t/{tenant}/graphql", "{ protocolSettings { trajectoryReviewWeeks } }", token: admin);
        Assert.Equal(4, read.EnsureNoErrors().Data!["protocolSettings"]!["trajectoryReviewWeeks"]!.GetValue<int>());
    }

    [Fact]
    public async Task Refuse_staff_without_need_to_know_and_audit_the_read_of_the_person()
    {
        var student = await DemoStudents.NewAsync(_client, _psych);
        var caseId = (await OkAsync($"mutation {{ reportConcern(input: {{ personId: \"{student}\", summary: \"Worried about exams\" }}) {{ id }} }}"))["reportConcern"]!["id"]!.GetValue<string>();
        await ScreenAsync(caseId, "GAD7", "[2,2,2,2,1,1,1]");

        var other = factory.TokenFor("teacher2@demo-school", "demo-school", Roles.Caseworker);
        var refused = await _client.PostAsync(Path, $"{{ scoreTrajectory(personId: \"{student}\") {{ personId instruments {{ points {{ totalScore }} }} }} }}", token: other);
        Assert.Equal("FORBIDDEN", refused.FirstCode);
        Assert.Equal("need-to-know", refused.Errors![0]!["extensions"]!["rule"]!.GetValue<string>());
        Assert.Null(refused.Data?["scoreTrajectory"]);

        Assert.Equal(11, (await TrajectoryAsync(student))["instruments"]![0]!["points"]![0]!["totalScore"]!.GetValue<int>());
        var auditor = factory.TokenFor("auditor@demo-school", "demo-school", Roles.Auditor);
        var log = (await _client.PostAsync(Path, $"{{ auditLog(filter: {{ entityId: \"{student}\" }}, first: 50) {{ nodes {{ action actor purpose }} }} }}", token: auditor))
            .EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray();
        Assert.Contains(log, n => n!["action"]!.GetValue<string>() == "READ" && n["purpose"]!.GetValue<string>() == "scoreTrajectory" && n["actor"]!.GetValue<string>() == "counsellor@demo-school");
        Assert.Contains(log, n => n!["action"]!.GetValue<string>() == "DENIED" && n["actor"]!.GetValue<string>() == "teacher2@demo-school");
    }

    [Fact]
    public async Task Refuse_an_unknown_person_as_one_outside_need_to_know()
    {
        // Round 16 red team F12: an id that names nobody answers as a person outside need-to-know, so ids cannot be probed.
        var response = await _client.PostAsync(Path, "{ scoreTrajectory(personId: \"nobody-here-xyz\") { personId } }", token: _psych);
        Assert.Equal(("FORBIDDEN", "need-to-know"), (response.FirstCode, response.Errors![0]!["extensions"]!["rule"]!.GetValue<string>()));
        Assert.Null(response.Data?["scoreTrajectory"]);
    }
}
