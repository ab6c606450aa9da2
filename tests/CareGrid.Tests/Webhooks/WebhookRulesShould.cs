using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Events;
using CareGrid.Grains.Webhooks;

namespace CareGrid.Tests.Webhooks;

/// <summary>
/// The webhook rules without a silo (docs/webhooks.md): the Standard Webhooks signature, secrets, the back-off schedule, the
/// URL and address rules against SSRF, and the payload's shape (ids, kinds and timestamps only).
/// </summary>
[Trait("tier", "domain")]
public sealed class WebhookRulesShould
{
    [Fact]
    public void Sign_as_the_standard_webhooks_scheme_computes_it_independently()
    {
        var secret = WebhookSecret.Generate();
        const string id = "evt_case-1.3";
        const long timestamp = 1_764_650_000;
        const string body = "{\"type\":\"case.escalated\"}";

        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));

        Assert.Equal(expected, WebhookSignature.Sign(secret, id, timestamp, body));
        Assert.True(WebhookSignature.Verify(secret, id, timestamp, body, expected));
        Assert.False(WebhookSignature.Verify(secret, id, timestamp + 1, body, expected));
        Assert.False(WebhookSignature.Verify(secret, id, timestamp, body + " ", expected));
        Assert.False(WebhookSignature.Verify(WebhookSecret.Generate(), id, timestamp, body, expected));
    }

    [Fact]
    public void Sign_with_every_secret_during_a_rotation_and_with_the_current_one_after_it()
    {
        var now = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        var ring = WebhookSecretKeyRing.ForProcess();
        var (current, previous) = (WebhookSecret.Generate(), WebhookSecret.Generate());
        var secrets = new WebhookSecrets
        {
            SealedCurrent = WebhookSecretSeal.Seal(ring, current, "t/wh-1"),
            SealedPrevious = WebhookSecretSeal.Seal(ring, previous, "t/wh-1"),
            PreviousUntil = now.AddHours(1),
        };

        var during = WebhookSignature.Header(WebhookSecretSeal.SigningAt(secrets, now, ring, "t/wh-1"), "evt_c.1", 10, "{}");
        var after = WebhookSignature.Header(WebhookSecretSeal.SigningAt(secrets, now.AddHours(1), ring, "t/wh-1"), "evt_c.1", 10, "{}");

        Assert.Equal(2, during.Split(' ').Length);
        Assert.True(WebhookSignature.Verify(current, "evt_c.1", 10, "{}", during));
        Assert.True(WebhookSignature.Verify(previous, "evt_c.1", 10, "{}", during));
        Assert.Single(after.Split(' '));
        Assert.False(WebhookSignature.Verify(previous, "evt_c.1", 10, "{}", after));
    }

    [Fact]
    public void Make_secrets_of_32_random_bytes_with_the_whsec_prefix()
    {
        var a = WebhookSecret.Generate();
        var b = WebhookSecret.Generate();
        Assert.StartsWith("whsec_", a);
        Assert.Equal(32, WebhookSecret.KeyOf(a).Length);
        Assert.NotEqual(a, b);
        Assert.Throws<FormatException>(() => WebhookSecret.KeyOf("sk_" + a));
    }

    [Theory]
    [InlineData(1, 0.0, 5)]
    [InlineData(2, 0.0, 10)]
    [InlineData(3, 0.0, 20)]
    [InlineData(6, 0.0, 160)]
    [InlineData(12, 0.0, 3600)]
    [InlineData(40, 0.0, 3600)]
    [InlineData(1, 0.99999, 4.00001)]
    [InlineData(12, 0.5, 3240)]
    public void Back_off_exponentially_to_an_hour_with_at_most_a_fifth_taken_off_by_jitter(int attempts, double jitter, double seconds) =>
        Assert.Equal(seconds, WebhookBackoff.Delay(attempts, jitter).TotalSeconds, 3);

    [Fact]
    public void Refuse_a_back_off_for_no_attempt_or_a_jitter_outside_zero_to_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WebhookBackoff.Delay(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => WebhookBackoff.Delay(1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => WebhookBackoff.Delay(1, -0.1));
        var queued = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.False(WebhookBackoff.GivesUp(queued, queued.AddHours(24).AddSeconds(-1)));
        Assert.True(WebhookBackoff.GivesUp(queued, queued.AddHours(24)));
    }

    [Theory]
    [InlineData("https://hooks.example.org/caregrid", false)]
    [InlineData("https://hooks.example.org:8443/a?b=c", false)]
    [InlineData("https://8.8.8.8/hook", false)]
    [InlineData("https://8.8.8.8./hook", false)] // a public address with a trailing dot stays accepted (round-33 F8)
    [InlineData("https://hooks.example.org./caregrid", false)] // so does a fully qualified name
    [InlineData("https://[2001:4860:4860::8888]/hook", false)]
    [InlineData("https://[2002:0808:0808::1]/hook", false)]
    [InlineData("http://127.0.0.1:5173/hook", true)]
    [InlineData("http://localhost:5173/hook", true)]
    [InlineData("https://[::1]/hook", true)]
    public void Accept_public_https_urls_and_loopback_only_when_allowed(string url, bool needsLoopback)
    {
        Assert.Equal(new Uri(url).AbsoluteUri, WebhookUrlRules.Check(url, allowLoopback: true).AbsoluteUri);
        if (needsLoopback)
        {
            AssertRefused(url, "loopback", allowLoopback: false);
        }
        else
        {
            WebhookUrlRules.Check(url, allowLoopback: false);
        }
    }

    [Theory]
    [InlineData("hooks.example.org/caregrid", "absolute")]
    [InlineData("", "absolute")]
    [InlineData("ftp://hooks.example.org/", "scheme")]
    [InlineData("http://hooks.example.org/", "scheme")]
    [InlineData("https://user:pass@hooks.example.org/", "userinfo")]
    [InlineData("https://hooks.example.org/#x", "fragment")]
    [InlineData("https://10.0.0.5/hook", "address")]
    [InlineData("https://172.16.0.1/hook", "address")]
    [InlineData("https://192.168.1.1/hook", "address")]
    [InlineData("https://169.254.169.254/latest/meta-data", "address")]
    [InlineData("https://100.64.0.1/", "address")]
    [InlineData("https://0.0.0.0/", "address")]
    [InlineData("https://[fd00::1]/", "address")]
    [InlineData("https://[fe80::1]/", "address")]
    [InlineData("https://[::ffff:10.0.0.1]/", "address")]
    [InlineData("https://[64:ff9b::a00:1]/", "address")]
    [InlineData("https://[64:ff9b:1::808:808]/", "address")]
    [InlineData("https://[2002:a9fe:a9fe::1]/", "address")]
    [InlineData("https://[2002:0a00:0001::1]/", "address")]
    [InlineData("https://192.88.99.1/", "address")]
    public void Refuse_urls_that_are_not_public_https_with_the_rule_named(string url, string rule) =>
        AssertRefused(url, rule, allowLoopback: true);

    [Fact]
    public void Refuse_a_url_longer_than_the_limit() =>
        AssertRefused("https://hooks.example.org/" + new string('a', WebhookLimits.UrlLength), "length", allowLoopback: false);

    [Theory]
    [InlineData("93.184.216.34", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("::1", false)]
    [InlineData("::", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:93.184.216.34", true)]
    [InlineData("2606:4700::1111", true)]
    [InlineData("fc00::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("2001:db8::1", false)]
    public void Connect_only_to_public_addresses_without_the_loopback_allowance(string address, bool allowed)
    {
        Assert.Equal(allowed, WebhookUrlRules.IsAllowedAddress(IPAddress.Parse(address), allowLoopback: false));
        Assert.Equal(allowed || address is "127.0.0.1" or "::1" or "::ffff:127.0.0.1",
            WebhookUrlRules.IsAllowedAddress(IPAddress.Parse(address), allowLoopback: true));
    }

    [Fact]
    public void Carry_ids_kinds_and_timestamps_only_in_the_payload()
    {
        var e = new CareEvent("case-9.4", "demo-school", CareEventKind.TaskOverdue, "case-9", 4, new DateTimeOffset(2026, 12, 1, 8, 30, 0, TimeSpan.Zero))
        {
            TaskId = "task-2", OrganizationId = "class-8-1", AssigneeId = "counsellor@demo-school", TaskOwnerId = "teacher2@demo-school",
            RiskLevel = CareGrid.Grains.Cases.RiskLevel.High, EscalationLevel = 3, DueAt = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero),
        };

        var body = WebhookPayload.Body(e, replay: false);
        var json = JsonNode.Parse(body)!;

        Assert.Equal("evt_case-9.4", WebhookPayload.MessageId(e));
        Assert.Equal("task.overdue", json["type"]!.GetValue<string>());
        Assert.Equal("2026-12-01T08:30:00.000Z", json["timestamp"]!.GetValue<string>());
        var data = json["data"]!.AsObject();
        Assert.Equal(["eventId", "tenantId", "caseId", "sequence", "kind", "occurredAt", "taskId", "dueAt"], data.Select(p => p.Key));
        Assert.Equal("TASK_OVERDUE", data["kind"]!.GetValue<string>());
        Assert.DoesNotContain("@", body);
        Assert.DoesNotContain("class-8-1", body);
        Assert.DoesNotContain("HIGH", body, StringComparison.OrdinalIgnoreCase);
        Assert.True(JsonNode.Parse(WebhookPayload.Body(e, replay: true))!["data"]!["replay"]!.GetValue<bool>());
    }

    private static void AssertRefused(string url, string rule, bool allowLoopback)
    {
        var error = Assert.Throws<CareGridException>(() => WebhookUrlRules.Check(url, allowLoopback));
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal("url", error.Details["field"]);
        Assert.Equal(rule, error.Details["rule"]);
    }
}
