using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CareGrid.GraphApi.Mailbox;

/// <summary>
/// The public, token-free route of the anonymous worry mailbox (R-5.2, docs/mailbox.md "The public route"):
/// <c>POST /t/{tenant}/worry-mailbox/post</c>, <c>…/read</c> and <c>…/reply</c>, each a small JSON body. Its endpoints carry
/// this marker so the rate limiter gives them their own partitions (<see cref="Hardening.RateLimitingExtensions"/>).
/// </summary>
public sealed class WorryMailboxRoute
{
    /// <summary>The route prefix; the action follows.</summary>
    public const string Prefix = "/t/{tenant}/worry-mailbox/";

    /// <summary>True when the request was routed to a worry-mailbox endpoint.</summary>
    public static bool IsMailbox(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<WorryMailboxRoute>() is not null;

    /// <summary>
    /// The rate-limit partition of a network address, held in memory only: an IPv4 address (also when mapped into IPv6) as
    /// itself, an IPv6 address by its /64 prefix (one subscriber usually holds a whole /64), "unknown" when the server has none.
    /// </summary>
    public static string AddressPartition(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>Maps the three actions to <see cref="WorryMailboxEndpoint"/>.</summary>
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        foreach (var action in WorryMailboxEndpoint.Actions)
        {
            endpoints.MapPost(Prefix + action, (RequestDelegate)(context => WorryMailboxEndpoint.HandleAsync(context, action)))
                .WithMetadata(new WorryMailboxRoute())
                .WithDisplayName("Worry mailbox " + action);
        }
    }
}
