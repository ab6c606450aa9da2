using System.Text.Json.Nodes;
using CareGrid.Grains.Events;
using CareGrid.Grains.Security;
using CareGrid.GraphApi.Auth;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CareGrid.Tests.Subscriptions;

/// <summary>
/// How the server ends a connection besides the protocol (docs/subscriptions.md "When the server closes"), from a real
/// <see cref="System.Net.WebSockets.ClientWebSocket"/> against the real service on Kestrel: a tenant suspended while a client is
/// subscribed gets no further event and the socket closes with 4403 <c>TENANT_SUSPENDED</c> at the next event (or the next
/// subscribe); the token's expiry closes with 4403 on the token clock (a fake clock here, no sleeping); the host stopping
/// closes with 1001.
/// </summary>
[Trait("tier", "api")]
[Collection(SubscriptionCollection.Name)]
public sealed class SubscriptionLifetimeShould(SubscriptionApiFactory factory)
{
    private const string CaseEvents = "subscription { caseEvents { id kind caseId sequence } }";

    [Fact]
    public async Task Stop_events_and_close_with_4403_once_the_tenant_is_suspended()
    {
        var tenant = await OnboardAsync();
        var admin = factory.TokenFor("head@" + tenant, tenant, Roles.TenantAdmin);
        await using var subscribed = await GraphQLWsTestClient.ConnectAndInitAsync(factory.WebSocketUri(tenant), admin);
        await using var idle = await GraphQLWsTestClient.ConnectAndInitAsync(factory.WebSocketUri(tenant), admin);
        await subscribed.SubscribeAsync("1", CaseEvents);
        await PingAsync(subscribed); // subscribed and open while the tenant is Active

        (await factory.GraphQL().PostAsync("/graphql", "mutation($id: ID!) { suspendTenant(id: $id, reason: \"Contract paused\") { status } }",
            new { id = tenant }, factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors();
        await factory.PublishAsync(Escalated(tenant, 1));

        Assert.Null(await subscribed.ReceiveAsync()); // no next: the close comes first
        Assert.Equal(4403, subscribed.CloseCode);
        Assert.Contains("TENANT_SUSPENDED", subscribed.CloseReason, StringComparison.Ordinal);

        await idle.SendAsync(new { id = "1", type = "subscribe", payload = new { query = CaseEvents } });
        Assert.Equal(4403, await idle.ReceiveCloseAsync());
        Assert.Contains("TENANT_SUSPENDED", idle.CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_with_4403_when_the_token_expires_on_the_token_clock()
    {
        var auth = factory.Services.GetRequiredService<AuthOptions>();
        // A token that expires 2 minutes after the token clock's now: issued "hours ago" on a clock set back.
        var issuedAt = factory.TokenClock.GetUtcNow() - TimeSpan.FromHours(auth.DevelopmentTokenHours) + TimeSpan.FromMinutes(2);
        var shortLived = new DevelopmentTokens(auth, new FakeTimeProvider(issuedAt)).Issue("counsellor@demo-school", "demo-school", [Roles.Counsellor]);
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(factory.WebSocketUri("demo-school"), shortLived);

        factory.TokenClock.Advance(TimeSpan.FromMinutes(1));
        await PingAsync(client); // not yet

        factory.TokenClock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(4403, await client.ReceiveCloseAsync());
        Assert.Contains("token expired", client.CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_with_1001_when_the_server_stops()
    {
        var server = new SubscriptionApiFactory();
        try
        {
            await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(server.WebSocketUri("demo-school"), server.Token("demo-school", Roles.Counsellor));
            await client.SubscribeAsync("1", CaseEvents);
            await PingAsync(client);

            var stopping = server.DisposeAsync();
            Assert.Equal(1001, await client.ReceiveCloseAsync());
            Assert.Contains("going away", client.CloseReason, StringComparison.OrdinalIgnoreCase);
            await client.DisposeAsync();
            await stopping;
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private async Task<string> OnboardAsync()
    {
        var tenant = Seeds.NewTenantId("live");
        (await factory.GraphQL().PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = tenant, name = "Live school", kind = "SCHOOL", firstAdminSubject = "head@" + tenant } }, factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors();
        return tenant;
    }

    private CareEvent Escalated(string tenant, int sequence) =>
        new($"case-live-1.{sequence}", tenant, CareEventKind.CaseEscalated, "case-live-1", sequence, factory.Clock.GetUtcNow()) { EscalationLevel = 2 };

    /// <summary>A ping answered by a pong: the connection is open and every earlier message was handled (messages are read in order).</summary>
    private static async Task PingAsync(GraphQLWsTestClient client)
    {
        await client.SendAsync(new { type = "ping" });
        JsonNode? message = await client.ReceiveAsync();
        Assert.True(message?["type"]?.GetValue<string>() == "pong", $"Expected pong, got {message?.ToJsonString() ?? $"close {client.CloseCode} {client.CloseReason}"}");
    }
}
