using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareGrid.Grains.Events;
using CareGrid.Grains.Security;
using CareGrid.GraphApi.Subscriptions;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Subscriptions;

/// <summary>
/// A <c>graphql-ws</c> subscriber that stops reading is closed with 1013 (<see cref="GraphQLWsProtocol.OutboundFull"/>,
/// docs/subscriptions.md "Limits") through the real endpoint on Kestrel: a client socket with a 4 KiB receive buffer holds two
/// subscriptions with large frames, then reads nothing while far more is published than its connection's queue
/// (<c>MaxPendingEvents</c> + 16 frames) and the transport's buffers hold; when it reads again it gets the frames queued before
/// the decision, in order, then the close frame 1013 — fewer events than were published (about 800 of 4,000 here). A second,
/// reading subscriber paces the publisher, so the silent one's event queue never overflows (that would be
/// <c>SUBSCRIPTION_OVERFLOW</c> instead). No sleep: the server's send deadline runs on the fake domain clock, which the test
/// does not move, so the full queue is closed rather than aborted; every read is bounded.
/// </summary>
[Trait("tier", "api")]
[Collection(SubscriptionCollection.Name)]
public sealed class SubscriptionSlowReaderShould(SubscriptionApiFactory factory)
{
    /// <summary>
    /// Events published while the client does not read. Each makes two frames of some 1.5 KB on the silent connection, so
    /// 4,000 of them (~12 MB) are more than twice what the connection's queue (272 frames), Kestrel's output pipe (64 KiB), the
    /// server's socket send buffer (at most 4 MiB here, <c>net.ipv4.tcp_wmem</c>) and the client's 4 KiB receive buffer hold.
    /// </summary>
    private const int Published = 4000;

    /// <summary>Events published between two checks that the reading subscriber got them (well below MaxPendingEvents, 256).</summary>
    private const int Batch = 40;

    [Fact]
    public async Task Close_a_subscriber_that_stops_reading_with_1013_after_the_frames_queued_before()
    {
        const string tenant = "demo-school";
        var counsellor = factory.TokenFor("counsellor@demo-school", tenant, Roles.Counsellor);
        var caseId = await ReportAsync(counsellor);
        const string query = "subscription { caseEvents { id kind caseId sequence } }";
        using var socket = await ConnectWithSmallReceiveBufferAsync(factory.WebSocketUri(tenant));
        await SendAsync(socket, new { type = "connection_init", payload = new Dictionary<string, string> { ["Authorization"] = "Bearer " + counsellor } });
        Assert.Equal("connection_ack", (await ReceiveAsync(socket))?["type"]?.GetValue<string>());
        // Two subscriptions (the factory's limit per connection) of 30 long aliases each: some 3 KB of frames per event.
        await SendAsync(socket, new { id = "1", type = "subscribe", payload = new { query = Padded } });
        await SendAsync(socket, new { id = "2", type = "subscribe", payload = new { query = Padded } });
        await SendAsync(socket, new { type = "ping" });
        Assert.Equal("pong", (await ReceiveAsync(socket))?["type"]?.GetValue<string>()); // subscribed (messages are handled in order)

        // A second subscriber that reads paces the publisher: a batch is published only after it got the previous one, so the
        // silent subscriber's own queue of events (MaxPendingEvents) never overflows, and what fills is its connection's
        // outbound queue (the hub hands every event to both feeds, and both pumps do the same work).
        await using var reader = await GraphQLWsTestClient.ConnectAndInitAsync(factory.WebSocketUri(tenant), counsellor);
        await reader.SubscribeAsync("r", query);

        // The silent client reads nothing from here on.
        for (var sequence = 1; sequence <= Published; sequence++)
        {
            await factory.PublishAsync(new CareEvent($"{caseId}.{First + sequence}", tenant, CareEventKind.CaseEscalated, caseId, First + sequence, DateTimeOffset.UtcNow)
            {
                OrganizationId = "class-8-1",
                EscalationLevel = 2,
            });
            if (sequence % Batch == 0)
            {
                await ReadUntilAsync(reader, First + sequence);
            }
        }

        // Reading again: the frames queued before the close, in order, then the close frame.
        var received = new List<long>();
        while (await ReceiveOrReportAsync(socket, received) is { } message)
        {
            Assert.Equal("next", message["type"]?.GetValue<string>());
            var sequence = message["payload"]!["data"]!["caseEvents"]!["sequence"]!.GetValue<long>();
            if (sequence > First && message["id"]?.GetValue<string>() == "1")
            {
                received.Add(sequence - First);
            }
        }

        Assert.Equal((WebSocketCloseStatus)GraphQLWsProtocol.OutboundFull, socket.CloseStatus);
        Assert.Contains("does not read", socket.CloseStatusDescription, StringComparison.Ordinal);
        Assert.InRange(received.Count, 1, Published - 1);
        Assert.Equal(Enumerable.Range(1, received.Count).Select(i => (long)i), received);
    }

