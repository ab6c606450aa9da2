using CareGrid.Grains.Census;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>
/// A census round's stored state keeps every expected person's id (docs/storage.md): a round whose ids would not fit
/// the storage is refused at start with a clear error (split it), instead of failing later with INTERNAL.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class CensusRoundLimitShould(CareGridApiFactory factory)
{
    private readonly DirectoryApi _api = new(factory);

    [Fact]
    public async Task Refuse_a_round_whose_ids_would_not_fit_the_stored_state_and_accept_one_that_fits()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "censuslimit");
        await _api.CreateOrganizationAsync(tenant, "class-big", "CLASS", "school", 1);
        await _api.CreateOrganizationAsync(tenant, "class-small", "CLASS", "school", 1);
        // Ids of 62 characters: about 150 estimated bytes per person (expected and recorded), so 5,000 pass the bound.
        var perPerson = 2 * CensusRoundLimits.EstimatedBytes("ext-" + new string('x', 58), "class-big");
        var people = (int)(CensusRoundLimits.MaxExpectedBytes / perPerson) + 10;
        foreach (var chunk in Enumerable.Range(0, people).Chunk(1500)) // a request body holds at most 256 KiB
        {
            await _api.ImportAsync(tenant, "class-big", DirectoryApi.Csv("externalId,displayName", chunk.Select(i => $"{i:D6}{new string('x', 52)},P{i}")));
        }

        await _api.ImportAsync(tenant, "class-small", DirectoryApi.Csv("externalId,displayName", ["S1,Ann", "S2,Bo"]));
        var counsellor = _api.As(tenant, "Counsellor");

        var refused = await _api.PostAsync(tenant, "mutation { startCensusRound(input: { id: \"all\", name: \"Everyone\", organizationIds: [\"class-big\", \"class-small\"] }) { roundId } }",
            token: counsellor);
        var started = await _api.OkAsync(tenant, "mutation { startCensusRound(input: { id: \"small\", name: \"Small class\", organizationIds: [\"class-small\"] }) { expected } }",
            token: counsellor);

        Assert.Equal(("VALIDATION_FAILED", "organizationIds"), (refused.FirstCode, refused.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
        Assert.Equal(2, started["startCensusRound"]!["expected"]!.GetValue<int>());
    }
}
