using System.Net;
using CareGrid.GraphApi.Auth;
using Microsoft.AspNetCore.Http;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Where a development sign-in may come from (docs/console.md "Sign-in"): a loopback address — IPv4 127.0.0.0/8, IPv6 ::1
/// or IPv4-mapped loopback (::ffff:127.x.y.z) — of the connection itself, carrying no forwarding header
/// (<see cref="ForwardingHeaders"/>), unless <c>Auth:DevelopmentSignInFromAnyAddress</c> is true. The service configures no
/// forwarded-headers handling, so the values of <c>X-Forwarded-For</c> and the like are never trusted; their mere presence
/// means a proxy on this machine relayed the request for a caller who may be anywhere, so the connection's loopback
/// address says nothing about that caller and the request is refused (round 16 red team F10). The guard is a default,
/// not a substitute for setting <c>Auth:Authority</c> on a reachable service (docs/operations.md): a proxy that strips or
/// never adds those headers still makes every caller look local.
/// </summary>
public static class SignInAddress
{
    /// <summary>
    /// Request headers that a reverse proxy adds when it relays a request (RFC 7239 <c>Forwarded</c>, the de-facto
    /// <c>X-Forwarded-*</c> family, nginx's <c>X-Real-IP</c>, ASP.NET's <c>X-Original-For</c>, RFC 9110 <c>Via</c>):
    /// any of them present, with any value (even empty or claiming loopback), and a loopback connection does not count
    /// as local. Names compare case-insensitively, as HTTP header names do.
    /// </summary>
    public static readonly IReadOnlyList<string> ForwardingHeaders =
        ["Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Port", "X-Forwarded-Prefix",
         "X-Forwarded-Server", "X-Real-IP", "X-Original-For", "X-Client-IP", "Via"];

    /// <summary>True when <paramref name="address"/> is a loopback address; false for null (no address known).</summary>
    public static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>
    /// True when <paramref name="headers"/> hold any of <see cref="ForwardingHeaders"/> or any other header whose name
    /// starts with <c>X-Forwarded-</c> (case-insensitive): the request was relayed by a proxy.
    /// </summary>
    public static bool IsForwarded(IHeaderDictionary headers)
    {
        foreach (var name in headers.Keys)
        {
            if (name.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase)
                || ForwardingHeaders.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the current request comes from this machine itself: a loopback connection address and no forwarding
    /// header. False without a request.
    /// </summary>
    public static bool IsLocal(HttpContext? context) =>
        context is not null && IsLoopback(context.Connection.RemoteIpAddress) && !IsForwarded(context.Request.Headers);

    /// <summary>True when the current request may use the development sign-in from where it comes (the configuration, or <see cref="IsLocal"/>).</summary>
    public static bool Allowed(AuthOptions auth, HttpContext? context) =>
        auth.DevelopmentSignInFromAnyAddress || IsLocal(context);
}
