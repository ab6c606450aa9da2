using System.Net;
using CareGrid.GraphApi.Configuration;
using Microsoft.Extensions.Options;

namespace CareGrid.Silo;

/// <summary>
/// The silo's identity and endpoints, configuration section <c>Orleans</c> (docs/operations.md "A cluster of several silos").
/// The subsections <c>Orleans:Membership</c>, <c>Messaging</c>, <c>Reminders</c> and <c>Directory</c> bind to Orleans' own options.
/// </summary>
public sealed class OrleansClusterOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Orleans";

    /// <summary>Names the cluster; silos with the same id (and storage) form one cluster. Default <c>caregrid-dev</c>.</summary>
    public string ClusterId { get; set; } = "caregrid-dev";

    /// <summary>Names the service; stays the same across deployments so stored state and reminders are found. Default <c>caregrid</c>.</summary>
    public string ServiceId { get; set; } = "caregrid";

    /// <summary>Silo-to-silo port, 1–65535 (default 11111).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port, 1–65535 and not <see cref="SiloPort"/> (default 30000).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The IP address other silos reach this one at (<c>AzureTable</c> only); empty means 127.0.0.1.</summary>
    public string? AdvertisedIPAddress { get; set; } = "127.0.0.1";

    /// <summary>Listen on every interface instead of the advertised address (<c>AzureTable</c> only; default false).</summary>
    public bool ListenOnAnyHostAddress { get; set; }

    /// <summary>
    /// Run as a Kubernetes pod with <c>Microsoft.Orleans.Hosting.Kubernetes</c> (default false; <c>AzureTable</c> only, see
    /// <see cref="KubernetesSiloHosting"/> and docs/operations.md "Kubernetes"): the silo is named after its pod, labels its pod
    /// with the cluster ids and declares a silo dead as soon as its pod is deleted. Needs the pod's <c>POD_NAME</c> and
    /// <c>POD_NAMESPACE</c> and a role that may get, list, watch and patch pods (infra/k8s).
    /// </summary>
    public bool KubernetesHosting { get; set; }

    /// <summary>The parsed <see cref="AdvertisedIPAddress"/> (loopback when empty or invalid; the validator refuses invalid).</summary>
    public IPAddress Advertised =>
        string.IsNullOrWhiteSpace(AdvertisedIPAddress) ? IPAddress.Loopback
        : IPAddress.TryParse(AdvertisedIPAddress, out var address) ? address : IPAddress.Loopback;
}

/// <summary>
/// Checks <see cref="OrleansClusterOptions"/>: <c>ClusterId</c> and <c>ServiceId</c> not empty and without <c>/ \ # ?</c> or
/// control characters (they become Azure Table keys), the two ports 1–65535 and different, <c>AdvertisedIPAddress</c> an IP
/// address or empty.
/// </summary>
public sealed class OrleansClusterOptionsValidator : IValidateOptions<OrleansClusterOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OrleansClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string keyRule = "must not be empty nor hold / \\ # ? or control characters";
        return new OptionsCheck(OrleansClusterOptions.Section)
            .Require(IsTableKey(options.ClusterId), nameof(options.ClusterId), keyRule, $"'{options.ClusterId}'")
            .Require(IsTableKey(options.ServiceId), nameof(options.ServiceId), keyRule, $"'{options.ServiceId}'")
            .Between(nameof(options.SiloPort), options.SiloPort, 1, 65535)
            .Between(nameof(options.GatewayPort), options.GatewayPort, 1, 65535)
            .Require(options.GatewayPort != options.SiloPort, nameof(options.GatewayPort), "must differ from Orleans:SiloPort", options.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Require(string.IsNullOrWhiteSpace(options.AdvertisedIPAddress) || IPAddress.TryParse(options.AdvertisedIPAddress, out _),
                nameof(options.AdvertisedIPAddress), "must be an IP address", $"'{options.AdvertisedIPAddress}'")
            .Result();
    }

    private static bool IsTableKey(string? value) =>
        !string.IsNullOrWhiteSpace(value) && !value.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
}
