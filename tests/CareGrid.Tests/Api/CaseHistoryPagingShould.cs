using CareGrid.Grains.Cases;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Api;

/// <summary>A case's lists page with first/last over GraphQL, from the hot window and from the history store alike (docs/storage.md).</summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class CaseHistoryPagingShould(CareGridApiFactory factory)
{
    private readonly GraphQLClient _client = factory.GraphQL();

    /// <summary>A school of its own with class-1, its homeroom teacher and one pupil with an ungraded concern; returns the path, the teacher's token and the case id.</summary>
    private async Task<(string Path, string Homeroom, string CaseId)> CaseAsync(string prefix)
    {
        var tenant = Seeds.NewTenantId(prefix);
        (await _client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = tenant, name = "Paging school", kind = "SCHOOL", firstAdminSubject = "head@" + tenant } }, factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors();
        var path = $"/t/{tenant}/graphql";
        (await _client.PostAsync(path, "mutation { createOrganization(input: { id: \"class-1\", name: \"Class 1\", kind: CLASS, escalationLevel: 1 }) { id } }",
            token: factory.TokenFor("head@" + tenant, tenant, Roles.TenantAdmin))).EnsureNoErrors();
        await StaffMembers.AddAsync(factory, _client, tenant, "homeroom@" + tenant, "class-1", "HomeroomTeacher"); // reports about their class (RT17-7)
        var homeroom = factory.TokenFor("homeroom@" + tenant, tenant, Roles.Caseworker);
        (await _client.PostAsync(path, "mutation { registerPerson(input: { id: \"stu-1\", displayName: \"Student\", organizationId: \"class-1\", sex: MALE }) { id } }", token: homeroom)).EnsureNoErrors();
        var caseId = (await _client.PostAsync(path, "mutation { reportConcern(input: { personId: \"stu-1\", summary: \"Withdrawn\" }) { id } }", token: homeroom))
            .EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();
        return (path, homeroom, caseId);
    }

    [Fact]
    public async Task Page_the_timeline_and_contacts_of_a_case_longer_than_its_window_and_refuse_bad_bounds()
    {
        var (path, homeroom, caseId) = await CaseAsync("paging");
        for (var i = 0; i < 150; i++)
        {
            (await _client.PostAsync(path, $"mutation {{ logContact(id: \"{caseId}\", channel: PHONE, durationMinutes: 5, notes: \"call {i}\") {{ id }} }}", token: homeroom)).EnsureNoErrors();
        }

        var read = (await _client.PostAsync(path, $"{{ case(id: \"{caseId}\") {{ historyCounts {{ timeline contacts }} timeline {{ action }} head: timeline(first: 3) {{ action }} middle: contacts(first: 60, last: 10) {{ notes }} tail: contacts(last: 2) {{ notes }} }} }}", token: homeroom))
            .EnsureNoErrors().Data!["case"]!;
        var zero = await _client.PostAsync(path, $"{{ case(id: \"{caseId}\") {{ timeline(last: 0) {{ action }} }} }}", token: homeroom);
        var tooMany = await _client.PostAsync(path, $"{{ case(id: \"{caseId}\") {{ contacts(last: 1001) {{ notes }} }} }}", token: homeroom);

        // Report, Intake, the GRADE_RISK task of a concern reported without a grading, then 150 contacts.
        Assert.Equal((153, 150), (read["historyCounts"]!["timeline"]!.GetValue<int>(), read["historyCounts"]!["contacts"]!.GetValue<int>()));
        Assert.Equal(153, read["timeline"]!.AsArray().Count);
        Assert.Equal(["Report", "Intake", "TaskCreated"], read["head"]!.AsArray().Select(n => n!["action"]!.GetValue<string>()));
        Assert.Equal(Enumerable.Range(50, 10).Select(i => $"call {i}"), read["middle"]!.AsArray().Select(n => n!["notes"]!.GetValue<string>()));
        Assert.Equal(["call 148", "call 149"], read["tail"]!.AsArray().Select(n => n!["notes"]!.GetValue<string>()));
        Assert.Equal(("VALIDATION_FAILED", "last"), (zero.FirstCode, zero.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
        Assert.Equal(("VALIDATION_FAILED", "last"), (tooMany.FirstCode, tooMany.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Answer_an_unpaged_long_list_by_its_newest_thousand_and_refuse_a_request_over_its_history_budget()
    {
        // Round-34 red team F1: 30 aliases of one long case's contacts { notes } built hundreds of MB from a 2 KB query.
        var (path, homeroom, caseId) = await CaseAsync("budget");
        var tenant = path.Split('/')[2];
        var grain = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ICaseGrain>(TenantIds.Key(tenant, caseId));
        for (var i = 0; i < 1_050; i++)
        {
            await grain.LogContact(ContactChannel.Phone, 5, $"call {i}", new("homeroom@" + tenant, [Roles.Caseworker]));
        }

        // Without first/last a list of 1,050 answers its newest 1,000; historyCounts still tells the whole length.
        var read = (await _client.PostAsync(path, $"{{ case(id: \"{caseId}\") {{ historyCounts {{ contacts }} contacts {{ notes }} }} }}", token: homeroom)).EnsureNoErrors().Data!["case"]!;
        Assert.Equal(1_050, read["historyCounts"]!["contacts"]!.GetValue<int>());
        var notes = read["contacts"]!.AsArray().Select(n => n!["notes"]!.GetValue<string>()).ToList();
        Assert.Equal(1_000, notes.Count);
        Assert.Equal(("call 50", "call 1049"), (notes[0], notes[^1]));

        // Three such lists in one request are 3,000 entries, the budget; a fourth list of one entry more is refused.
        var three = await _client.PostAsync(path, $"{{ case(id: \"{caseId}\") {{ a: contacts {{ at }} b: contacts {{ at }} c: contacts {{ at }} }} }}", token: homeroom);
        three.EnsureNoErrors();
        var over = await _client.PostAsync(path, $"{{ case(id: \"{caseId}\") {{ a: contacts {{ at }} b: contacts {{ at }} c: contacts {{ at }} d: contacts(last: 1) {{ at }} }} }}", token: homeroom);
        Assert.Equal("QUERY_TOO_COMPLEX", over.FirstCode);
        Assert.Equal(("MaxHistoryEntries", "3000"), (over.Errors![0]!["extensions"]!["limit"]!.GetValue<string>(), over.Errors![0]!["extensions"]!["max"]!.GetValue<string>()));

        // Across aliases of the case itself too: the budget is the request's, not the field's.
        var aliased = await _client.PostAsync(path, $"{{ x: case(id: \"{caseId}\") {{ a: contacts {{ at }} b: contacts {{ at }} }} y: case(id: \"{caseId}\") {{ a: contacts {{ at }} b: contacts {{ at }} }} }}", token: homeroom);
        Assert.Equal("QUERY_TOO_COMPLEX", aliased.FirstCode);
    }
}
