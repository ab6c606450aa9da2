using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace CareGrid.Tests.Mailbox;

/// <summary>A writer's view of the public worry-mailbox route, over the test server (docs/mailbox.md "The public route").</summary>
public sealed class WorryMailboxClient(HttpClient http, string address)
{
    /// <summary>The status, the raw body and the parsed body of an answer.</summary>
    public sealed record Answer(HttpStatusCode Status, string Raw, JsonNode? Body)
    {
        public string? Code => Body?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();
    }

    public Task<Answer> PostAsync(string tenant, string text, Action<HttpRequestMessage>? more = null) =>
        SendAsync(tenant, "post", new JsonObject { ["text"] = text }.ToJsonString(), more: more);

    public Task<Answer> ReadAsync(string tenant, string code) =>
        SendAsync(tenant, "read", new JsonObject { ["claimCode"] = code }.ToJsonString());

    public Task<Answer> ReplyAsync(string tenant, string code, string text, string? contactMe = null) =>
        SendAsync(tenant, "reply", new JsonObject { ["claimCode"] = code, ["text"] = text, ["contactMe"] = contactMe }.ToJsonString());

    public async Task<Answer> SendAsync(string tenant, string action, string body, string contentType = "application/json", Action<HttpRequestMessage>? more = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/t/{tenant}/worry-mailbox/{action}") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add(MailboxApiFactory.PeerHeader, address);
        more?.Invoke(request);
        using var response = await http.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        JsonNode? parsed = null;
        try
        {
            parsed = raw.Length > 0 ? JsonNode.Parse(raw) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            // Left null: the assertion on the answer says what was expected.
        }

        return new Answer(response.StatusCode, raw, parsed);
    }
}
