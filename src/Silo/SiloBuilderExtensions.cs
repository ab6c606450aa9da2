using Azure.Data.Tables;
using CareGrid.Grains.Audit;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.History;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Telemetry;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace CareGrid.Silo;

/// <summary>The Orleans side of <see cref="SiloHostingExtensions.AddCareGrid"/>: clustering, storage, Orleans' own options, grains.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>
    /// Configures the silo from <paramref name="settings"/> (already validated): the embedded default or Azure Table storage
    /// (<see cref="StorageOptions"/>), Orleans' own option sections, grain state in the Orleans serializer, idle collection and
    /// CareGrid's grains.
    /// </summary>
    public static ISiloBuilder AddCareGridSilo(this ISiloBuilder silo, IConfiguration config, HostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var provider = settings.Storage.Kind;
        silo.ConfigureOrleansSections(config, provider);

        // Grain state in Orleans' own binary format, versioned by [Id]/[Alias] (docs/architecture.md "Conventions"), on every provider.
        silo.Services.AddKeyedSingleton<IGrainStorageSerializer>(StorageNames.Default,
            static (services, _) => new ExactGrainStorageSerializer(services.GetRequiredService<Serializer>()));
        if (provider == StorageProvider.Memory)
        {
            silo.UseEmbeddedStorage(settings.Cluster);
        }
        else
        {
            silo.UseAzureTableStorage(settings.Cluster, settings.Storage.ConnectionString!);
        }

        silo.UseKubernetesHostingWhenSet(settings);

        silo.ConfigureGrainCollection(settings.Collection);
        silo.AddCareGridGrains();
        return silo;
    }

    /// <summary>
    /// Binds <c>Orleans:Membership</c>, <c>Orleans:Messaging</c>, <c>Orleans:Reminders</c> and <c>Orleans:Directory</c> to Orleans'
    /// <see cref="ClusterMembershipOptions"/>, <see cref="SiloMessagingOptions"/>, <see cref="ReminderOptions"/> and
    /// <see cref="GrainDirectoryOptions"/> (Orleans validates them itself).
    /// </summary>
    private static void ConfigureOrleansSections(this ISiloBuilder silo, IConfiguration config, StorageProvider provider)
    {
        silo.Services.Configure<ClusterMembershipOptions>(config.GetSection("Orleans:Membership"));
        silo.Services.Configure<SiloMessagingOptions>(config.GetSection("Orleans:Messaging"));
        silo.Services.Configure<ReminderOptions>(config.GetSection("Orleans:Reminders"));
        silo.Services.Configure<GrainDirectoryOptions>(options =>
        {
            // One silo (embedded): every grain lives here, so the directory cache saves no remote lookup, and at
            // Orleans' default size (1,000,000) it keeps an address for each grain long after idle deactivation.
            if (provider == StorageProvider.Memory)
            {
                options.CacheSize = SiloHostingExtensions.EmbeddedDirectoryCacheSize;
            }

            config.GetSection("Orleans:Directory").Bind(options);
        });
    }

    /// <summary>The embedded default: localhost clustering, compact in-process grain storage, in-memory reminders.</summary>
    private static void UseEmbeddedStorage(this ISiloBuilder silo, OrleansClusterOptions cluster)
    {
        silo.UseLocalhostClustering(siloPort: cluster.SiloPort, gatewayPort: cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
        // Compact in-process storage: one byte array per grain state, no storage grain hop (see InMemoryGrainStorage).
        silo.AddCareGridMemoryGrainStorage();
        silo.UseInMemoryReminderService();
    }

    /// <summary>Durable and clustered: membership, grain state, reminders, read side, audit log and case history in Azure Table Storage.</summary>
    private static void UseAzureTableStorage(this ISiloBuilder silo, OrleansClusterOptions cluster, string connectionString)
    {
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = cluster.ClusterId;
            options.ServiceId = cluster.ServiceId;
        });
        silo.ConfigureEndpoints(cluster.Advertised, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: cluster.ListenOnAnyHostAddress);
        // One client (thread-safe, pooled connections) for the four uses; it connects on first use. Every request it sends
        // is counted by the CareGrid.Storage meter (docs/storage-requests.md).
        var tables = new TableServiceClient(connectionString, StorageRequestPolicy.AddTo(new TableClientOptions()));
        silo.Services.AddSingleton(tables); // the readiness probe's storage check (docs/observability.md "Health")
        silo.UseAzureStorageClustering(options => options.TableServiceClient = tables);
        silo.AddAzureTableGrainStorage(StorageNames.Default, options => options.TableServiceClient = tables);
        // The case events' stream subscriptions (docs/events.md "Hosting") outlive the silo that holds their pub-sub grain.
        silo.AddAzureTableGrainStorage(CareGrid.Grains.Events.CareEventsHostingExtensions.PubSubStore, options => options.TableServiceClient = tables);
        silo.UseAzureTableReminderService(options => options.TableServiceClient = tables);
        silo.Services.AddSingleton<IReadModelStore>(_ => new AzureTableReadModelStore(tables));
        silo.Services.AddSingleton<CareGrid.Grains.Intake.IIntakeStore>(_ => new CareGrid.Grains.Intake.AzureTableIntakeStore(tables));
        silo.Services.AddSingleton<IAuditStore>(_ => new AzureTableAuditStore(tables));
        silo.Services.AddSingleton<ICaseHistoryStore>(sp => new AzureTableCaseHistoryStore(tables, sp.GetRequiredService<Serializer>()));
    }
}
