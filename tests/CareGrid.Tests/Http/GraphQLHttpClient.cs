using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CareGrid.Tests.Http;

/// <summary>An answer of the GraphQL endpoint: status, headers and the body parsed as JSON.</summary>
public sealed record GraphQLHttpAnswer(HttpStatusCode Status, HttpResponseMessage Response, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? ContentType => Response.Content.Headers.ContentType?.ToString();

    /// <summary>The <c>extensions.code</c> of the first error.</summary>
    public string? FirstErrorCode =>
        Json.GetProperty("errors")[0].TryGetProperty("extensions", out var extensions)
        && extensions.TryGetProperty("code", out var code)
            ? code.GetString()
            : null;

    public bool HasData => Json.TryGetProperty("data", out _);
}

/// <summary>Small helpers to talk to the endpoint with HttpClient.</summary>
public static class GraphQLHttpClient
{
    public const string Json = "application/json";
    public const string GraphQLResponseJson = "application/graphql-response+json";

    public static Task<GraphQLHttpAnswer> PostAsync(this HttpClient client, string body, string? accept, string? contentType = Json) =>
        client.SendAsync(HttpMethod.Post, "/graphql", accept, Content(body, contentType));

    public static Task<GraphQLHttpAnswer> GetAsync(this HttpClient client, string pathAndQuery, string? accept) =>
        client.SendAsync(HttpMethod.Get, pathAndQuery, accept, null);

    public static async Task<GraphQLHttpAnswer> SendAsync(this HttpClient client, HttpMethod method, string pathAndQuery, string? accept, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery) { Content = content };
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new GraphQLHttpAnswer(response.StatusCode, response, body);
    }

    /// <summary>UTF-8 content with exactly the given Content-Type (none when null).</summary>
    public static HttpContent Content(string body, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return content;
    }

    public static string Request(string query, object? variables = null, string? operationName = null, object? extensions = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["query"] = query,
            ["variables"] = variables,
            ["operationName"] = operationName,
            ["extensions"] = extensions,
        });
}

/// <summary>Content sent chunked: its length is not known up front, so there is no Content-Length header.</summary>
public sealed class ChunkedContent : HttpContent
{
    private readonly byte[] _bytes;

    public ChunkedContent(string body, string contentType)
    {
        _bytes = Encoding.UTF8.GetBytes(body);
        Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        const int chunk = 16 * 1024;
        for (var offset = 0; offset < _bytes.Length; offset += chunk)
        {
            await stream.WriteAsync(_bytes.AsMemory(offset, Math.Min(chunk, _bytes.Length - offset)));
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
