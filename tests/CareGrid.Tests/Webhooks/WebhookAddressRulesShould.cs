using System.Net;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CareGrid.Tests.Webhooks;

/// <summary>
/// Server-side request forgery at registration (docs/webhooks.md "Where a webhook may post"): every kind of non-public literal
/// address is refused in every spelling System.Uri accepts (shortened, hexadecimal, octal and decimal IPv4, IPv4-mapped IPv6,
/// zoned IPv6, a trailing dot), and the operator's <c>Webhooks:AllowedNetworks</c> opens exactly the listed internal networks,
/// refusing at start an entry that is not internal, is too broad or contains a cloud metadata address.
/// </summary>
[Trait("tier", "domain")]
public sealed class WebhookAddressRulesShould
{
    [Theory]
    [InlineData("https://127.1/", "loopback")]
    [InlineData("https://0x7f000001/", "loopback")]
    [InlineData("https://2130706433/", "loopback")]
    [InlineData("https://0177.0.0.1/", "loopback")]
    [InlineData("https://[::1]/", "loopback")]
    [InlineData("https://[::ffff:7f00:1]/", "loopback")]
    [InlineData("https://localhost./", "loopback")]
    [InlineData("https://hooks.localhost./", "loopback")]
    [InlineData("https://10.0.0.5/", "address")] // private
    [InlineData("https://10.1/", "address")]
    [InlineData("https://0x0a.0.0.5/", "address")]
    [InlineData("https://172.31.255.1/", "address")]
    [InlineData("https://192.168.0.1/", "address")]
    [InlineData("https://169.254.169.254/", "address")] // link-local: cloud metadata
    [InlineData("https://[fe80::1]/", "address")]
    [InlineData("https://[fe80::1%25eth0]/", "address")]
    [InlineData("https://224.0.0.1/", "address")] // multicast
    [InlineData("https://[ff02::1]/", "address")]
    [InlineData("https://255.255.255.255/", "address")] // broadcast
    [InlineData("https://0/", "address")] // unspecified
    [InlineData("https://0.0.0.0/", "address")]
    [InlineData("https://[::]/", "address")]
    [InlineData("https://100.64.0.1/", "address")] // shared address space (carrier-grade NAT)
    [InlineData("https://100.127.255.254/", "address")]
    [InlineData("https://[fd00::1]/", "address")] // unique local
    [InlineData("https://[fdff:ffff::1]/", "address")]
    [InlineData("https://[fec0::1]/", "address")] // site-local
    [InlineData("https://[::ffff:10.0.0.1]/", "address")] // IPv4-mapped
    [InlineData("https://[::ffff:169.254.169.254]/", "address")]
    [InlineData("https://[::ffff:100.64.0.1]/", "address")]
    [InlineData("https://10.0.0.1./", "address")] // trailing dots: a DNS name to Uri, the address to a resolver (round-33 F8)
    [InlineData("https://169.254.169.254./", "address")]
    [InlineData("https://169.254.169.254../latest/meta-data", "absolute")] // two dots: no URL at all
    [InlineData("https://0x0a.0.0.5./", "address")]
    [InlineData("https://10\u30020\u30020\u30021/", "address")] // ideographic full stops: 10.0.0.1 to the resolver (round-33 re-check F3)
    [InlineData("https://10\uFF0E0\uFF0E0\uFF0E1/", "address")] // full-width full stops
    [InlineData("https://10\uFF610\uFF610\uFF611/", "address")] // half-width ideographic full stops
    [InlineData("https://10.0.0.1\u3002/", "address")]
    [InlineData("https://169.254.169.254\uFF0E/", "address")]
    public void Refuse_every_kind_of_non_public_literal_in_every_spelling(string url, string rule)
    {
        AssertRefused(url, rule, new WebhookAddressPolicy(allowLoopback: false, []));
        if (rule == "address")
        {
            AssertRefused(url, rule, new WebhookAddressPolicy(allowLoopback: true, []));
        }
    }

