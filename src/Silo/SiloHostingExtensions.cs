using CareGrid.Grains.Cases;
using CareGrid.Grains.Hosting;
using CareGrid.GraphApi;
using CareGrid.Silo.Observability;
using CareGrid.Silo.Seeding;
using CareGrid.Silo.WebConsole;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;

namespace CareGrid.Silo;

/// <summary>Wiring of the CareGrid process: Orleans silo and GraphQL API in one host.</summary>
public static class SiloHostingExtensions
{
    /// <summary>
    /// Grain addresses cached by the embedded default (<see cref="GrainDirectoryOptions.CacheSize"/>; <c>Orleans:Directory:CacheSize</c>
    /// overrides it). Orleans' default of 1,000,000 suits a cluster; with one silo a lookup that misses the cache is a
    /// lookup in this process's own directory.
    /// </summary>
    public const int EmbeddedDirectoryCacheSize = 10_000;

    /// <summary>
    /// Adds the Orleans silo, the GraphQL API and the demo seed (<c>Seed:Demo</c>, default true). <c>Storage:Provider</c>
    /// chooses where grain state, cluster membership, reminders and the read side live (see <see cref="StorageProvider"/>):
    /// <list type="bullet">
    /// <item><c>Memory</c> (default, embedded): localhost clustering, in-memory grain storage (<see cref="InMemoryGrainStorage"/>), reminders, read model and audit log.</item>
    /// <item><c>AzureTable</c> (durable, clustered): Azure Table Storage at <c>Storage:ConnectionString</c> — grain state
    /// (table <c>OrleansGrainState</c>), membership (<c>OrleansSiloInstances</c>), reminders (<c>OrleansReminders</c>) and
    /// the read side (<c>caregridCases</c>, <c>caregridPeople</c>, <c>caregridOrganizations</c>, <c>caregridTasks</c>) and the
    /// hash-chained audit log (<c>caregridAudit</c>);
    /// the silo listens on <c>Orleans:SiloPort</c> / <c>Orleans:GatewayPort</c> and advertises <c>Orleans:AdvertisedIPAddress</c>.</item>
    /// </list>
    /// Either way <c>Orleans:ClusterId</c> / <c>Orleans:ServiceId</c> name the cluster, grain state is written with the
    /// Orleans serializer (so <c>[Id]</c>/<c>[Alias]</c> keep stored state readable across versions), and the sections
    /// <c>Orleans:Membership</c>, <c>Orleans:Messaging</c>, <c>Orleans:Reminders</c> and <c>Orleans:Directory</c> bind to Orleans'
    /// <see cref="ClusterMembershipOptions"/>, <see cref="SiloMessagingOptions"/>, <see cref="ReminderOptions"/> and
    /// <see cref="GrainDirectoryOptions"/> (the embedded default caches <see cref="EmbeddedDirectoryCacheSize"/> addresses). Idle grains
    /// are deactivated after <c>Orleans:CollectionAgeMinutes</c> (default 15; see <see cref="GrainCollectionSettings"/>).
    /// <c>Deadlines:Sweep</c> binds to <see cref="DeadlineSweepOptions"/> (the sweep of overdue deadlines when a silo becomes
    /// active) and <c>Clock:OffsetSeconds</c> shifts the domain clock for tests (<see cref="ShiftedClock"/>).
    /// </summary>
    /// <remarks>
    /// Every CareGrid section is bound to its options class and checked by its validator (<see cref="HostOptionsRegistration"/>,
    /// docs/operations.md "Configuration"): a bad value — an unknown <c>Storage:Provider</c>, <c>AzureTable</c> without a
    /// connection string, an <c>Orleans:AdvertisedIPAddress</c> that is no IP address, a limit out of range — stops the host
    /// at start with an <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> naming the key, before any port is opened.
    /// </remarks>
    public static WebApplicationBuilder AddCareGrid(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var settings = HostSettings.Read(config);
        builder.Services.AddCareGridHostOptions();
        ShiftedClock.Register(builder.Services, settings.Clock);
        builder.UseOrleans(silo => silo.AddCareGridSilo(config, settings).AddCareGridTelemetry(config).AddCareGridDashboard(config));
        builder.AddCareGridTelemetry(); // traces, metrics, redacted logs (docs/observability.md)
        // Introspection by default on the embedded default and in Development (GraphQL:Limits:Introspection decides when set).
        builder.Services.AddCareGridApi(config, settings.Storage.Kind == StorageProvider.Memory || builder.Environment.IsDevelopment());
        builder.Services.AddCareGridHealth().AddCareGridDashboardAccess(config); // docs/observability.md
        // Webhooks may target loopback on the embedded default and in Development unless Webhooks:AllowLoopback says otherwise (docs/webhooks.md).
        builder.Services.Configure<CareGrid.Grains.Webhooks.WebhookOptions>(o => o.AllowLoopback = settings.Storage.Kind == StorageProvider.Memory || builder.Environment.IsDevelopment())
            .Configure<CareGrid.Grains.Webhooks.WebhookOptions>(config.GetSection(CareGrid.Grains.Webhooks.WebhookOptions.Section));
        // Durable storage needs the operator's keys for the signing secrets at rest; the embedded default may use a key of its process (docs/webhooks.md "Secrets").
        if (settings.Storage.Kind != StorageProvider.Memory)
        {
            builder.Services.Configure<CareGrid.Grains.Webhooks.WebhookOptions>(o => o.RequireSecretKeys());
        }
        builder.Services.AddCareGridConsole(); // the web console's files at / (docs/console.md)
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<MemoryTrimmer>();
        if (settings.Seed.Demo)
        {
            builder.Services.AddHostedService<DemoSeeder>();
        }

        return builder;
    }

    /// <summary>Serves the web console (<see cref="ConsoleHosting"/>), maps the API, the health check at <c>/health</c> and prints where the API is once listening.</summary>
    public static WebApplication UseCareGrid(this WebApplication app)
    {
        app.UseCareGridConsole();
        app.UseWebSockets(); // GraphQL subscriptions at /t/{tenant}/graphql (docs/subscriptions.md)
        app.UseAuthentication();
        app.UseRateLimiter();
        app.MapCareGridApi();
        app.MapHealthChecks("/health");
        app.MapCareGridHealth().MapCareGridDashboard(); // /health/live, /health/ready, /dashboard (docs/observability.md)
        app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
        if (app.Services.GetKeyedService<TimeProvider>(DomainClock.Key) is ShiftedClock shifted)
        {
            app.Logger.LogWarning("{Key} is set: the domain clock runs {Offset} ahead of the wall clock (a testing aid; never in production)",
                ShiftedClock.OffsetKey, shifted.Offset);
        }

        return app;
    }
}
