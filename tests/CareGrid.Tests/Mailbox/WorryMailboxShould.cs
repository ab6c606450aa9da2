using System.Net;
using System.Text;
using System.Text.Json;
using CareGrid.Grains.Audit;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Mailbox;
using CareGrid.Grains.Security;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace CareGrid.Tests.Mailbox;

/// <summary>
/// The anonymous worry mailbox end to end over HTTP (R-5.2, docs/mailbox.md): the acceptance points of the public route —
/// a post without a token read back with the claim code, nothing stored or logged that identifies the writer, a wrong code
/// answered as an unknown one, the per-address limit — and the counsellors' level-3 queue.
/// </summary>
[Trait("tier", "api")]
public sealed class WorryMailboxShould(MailboxApiFactory factory) : IClassFixture<MailboxApiFactory>
{
    private const string Tenant = "demo-school";
    private const string ThreadFields = "id summary { status urgent wantsContact messageCount } contactMe messages { from text on urgent counsellorSubject }";

    private static int _nextAddress;

    private WorryMailboxClient Writer(string address) => new(factory.CreateClient(), address);

    private async Task<JsonElementLike> CounsellorAsync(string query, object? variables = null)
    {
        var answer = await factory.GraphQL().PostAsync($"/t/{Tenant}/graphql", query, variables, factory.TokenFor("counsellor-mb@demo-school", Tenant, Roles.Counsellor));
        return new JsonElementLike(answer.EnsureNoErrors().Data!);
    }

    [Fact]
    public async Task Take_a_post_without_a_token_and_show_the_counsellors_reply_to_the_code_holder_only()
    {
        const string address = "203.0.113.77";
        const string agent = "WriterAgent/7.7 (secret-device)";
        var token = factory.TokenFor("writer-with-token@demo-school", Tenant, Roles.Reporter);
        var writer = Writer(address);
        var posted = await writer.PostAsync(Tenant, "My parents fight every night and I cannot sleep", r =>
        {
            r.Headers.UserAgent.ParseAdd(agent);
            r.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        });
        Assert.Equal(HttpStatusCode.Created, posted.Status);
        var code = posted.Body!["claimCode"]!.GetValue<string>();
        Assert.Contains("请保存好", posted.Body["notice"]!["zh"]!.GetValue<string>());
        var threadId = ClaimCodes.Parse(code)!.ThreadId;

        var queue = await CounsellorAsync("{ mailboxThreads { id status urgent messageCount } }");
        Assert.Contains(threadId, queue.Ids("mailboxThreads"));
        await CounsellorAsync($"query($id: ID!) {{ mailboxThread(id: $id) {{ {ThreadFields} }} }}", new { id = threadId });
        await CounsellorAsync($"mutation($id: ID!) {{ replyToMailboxThread(id: $id, text: \"Thank you for writing. We are here.\") {{ {ThreadFields} }} }}", new { id = threadId });

        var read = await writer.ReadAsync(Tenant, code.ToLowerInvariant());
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal("ANSWERED", read.Body!["status"]!.GetValue<string>());
        Assert.Equal("Thank you for writing. We are here.", read.Body["messages"]![1]!["text"]!.GetValue<string>());
        Assert.Equal("COUNSELLOR", read.Body["messages"]![1]!["from"]!.GetValue<string>());
        Assert.DoesNotContain("counsellor-mb", read.Raw);
        Assert.Matches("^\\d{4}-\\d{2}-\\d{2}$", read.Body["messages"]![0]!["on"]!.GetValue<string>());

        var replied = await writer.ReplyAsync(Tenant, code, "I want to talk.", "Li Hua, class 7-2");
        Assert.Equal(HttpStatusCode.OK, replied.Status);
        var thread = await CounsellorAsync($"query($id: ID!) {{ mailboxThread(id: $id) {{ {ThreadFields} }} }}", new { id = threadId });
        Assert.Equal("Li Hua, class 7-2", thread.Text("mailboxThread", "contactMe"));

        await AssertNothingIdentifiesTheWriterAsync(threadId, [address, agent, token, "writer-with-token", ClaimCodes.Parse(code)!.Secret]);
    }

