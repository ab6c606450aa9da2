using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace CareGrid.Grains.Webhooks;

/// <summary>Posts one signed webhook message (docs/webhooks.md "Delivery"); the outbox grain calls it.</summary>
public interface IWebhookSender
{
    /// <summary>
    /// POSTs <paramref name="body"/> (JSON) to <paramref name="url"/> with the headers <c>webhook-id</c>, <c>webhook-timestamp</c>
    /// (unix seconds) and <c>webhook-signature</c>. Never throws for a failed delivery: the result says what happened.
    /// </summary>
    Task<WebhookAttempt> SendAsync(Uri url, string messageId, long timestamp, string signature, string body, CancellationToken cancellation);
}

/// <summary>
/// The HTTP sender: the named client <see cref="ClientName"/> from <see cref="IHttpClientFactory"/>, whose handler follows no
/// redirect (a 3xx is a failure, error <c>redirect</c>), uses no proxy and no cookies, and connects only to addresses
/// <see cref="WebhookAddressPolicy.Allows"/> allows, checked on the addresses it actually connects to (so a name that
/// resolves to a private address, or rebinds to one after registration, is refused: error <c>address-refused</c>). The whole
/// attempt is bounded by <see cref="WebhookOptions.TimeoutSeconds"/> (error <c>timeout</c>).
/// </summary>
public sealed class HttpWebhookSender(IHttpClientFactory clients, IOptions<WebhookOptions> options) : IWebhookSender
{
    /// <summary>The name of the <see cref="HttpClient"/> registration.</summary>
    public const string ClientName = "caregrid-webhooks";

    /// <inheritdoc />
    /// <remarks>
    /// A connection that ends before any response arrives (<see cref="HttpRequestError.ResponseEnded"/>: typically a pooled
    /// keep-alive connection the receiver had already closed) is retried once at once on a new connection, within the same
    /// attempt and time bound; receivers de-duplicate by <c>webhook-id</c> (Standard Webhooks), so a repeat is harmless.
    /// </remarks>
    public async Task<WebhookAttempt> SendAsync(Uri url, string messageId, long timestamp, string signature, string body, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(url);
        var watch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        var client = clients.CreateClient(ClientName);
        try
        {
            var status = await PostAsync(client, url, messageId, timestamp, signature, body, timeout.Token, retryDropped: true);
            return new WebhookAttempt(status, status is >= 300 and <= 399 ? "redirect" : null, watch.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return new WebhookAttempt(0, "timeout", watch.ElapsedMilliseconds);
        }
        catch (HttpRequestException ex) when (ex.InnerException is WebhookAddressRefusedException)
        {
            return new WebhookAttempt(0, "address-refused", watch.ElapsedMilliseconds);
        }
        catch (HttpRequestException)
        {
            return new WebhookAttempt(0, "connection", watch.ElapsedMilliseconds);
        }
    }

    /// <summary>One POST; with <paramref name="retryDropped"/>, a connection that ended before the response is tried once more.</summary>
    private static async Task<int> PostAsync(
        HttpClient client, Uri url, string messageId, long timestamp, string signature, string body, CancellationToken cancellation, bool retryDropped)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("CareGrid-Webhooks", "1"));
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException ex) when (retryDropped && ex.HttpRequestError == HttpRequestError.ResponseEnded)
        {
            return await PostAsync(client, url, messageId, timestamp, signature, body, cancellation, retryDropped: false);
        }
    }

    /// <summary>
    /// The connection step of the client's handler with the loopback allowance only and the system resolver (see
    /// <see cref="ConnectAsync(DnsEndPoint, WebhookAddressPolicy, WebhookHostResolver, CancellationToken)"/>).
    /// </summary>
    public static ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowLoopback, CancellationToken cancellation) =>
        ConnectAsync(endpoint, new WebhookAddressPolicy(allowLoopback, []), new WebhookHostResolver(), cancellation);

    /// <summary>
    /// The connection step of the client's handler (<see cref="SocketsHttpHandler.ConnectCallback"/>): resolves the host with
    /// <paramref name="resolver"/> (a literal address is taken as it is), throws <see cref="WebhookAddressRefusedException"/> when
    /// it has no address or any of its addresses is not one <paramref name="policy"/> allows, and connects to the checked
    /// addresses only — never to a name resolved again behind the check (DNS rebinding).
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, WebhookAddressPolicy policy, WebhookHostResolver resolver, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(resolver);
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await resolver.ResolveAsync(endpoint.Host, cancellation);
        if (addresses.Length == 0 || addresses.Any(a => !policy.Allows(a)))
        {
            throw new WebhookAddressRefusedException(endpoint.Host);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellation);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A webhook's host resolved to an address a webhook may not target (<see cref="WebhookUrlRules"/>).</summary>
public sealed class WebhookAddressRefusedException(string host)
    : Exception($"The webhook host '{host}' resolves to an address webhooks may not target (private, link-local, reserved or loopback).");
