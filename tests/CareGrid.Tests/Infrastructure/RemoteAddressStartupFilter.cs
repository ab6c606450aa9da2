using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace CareGrid.Tests.Infrastructure;

/// <summary>
/// Gives every in-memory request a remote address, as Kestrel does for a real connection (the test server sets none):
/// 127.0.0.1, or the address in the test-only request header <see cref="Header"/> — how a test plays a caller from another
/// machine (docs/console.md "Sign-in"). The service itself reads no such header.
/// </summary>
public sealed class RemoteAddressStartupFilter : IStartupFilter
{
    /// <summary>The test-only header naming the remote address of a request.</summary>
    public const string Header = "X-Test-Remote-Address";

    /// <inheritdoc />
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            context.Connection.RemoteIpAddress = context.Request.Headers.TryGetValue(Header, out var value) ? IPAddress.Parse(value.ToString()) : IPAddress.Loopback;
            context.Request.Headers.Remove(Header);
            return following(context);
        });
        next(app);
    };
}