    /// <summary>Grain state (thread and index, as stored), the tenant's audit log and every captured log line hold none of <paramref name="secrets"/>.</summary>
    private async Task AssertNothingIdentifiesTheWriterAsync(string threadId, string[] secrets)
    {
        var storage = factory.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var thread = new GrainState<MailboxThreadState>();
        await storage.ReadStateAsync("mailboxThread", GrainId.Create("mailbox-thread", $"{Tenant}/{threadId}"), thread);
        var index = new GrainState<MailboxIndexState>();
        await storage.ReadStateAsync("mailboxIndex", GrainId.Create("mailbox-index", IMailboxIndexGrain.KeyOf(Tenant, 0)), index);
        Assert.True(thread.RecordExists);
        var threadState = thread.State!;
        var indexState = index.State!;
        Assert.Contains(indexState.Entries, e => e.ThreadId == threadId);
        var stored = JsonSerializer.Serialize(threadState) + JsonSerializer.Serialize(indexState) + Encoding.Latin1.GetString(threadState.CodeHash);

        var audit = await factory.Services.GetRequiredService<IAuditStore>().QueryAsync(Tenant, new AuditQuery(), 1000, null);
        Assert.Contains(audit.Items, r => r.EntityType == "MailboxThread" && r.EntityId == threadId && r.Actor == "counsellor-mb@demo-school");
        var audited = JsonSerializer.Serialize(audit.Items);
        var logs = string.Join('\n', factory.Logs);
        Assert.Contains("worry-mailbox", logs); // the capture saw the requests (ASP.NET Core's own request lines)
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, stored, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, audited, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, logs, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Answer_a_wrong_code_exactly_as_an_unknown_or_malformed_one()
    {
        var code = ClaimCodes.Parse((await Writer("198.51.100.20").PostAsync(Tenant, "exam stress")).Body!["claimCode"]!.GetValue<string>())!;
        var writer = Writer("198.51.100.21"); // five requests: the per-address limit of these tests
        var wrongSecret = new ClaimCode(code.Locator, ClaimCodes.Issue().Secret).ToString();
        var unknown = ClaimCodes.Issue().ToString();
        var answers = new List<WorryMailboxClient.Answer>
        {
            await writer.ReadAsync(Tenant, wrongSecret),
            await writer.ReadAsync(Tenant, unknown),
            await writer.ReadAsync(Tenant, "not a code"),
            await writer.ReplyAsync(Tenant, wrongSecret, "hello"),
            await writer.ReplyAsync(Tenant, unknown, "hello"),
        };
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NotFound, a.Status));
        Assert.All(answers, a => Assert.Equal(answers[0].Raw, a.Raw));
        Assert.Equal("NOT_FOUND", answers[0].Code);
        Assert.Equal(HttpStatusCode.OK, (await Writer("198.51.100.22").ReadAsync(Tenant, code.ToString())).Status);
    }

    [Fact]
    public async Task Refuse_1000_posts_from_one_address_after_the_limit_with_RATE_LIMITED_and_never_a_5xx()
    {
        var writer = Writer("192.0.2.99");
        var answers = new List<WorryMailboxClient.Answer>();
        for (var i = 0; i < 1000; i++)
        {
            answers.Add(await writer.PostAsync(Tenant, "flood " + i));
        }

        var tally = string.Join(", ", answers.GroupBy(a => $"{(int)a.Status} {a.Code}").Select(g => $"{g.Key}: {g.Count()}"));
        Assert.False(answers.Any(a => (int)a.Status >= 500), tally);
        Assert.True(answers.Count(a => a.Status == HttpStatusCode.Created) == MailboxApiFactory.PerAddress, tally);
        Assert.True(answers.Take(MailboxApiFactory.PerAddress).All(a => a.Status == HttpStatusCode.Created));
        var refused = answers.Skip(MailboxApiFactory.PerAddress).ToList();
        Assert.All(refused, a => Assert.Equal(HttpStatusCode.TooManyRequests, a.Status));
        Assert.All(refused, a => Assert.Equal("RATE_LIMITED", a.Code));
        Assert.Equal(HttpStatusCode.Created, (await Writer("192.0.2.100").PostAsync(Tenant, "another address is not limited")).Status);
        Assert.Equal(HttpStatusCode.OK, (await factory.GraphQL().PostAsync($"/t/{Tenant}/graphql", "{ mailboxThreads(first: 1) { id } }", null,
            factory.Token(Tenant, Roles.Counsellor))).Status);
    }

    [Fact]
    public async Task Take_a_post_after_600_malformed_reads_from_120_addresses_and_tell_a_refused_writer_what_to_do_in_danger()
    {
        // 120 addresses x 5 malformed reads: 600 requests, the whole read/reply tenant budget if they drew on it.
        for (var a = 0; a < 120; a++)
        {
            var flooder = Writer($"100.64.{a / 200}.{(a % 200) + 1}");
            for (var i = 0; i < MailboxApiFactory.PerAddress; i++)
            {
                Assert.Equal(HttpStatusCode.NotFound, (await flooder.SendAsync(Tenant, "read", "{\"claimCode\":\"ABC\"}")).Status);
            }
        }

        var writer = Writer("100.65.0.1");
        Assert.Equal(HttpStatusCode.Created, (await writer.PostAsync(Tenant, "我想自杀，今晚就想结束")).Status);
        for (var i = 1; i < MailboxApiFactory.PerAddress; i++)
        {
            await writer.PostAsync(Tenant, "still here " + i);
        }

        var refused = await writer.PostAsync(Tenant, "我想自杀，今晚就想结束");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("RATE_LIMITED", refused.Code);
        var extensions = refused.Body!["errors"]![0]!["extensions"]!;
        Assert.Contains("110", extensions["en"]!.GetValue<string>());
        Assert.Contains("teacher", extensions["en"]!.GetValue<string>());
        Assert.Contains("120", extensions["zh"]!.GetValue<string>());
        Assert.Contains("老师", extensions["zh"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("post", "not json", "application/json", HttpStatusCode.BadRequest, "BAD_REQUEST")]
    [InlineData("post", "[\"text\"]", "application/json", HttpStatusCode.BadRequest, "BAD_REQUEST")]
    [InlineData("post", "{\"text\": \"\\ud800\"}", "application/json", HttpStatusCode.BadRequest, "BAD_REQUEST")]
    [InlineData("post", "text=hello", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE")]
    [InlineData("post", "{\"text\": 42}", "application/json", HttpStatusCode.BadRequest, "VALIDATION_FAILED")]
    [InlineData("post", "{\"text\": \"hi\", \"ip\": \"1.2.3.4\"}", "application/json", HttpStatusCode.BadRequest, "VALIDATION_FAILED")]
    [InlineData("post", "{\"text\": \"   \"}", "application/json", HttpStatusCode.BadRequest, "VALIDATION_FAILED")]
    [InlineData("post", "{}", "application/json", HttpStatusCode.BadRequest, "VALIDATION_FAILED")]
    [InlineData("read", "{\"claimCode\": null}", "application/json", HttpStatusCode.NotFound, "NOT_FOUND")]
    [InlineData("reply", "{\"claimCode\": \"x\", \"text\": {\"a\": 1}}", "application/json", HttpStatusCode.BadRequest, "VALIDATION_FAILED")]
    public async Task Refuse_bad_bodies_with_a_clear_error(string action, string body, string contentType, HttpStatusCode status, string code)
    {
        var answer = await Writer("198.51.100." + (100 + Interlocked.Increment(ref _nextAddress))).SendAsync(Tenant, action, body, contentType);
        Assert.Equal(status, answer.Status);
        Assert.Equal(code, answer.Code);
    }

    [Fact]
    public async Task Refuse_oversized_bodies_and_texts_and_unknown_tenants_never_with_a_5xx()
    {
        var writer = Writer("198.51.100.250");
        var huge = await writer.PostAsync(Tenant, new string('x', MailboxLimits.MaxBodyBytes + 10));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.Status);
        Assert.Equal("REQUEST_TOO_LARGE", huge.Code);
        var tooLong = await writer.PostAsync(Tenant, new string('字', MailboxLimits.MaxTextLength + 1));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.Equal("text", tooLong.Body!["errors"]![0]!["extensions"]!["field"]!.GetValue<string>());
        var unknown = await writer.PostAsync("no-such-school", "hello");
        var invalid = await writer.PostAsync("NOT_A_SLUG", "hello");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(unknown.Raw, invalid.Raw);
    }

    [Fact]
    public async Task Flag_a_self_harm_message_and_sort_its_thread_first()
    {
        var writer = Writer("198.51.100.251");
        var ordinary = ClaimCodes.Parse((await writer.PostAsync(Tenant, "I lost my bus card")).Body!["claimCode"]!.GetValue<string>())!;
        var urgent = ClaimCodes.Parse((await writer.PostAsync(Tenant, "我最近不想活了")).Body!["claimCode"]!.GetValue<string>())!;
        var queue = await CounsellorAsync("{ mailboxThreads(status: OPEN, first: 200) { id urgent } }");
        // Other tests of this class share the tenant and may have left urgent threads of their own: the property is that
        // the flagged thread comes before the ordinary one and only flagged threads come before it.
        var ids = queue.Ids("mailboxThreads");
        var flags = queue.Flags("mailboxThreads", "urgent");
        var at = ids.IndexOf(urgent.ThreadId);
        var ordinaryAt = ids.IndexOf(ordinary.ThreadId);
        Assert.True(at >= 0, "the flagged thread must be in the queue");
        Assert.True(ordinaryAt < 0 || at < ordinaryAt, "the flagged thread must sort before the ordinary one");
        Assert.True(ordinaryAt < 0 || !flags[ordinaryAt], "an ordinary thread is not flagged");
        Assert.All(flags.Take(at + 1), Assert.True);
        var closed = await CounsellorAsync("mutation($id: ID!) { closeMailboxThread(id: $id) { summary { status } } }", new { id = urgent.ThreadId });
        Assert.Equal("CLOSED", closed.Text("closeMailboxThread", "summary", "status"));
        var refused = await writer.ReplyAsync(Tenant, urgent.ToString(), "still there?");
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("INVALID_TRANSITION", refused.Code);
    }

    /// <summary>Small reader over a GraphQL <c>data</c> node.</summary>
    private sealed class JsonElementLike(System.Text.Json.Nodes.JsonNode data)
    {
        public List<string> Ids(string field) => [.. data[field]!.AsArray().Select(n => n!["id"]!.GetValue<string>())];

        public List<bool> Flags(string field, string flag) => [.. data[field]!.AsArray().Select(n => n![flag]!.GetValue<bool>())];

        public string? Text(params string[] path) => path.Aggregate<string, System.Text.Json.Nodes.JsonNode?>(data, (n, p) => n?[p])?.GetValue<string>();
    }
}
