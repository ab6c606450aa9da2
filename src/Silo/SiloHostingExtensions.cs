using CareGrid.Grains.Hosting;
using CareGrid.GraphApi;
using CareGrid.Silo.Seeding;

namespace CareGrid.Silo;

/// <summary>Wiring of the CareGrid process: Orleans silo and GraphQL API in one host.</summary>
public static class SiloHostingExtensions
{
    /// <summary>
    /// Adds the Orleans silo on the embedded default — localhost clustering on <c>Orleans:SiloPort</c> /
    /// <c>Orleans:GatewayPort</c> (defaults 11111 / 30000), in-memory grain storage and reminders — plus the
    /// GraphQL API and the demo seed (<c>Seed:Demo</c>, default true).
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>Storage:Provider</c> names an unsupported provider.</exception>
    public static WebApplicationBuilder AddCareGrid(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var provider = config["Storage:Provider"] ?? "Memory";
        if (!string.Equals(provider, "Memory", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Storage:Provider '{provider}' is not supported by this build; use Memory.");
        }

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(
                siloPort: config.GetValue("Orleans:SiloPort", 11111),
                gatewayPort: config.GetValue("Orleans:GatewayPort", 30000),
                serviceId: config["Orleans:ServiceId"] ?? "caregrid",
                clusterId: config["Orleans:ClusterId"] ?? "caregrid-dev");
            silo.AddMemoryGrainStorage(StorageNames.Default);
            silo.UseInMemoryReminderService();
            silo.AddCareGridGrains();
        });
        builder.Services.AddCareGridApi(config);
        builder.Services.AddHealthChecks();
        if (config.GetValue("Seed:Demo", true))
        {
            builder.Services.AddHostedService<DemoSeeder>();
        }

        return builder;
    }

    /// <summary>Maps the API, the health check at <c>/health</c> and prints where the API is once listening.</summary>
    public static WebApplication UseCareGrid(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
        app.MapCareGridApi();
        app.MapHealthChecks("/health");
        app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
        return app;
    }
}
