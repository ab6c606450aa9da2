using System.Net;
using CareGrid.GraphApi.Auth;
using Microsoft.AspNetCore.Http;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Where a development sign-in may come from (docs/console.md "Sign-in"): a loopback address — IPv4 127.0.0.0/8, IPv6 ::1
/// or IPv4-mapped loopback (::ffff:127.x.y.z) — of the connection itself, unless <c>Auth:DevelopmentSignInFromAnyAddress</c>
/// is true. The service configures no forwarded-headers handling, so <c>X-Forwarded-For</c> and the like are never read:
/// behind a proxy on the same machine every caller looks local, which is why the guard is a default and not a substitute
/// for setting <c>Auth:Authority</c> on a reachable service (docs/operations.md).
/// </summary>
public static class SignInAddress
{
    /// <summary>True when <paramref name="address"/> is a loopback address; false for null (no address known).</summary>
    public static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>True when the current request may use the development sign-in from where it comes (the configuration or its address).</summary>
    public static bool Allowed(AuthOptions auth, HttpContext? context) =>
        auth.DevelopmentSignInFromAnyAddress || IsLoopback(context?.Connection.RemoteIpAddress);
}
