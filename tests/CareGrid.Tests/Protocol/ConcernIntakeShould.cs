using System.Text.Json;
using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;

namespace CareGrid.Tests.Protocol;

/// <summary>
/// How a new concern travels (docs/protocol.md "How a concern travels"), through GraphQL on tenants onboarded from each
/// jurisdiction template: the template's <c>intake</c> rule is shown by <c>jurisdictionTemplates</c>, <c>jurisdiction</c> and
/// <c>protocolSettings</c>, and a level-1 report lands with that rule's owner queue at level 1 — the psychology teachers in a
/// school (R-4.3), the coordinator in a district or town (R-1.6, R-2.2).
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class ConcernIntakeShould(CareGridApiFactory factory)
{
    private readonly DirectoryApi _api = new(factory);

    private static JsonNode TemplateFile(string id) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(DirectoryApi.RepoRoot, "seeds", "templates", id + ".json")),
            documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;

    /// <summary>A tenant from <paramref name="templateId"/> with one person in <paramref name="unit"/> (a unit the template provisions).</summary>
    private async Task<string> TenantWithPersonAsync(string kind, string templateId, string unit)
    {
        var tenant = await _api.OnboardAsync(kind, templateId, "intake");
        await _api.OkAsync(tenant, $"mutation {{ registerPerson(input: {{ id: \"p-1\", displayName: \"Person One\", organizationId: \"{unit}\", sex: FEMALE, birthYear: 2010 }}) {{ id }} }}");
        return tenant;
    }

    [Theory]
    [InlineData("SCHOOL", "school", "school", 3, "Counsellor", "Coordinator")]
    [InlineData("DISTRICT", "district", "civil-affairs", 2, "Coordinator", "Clinician")]
    [InlineData("TOWN", "town", "social-affairs-office", 2, "Coordinator", "Counsellor")]
    public async Task Give_a_new_concern_to_the_owner_queue_of_the_templates_intake_rule(string kind, string templateId, string unit, int ownerLevel, string receiver, string notYet)
    {
        Assert.Equal(ownerLevel, TemplateFile(templateId)["intake"]!["ownerLevel"]!.GetValue<int>());
        var tenant = await TenantWithPersonAsync(kind, templateId, unit);
        var queue = $"queue:level-{ownerLevel}";

        var shown = await _api.OkAsync(tenant, "{ jurisdiction { template { intake { ownerLevel ownerQueue description requirement } } } protocolSettings { intakeOwnerLevel } }",
            token: _api.As(tenant, Roles.Caseworker));
        Assert.Equal(ownerLevel, shown["jurisdiction"]!["template"]!["intake"]!["ownerLevel"]!.GetValue<int>());
        Assert.Equal(queue, shown["jurisdiction"]!["template"]!["intake"]!["ownerQueue"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(shown["jurisdiction"]!["template"]!["intake"]!["description"]!.GetValue<string>()));
        Assert.Equal(ownerLevel, shown["protocolSettings"]!["intakeOwnerLevel"]!.GetValue<int>());

        // The reporter's scope covers the person's unit, so they stay on the case they report (RT17-7).
        var (reporterUnit, reporterRole) = templateId switch
        {
            "school" => ("leadership", "LeadershipGroupMember"),
            "district" => ("civil-affairs", "SocialWorker"),
            _ => ("social-affairs-office", "SocialAffairsOfficer"),
        };
        await StaffMembers.AddAsync(factory, _api.Client, tenant, "caseworker@" + tenant, reporterUnit, reporterRole);
        var reported = (await _api.OkAsync(tenant, "mutation { reportConcern(input: { personId: \"p-1\", summary: \"Withdrawn for a week\", riskLevel: MODERATE }) { id assigneeId escalationLevel timeline { action actor reason } } }",
            token: _api.As(tenant, Roles.Caseworker)))["reportConcern"]!;
        Assert.Equal(queue, reported["assigneeId"]!.GetValue<string>());
        Assert.Equal(1, reported["escalationLevel"]!.GetValue<int>());
        Assert.Equal(["Report", "Intake", "AssessRisk"], reported["timeline"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()));
        Assert.Contains(queue, reported["timeline"]![1]!["reason"]!.GetValue<string>());

        // The rule's receiver — a member of the unit that receives concerns (need-to-know by organization) — opens the case at
        // once; the level that is not yet on it does not (need-to-know).
        var (receiverUnit, roleCode, qualifications) = templateId switch
        {
            "school" => ("counselling-centre", "PsychologyTeacher", new[] { "RelevantDegree", "CounsellingCertificate" }),
            "district" => ("civil-affairs", "CivilAffairsOfficer", Array.Empty<string>()),
            _ => ("social-affairs-office", "SocialAffairsOfficer", Array.Empty<string>()),
        };
        await StaffMembers.AddAsync(factory, _api.Client, tenant, receiver.ToLowerInvariant() + "@" + tenant, receiverUnit, roleCode, qualifications);
        var id = reported["id"]!.GetValue<string>();
        var opened = await _api.OkAsync(tenant, $"{{ case(id: \"{id}\") {{ id availableActions }} }}", token: _api.As(tenant, receiver));
        Assert.Contains("takeCase", DirectoryApi.Strings(opened["case"]!["availableActions"]));
        var refused = await _api.PostAsync(tenant, $"{{ case(id: \"{id}\") {{ id }} }}", token: _api.As(tenant, notYet));
        Assert.Equal("FORBIDDEN", refused.FirstCode);
        Assert.Equal("need-to-know", refused.Errors![0]!["extensions"]!["rule"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_the_intake_rule_of_every_template()
    {
        var r = await _api.Client.PostAsync("/graphql", "{ jurisdictionTemplates { id intake { ownerLevel ownerQueue } } }", token: factory.Token(null, Roles.PlatformAdmin));
        Assert.Equal(["district:2:queue:level-2", "school:3:queue:level-3", "town:2:queue:level-2"],
            r.EnsureNoErrors().Data!["jurisdictionTemplates"]!.AsArray().Select(t => $"{t!["id"]}:{t["intake"]!["ownerLevel"]}:{t["intake"]!["ownerQueue"]}"));
    }

    [Fact]
    public async Task Use_the_kinds_intake_rule_for_a_tenant_onboarded_without_a_template()
    {
        var school = await _api.OnboardAsync("SCHOOL", null, "intake");
        var district = await _api.OnboardAsync("DISTRICT", null, "intake");

        Assert.Equal(3, (await _api.OkAsync(school, "{ protocolSettings { intakeOwnerLevel } }"))["protocolSettings"]!["intakeOwnerLevel"]!.GetValue<int>());
        Assert.Equal(2, (await _api.OkAsync(district, "{ protocolSettings { intakeOwnerLevel } }"))["protocolSettings"]!["intakeOwnerLevel"]!.GetValue<int>());
    }
}
