using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;

namespace CareGrid.Tests.Statistics;

/// <summary>
/// Two review findings on <c>statistics</c> through GraphQL (docs/statistics.md "Timeliness" and "People and census"):
/// service volume is credited to the unit of the staff member who logs the contact (R-1.12), and a target-group code that is
/// not catalogued (free text such as a name) never appears in the statistics: it counts under <c>OTHER</c>.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class StatisticsProviderAndTargetGroupApiShould(CareGridApiFactory factory)
{
    private readonly DirectoryApi _api = new(factory);

    private string Token(string tenant, string sub, string role) => factory.TokenFor($"{sub}@{tenant}", tenant, role);

    [Fact]
    public async Task Credit_service_volume_to_the_counselling_centre_whose_psychology_teacher_logs_contacts_on_cases_of_two_classes()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "provider");
        foreach (var (cls, person) in new[] { ("class-8-1", "p1"), ("class-8-2", "p2") })
        {
            await _api.OkAsync(tenant, $"mutation {{ createOrganization(input: {{ id: \"{cls}\", name: \"{cls}\", kind: CLASS, parentId: \"school\", escalationLevel: 1 }}) {{ id }} }}");
            await _api.OkAsync(tenant, $"mutation {{ registerPerson(input: {{ id: \"{person}\", displayName: \"学生 {person}\", organizationId: \"{cls}\", sex: FEMALE, birthYear: 2009 }}) {{ id }} }}");
        }

        await StaffMembers.AddAsync(factory, _api.Client, tenant, $"psych@{tenant}", "counselling-centre", "PsychologyTeacher", "RelevantDegree", "CounsellingCertificate");
        await StaffMembers.SchoolLeadershipAsync(factory, _api.Client, tenant, $"homeroom@{tenant}"); // the reporter stays on the cases (RT17-7)
        var psych = Token(tenant, "psych", Roles.Counsellor);
        foreach (var (person, minutes) in new[] { ("p1", 30), ("p2", 20) })
        {
            var caseId = (await _api.OkAsync(tenant, $"mutation {{ reportConcern(input: {{ personId: \"{person}\", summary: \"Withdrawn\", riskLevel: LOW }}) {{ id }} }}",
                token: Token(tenant, "homeroom", Roles.Caseworker)))["reportConcern"]!["id"]!.GetValue<string>();
            await _api.OkAsync(tenant, $"mutation {{ recordConsent(personId: \"{person}\", purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED, givenBy: SELF) {{ id }} }}", token: psych);
            await _api.OkAsync(tenant, $"mutation {{ logContact(id: \"{caseId}\", channel: IN_PERSON, durationMinutes: {minutes}) {{ id }} }}", token: psych);
        }

        var stats = (await _api.OkAsync(tenant, "{ statistics { timeliness { serviceVolume { organizationId contacts minutes } } tables { key rows { text number } } } }",
            token: Token(tenant, "principal", Roles.Supervisor)))["statistics"]!;
        var service = Assert.Single(stats["timeliness"]!["serviceVolume"]!.AsArray())!;
        Assert.Equal(("counselling-centre", 2, 50), (service["organizationId"]!.GetValue<string>(), service["contacts"]!.GetValue<int>(), service["minutes"]!.GetValue<int>()));
        var table = stats["tables"]!.AsArray().Single(t => t!["key"]!.GetValue<string>() == "service-volume-by-unit")!;
        Assert.Equal("Counselling centre (psychology teachers)", Assert.Single(table["rows"]!.AsArray())![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Count_a_free_text_target_group_code_under_other_and_never_show_it()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "tgroups");
        await _api.OkAsync(tenant, "mutation { createOrganization(input: { id: \"class-8-1\", name: \"8-1\", kind: CLASS, parentId: \"school\", escalationLevel: 1 }) { id } }");
        await StaffMembers.AddAsync(factory, _api.Client, tenant, $"homeroom@{tenant}", "class-8-1", "HomeroomTeacher"); // registers only in their class
        await _api.OkAsync(tenant, "mutation { registerPerson(input: { id: \"p1\", displayName: \"学生 p1\", organizationId: \"class-8-1\", birthYear: 2012, targetGroups: [\"LiWeiSuicideAttempt2026\"] }) { id } }",
            token: Token(tenant, "homeroom", Roles.Caseworker));
        await _api.OkAsync(tenant, "mutation { registerPerson(input: { id: \"p2\", displayName: \"学生 p2\", organizationId: \"class-8-1\", birthYear: 2012, targetGroups: [\"LeftBehindChild\"] }) { id } }");

        foreach (var language in new[] { "EN", "ZH_HANS" })
        {
            var response = await _api.Client.PostAsync($"/t/{tenant}/graphql",
                $"{{ statistics(language: {language}) {{ peopleByTargetGroup {{ targetGroup count }} tables {{ key title columns rows {{ text number }} }} }} }}",
                token: Token(tenant, "principal", Roles.Supervisor));
            response.EnsureNoErrors();
            Assert.DoesNotContain("LiWei", response.Body!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
            var stats = response.Data!["statistics"]!;
            Assert.Equal("LeftBehindChild:1,OTHER:1", string.Join(",", stats["peopleByTargetGroup"]!.AsArray().Select(n => $"{n!["targetGroup"]}:{n["count"]}")));
            var rows = stats["tables"]!.AsArray().Single(t => t!["key"]!.GetValue<string>() == "people-by-target-group")!["rows"]!.AsArray();
            var other = language == "EN" ? "Other target groups" : "其他目标人群";
            Assert.Contains(rows, r => r![0]!["text"]!.GetValue<string>() == other && r[1]!["number"]!.GetValue<decimal>() == 1);
        }
    }
}
