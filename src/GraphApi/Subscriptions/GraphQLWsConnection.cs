using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using CareGrid.Grains.Hosting;
using CareGrid.GraphApi.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareGrid.GraphApi.Subscriptions;

/// <summary>
/// One WebSocket connection speaking <c>graphql-transport-ws</c> (docs/subscriptions.md "Protocol"): reads client messages
/// one at a time, in order (a <c>subscribe</c> is attached to the event stream before the next message is read, so a
/// <c>pong</c> after it proves the subscription is live), and writes every server message through one queue.
/// </summary>
internal sealed partial class GraphQLWsConnection : IAsyncDisposable
{
    private readonly WebSocket _socket;
    private readonly HttpContext _context;
    private readonly SubscriptionOptions _options;
    private readonly ILogger _logger;
    /// <summary>Frames the outbound queue holds beyond <see cref="SubscriptionOptions.MaxPendingEvents"/> (ack, pong, error, complete).</summary>
    internal const int OutboundAllowance = 16;

    /// <summary>Seconds one frame send, and the close handshake, may take before the socket is aborted (docs/subscriptions.md "Limits").</summary>
    internal const int SendDeadlineSeconds = 5;

    private static readonly byte[] PongFrame = Encoding.UTF8.GetBytes($"{{\"type\":\"{GraphQLWsProtocol.Pong}\"}}");
    private readonly Channel<byte[]> _outbound;
    private readonly TimeProvider _clock;
    private int _pongPending;
    private Task _expiry = Task.CompletedTask;
    private readonly CancellationTokenSource _closing;
    private readonly Dictionary<string, Operation> _operations = new(StringComparer.Ordinal);
    private CareGridUserContext? _caller;
    private IDisposable? _slot;
    private bool _initReceived;
    private (int Code, string Reason)? _close;

    public GraphQLWsConnection(WebSocket socket, HttpContext context, SubscriptionOptions options, ILogger logger)
    {
        _socket = socket;
        _context = context;
        _options = options;
        _logger = logger;
        _closing = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        _clock = context.RequestServices.GetKeyedService<TimeProvider>(DomainClock.Key) ?? TimeProvider.System;
        _outbound = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(options.MaxPendingEvents + OutboundAllowance)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _stopping = WatchShutdown();
    }

    /// <summary>
    /// Serves the connection until either side closes it. A close the server decides is sent after the messages queued before
    /// it; the receive loop then reads on until the client's close frame (a receive is never cancelled: that would abort the
    /// socket and lose the close code), or aborts the socket when the client does not answer within 5 s.
    /// </summary>
    public async Task RunAsync()
    {
        var sender = SendLoopAsync();
        var initTimer = InitTimeoutAsync(_clock);
        try
        {
            await ReceiveLoopAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away.
        }
        finally
        {
            _outbound.Writer.TryComplete();
            await _closing.CancelAsync().ConfigureAwait(false);
            await DisposeOperationsAsync().ConfigureAwait(false);
            await Task.WhenAll(sender, initTimer, _expiry).ConfigureAwait(false);
        }
    }

