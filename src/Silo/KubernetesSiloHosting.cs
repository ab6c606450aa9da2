using Microsoft.Extensions.Options;

namespace CareGrid.Silo;

/// <summary>
/// The silo as a Kubernetes pod (<c>Orleans:KubernetesHosting=true</c>, docs/operations.md "Kubernetes"): Orleans'
/// Kubernetes hosting names the silo after its pod (<c>POD_NAME</c>), labels the pod with <c>orleans/clusterId</c> and
/// <c>orleans/serviceId</c>, watches the pods of the cluster and declares a silo dead as soon as its pod is deleted, without
/// waiting for missed membership probes. Membership itself stays in Azure Table storage (<c>Storage:Provider=AzureTable</c>).
/// </summary>
public static class KubernetesSiloHosting
{
    /// <summary>The pod's name (downward API <c>metadata.name</c>), read by Orleans' Kubernetes hosting.</summary>
    public const string PodNameVariable = "POD_NAME";

    /// <summary>The pod's namespace (downward API <c>metadata.namespace</c>), read by Orleans' Kubernetes hosting.</summary>
    public const string PodNamespaceVariable = "POD_NAMESPACE";

    /// <summary>The pod label Orleans' Kubernetes hosting selects the cluster's pods by, holding <c>Orleans:ClusterId</c>.</summary>
    public const string ClusterIdLabel = "orleans/clusterId";

    /// <summary>The pod label Orleans' Kubernetes hosting selects the cluster's pods by, holding <c>Orleans:ServiceId</c>.</summary>
    public const string ServiceIdLabel = "orleans/serviceId";

    /// <summary>
    /// Adds Orleans' Kubernetes hosting when <see cref="OrleansClusterOptions.KubernetesHosting"/> is set; nothing otherwise.
    /// </summary>
    /// <exception cref="OptionsValidationException">
    /// <c>Orleans:KubernetesHosting</c> is true while <c>Storage:Provider</c> is <c>Memory</c>: pods of one cluster must share
    /// membership, grain state and reminders, which the embedded default keeps inside one process. The start is refused
    /// with the key named, before any port is opened (docs/operations.md "Configuration").
    /// </exception>
    public static ISiloBuilder UseKubernetesHostingWhenSet(this ISiloBuilder silo, HostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.Cluster.KubernetesHosting)
        {
            return silo;
        }

        if (settings.Storage.Kind != StorageProvider.AzureTable)
        {
            throw new OptionsValidationException(OrleansClusterOptions.Section, typeof(OrleansClusterOptions),
                [$"{OrleansClusterOptions.Section}:{nameof(OrleansClusterOptions.KubernetesHosting)} needs Storage:Provider=AzureTable "
                 + "(the pods of a cluster share membership, state and reminders in Azure Table storage); set it to false or use AzureTable"]);
        }

        return silo.UseKubernetesHosting();
    }
}