    [Theory]
    [InlineData("10.20.0.0/16")]
    [InlineData("172.16.5.0/24")]
    [InlineData("192.168.10.0/24")]
    [InlineData("100.64.0.0/10")]
    [InlineData("169.254.10.0/24")]
    [InlineData("fd12:3456::/32")]
    [InlineData("10.0.0.0/8")]
    public void Accept_an_internal_network_as_an_allowed_network(string entry) =>
        Assert.Null(WebhookAddressPolicy.CheckNetwork(entry, out _));

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("10.20.0.0")] // no prefix length
    [InlineData("10.20.0.1/16")] // host bits set
    [InlineData("10.20.0.0/33")]
    [InlineData("0.0.0.0/0")] // everything
    [InlineData("10.0.0.0/7")] // reaches beyond 10/8 into public space
    [InlineData("8.8.8.0/24")] // public: needs no entry
    [InlineData("127.0.0.0/8")] // loopback is Webhooks:AllowLoopback's
    [InlineData("224.0.0.0/4")] // multicast
    [InlineData("169.254.0.0/16")] // contains the cloud metadata address
    [InlineData("169.254.169.254/32")]
    [InlineData("fd00::/8")] // contains fd00:ec2::254
    [InlineData("::/0")]
    [InlineData("2001:db8::/32")]
    public void Refuse_an_allowed_network_that_is_not_a_narrow_internal_one(string entry) =>
        Assert.Contains("Webhooks:AllowedNetworks", WebhookAddressPolicy.CheckNetwork(entry, out _), StringComparison.Ordinal);

    [Fact]
    public void Open_only_the_listed_internal_networks_and_still_require_https()
    {
        var policy = WebhookAddressPolicy.From(new WebhookOptions { AllowedNetworks = "10.20.0.0/16, fd12:3456::/32" });

        Assert.Equal("https://10.20.0.5/hook", WebhookUrlRules.Check("https://10.20.0.5/hook", policy).AbsoluteUri);
        WebhookUrlRules.Check("https://[::ffff:10.20.0.5]/hook", policy);
        WebhookUrlRules.Check("https://[fd12:3456::7]/hook", policy);
        WebhookUrlRules.Check("https://hooks.example.org/hook", policy);
        AssertRefused("https://10.21.0.5/hook", "address", policy);
        AssertRefused("https://[fd12:3457::7]/hook", "address", policy);
        AssertRefused("https://169.254.169.254/", "address", policy);
        AssertRefused("https://127.0.0.1/", "loopback", policy);
        AssertRefused("http://10.20.0.5/hook", "scheme", policy);

        Assert.True(policy.Allows(IPAddress.Parse("10.20.255.255")));
        Assert.True(policy.Allows(IPAddress.Parse("8.8.8.8")));
        Assert.False(policy.Allows(IPAddress.Parse("10.21.0.1")));
        Assert.False(policy.Allows(IPAddress.Parse("127.0.0.1")));
        Assert.False(new WebhookAddressPolicy(allowLoopback: false, []).Allows(IPAddress.Parse("10.20.0.5")));
    }

    [Fact]
    public void Refuse_at_start_a_configuration_naming_a_bad_allowed_network()
    {
        var services = new ServiceCollection().AddLogging().AddCareGridWebhooks();
        services.Configure<WebhookOptions>(o => o.AllowedNetworks = "10.20.0.0/16 8.8.8.0/24");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<WebhookOptions>>().Value);
        var failure = Assert.Single(error.Failures);
        Assert.Contains("'8.8.8.0/24'", failure, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => WebhookAddressPolicy.From(new WebhookOptions { AllowedNetworks = "169.254.0.0/16" }));
    }

    private static void AssertRefused(string url, string rule, WebhookAddressPolicy policy)
    {
        var error = Assert.Throws<CareGridException>(() => WebhookUrlRules.Check(url, policy));
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal(("url", rule), (error.Details["field"], error.Details["rule"]));
    }
}