    private async Task InitTimeoutAsync(TimeProvider clock)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(_options.InitTimeoutSeconds), clock, _closing.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (!_initReceived)
        {
            Close(GraphQLWsProtocol.InitTimeout, "Connection initialisation timeout");
            await AbortUnlessClosedAsync().ConfigureAwait(false); // the close frame may be stuck behind frames the client does not read
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            buffer.Clear();
            var kind = await ReceiveMessageAsync(buffer).ConfigureAwait(false);
            if (kind is null)
            {
                return;
            }

            if (_close is not null)
            {
                continue; // closing: only the client's close frame matters now
            }

            if (kind != WebSocketMessageType.Text)
            {
                Close(GraphQLWsProtocol.BadRequest, "Invalid message received: binary frames are not part of the protocol");
                return;
            }

            await HandleMessageAsync(buffer.WrittenMemory).ConfigureAwait(false);
        }
    }

    /// <summary>One whole message into <paramref name="buffer"/>; null when the client closed or the message is too big (then closing).</summary>
    private async Task<WebSocketMessageType?> ReceiveMessageAsync(ArrayBufferWriter<byte> buffer)
    {
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.GetMemory(4096), _context.RequestAborted).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Advance(result.Count);
            if (buffer.WrittenCount > _options.MaxMessageBytes)
            {
                Close(GraphQLWsProtocol.MessageTooBig, $"Message larger than {_options.MaxMessageBytes} bytes");
                buffer.Clear();
                if (!result.EndOfMessage)
                {
                    continue; // read and drop the rest of the message, then wait for the close frame
                }
            }

            if (result.EndOfMessage)
            {
                return result.MessageType;
            }
        }
    }

    private async Task HandleMessageAsync(ReadOnlyMemory<byte> message)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException)
        {
            Close(GraphQLWsProtocol.BadRequest, "Invalid message received: not JSON");
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                Close(GraphQLWsProtocol.BadRequest, "Invalid message received: an object with a string 'type' is expected");
                return;
            }

            var payload = root.TryGetProperty("payload", out var p) ? p : default;
            switch (type.GetString())
            {
                case GraphQLWsProtocol.ConnectionInit:
                    await InitAsync(payload).ConfigureAwait(false);
                    break;
                case GraphQLWsProtocol.Ping:
                    if (Interlocked.CompareExchange(ref _pongPending, 1, 0) == 0)
                    {
                        Enqueue(PongFrame); // at most one pong waits; pings while it waits are dropped (docs/subscriptions.md "Limits")
                    }

                    break;
                case GraphQLWsProtocol.Pong:
                    break;
                case GraphQLWsProtocol.Subscribe:
                    await SubscribeAsync(root, payload).ConfigureAwait(false);
                    break;
                case GraphQLWsProtocol.Complete:
                    await CompleteAsync(root).ConfigureAwait(false);
                    break;
                default:
                    Close(GraphQLWsProtocol.BadRequest, "Invalid message received: unknown type");
                    break;
            }
        }
    }

    private async Task InitAsync(JsonElement payload)
    {
        if (_initReceived)
        {
            Close(GraphQLWsProtocol.TooManyInitialisationRequests, "Too many initialisation requests");
            return;
        }

        _initReceived = true;
        if (payload.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Object))
        {
            Close(GraphQLWsProtocol.BadRequest, "Invalid message received: connection_init payload must be an object");
            return;
        }

        var (caller, refusal) = await ConnectionAdmission.AdmitAsync(_context, payload).ConfigureAwait(false);
        if (refusal is not null)
        {
            Close(GraphQLWsProtocol.Forbidden, Clip("Forbidden: " + refusal.Code + ": " + refusal.Message));
            return;
        }

        var limiter = _context.RequestServices.GetRequiredService<ConnectionLimiter>();
        var (slot, limit) = limiter.TryEnter(caller!.Tenant!.Id, caller.Subject!);
        if (slot is null)
        {
            var error = new Grains.Errors.CareGridException(Grains.Errors.ErrorCodes.Forbidden, limit!);
            await ConnectionAdmission.AuditAsync(_context, caller.User, error, "connection_init").ConfigureAwait(false);
            Close(GraphQLWsProtocol.TooManyConnections, Clip(limit!));
            return;
        }

        _slot = slot;
        _caller = caller;
        _expiry = CloseWhenTokenExpiresAsync(caller.User);
        Send(GraphQLWsProtocol.ConnectionAck);
    }

    /// <summary>Queues a message without id or payload (<c>connection_ack</c>, <c>pong</c>).</summary>
    private void Send(string type) => Enqueue(Encoding.UTF8.GetBytes($"{{\"type\":\"{type}\"}}"));

    /// <summary>Queues a message of an operation; <paramref name="payloadJson"/> is already JSON (or null for none).</summary>
    private void Send(string type, string id, string? payloadJson)
    {
        var text = new StringBuilder("{\"id\":").Append(JsonSerializer.Serialize(id)).Append(",\"type\":\"").Append(type).Append('"');
        if (payloadJson is not null)
        {
            text.Append(",\"payload\":").Append(payloadJson);
        }

        Enqueue(Encoding.UTF8.GetBytes(text.Append('}').ToString()));
    }

    /// <summary>
    /// Queues one frame. The queue holds at most <see cref="SubscriptionOptions.MaxPendingEvents"/> +
    /// <see cref="OutboundAllowance"/> frames; a client that lets it fill is closed with 1013 (docs/subscriptions.md "Limits").
    /// </summary>
    private void Enqueue(byte[] frame)
    {
        if (!_outbound.Writer.TryWrite(frame) && _close is null)
        {
            Close(GraphQLWsProtocol.OutboundFull, "Try again later: the client does not read its messages");
        }
    }

    /// <summary>Asks to close the socket with <paramref name="code"/> once the queued messages are sent (the first reason wins).</summary>
    private void Close(int code, string reason)
    {
        _close ??= (code, reason);
        _outbound.Writer.TryComplete();
    }

    /// <summary>A close reason fits in 123 bytes (RFC 6455); longer text is cut.</summary>
    private static string Clip(string reason)
    {
        while (Encoding.UTF8.GetByteCount(reason) > 123)
        {
            reason = reason[..^2] + "…";
        }

        return reason;
    }

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var frame in _outbound.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                using (var deadline = Deadline())
                {
                    await _socket.SendAsync(frame, WebSocketMessageType.Text, true, deadline.Token).ConfigureAwait(false);
                }

                if (ReferenceEquals(frame, PongFrame))
                {
                    Volatile.Write(ref _pongPending, 0);
                }
            }

            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                var (code, reason) = _close ?? (1000, "Normal closure");
                using (var deadline = Deadline())
                {
                    await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, deadline.Token).ConfigureAwait(false);
                }

                await AbortUnlessClosedAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            LogCloseFailed(_logger, ex);
            _socket.Abort(); // a send that missed its deadline: the client does not read, so nothing more can reach it
        }
    }

    /// <summary>Cancels after <see cref="SendDeadlineSeconds"/> on the domain clock (a cancelled send aborts the socket).</summary>
    private CancellationTokenSource Deadline() => new(TimeSpan.FromSeconds(SendDeadlineSeconds), _clock);

    /// <summary>Gives the client <see cref="SendDeadlineSeconds"/> (domain clock) to answer the close frame, then aborts the socket (which ends the receive loop).</summary>
    private async Task AbortUnlessClosedAsync()
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(SendDeadlineSeconds), _clock, _closing.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        _socket.Abort();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DisposeOperationsAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _slot?.Dispose();
        _closing.Dispose();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Could not close a GraphQL WebSocket cleanly.")]
    private static partial void LogCloseFailed(ILogger logger, Exception exception);
}
