using System.Net;

namespace CareGrid.Grains.Webhooks;

/// <summary>
/// Resolves a webhook's host name to the addresses a delivery may connect to (docs/webhooks.md "Where a webhook may post"):
/// the operating system's resolver (<see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/>), asked afresh for every
/// new connection, so a name that rebinds to another address after registration is judged on that address. Registered as a
/// singleton by <see cref="WebhookHosting"/> unless one is already registered (tests register one that answers chosen addresses;
/// the production connection path goes through this same seam).
/// </summary>
public class WebhookHostResolver
{
    /// <summary>The addresses of <paramref name="host"/> (a DNS name; never a literal address, which the caller parses itself).</summary>
    public virtual async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellation) =>
        await Dns.GetHostAddressesAsync(host, cancellation);
}
