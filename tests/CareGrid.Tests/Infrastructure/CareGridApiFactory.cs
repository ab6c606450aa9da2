using CareGrid.GraphApi.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CareGrid.Tests.Infrastructure;

/// <summary>
/// The real CareGrid process (silo + API, embedded default) in the test host: free Orleans ports, a
/// throw-away development signing key, a fake clock, and the demo seed unless turned off.
/// </summary>
public class CareGridApiFactory : WebApplicationFactory<Program>
{
    private readonly string _keyPath = Path.Combine(Path.GetTempPath(), "caregrid-tests", Guid.NewGuid().ToString("N") + ".key");

    /// <summary>The clock every grain and the API read; tests advance it.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero));

    /// <summary>Whether the demo seed loads (default true).</summary>
    protected virtual bool SeedDemo => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Orleans:SiloPort", FreePorts.Next().ToString());
        builder.UseSetting("Orleans:GatewayPort", FreePorts.Next().ToString());
        builder.UseSetting("Orleans:ClusterId", "test-" + Guid.NewGuid().ToString("N"));
        builder.UseSetting("Seed:Demo", SeedDemo ? "true" : "false");
        builder.UseSetting("Auth:SigningKeyPath", _keyPath);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Deadlines:Sweep:Interval", "00:00:00"); // tests move the fake clock; no periodic sweep (docs/deadline-sweep.md)
        builder.ConfigureTestServices(services => services.AddKeyedSingleton<TimeProvider>(CareGrid.Grains.Hosting.DomainClock.Key, Clock)
            .AddSingleton<IStartupFilter, RemoteAddressStartupFilter>());
    }

    /// <summary>A development token for the given tenant and roles.</summary>
    public string Token(string? tenant, params string[] roles) =>
        Services.GetRequiredService<DevelopmentTokens>().Issue(
            $"{roles[0].ToLowerInvariant()}@{tenant ?? "platform"}", tenant, roles);

    /// <summary>A development token with an explicit subject.</summary>
    public string TokenFor(string subject, string? tenant, params string[] roles) =>
        Services.GetRequiredService<DevelopmentTokens>().Issue(subject, tenant, roles);

    /// <summary>A GraphQL client over this factory's in-memory HTTP pipeline.</summary>
    public GraphQLClient GraphQL() => new(CreateClient());
}

/// <summary>The shared factory for API tests that only read or add data (one silo for the collection).</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<CareGridApiFactory>
{
    public const string Name = "api";
}
