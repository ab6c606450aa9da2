using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Security;

/// <summary>
/// Round 22 red team: a homeroom teacher of class 8-2 registered people into class 8-1 (changing its counts and visit
/// coverage) and took the id a roster import gives a pupil (<c>ext-{number}</c>), so the real pupil's row was refused on the
/// next import of class 8-1. <c>registerPerson</c> now refuses both, and nothing is recorded.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class RegisterPersonScopeShould(CareGridApiFactory factory)
{
    private const string Path = "/t/demo-school/graphql";
    private const string Register = "mutation($in: RegisterPersonInput!) { registerPerson(input: $in) { id } }";
    private readonly GraphQLClient _client = factory.GraphQL();

    [Fact]
    public async Task Register_people_only_in_the_callers_units()
    {
        var other = $"homeroom-8-2-{Guid.NewGuid():N}@demo-school";
        await StaffMembers.AddAsync(factory, _client, "demo-school", other, "class-8-2", "HomeroomTeacher");
        var teacher = factory.TokenFor(other, "demo-school", Roles.Caseworker);
        var admin = factory.TokenFor("admin@demo-school", "demo-school", Roles.TenantAdmin);
        var id = "reg-" + Guid.NewGuid().ToString("N")[..10];

        var refused = await _client.PostAsync(Path, Register, new { @in = new { id, displayName = "Planted " + id, organizationId = "class-8-1" } }, teacher);
        Assert.Equal("FORBIDDEN", refused.FirstCode);
        Assert.Equal("organizationId", refused.Errors![0]!["extensions"]!["field"]!.GetValue<string>());
        Assert.Equal("need-to-know", refused.Errors![0]!["extensions"]!["rule"]!.GetValue<string>());
        Assert.Contains("未记录任何内容", refused.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await _client.PostAsync(Path, $"{{ people(filter: {{ name: \"Planted {id}\" }}) {{ nodes {{ id }} }} }}", token: admin))
            .EnsureNoErrors().Data!["people"]!["nodes"]!.AsArray());

        // Their own class is theirs to register in.
        (await _client.PostAsync(Path, Register, new { @in = new { id, displayName = "New pupil", organizationId = "class-8-2" } }, teacher)).EnsureNoErrors();
    }

    [Fact]
    public async Task Refuse_the_ids_roster_imports_give_so_an_import_of_that_number_still_lands()
    {
        var admin = factory.TokenFor("admin@demo-school", "demo-school", Roles.TenantAdmin);
        var number = "S" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        foreach (var id in new[] { "ext-" + number, "EXT-" + number, "exth-0123456789abcdef" })
        {
            var refused = await _client.PostAsync(Path, Register, new { @in = new { id, displayName = "Squat", organizationId = "class-8-1" } }, admin);
            Assert.Equal("VALIDATION_FAILED", refused.FirstCode);
            Assert.Equal("roster-id", refused.Errors![0]!["extensions"]!["rule"]!.GetValue<string>());
        }

        var import = (await _client.PostAsync(Path, "mutation($c: String!) { importRoster(organizationId: \"class-8-1\", kind: PEOPLE, csv: $c) { id } }",
            new { c = $"externalId,displayName\n{number},Real Pupil\n" }, admin)).EnsureNoErrors().Data!["importRoster"]!["id"]!.GetValue<string>();
        var status = (await _client.PostAsync(Path, $"{{ importStatus(id: \"{import}\", waitSeconds: 5) {{ done landed invalid }} }}", token: admin)).EnsureNoErrors().Data!["importStatus"]!;
        for (var poll = 0; poll < 6 && !status["done"]!.GetValue<bool>(); poll++)
        {
            status = (await _client.PostAsync(Path, $"{{ importStatus(id: \"{import}\", waitSeconds: 5) {{ done landed invalid }} }}", token: admin)).EnsureNoErrors().Data!["importStatus"]!;
        }

        Assert.Equal(1, status["landed"]!.GetValue<int>());
        Assert.Equal(0, status["invalid"]!.GetValue<int>());
    }
}
