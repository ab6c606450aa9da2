using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CareGrid.Tests.Infrastructure;

/// <summary>The answer of one GraphQL request: status, media type and parsed body.</summary>
public sealed record GraphQLResponse(HttpStatusCode Status, string? MediaType, JsonNode? Body)
{
    public JsonNode? Data => Body?["data"];
    public JsonArray? Errors => Body?["errors"] as JsonArray;

    /// <summary>The first error's extensions.code, or null.</summary>
    public string? FirstCode => Errors is { Count: > 0 } e ? e[0]?["extensions"]?["code"]?.GetValue<string>() : null;

    /// <summary>Fails with the body when the response has errors.</summary>
    public GraphQLResponse EnsureNoErrors()
    {
        Assert.True(Errors is null || Errors.Count == 0, $"Unexpected errors: {Body?.ToJsonString()}");
        return this;
    }
}

/// <summary>A thin GraphQL-over-HTTP client for tests.</summary>
public sealed class GraphQLClient(HttpClient http)
{
    public HttpClient Http => http;

    public async Task<GraphQLResponse> PostAsync(string path, string query, object? variables = null, string? token = null,
        string accept = "application/graphql-response+json", string? tenantHeader = null, string? operationName = null)
    {
        var body = JsonSerializer.Serialize(new { query, variables, operationName });
        return await SendRawAsync(path, body, token, accept, tenantHeader);
    }

    public async Task<GraphQLResponse> SendRawAsync(string path, string body, string? token = null,
        string accept = "application/graphql-response+json", string? tenantHeader = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Accept.ParseAdd(accept);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (tenantHeader is not null)
        {
            request.Headers.Add("X-Tenant", tenantHeader);
        }

        return await ReadAsync(await http.SendAsync(request));
    }

    public async Task<GraphQLResponse> GetAsync(string pathAndQuery, string? token = null, string accept = "application/graphql-response+json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Accept.ParseAdd(accept);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await ReadAsync(await http.SendAsync(request));
    }

    private static async Task<GraphQLResponse> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        if (text.Length > 0)
        {
            try { body = JsonNode.Parse(text); } catch (JsonException) { body = JsonValue.Create(text); }
        }

        return new GraphQLResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }
}
