using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Security;

/// <summary>
/// breakTheGlass checks its reason and length before it looks the id up, so a probe with a throw-away reason answers the
/// same for an id that exists and one that does not (round-24 red team: VALIDATION_FAILED for an existing pupil or case,
/// NOT_FOUND for a missing one, which let case staff enumerate ids and roster numbers across the tenant).
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class BreakTheGlassProbeShould(CareGridApiFactory factory)
{
    private const string Path = "/t/demo-middle-school/graphql";
    private readonly GraphQLClient _client = factory.GraphQL();
    private readonly string _homeroom = factory.TokenFor("homeroom-7-1@demo-middle-school", "demo-middle-school", Roles.Caseworker);

    [Theory]
    [InlineData("PERSON", "student-9101", "nobody-zz")]
    [InlineData("PERSON", "QS2023090101", "QS0000000000")]
    [InlineData("CASE", "case-middle-1", "case-nope")]
    [InlineData("PERSON", "student-9101", "nobody-zz", 0)]
    public async Task Answer_a_bad_reason_or_length_alike_for_an_existing_and_a_missing_id(string entity, string existing, string missing, int minutes = 30)
    {
        async Task<(string?, string?)> ProbeAsync(string id, string reason)
        {
            var r = await _client.PostAsync(Path, "mutation($e: GrantEntity!, $id: ID!, $r: String!, $m: Int) { breakTheGlass(entity: $e, id: $id, reason: $r, minutes: $m) { until } }",
                new { e = entity, id, r = reason, m = minutes }, _homeroom);
            return (r.FirstCode, r.Errors?[0]?["extensions"]?["field"]?.GetValue<string>());
        }

        var reason = minutes == 0 ? "学生今天未到校，需要核实紧急联系人" : "x";
        var expected = (string?)"VALIDATION_FAILED";

        Assert.Equal((expected, minutes == 0 ? "minutes" : "reason"), await ProbeAsync(existing, reason));
        Assert.Equal(await ProbeAsync(existing, reason), await ProbeAsync(missing, reason));
    }
}
