using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CareGrid.Tests.Webhooks;

/// <summary>
/// A webhook receiver on 127.0.0.1 (Kestrel, a fixed port so it can go down and come back): records every POST to
/// <c>/hook</c> with its Standard Webhooks headers and body, and answers <see cref="Status"/>. <c>/redirect</c> answers 302 to
/// <c>/elsewhere</c>, which counts its hits (a redirect must never be followed).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private WebApplication? _app;

    private WebhookReceiver(int port) => Port = port;

    /// <summary>The port it listens on (also while down).</summary>
    public int Port { get; }

    /// <summary>The URL of the recording endpoint.</summary>
    public string Url => $"http://127.0.0.1:{Port}/hook";

    /// <summary>Every message received, in arrival order.</summary>
    public ConcurrentQueue<Received> Messages { get; } = new();

    /// <summary>Requests that reached <c>/elsewhere</c>.</summary>
    public int Elsewhere => _elsewhere;

    /// <summary>The status <c>/hook</c> answers (default 204).</summary>
    public int Status { get; set; } = 204;

    private int _elsewhere;

    private volatile TaskCompletionSource? _held;

    private readonly TaskCompletionSource _heldReached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Holds every answer of <c>/hook</c> (after recording the message) until the result is disposed: a receiver as slow as
    /// the sender's timeout allows. The task completes when the first held request has arrived.
    /// </summary>
    public (Task Reached, IDisposable Release) Hold()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _held = held;
        return (_heldReached.Task, new Released(() =>
        {
            _held = null;
            held.TrySetResult();
        }));
    }

    private readonly SemaphoreSlim _arrived = new(0);

    /// <summary>
    /// Waits until at least <paramref name="count"/> messages have arrived (woken by each arrival, no polling) or
    /// <paramref name="limit"/> has passed; true when they did.
    /// </summary>
    public async Task<bool> WaitForAsync(int count, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (Messages.Count < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                return Messages.Count >= count;
            }
        }

        return true;
    }

    /// <summary>Starts a receiver on a free port.</summary>
    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver(Infrastructure.FreePorts.Next());
        await receiver.UpAsync();
        return receiver;
    }

    /// <summary>Starts listening (again) on <see cref="Port"/>.</summary>
    public async Task UpAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            Messages.Enqueue(new Received(request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(),
                request.Headers["webhook-signature"].ToString(), body));
            _arrived.Release();
            if (_held is { } held)
            {
                _heldReached.TrySetResult();
                await held.Task;
            }

            return Results.StatusCode(Status);
        });
        app.MapPost("/redirect", () => Results.Redirect("/elsewhere"));
        app.MapPost("/elsewhere", () =>
        {
            Interlocked.Increment(ref _elsewhere);
            return Results.NoContent();
        });
        await app.StartAsync();
        _app = app;
    }

    /// <summary>Stops listening: connections are refused until <see cref="UpAsync"/>.</summary>
    public async Task DownAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(DownAsync());

    private sealed class Released(Action release) : IDisposable
    {
        public void Dispose() => release();
    }

    /// <summary>One received message.</summary>
    public sealed record Received(string Id, string Timestamp, string Signature, string Body);
}
