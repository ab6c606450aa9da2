using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CareGrid.Tests.Subscriptions;

/// <summary>
/// A raw <c>graphql-transport-ws</c> client over <see cref="ClientWebSocket"/> for protocol tests: sends JSON messages and
/// reads the next message or the close code. Every read is bounded by <see cref="Patience"/> so a broken server fails the
/// test instead of hanging it (a guard, not a timed assertion).
/// </summary>
public sealed class GraphQLWsTestClient : IAsyncDisposable
{
    /// <summary>How long one read waits at most.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly ClientWebSocket _socket = new();

    /// <summary>The close code the server sent, once closed.</summary>
    public int? CloseCode => (int?)_socket.CloseStatus;

    /// <summary>The close reason the server sent, once closed.</summary>
    public string? CloseReason => _socket.CloseStatusDescription;

    /// <summary>Opens a socket to <paramref name="uri"/> requesting <paramref name="subProtocol"/> (none when null).</summary>
    public static async Task<GraphQLWsTestClient> ConnectAsync(Uri uri, string? subProtocol = "graphql-transport-ws")
    {
        var client = new GraphQLWsTestClient();
        if (subProtocol is not null)
        {
            client._socket.Options.AddSubProtocol(subProtocol);
        }

        using var timeout = new CancellationTokenSource(Patience);
        await client._socket.ConnectAsync(uri, timeout.Token);
        return client;
    }

    /// <summary>Opens a socket and completes <c>connection_init</c> with <paramref name="token"/>; fails unless acknowledged.</summary>
    public static async Task<GraphQLWsTestClient> ConnectAndInitAsync(Uri uri, string token)
    {
        var client = await ConnectAsync(uri);
        await client.SendAsync(new { type = "connection_init", payload = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token } });
        var ack = await client.ReceiveAsync();
        Assert.True(ack?["type"]?.GetValue<string>() == "connection_ack", $"Expected connection_ack, got {ack?.ToJsonString() ?? $"close {client.CloseCode} {client.CloseReason}"}");
        return client;
    }

    /// <summary>The sub-protocol the server chose.</summary>
    public string? SubProtocol => _socket.SubProtocol;

    /// <summary>Sends <paramref name="message"/> as JSON text.</summary>
    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    /// <summary>Sends raw text as one message.</summary>
    public async Task SendTextAsync(string text)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
    }

    /// <summary>Subscribes under <paramref name="id"/>, then pings and waits for the pong: the server reads in order, so the subscription is live when this returns.</summary>
    public async Task SubscribeAsync(string id, string query, object? variables = null)
    {
        await SendAsync(new { id, type = "subscribe", payload = new { query, variables } });
        await SendAsync(new { type = "ping" });
        var next = await ReceiveAsync();
        Assert.True(next?["type"]?.GetValue<string>() == "pong", $"Expected pong after subscribe, got {next?.ToJsonString() ?? $"close {CloseCode} {CloseReason}"}");
    }

    /// <summary>The next message, or null when the server closed the socket (see <see cref="CloseCode"/>).</summary>
    public async Task<JsonNode?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (_socket.State == WebSocketState.CloseReceived)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                }

                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonNode.Parse(message.ToArray());
            }
        }
    }

    /// <summary>Reads until the server closes; returns the close code.</summary>
    public async Task<int?> ReceiveCloseAsync()
    {
        while (await ReceiveAsync() is not null)
        {
        }

        return CloseCode;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                _socket.Abort();
            }
        }

        _socket.Dispose();
    }
}