    private static async Task<JsonNode?> ReceiveOrReportAsync(ClientWebSocket socket, List<long> received)
    {
        try
        {
            return await ReceiveAsync(socket);
        }
        catch (OperationCanceledException e)
        {
            throw new InvalidOperationException($"no close after {received.Count} events, last {received.LastOrDefault()}", e);
        }
    }

    /// <summary>A subscription whose <c>next</c> frames are some 1.5 KB: 29 long aliases of the case id, and the sequence.</summary>
    private static readonly string Padded = "subscription { caseEvents { sequence "
        + string.Concat(Enumerable.Range(10, 29).Select(i => $"padding_padding_padding_{i}: caseId ")) + "} }";

    /// <summary>Sequences of the published events start above this (the case's own events have small ones).</summary>
    private const long First = 100_000;

    private async Task<string> ReportAsync(string counsellor)
    {
        var client = factory.GraphQL();
        var student = await DemoStudents.NewAsync(client, factory.TokenFor("admin@demo-school", "demo-school", Roles.TenantAdmin));
        var report = await client.PostAsync("/t/demo-school/graphql",
            $"mutation {{ reportConcern(input: {{ personId: \"{student}\", summary: \"Stopped answering messages\", riskLevel: HIGH }}) {{ id }} }}", token: counsellor);
        return report.EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();
    }

    /// <summary>Reads the reader's messages until the event of <paramref name="sequence"/>; fails on anything but <c>next</c>.</summary>
    private static async Task ReadUntilAsync(GraphQLWsTestClient reader, long sequence)
    {
        while (true)
        {
            var message = await reader.ReceiveAsync();
            Assert.True(message?["type"]?.GetValue<string>() == "next", $"reader expected next up to {sequence}, got {message?.ToJsonString() ?? $"close {reader.CloseCode}"}");
            if (message!["payload"]!["data"]!["caseEvents"]!["sequence"]!.GetValue<long>() == sequence)
            {
                return;
            }
        }
    }

    /// <summary>A <see cref="ClientWebSocket"/> whose TCP socket has a 4 KiB receive buffer, set before it connects (so the window stays small).</summary>
    private static async Task<ClientWebSocket> ConnectWithSmallReceiveBufferAsync(Uri uri)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellation) =>
            {
                var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = 4096 };
                try
                {
                    await tcp.ConnectAsync(new DnsEndPoint(context.DnsEndPoint.Host, context.DnsEndPoint.Port), cancellation);
                    return new NetworkStream(tcp, ownsSocket: true);
                }
                catch
                {
                    tcp.Dispose();
                    throw;
                }
            },
        };
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        using var timeout = new CancellationTokenSource(GraphQLWsTestClient.Patience);
        await socket.ConnectAsync(uri, new HttpMessageInvoker(handler), timeout.Token);
        return socket;
    }

    private static async Task SendAsync(ClientWebSocket socket, object message)
    {
        using var timeout = new CancellationTokenSource(GraphQLWsTestClient.Patience);
        await socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message)), WebSocketMessageType.Text, true, timeout.Token);
    }

    /// <summary>The next message, or null once the server's close frame arrived; each read bounded by <see cref="GraphQLWsTestClient.Patience"/>.</summary>
    private static async Task<JsonNode?> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(GraphQLWsTestClient.Patience);
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            text.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonNode.Parse(text.ToArray());
            }
        }
    }
}
