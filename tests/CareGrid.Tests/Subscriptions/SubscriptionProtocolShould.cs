using CareGrid.Grains.Security;

namespace CareGrid.Tests.Subscriptions;

/// <summary>The fixture of the subscription tests: one real service on Kestrel for the collection.</summary>
[CollectionDefinition(Name)]
public sealed class SubscriptionCollection : ICollectionFixture<SubscriptionApiFactory>
{
    public const string Name = "subscriptions";
}

/// <summary>
/// The <c>graphql-transport-ws</c> protocol at <c>/t/{tenant}/graphql</c> (docs/subscriptions.md "Protocol"), from a real
/// <see cref="System.Net.WebSockets.ClientWebSocket"/> against the real service on Kestrel: init and ack, the close codes,
/// ping/pong, subscribe/error/complete, and the limits.
/// </summary>
[Trait("tier", "api")]
[Collection(SubscriptionCollection.Name)]
public sealed class SubscriptionProtocolShould(SubscriptionApiFactory factory)
{
    private const string CaseEvents = "subscription { caseEvents { id kind caseId sequence } }";

    private Uri School => factory.WebSocketUri("demo-school");

    [Fact]
    public async Task Acknowledge_a_valid_token_in_connection_init_and_answer_ping_with_pong()
    {
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(School, factory.Token("demo-school", Roles.Counsellor));
        Assert.Equal("graphql-transport-ws", client.SubProtocol);

        await client.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await client.ReceiveAsync())?["type"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("authorization")]
    [InlineData("token")]
    public async Task Accept_the_token_under_the_other_documented_names(string name)
    {
        var token = factory.Token("demo-school", Roles.Counsellor);
        await using var client = await GraphQLWsTestClient.ConnectAsync(School);
        await client.SendAsync(new { type = "connection_init", payload = new Dictionary<string, string> { [name] = name == "token" ? token : "Bearer " + token } });
        Assert.Equal("connection_ack", (await client.ReceiveAsync())?["type"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("none")]
    [InlineData("invalid")]
    [InlineData("other-tenant")]
    [InlineData("not-bearer")]
    public async Task Close_with_4403_when_the_token_is_missing_invalid_or_of_another_tenant(string kind)
    {
        object payload = kind switch
        {
            "none" => new { },
            "invalid" => new Dictionary<string, string> { ["Authorization"] = "Bearer not.a.token" },
            "other-tenant" => new Dictionary<string, string> { ["Authorization"] = "Bearer " + factory.Token("demo-town", Roles.Counsellor) },
            _ => new Dictionary<string, string> { ["Authorization"] = "Basic dXNlcjpwYXNz" },
        };
        await using var client = await GraphQLWsTestClient.ConnectAsync(School);
        await client.SendAsync(new { type = "connection_init", payload });

        Assert.Equal(4403, await client.ReceiveCloseAsync());
        Assert.StartsWith("Forbidden: ", client.CloseReason);
    }

    [Fact]
    public async Task Close_with_4401_on_subscribe_before_the_ack()
    {
        await using var client = await GraphQLWsTestClient.ConnectAsync(School);
        await client.SendAsync(new { id = "1", type = "subscribe", payload = new { query = CaseEvents } });
        Assert.Equal(4401, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Close_with_4429_on_a_second_connection_init()
    {
        var token = factory.Token("demo-school", Roles.Counsellor);
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(School, token);
        await client.SendAsync(new { type = "connection_init", payload = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token } });
        Assert.Equal(4429, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Close_with_4409_when_a_running_subscription_id_is_reused()
    {
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(School, factory.Token("demo-school", Roles.Counsellor));
        await client.SubscribeAsync("same", CaseEvents);
        await client.SendAsync(new { id = "same", type = "subscribe", payload = new { query = CaseEvents } });
        Assert.Equal(4409, await client.ReceiveCloseAsync());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"type\":\"unknown\"}")]
    [InlineData("{\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { caseEvents { id } }\"}}")]
    public async Task Close_with_4400_on_a_message_outside_the_protocol(string text)
    {
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(School, factory.Token("demo-school", Roles.Counsellor));
        await client.SendTextAsync(text);
        Assert.Equal(4400, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Close_with_4406_when_the_sub_protocol_is_not_requested()
    {
        await using var client = await GraphQLWsTestClient.ConnectAsync(School, subProtocol: null);
        Assert.Equal(4406, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Close_with_4408_when_connection_init_does_not_come_within_the_timeout()
    {
        await using var client = await GraphQLWsTestClient.ConnectAsync(School);
        await client.SendAsync(new { type = "ping" }); // the server has started its timer once it answers
        Assert.Equal("pong", (await client.ReceiveAsync())?["type"]?.GetValue<string>());

        factory.Clock.Advance(TimeSpan.FromSeconds(11));

        Assert.Equal(4408, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Drop_pings_while_a_pong_waits_and_end_a_flooding_connection_at_the_init_timeout()
    {
        // A client that floods pings without reading (docs/subscriptions.md "Limits"): each ping used to queue one pong
        // without bound, and the 4408 close waited behind them all.
        const int pings = 200_000;
        await using var client = await GraphQLWsTestClient.ConnectAsync(School);
        for (var i = 0; i < pings; i++)
        {
            await client.SendAsync(new { type = "ping" });
        }

        factory.Clock.Advance(TimeSpan.FromSeconds(11)); // init timeout: 4408, or an abort when a send misses its deadline

        var pongs = 0;
        try
        {
            while (await client.ReceiveAsync() is { } message)
            {
                Assert.Equal("pong", message["type"]?.GetValue<string>());
                pongs++;
            }

            Assert.Equal(4408, client.CloseCode);
        }
        catch (System.Net.WebSockets.WebSocketException)
        {
            // aborted: the connection ended without a close handshake, as documented for a client that does not read
        }

        Assert.InRange(pongs, 0, pings - 1);
    }

    [Fact]
    public async Task Close_with_1009_on_a_message_over_the_size_limit()
    {
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(School, factory.Token("demo-school", Roles.Counsellor));
        await client.SendAsync(new { type = "ping", payload = new { padding = new string('x', 5000) } });
        Assert.Equal(1009, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Answer_an_error_with_SUBSCRIPTION_LIMIT_beyond_the_subscriptions_per_connection_and_keep_the_others()
    {
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(School, factory.Token("demo-school", Roles.Counsellor));
        for (var i = 0; i < SubscriptionApiFactory.MaxSubscriptionsPerConnection; i++)
        {
            await client.SubscribeAsync("s" + i, CaseEvents);
        }

        await client.SendAsync(new { id = "over", type = "subscribe", payload = new { query = CaseEvents } });
        var error = await client.ReceiveAsync();
        Assert.Equal("error", error?["type"]?.GetValue<string>());
        Assert.Equal("over", error?["id"]?.GetValue<string>());
        Assert.Equal("SUBSCRIPTION_LIMIT", error?["payload"]?[0]?["extensions"]?["code"]?.GetValue<string>());

        // Completing one frees a place.
        await client.SendAsync(new { id = "s0", type = "complete" });
        await client.SubscribeAsync("again", CaseEvents);
    }

    [Fact]
    public async Task Close_with_1008_beyond_the_connections_per_user()
    {
        var token = factory.TokenFor("limit-user@demo-school", "demo-school", Roles.Counsellor);
        var open = new List<GraphQLWsTestClient>();
        try
        {
            for (var i = 0; i < SubscriptionApiFactory.MaxConnectionsPerUser; i++)
            {
                open.Add(await GraphQLWsTestClient.ConnectAndInitAsync(School, token));
            }

            await using var over = await GraphQLWsTestClient.ConnectAsync(School);
            await over.SendAsync(new { type = "connection_init", payload = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token } });
            Assert.Equal(1008, await over.ReceiveCloseAsync());
            Assert.Contains("MaxConnectionsPerUser", over.CloseReason);
        }
        finally
        {
            foreach (var client in open)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Theory]
    [InlineData("{ me { subject } }", "BAD_REQUEST")]
    [InlineData("subscription { caseEvents { nope } }", "GRAPHQL_VALIDATION_FAILED")]
    [InlineData("subscription { caseEvents(filter: { kinds: [TASK_OVERDUE] }) { id } }", "VALIDATION_FAILED")]
    public async Task Answer_an_error_for_a_query_an_invalid_document_or_a_task_kind_on_caseEvents(string query, string code)
    {
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(School, factory.Token("demo-school", Roles.Counsellor));
        await client.SendAsync(new { id = "q", type = "subscribe", payload = new { query } });
        var error = await client.ReceiveAsync();
        Assert.Equal("error", error?["type"]?.GetValue<string>());
        Assert.Equal(code, error?["payload"]?[0]?["extensions"]?["code"]?.GetValue<string>());
    }

    [Fact]
    public async Task Refuse_caseEvents_to_a_role_that_may_not_open_cases_with_FORBIDDEN()
    {
        await using var client = await GraphQLWsTestClient.ConnectAndInitAsync(School, factory.Token("demo-school", Roles.Reporter));
        await client.SendAsync(new { id = "r", type = "subscribe", payload = new { query = CaseEvents } });
        var error = await client.ReceiveAsync();
        Assert.Equal("error", error?["type"]?.GetValue<string>());
        Assert.Equal("FORBIDDEN", error?["payload"]?[0]?["extensions"]?["code"]?.GetValue<string>());
    }
}
