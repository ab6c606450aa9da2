using System.Text.Json;
using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Plans;

/// <summary>
/// The service started with its domain clock years ahead (2040): every seeded minor has grown past the age of consent, so the
/// guardians' seeded consents are refused by the rules (docs/consent.md, PIPL art. 31). The seeder logs and skips them, and the
/// seven demo tenants still load with every person and case of their seed files (docs/demo.md "Seeded consents").
/// </summary>
public sealed class FarFutureDemoFactory : CareGridApiFactory
{
    /// <summary>The clock moved to 1 March 2040 before the host (and its seeder) starts.</summary>
    public FarFutureDemoFactory() => Clock.SetUtcNow(new DateTimeOffset(2040, 3, 1, 1, 0, 0, TimeSpan.Zero));
}

/// <summary>Seven demo tenants load on a far-future clock; a refused seeded consent is skipped, not a failed start.</summary>
[Trait("tier", "api")]
public sealed class DemoSeedFutureShould(FarFutureDemoFactory factory) : IClassFixture<FarFutureDemoFactory>
{
    private readonly GraphQLClient _client = factory.GraphQL();

    [Fact]
    public async Task Load_all_seven_demo_tenants_with_every_person_and_case_when_the_seeded_minors_are_grown_up()
    {
        var folder = Path.Combine(RepoPaths.Root, "seeds", "demo");
        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(7, files.Count);
        foreach (var file in files)
        {
            var seed = JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
            var tenant = seed["tenant"]!["id"]!.GetValue<string>();
            var token = factory.TokenFor("admin@" + tenant, tenant, Roles.TenantAdmin);
            var data = (await _client.PostAsync($"/t/{tenant}/graphql", "{ people(first: 100) { nodes { id } } cases(first: 100) { nodes { id } } }", token: token)).EnsureNoErrors().Data!;
            var people = PlanStory.Each(data["people"]!["nodes"], "id");
            Assert.All(seed["people"]!.AsArray(), p => Assert.Contains(p!["id"]!.GetValue<string>(), people));
            var cases = PlanStory.Each(data["cases"]!["nodes"], "id");
            Assert.All(seed["cases"]!.AsArray(), c => Assert.Contains(c!["id"]!.GetValue<string>(), cases));
        }

        // student-001 (born 2015-09-14) is 24 in 2040: her grandmother's seeded consent was refused and skipped, nothing granted.
        var admin = factory.TokenFor("admin@demo-school", "demo-school", Roles.TenantAdmin);
        (await _client.PostAsync("/t/demo-school/graphql", "mutation { breakTheGlass(entity: PERSON, id: \"student-001\", reason: \"check of the seeded consents\") { until } }", token: admin)).EnsureNoErrors();
        var school = await _client.PostAsync("/t/demo-school/graphql", "{ person(id: \"student-001\") { consents { purpose status } } }", token: admin);
        var consents = school.EnsureNoErrors().Data!["person"]!["consents"]!.AsArray();
        Assert.DoesNotContain(consents, c => c!["status"]!.GetValue<string>() == "GRANTED");
    }
}
