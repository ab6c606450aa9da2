using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Security;

/// <summary>
/// registerPerson checks its input before it looks at the id, so a probe with a bad input answers the same for an id that
/// exists (in another unit) and one that does not (round-24 red team: ALREADY_EXISTS against VALIDATION_FAILED).
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class RegisterProbeShould(CareGridApiFactory factory)
{
    private const string Path = "/t/demo-middle-school/graphql";
    private readonly GraphQLClient _client = factory.GraphQL();

    [Fact]
    public async Task Answer_a_bad_input_alike_for_an_existing_and_a_missing_person_id()
    {
        var teacher = $"homeroom-{Guid.NewGuid().ToString("N")[..8]}@demo-middle-school";
        await StaffMembers.AddAsync(factory, _client, "demo-middle-school", teacher, "class-7-1", "HomeroomTeacher");
        var token = factory.TokenFor(teacher, "demo-middle-school", Roles.Caseworker);

        async Task<(string?, string?)> ProbeAsync(string id)
        {
            var r = await _client.PostAsync(Path, "mutation($id: ID!) { registerPerson(input: { id: $id, displayName: \"\", organizationId: \"class-7-1\" }) { id } }",
                new { id }, token);
            return (r.FirstCode, r.Errors?[0]?["extensions"]?["field"]?.GetValue<string>());
        }

        var existing = await ProbeAsync("student-9101"); // a pupil of class 9-1, outside the teacher's units
        var missing = await ProbeAsync("nobody-" + Guid.NewGuid().ToString("N")[..8]);

        Assert.Equal(("VALIDATION_FAILED", "displayName"), existing);
        Assert.Equal(existing, missing);
    }
}
