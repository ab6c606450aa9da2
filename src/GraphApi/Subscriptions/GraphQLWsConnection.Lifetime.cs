using CareGrid.Grains.Errors;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CareGrid.GraphApi.Subscriptions;

/// <summary>
/// What ends a connection from the server's side besides the protocol (docs/subscriptions.md "When the server closes"): the
/// token's expiry (4403), the tenant no longer served (4403) and the server shutting down (1001).
/// </summary>
internal sealed partial class GraphQLWsConnection
{
    private readonly IDisposable _stopping;

    /// <summary>Closes with 1001 "going away" when the host begins to stop, so clients reconnect (to another silo) at once.</summary>
    private IDisposable WatchShutdown()
    {
        var lifetime = _context.RequestServices.GetService<IHostApplicationLifetime>();
        return lifetime is null
            ? new CancellationTokenRegistration()
            : lifetime.ApplicationStopping.Register(() => Close(GraphQLWsProtocol.GoingAway, "Server going away: reconnect"));
    }

    /// <summary>
    /// A connection lives no longer than its token: when the token's <c>exp</c> passes on the token clock (<see cref="GraphQLWsEndpoint.TokenClockKey"/>;
    /// the system clock, as the token handler checks it — the domain clock may be shifted by <c>Clock:OffsetSeconds</c>) the socket
    /// is closed with 4403 (docs/subscriptions.md "Token expiry"). Waits in steps of at most a day (a timer's limit).
    /// </summary>
    private async Task CloseWhenTokenExpiresAsync(System.Security.Claims.ClaimsPrincipal user)
    {
        if (!long.TryParse(user.FindFirst("exp")?.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var exp))
        {
            return;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(exp);
        var clock = _context.RequestServices.GetKeyedService<TimeProvider>(GraphQLWsEndpoint.TokenClockKey) ?? TimeProvider.System;
        try
        {
            for (var left = expires - clock.GetUtcNow(); left > TimeSpan.Zero; left = expires - clock.GetUtcNow())
            {
                await Task.Delay(left < TimeSpan.FromDays(1) ? left : TimeSpan.FromDays(1), clock, _closing.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        Close(GraphQLWsProtocol.Forbidden, "Forbidden: the token expired; sign in again and reconnect");
    }

    /// <summary>
    /// When <paramref name="error"/> (or an error it wraps) says the tenant is no longer served, closes the connection with 4403
    /// and the code (docs/subscriptions.md "Suspended tenants") and answers true; the connection's other subscriptions end with it.
    /// </summary>
    private bool CloseIfTenantRefused(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            var code = e switch
            {
                CareGridException c => c.Code,
                ExecutionError x => x.Code,
                _ => null,
            };
            if (code is ErrorCodes.TenantSuspended or ErrorCodes.TenantNotFound)
            {
                Close(GraphQLWsProtocol.Forbidden, Clip("Forbidden: " + code + ": " + e.Message));
                return true;
            }
        }

        return false;
    }
}
