using System.Net;
using System.Net.Http.Headers;

namespace CareGrid.Benchmarks.Load;

/// <summary>
/// The HTTP side of the load generator: one <see cref="HttpClient"/> over <see cref="SocketsHttpHandler"/> with
/// HTTP/1.1 keep-alive, one pooled connection per concurrent client, no proxy, cookies or decompression.
/// </summary>
internal sealed class HttpLoadClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private readonly HttpClient _client;

    public HttpLoadClient(int maxConnections)
    {
        _client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, maxConnections),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        })
        {
            Timeout = TimeSpan.FromSeconds(30),
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    /// <summary>Sends a GET and returns the status and the whole body.</summary>
    public async ValueTask<(int Status, ReadOnlyMemory<byte> Body)> GetAsync(Worker worker, Uri uri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        return await SendAsync(worker, request, cancellationToken);
    }

    /// <summary>Sends a GraphQL POST (JSON body, bearer token) and returns the status and the whole body.</summary>
    public async ValueTask<(int Status, ReadOnlyMemory<byte> Body)> PostGraphQLAsync(Worker worker, Uri uri, string? token, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.TryAddWithoutValidation("Accept", "application/graphql-response+json");
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }

        return await SendAsync(worker, request, cancellationToken);
    }

    private async ValueTask<(int Status, ReadOnlyMemory<byte> Body)> SendAsync(Worker worker, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var body = await worker.ReadAllAsync(stream, cancellationToken);
        return ((int)response.StatusCode, body);
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
