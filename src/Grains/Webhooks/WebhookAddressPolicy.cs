using System.Net;

namespace CareGrid.Grains.Webhooks;

/// <summary>
/// Which IP addresses a webhook may target (docs/webhooks.md "Where a webhook may post"), as configured: public unicast
/// addresses always; loopback only with <see cref="WebhookOptions.AllowLoopback"/>; and addresses inside one of the
/// operator's <see cref="WebhookOptions.AllowedNetworks"/> (internal CIDRs, default none). The same policy judges a literal
/// address at registration (<see cref="WebhookUrlRules.Check(string?, WebhookAddressPolicy)"/>) and every address a delivery
/// connects to (<see cref="HttpWebhookSender.ConnectAsync(DnsEndPoint, WebhookAddressPolicy, WebhookHostResolver, CancellationToken)"/>),
/// against server-side request forgery (OWASP SSRF Prevention Cheat Sheet).
/// </summary>
public sealed class WebhookAddressPolicy
{
    /// <summary>
    /// The ranges an allowed network must lie inside: the IPv4 private (RFC 1918), shared (RFC 6598), link-local (RFC 3927) and
    /// benchmarking (RFC 2544) blocks and the IPv6 unique-local (RFC 4193), link-local and site-local blocks. Public addresses
    /// need no entry; loopback is <see cref="WebhookOptions.AllowLoopback"/>'s alone; multicast, broadcast, unspecified,
    /// documentation and reserved addresses are never targets.
    /// </summary>
    private static readonly IPNetwork[] InternalRanges =
    [
        IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("fec0::/10"),
    ];

    /// <summary>The cloud instance metadata services (AWS, Azure, GCP at 169.254.169.254; AWS's IPv6 fd00:ec2::254): no allowed network may contain them.</summary>
    private static readonly IPAddress[] Metadata = [IPAddress.Parse("169.254.169.254"), IPAddress.Parse("fd00:ec2::254")];

    /// <summary>A policy; <paramref name="allowedNetworks"/> must have passed <see cref="CheckNetwork"/>.</summary>
    public WebhookAddressPolicy(bool allowLoopback, IReadOnlyList<IPNetwork> allowedNetworks)
    {
        ArgumentNullException.ThrowIfNull(allowedNetworks);
        AllowLoopback = allowLoopback;
        AllowedNetworks = allowedNetworks;
    }

    /// <summary>Whether loopback (and plain http to it) is allowed (<see cref="WebhookOptions.AllowLoopback"/>).</summary>
    public bool AllowLoopback { get; }

    /// <summary>The operator's internal networks a webhook may also target (<see cref="WebhookOptions.AllowedNetworks"/>).</summary>
    public IReadOnlyList<IPNetwork> AllowedNetworks { get; }

    /// <summary>
    /// The policy of <paramref name="options"/>. Throws <see cref="ArgumentException"/> naming the entry when an allowed network
    /// is not valid (the host validates them at start, <see cref="WebhookHosting"/>).
    /// </summary>
    public static WebhookAddressPolicy From(WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var networks = new List<IPNetwork>();
        foreach (var entry in options.AllowedNetworkEntries())
        {
            var problem = CheckNetwork(entry, out var network);
            networks.Add(problem is null ? network : throw new ArgumentException(problem, nameof(options)));
        }

        return new WebhookAddressPolicy(options.AllowLoopback, networks);
    }

    /// <summary>
    /// Checks one <c>Webhooks:AllowedNetworks</c> entry: CIDR notation with no host bits set (<c>10.20.0.0/16</c>,
    /// <c>fd12:3456::/32</c>) inside the internal ranges (RFC 1918, 6598, 3927, 2544, 4193, IPv6 link- and site-local) and not
    /// containing a cloud metadata address. Answers null when valid, else a message naming the entry and the fix.
    /// </summary>
    public static string? CheckNetwork(string? entry, out IPNetwork network)
    {
        network = default;
        // IPNetwork.TryParse masks host bits away; an entry with host bits set is refused, as it is likely a typo for another network.
        var slash = entry?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (string.IsNullOrWhiteSpace(entry) || slash < 0 || !IPNetwork.TryParse(entry.Trim(), out network)
            || !IPAddress.TryParse(entry[..slash].Trim(), out var written) || !written.Equals(network.BaseAddress))
        {
            return $"{WebhookOptions.Section}:AllowedNetworks entry '{entry}' is not a network in CIDR notation with no host bits set, such as 10.20.0.0/16.";
        }

        var candidate = network;
        if (!InternalRanges.Any(r => r.Contains(candidate.BaseAddress) && candidate.PrefixLength >= r.PrefixLength))
        {
            return $"{WebhookOptions.Section}:AllowedNetworks entry '{entry}' is not inside a private, shared, link-local or unique-local range; "
                + "public addresses need no entry, and loopback is Webhooks:AllowLoopback's.";
        }

        return Metadata.Any(candidate.Contains)
            ? $"{WebhookOptions.Section}:AllowedNetworks entry '{entry}' contains a cloud metadata address (169.254.169.254, fd00:ec2::254); list a narrower network."
            : null;
    }

    /// <summary>
    /// True when a webhook may connect to <paramref name="address"/>: <see cref="WebhookUrlRules.IsAllowedAddress"/> (public, or
    /// loopback when allowed), or inside an allowed network. IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
    /// </summary>
    public bool Allows(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (WebhookUrlRules.IsAllowedAddress(address, AllowLoopback))
        {
            return true;
        }

        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (plain.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && plain.ScopeId != 0)
        {
            plain = new IPAddress(plain.GetAddressBytes());
        }

        return AllowedNetworks.Any(n => n.Contains(plain));
    }
}
