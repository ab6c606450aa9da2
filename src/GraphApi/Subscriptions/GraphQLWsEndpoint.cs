using System.Net.WebSockets;
using CareGrid.GraphApi.Configuration;
using CareGrid.GraphApi.Http;
using CareGrid.GraphApi.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareGrid.GraphApi.Subscriptions;

/// <summary>
/// Serves WebSocket requests of the GraphQL endpoint with <c>graphql-transport-ws</c> (docs/subscriptions.md): only at the
/// tenant route <c>/t/{tenant}/graphql</c> (another path answers 400 <c>BAD_REQUEST</c>); the client must request the
/// sub-protocol (else the socket is closed with 4406).
/// </summary>
public static class GraphQLWsEndpoint
{
    /// <summary>
    /// The keyed service name of the <see cref="TimeProvider"/> a connection measures its token's lifetime on
    /// (docs/subscriptions.md "Token expiry"); when none is registered — the production default — the system clock, on which
    /// the token handler checks <c>exp</c>. Tests register a fake clock under it.
    /// </summary>
    public const string TokenClockKey = "caregrid-token-clock";

    /// <summary>Registers the subscription services: limits (<see cref="SubscriptionOptions"/>), the per-silo hub and the connection limiter.</summary>
    public static IServiceCollection AddCareGridSubscriptions(this IServiceCollection services)
    {
        services.AddValidatedOptions<SubscriptionOptions, SubscriptionOptionsValidator>(SubscriptionOptions.Section);
        services.AddSingleton<CareEventHub>();
        services.AddSingleton<ConnectionLimiter>();
        return services;
    }

    /// <summary>Accepts the WebSocket and serves it until it closes.</summary>
    /// <param name="context">A WebSocket request (<c>context.WebSockets.IsWebSocketRequest</c>).</param>
    public static async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (new RouteTenantStrategy().Resolve(context) is null)
        {
            await new GraphQLHttpError(StatusCodes.Status400BadRequest, TransportErrorCodes.BadRequest,
                    "Subscriptions are served at /t/{tenant}/graphql.")
                .WriteAsync(context.Response, GraphQLResponseMediaType.Json, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GraphQLWsEndpoint).FullName!);
        var options = services.GetRequiredService<IOptions<SubscriptionOptions>>().Value;
        var speaksProtocol = context.WebSockets.WebSocketRequestedProtocols.Contains(GraphQLWsProtocol.SubProtocol);
        using var socket = await context.WebSockets.AcceptWebSocketAsync(speaksProtocol ? GraphQLWsProtocol.SubProtocol : null).ConfigureAwait(false);
        if (!speaksProtocol)
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)GraphQLWsProtocol.SubprotocolNotAcceptable, "Subprotocol not acceptable",
                context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await using var connection = new GraphQLWsConnection(socket, context, options, logger);
        await connection.RunAsync().ConfigureAwait(false);
    }
}
