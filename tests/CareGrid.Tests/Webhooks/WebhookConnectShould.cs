using System.Collections.Concurrent;
using System.Net;
using CareGrid.Grains.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Webhooks;

/// <summary>
/// Server-side request forgery at delivery (docs/webhooks.md "Where a webhook may post"): the real HTTP sender, with its
/// <see cref="SocketsHttpHandler"/> connect step, judges the addresses a name resolves to on every new connection — a name that
/// rebinds from loopback to a private address after a good delivery is refused (<c>address-refused</c>) without a connection,
/// and so is each kind of non-public address, a mix of good and bad answers, and a name with no address. Names are answered by
/// a scripted <see cref="WebhookHostResolver"/> (the seam the production path also goes through); the only address ever
/// connected to is 127.0.0.1.
/// </summary>
[Trait("tier", "grains")]
public sealed class WebhookConnectShould
{
    private const string Host = "hooks.example.test";

    [Fact]
    public async Task Refuse_a_name_that_rebinds_to_a_private_address_after_a_good_delivery()
    {
        await using var receiver = new WebhookSenderShould.DroppingReceiver(dropFirst: 0);
        var resolver = new ScriptedResolver(["127.0.0.1"], ["10.0.0.5"]);
        await using var provider = Provider(resolver, allowLoopback: true);
        var sender = provider.GetRequiredService<IWebhookSender>();
        var url = new Uri($"http://{Host}:{receiver.Port}/hook");

        var first = await Send(sender, url);
        var second = await Send(sender, url);

        Assert.Equal((204, null), (first.StatusCode, first.Error));
        Assert.Equal((0, "address-refused"), (second.StatusCode, second.Error));
        Assert.Equal(1, receiver.Connections);
        Assert.Equal([Host, Host], resolver.Asked);
    }

    [Theory]
    [InlineData("10.0.0.5", false, "")]
    [InlineData("172.16.0.1", false, "")]
    [InlineData("192.168.1.1", false, "")]
    [InlineData("169.254.169.254", true, "")]
    [InlineData("100.64.0.1", true, "")]
    [InlineData("224.0.0.1", true, "")]
    [InlineData("0.0.0.0", true, "")]
    [InlineData("::", true, "")]
    [InlineData("fd00::1", true, "")]
    [InlineData("fe80::1", true, "")]
    [InlineData("ff02::1", true, "")]
    [InlineData("::ffff:10.0.0.1", true, "")]
    [InlineData("::ffff:169.254.169.254", true, "")]
    [InlineData("64:ff9b::a00:1", true, "")]
    [InlineData("127.0.0.1", false, "")]
    [InlineData("::1", false, "")]
    [InlineData("127.0.0.1,10.0.0.5", true, "")]
    [InlineData("", true, "")]
    [InlineData("10.21.0.1", true, "10.20.0.0/16")]
    public async Task Refuse_to_connect_when_a_name_resolves_to_an_address_that_is_not_allowed(string answer, bool allowLoopback, string networks)
    {
        await using var receiver = new WebhookSenderShould.DroppingReceiver(dropFirst: 0);
        var resolver = new ScriptedResolver(answer.Split(',', StringSplitOptions.RemoveEmptyEntries));
        await using var provider = Provider(resolver, allowLoopback, networks);

        var attempt = await Send(provider.GetRequiredService<IWebhookSender>(), new Uri($"http://{Host}:{receiver.Port}/hook"));

        Assert.Equal((0, "address-refused"), (attempt.StatusCode, attempt.Error));
        Assert.Equal(0, receiver.Connections);
        Assert.Equal([Host], resolver.Asked);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    public async Task Refuse_a_literal_loopback_address_without_the_loopback_allowance(string literal)
    {
        await using var receiver = new WebhookSenderShould.DroppingReceiver(dropFirst: 0);
        var resolver = new ScriptedResolver();
        await using var provider = Provider(resolver, allowLoopback: false);

        var attempt = await Send(provider.GetRequiredService<IWebhookSender>(), new Uri($"http://{literal}:{receiver.Port}/hook"));

        Assert.Equal((0, "address-refused"), (attempt.StatusCode, attempt.Error));
        Assert.Equal(0, receiver.Connections);
        Assert.Empty(resolver.Asked);
    }

    private static ServiceProvider Provider(ScriptedResolver resolver, bool allowLoopback, string networks = "")
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<WebhookHostResolver>(resolver).AddCareGridWebhooks();
        services.Configure<WebhookOptions>(o => (o.AllowLoopback, o.AllowedNetworks) = (allowLoopback, networks));
        return services.BuildServiceProvider();
    }

    private static Task<WebhookAttempt> Send(IWebhookSender sender, Uri url) =>
        sender.SendAsync(url, "evt_c1.1", 1_800_000_000, "v1,x", "{}", CancellationToken.None);

    /// <summary>Answers each lookup with the next scripted list of addresses (the last one again when the script runs out) and records the names asked.</summary>
    private sealed class ScriptedResolver(params string[][] answers) : WebhookHostResolver
    {
        private int _next;

        public ConcurrentQueue<string> Asked { get; } = new();

        public override Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellation)
        {
            Asked.Enqueue(host);
            var at = Math.Min(Interlocked.Increment(ref _next) - 1, answers.Length - 1);
            return Task.FromResult(answers.Length == 0 ? [] : answers[at].Select(IPAddress.Parse).ToArray());
        }
    }
}
