using System.Net;
using Azure.Data.Tables;
using CareGrid.Grains.Audit;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.ReadModel;
using CareGrid.GraphApi;
using CareGrid.Silo.Seeding;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

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
    /// <exception cref="InvalidOperationException"><c>Storage:Provider</c> names an unknown provider, or <c>AzureTable</c>
    /// is chosen without <c>Storage:ConnectionString</c>, or <c>Orleans:AdvertisedIPAddress</c> is not an IP address.</exception>
    public static WebApplicationBuilder AddCareGrid(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var provider = StorageProviders.Parse(config["Storage:Provider"]);
        var connectionString = config["Storage:ConnectionString"];
        if (provider == StorageProvider.AzureTable && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "Storage:Provider is AzureTable but Storage:ConnectionString is empty; set it (UseDevelopmentStorage=true for Azurite on its default port).");
        }

        var siloPort = config.GetValue("Orleans:SiloPort", 11111);
        var gatewayPort = config.GetValue("Orleans:GatewayPort", 30000);
        var serviceId = config["Orleans:ServiceId"] ?? "caregrid";
        var clusterId = config["Orleans:ClusterId"] ?? "caregrid-dev";
        var advertisedText = config["Orleans:AdvertisedIPAddress"] is { Length: > 0 } a ? a : "127.0.0.1";
        if (!IPAddress.TryParse(advertisedText, out var advertised))
        {
            throw new InvalidOperationException($"Orleans:AdvertisedIPAddress '{advertisedText}' is not an IP address.");
        }

        ShiftedClock.Register(builder.Services, config);
        builder.UseOrleans(silo =>
        {
            silo.Services.Configure<DeadlineSweepOptions>(config.GetSection(DeadlineSweepOptions.Section));
            silo.Services.Configure<ClusterMembershipOptions>(config.GetSection("Orleans:Membership"));
            silo.Services.Configure<SiloMessagingOptions>(config.GetSection("Orleans:Messaging"));
            silo.Services.Configure<ReminderOptions>(config.GetSection("Orleans:Reminders"));
            silo.Services.Configure<GrainDirectoryOptions>(options =>
            {
                // One silo (embedded): every grain lives here, so the directory cache saves no remote lookup, and at
                // Orleans' default size (1,000,000) it keeps an address for each grain long after idle deactivation.
                if (provider == StorageProvider.Memory)
                {
                    options.CacheSize = EmbeddedDirectoryCacheSize;
                }

                config.GetSection("Orleans:Directory").Bind(options);
            });

            // Grain state in Orleans' own binary format, versioned by [Id]/[Alias] (docs/architecture.md "Conventions"), on every provider.
            silo.Services.AddKeyedSingleton<IGrainStorageSerializer>(StorageNames.Default,
                static (services, _) => new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()));

            if (provider == StorageProvider.Memory)
            {
                silo.UseLocalhostClustering(siloPort: siloPort, gatewayPort: gatewayPort, serviceId: serviceId, clusterId: clusterId);
                // Compact in-process storage: one byte array per grain state, no storage grain hop (see InMemoryGrainStorage).
                silo.AddCareGridMemoryGrainStorage();
                silo.UseInMemoryReminderService();
            }
            else
            {
                silo.Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = clusterId;
                    options.ServiceId = serviceId;
                });
                silo.ConfigureEndpoints(advertised, siloPort, gatewayPort, listenOnAnyHostAddress: config.GetValue("Orleans:ListenOnAnyHostAddress", false));
                // One client (thread-safe, pooled connections) for the four uses; it connects on first use.
                var tables = new TableServiceClient(connectionString);
                silo.UseAzureStorageClustering(options => options.TableServiceClient = tables);
                silo.AddAzureTableGrainStorage(StorageNames.Default, options => options.TableServiceClient = tables);
                silo.UseAzureTableReminderService(options => options.TableServiceClient = tables);
                silo.Services.AddSingleton<IReadModelStore>(_ => new AzureTableReadModelStore(tables));
                silo.Services.AddSingleton<IAuditStore>(_ => new AzureTableAuditStore(tables));
                silo.Services.AddSingleton<CareGrid.Grains.History.ICaseHistoryStore>(sp => new CareGrid.Grains.History.AzureTableCaseHistoryStore(tables, sp.GetRequiredService<Serializer>()));
            }

            silo.ConfigureGrainCollection(config);
            silo.AddCareGridGrains();
        });
        builder.Services.AddCareGridApi(config);
        builder.Services.AddHealthChecks();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<MemoryTrimOptions>(config.GetSection("Memory:Trim"));
        builder.Services.AddHostedService<MemoryTrimmer>();
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
        if (app.Services.GetKeyedService<TimeProvider>(DomainClock.Key) is ShiftedClock shifted)
        {
            app.Logger.LogWarning("{Key} is set: the domain clock runs {Offset} ahead of the wall clock (a testing aid; never in production)",
                ShiftedClock.OffsetKey, shifted.Offset);
        }

        return app;
    }
}

/// <summary>Where grain state, membership, reminders and the read side live (<c>Storage:Provider</c>).</summary>
public enum StorageProvider
{
    /// <summary>In this process only (embedded default): lost on restart.</summary>
    Memory,

    /// <summary>Azure Table Storage (Azurite locally): durable and shared by every silo of the cluster.</summary>
    AzureTable,
}

/// <summary>Parses <c>Storage:Provider</c>.</summary>
public static class StorageProviders
{
    /// <summary><see cref="StorageProvider.Memory"/> when empty; otherwise the named provider, case-insensitive.</summary>
    /// <exception cref="InvalidOperationException">The value names no provider.</exception>
    public static StorageProvider Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return StorageProvider.Memory;
        }

        if (char.IsAsciiLetter(value.Trim()[0]) && Enum.TryParse<StorageProvider>(value.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider))
        {
            return provider;
        }

        throw new InvalidOperationException($"Storage:Provider '{value}' is not supported; use Memory or AzureTable.");
    }
}
