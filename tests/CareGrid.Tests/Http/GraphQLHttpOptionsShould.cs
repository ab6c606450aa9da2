using System.Net;
using CareGrid.GraphApi.Http;
using Microsoft.Extensions.Options;
using static CareGrid.Tests.Http.GraphQLHttpClient;

namespace CareGrid.Tests.Http;

public sealed class GraphQLHttpOptionsShould
{
    [Fact]
    public async Task TakeTheBodyLimitFromTheGraphQLHttpConfigurationSection()
    {
        await using var host = await KestrelGraphQLHost.StartTestSchemaAsync(
            builder => builder.Configuration["GraphQL:Http:MaxRequestBytes"] = "128");
        using var client = host.CreateClient();

        var small = await client.PostAsync(Request("{ hello }"), Json);
        var large = await client.PostAsync(Request("{ hello }", new { padding = new string('x', 128) }), Json);

        Assert.Equal(HttpStatusCode.OK, small.Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.Status);
        Assert.Equal(TransportErrorCodes.RequestTooLarge, large.FirstErrorCode);
        Assert.Contains("128 bytes", large.Json.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task RefuseToStartWithANonPositiveLimit()
    {
        await Assert.ThrowsAsync<OptionsValidationException>(() => KestrelGraphQLHost.StartTestSchemaAsync(
            builder => builder.Configuration["GraphQL:Http:MaxRequestBytes"] = "0"));
    }
}
