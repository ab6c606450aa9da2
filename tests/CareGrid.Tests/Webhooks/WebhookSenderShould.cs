using System.Net;
using System.Net.Sockets;
using System.Text;
using CareGrid.Grains.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Webhooks;

/// <summary>
/// The HTTP sender against a raw receiver on 127.0.0.1 that drops connections on purpose: a connection that ends before any
/// response (a keep-alive connection the receiver had closed) is retried once at once, within the same attempt (docs/webhooks.md
/// "Delivery"); a receiver that keeps dropping is one failed attempt, not a loop.
/// </summary>
[Trait("tier", "grains")]
public sealed class WebhookSenderShould
{
    [Fact]
    public async Task Retry_once_at_once_when_the_connection_ends_before_the_response()
    {
        await using var receiver = new DroppingReceiver(dropFirst: 1);
        var attempt = await SendAsync(receiver.Port);
        Assert.Equal((204, null), (attempt.StatusCode, attempt.Error));
        Assert.Equal(2, receiver.Connections);
    }

    [Fact]
    public async Task Count_a_receiver_that_keeps_dropping_as_one_failed_attempt()
    {
        await using var receiver = new DroppingReceiver(dropFirst: int.MaxValue);
        var attempt = await SendAsync(receiver.Port);
        Assert.Equal((0, "connection"), (attempt.StatusCode, attempt.Error));
        Assert.Equal(2, receiver.Connections);
    }

    private static async Task<WebhookAttempt> SendAsync(int port)
    {
        var services = new ServiceCollection().AddLogging().AddCareGridWebhooks();
        services.Configure<WebhookOptions>(o => o.AllowLoopback = true);
        await using var provider = services.BuildServiceProvider();
        var sender = provider.GetRequiredService<IWebhookSender>();
        return await sender.SendAsync(new Uri($"http://127.0.0.1:{port}/hook"), "evt_c1.1", 1_800_000_000, "v1,x", "{}", CancellationToken.None);
    }

    /// <summary>Accepts connections; closes the first <c>dropFirst</c> after reading the request's head, answers 204 to the others.</summary>
    internal sealed class DroppingReceiver : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private readonly int _dropFirst;
        private int _connections;

        public DroppingReceiver(int dropFirst)
        {
            _dropFirst = dropFirst;
            _listener.Start();
            _loop = Task.Run(AcceptAsync);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Connections => Volatile.Read(ref _connections);

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                using (client)
                {
                    var n = Interlocked.Increment(ref _connections);
                    var stream = client.GetStream();
                    await ReadHeadAsync(stream);
                    if (n > _dropFirst)
                    {
                        await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
                    }
                }
            }
        }

        private static async Task ReadHeadAsync(NetworkStream stream)
        {
            var seen = new StringBuilder();
            var buffer = new byte[1024];
            while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    return;
                }

                seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _loop;
            _stop.Dispose();
        }
    }
}
