using CareGrid.Grains.Events;
using CareGrid.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Streams;

namespace CareGrid.Tests.Subscriptions;

/// <summary>
/// The real CareGrid process (silo + API, embedded default, demo seed, fake clock) behind real Kestrel on 127.0.0.1, so
/// <see cref="System.Net.WebSockets.ClientWebSocket"/> and the npm client can connect; small subscription limits so the
/// limit tests need few sockets.
/// </summary>
public sealed class SubscriptionApiFactory : CareGridApiFactory
{
    /// <summary>The per-user connection limit set here.</summary>
    public const int MaxConnectionsPerUser = 3;

    /// <summary>The per-connection subscription limit set here.</summary>
    public const int MaxSubscriptionsPerConnection = 2;

    /// <summary>
    /// The clock connections measure token lifetimes on (<see cref="CareGrid.GraphApi.Subscriptions.GraphQLWsEndpoint.TokenClockKey"/>),
    /// starting at the wall clock's now like the tokens' <c>exp</c>; a test advances it by minutes only (tokens live hours).
    /// </summary>
    public FakeTimeProvider TokenClock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Builds the factory on Kestrel, port chosen by the system.</summary>
    public SubscriptionApiFactory() => UseKestrel(0);

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        }
    }

    /// <summary>The WebSocket address of a tenant's GraphQL endpoint.</summary>
    public Uri WebSocketUri(string tenant) => new(BaseAddress.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + $"t/{tenant}/graphql");

    /// <summary>Publishes <paramref name="e"/> on its tenant's care-event stream, as the case grain's stream sink does (docs/events.md).</summary>
    public Task PublishAsync(CareEvent e) =>
        Services.GetRequiredService<IClusterClient>().GetStreamProvider(CareEventStreams.Provider)
            .GetStream<CareEvent>(StreamId.Create(CareEventStreams.Namespace, e.TenantId)).OnNextAsync(e);

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("GraphQL:Subscriptions:MaxConnectionsPerUser", MaxConnectionsPerUser.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("GraphQL:Subscriptions:MaxSubscriptionsPerConnection", MaxSubscriptionsPerConnection.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("GraphQL:Subscriptions:MaxMessageBytes", "4096");
        builder.ConfigureTestServices(services => services.AddKeyedSingleton<TimeProvider>(CareGrid.GraphApi.Subscriptions.GraphQLWsEndpoint.TokenClockKey, TokenClock));
    }
}
