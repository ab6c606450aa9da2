using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Security;

/// <summary>
/// Free-text reasons and notes refuse bidirectional controls and invisible characters through GraphQL over HTTP
/// (<c>StoredText</c> multi-line mode, docs/roster-encoding.md): a representative set of mutations answers
/// <c>VALIDATION_FAILED</c> naming the field and stores nothing; the domain tests (<c>FreeTextReasonsShould</c>) cover every way in.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class FreeTextReasonsApiShould(CareGridApiFactory factory)
{
    private const string Path = "/t/demo-school/graphql";
    private const string Evil = "\u202eevil\u200b because the student asked";
    private readonly GraphQLClient _client = factory.GraphQL();

    [Fact]
    public async Task Refuse_bidi_and_zero_width_characters_in_reasons_and_notes_naming_the_field()
    {
        await StaffMembers.DemoSchoolPsychologistAsync(factory, _client, "psych-freetext@demo-school"); // registers the student: the centre serves the school
        var psych = factory.TokenFor("psych-freetext@demo-school", "demo-school", Roles.Counsellor);
        var homeroomSub = $"homeroom-{Guid.NewGuid():N}@demo-school";
        await StaffMembers.DemoSchoolHomeroomAsync(factory, _client, homeroomSub); // reports about their class 8-1 and stays on the case (RT17-7)
        var homeroom = factory.TokenFor(homeroomSub, "demo-school", Roles.Caseworker);
        var student = await DemoStudents.NewAsync(_client, psych);
        var caseId = (await _client.PostAsync(Path, $"mutation {{ reportConcern(input: {{ personId: \"{student}\", summary: \"Withdrawn in class\", riskLevel: LOW }}) {{ id }} }}", token: homeroom))
            .EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();

        var attempts = new (string Mutation, string Field, string Token)[]
        {
            ($"mutation($t: String!) {{ requestProfessionalReview(caseId: \"{caseId}\", reason: $t) {{ id }} }}", "reason", homeroom),
            ($"mutation($t: String!) {{ escalateCase(id: \"{caseId}\", level: 2, reason: $t) {{ id }} }}", "reason", homeroom),
            ($"mutation($t: String) {{ logContact(id: \"{caseId}\", channel: PHONE, durationMinutes: 5, notes: $t) {{ id }} }}", "notes", homeroom),
            ($"mutation($t: String!) {{ breakTheGlass(entity: CASE, id: \"{caseId}\", reason: $t) {{ reason }} }}", "reason", psych),
            ($"mutation($t: String!) {{ reportConcern(input: {{ personId: \"{student}\", summary: $t }}) {{ id }} }}", "summary", homeroom),
        };
        foreach (var (mutation, field, token) in attempts)
        {
            var refused = await _client.PostAsync(Path, mutation, new { t = Evil }, token);
            Assert.True(refused.FirstCode == "VALIDATION_FAILED", $"{mutation}: {refused.Body?.ToJsonString()}");
            Assert.Equal(field, refused.Errors![0]!["extensions"]!["field"]!.GetValue<string>());
        }

        var read = (await _client.PostAsync(Path, $"{{ case(id: \"{caseId}\") {{ escalationLevel timeline {{ reason }} contacts {{ notes }} }} }}", token: homeroom)).EnsureNoErrors().Data!["case"]!;
        Assert.Equal(1, read["escalationLevel"]!.GetValue<int>());
        Assert.DoesNotContain("evil", read.ToJsonString(), StringComparison.Ordinal);
    }
}
