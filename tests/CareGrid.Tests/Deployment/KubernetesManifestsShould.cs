using System.Text.RegularExpressions;
using CareGrid.GraphApi.Auth;
using CareGrid.GraphApi.Configuration;
using CareGrid.Silo;
using CareGrid.Silo.Cli;
using Microsoft.Extensions.Configuration;
using Orleans.Hosting.Kubernetes;
using YamlDotNet.RepresentationModel;
using static CareGrid.Tests.Deployment.Manifests;

namespace CareGrid.Tests.Deployment;

/// <summary>
/// The Kubernetes manifests (infra/k8s) and the container file (infra/container) hold together with the service they run
/// (docs/operations.md "Kubernetes"): the pod labels and environment Orleans' Kubernetes hosting reads (its own constants),
/// the RBAC verbs it calls, configuration keys the service knows and accepts through its real validators, secrets that
/// exist, selectors that match, probes on the health paths, ports that agree with the configuration, and the non-root user
/// of the image.
/// </summary>
[Trait("tier", "domain")]
public sealed partial class KubernetesManifestsShould
{
    private const string PodAddress = "10.244.1.7";
    private readonly Manifests _manifests = Load();

    [Fact]
    public void Label_the_pods_with_the_cluster_ids_Orleans_selects_them_by()
    {
        Assert.Equal(KubernetesHostingOptions.ClusterIdLabel, KubernetesSiloHosting.ClusterIdLabel);
        Assert.Equal(KubernetesHostingOptions.ServiceIdLabel, KubernetesSiloHosting.ServiceIdLabel);
        var labels = Map(_manifests.One("Deployment", "caregrid"), "spec.template.metadata.labels");
        var config = ServiceConfiguration();

        Assert.Equal(config["Orleans:ClusterId"], labels[KubernetesHostingOptions.ClusterIdLabel]);
        Assert.Equal(config["Orleans:ServiceId"], labels[KubernetesHostingOptions.ServiceIdLabel]);
        // Orleans' own variables would override the cluster ids behind the service's back (and the labels).
        var env = _manifests.SiloEnvironment();
        Assert.DoesNotContain(KubernetesHostingOptions.ClusterIdEnvironmentVariable, env.Keys);
        Assert.DoesNotContain(KubernetesHostingOptions.ServiceIdEnvironmentVariable, env.Keys);
    }

    [Fact]
    public void Give_the_silo_its_pod_name_namespace_and_address_from_the_downward_API()
    {
        var env = _manifests.SiloEnvironment();

        Assert.Equal("metadata.name", Text(env[KubernetesHostingOptions.PodNameEnvironmentVariable], "valueFrom.fieldRef.fieldPath"));
        Assert.Equal("metadata.namespace", Text(env[KubernetesHostingOptions.PodNamespaceEnvironmentVariable], "valueFrom.fieldRef.fieldPath"));
        Assert.Equal("status.podIP", Text(env[KubernetesHostingOptions.PodIPEnvironmentVariable], "valueFrom.fieldRef.fieldPath"));
        Assert.Equal(KubernetesSiloHosting.PodNameVariable, KubernetesHostingOptions.PodNameEnvironmentVariable);
        Assert.Equal(KubernetesSiloHosting.PodNamespaceVariable, KubernetesHostingOptions.PodNamespaceEnvironmentVariable);
        // Other silos reach this one at the pod's address, not at the service's default 127.0.0.1.
        Assert.Equal("status.podIP", Text(env["Orleans__AdvertisedIPAddress"], "valueFrom.fieldRef.fieldPath"));
    }

    [Fact]
    public void Name_only_configuration_keys_the_service_reads()
    {
        var kubernetes = new[] { KubernetesHostingOptions.PodNameEnvironmentVariable, KubernetesHostingOptions.PodNamespaceEnvironmentVariable, KubernetesHostingOptions.PodIPEnvironmentVariable };
        var names = _manifests.SiloEnvironment().Keys.Except(kubernetes).Concat(Map(_manifests.One("Secret"), "stringData").Keys).ToList();

        Assert.NotEmpty(names);
        foreach (var name in names)
        {
            var key = name.Replace("__", ":", StringComparison.Ordinal);
            Assert.True(key == "Urls" || ConfigurationKeys.IsCareGridKey(key), $"{name} ({key}) is no configuration key of the service (src/Silo/Cli/ConfigurationKeys.cs)");
        }
    }

    [Fact]
    public void Hold_a_configuration_the_service_accepts_durable_and_signed_in_through_an_authority()
    {
        var config = ServiceConfiguration();

        var storage = Bind(config, StorageOptions.Section, new StorageOptionsValidator());
        var cluster = Bind(config, OrleansClusterOptions.Section, new OrleansClusterOptionsValidator());
        var auth = Bind(config, AuthOptions.Section, new AuthOptionsValidator());
        var seed = Bind(config, SeedOptions.Section, new SeedOptionsValidator());

        Assert.Equal(StorageProvider.AzureTable, storage.Kind);
        Assert.True(cluster.KubernetesHosting);
        Assert.True(cluster.ListenOnAnyHostAddress);
        Assert.Equal(PodAddress, cluster.AdvertisedIPAddress);
        Assert.True(auth.UsesAuthority, "production signs in through Auth:Authority (development tokens refused)");
        Assert.False(seed.Demo);
        var ports = Items(_manifests.SiloContainer(), "ports").ToDictionary(p => Text(p, "name")!, p => int.Parse(Text(p, "containerPort")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(cluster.SiloPort, ports["silo"]);
        Assert.Equal(cluster.GatewayPort, ports["gateway"]);
        Assert.Equal(UrlPort(config["Urls"]!), ports["http"]);
    }

    [Fact]
    public void Read_secrets_that_the_example_secret_holds_and_that_a_pod_cannot_start_without()
    {
        var secret = _manifests.One("Secret");
        var keys = Map(secret, "stringData");
        var fromSecrets = _manifests.SiloEnvironment().Where(e => At(e.Value, "valueFrom.secretKeyRef") is not null).ToList();

        Assert.Contains(fromSecrets, e => e.Key == "Storage__ConnectionString");
        Assert.Contains(fromSecrets, e => e.Key == "Auth__Authority");
        foreach (var (name, node) in fromSecrets)
        {
            Assert.Equal(Text(secret, "metadata.name"), Text(node, "valueFrom.secretKeyRef.name"));
            Assert.Contains(Text(node, "valueFrom.secretKeyRef.key")!, keys.Keys);
            Assert.NotEqual("true", Text(node, "valueFrom.secretKeyRef.optional"));
        }

        // The example is for reading: kustomization.yaml applies every manifest but it.
        var resources = Items(_manifests.One("Kustomization"), "resources").Select(r => ((YamlScalarNode)r).Value).ToList();
        var files = _manifests.Documents.Select(d => d.File).Distinct().Except(["kustomization.yaml", "secret.example.yaml"]);
        Assert.Equal(files.Order(StringComparer.Ordinal), resources.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Grant_the_pods_account_what_Orleans_Kubernetes_hosting_calls_and_no_more()
    {
        var role = _manifests.One("Role", "caregrid-silo");
        var binding = _manifests.One("RoleBinding");
        var deployment = _manifests.One("Deployment", "caregrid");
        Assert.DoesNotContain(_manifests.Documents, d => Text(d.Root, "kind") is "ClusterRole" or "ClusterRoleBinding");

        var rule = (YamlMappingNode)Assert.Single(Items(role, "rules"));
        Assert.Equal([""], Items(rule, "apiGroups").Select(g => ((YamlScalarNode)g).Value));
        Assert.Equal(["pods"], Items(rule, "resources").Select(g => ((YamlScalarNode)g).Value));
        // get + patch: its own pod's labels; list + watch: the cluster's pods. No delete (DeleteDefunctSiloPods stays off).
        Assert.Equal(["get", "list", "patch", "watch"], Items(rule, "verbs").Select(v => ((YamlScalarNode)v).Value).Order(StringComparer.Ordinal));

        var subject = Assert.Single(Items(binding, "subjects"));
        Assert.Equal("ServiceAccount", Text(subject, "kind"));
        Assert.Equal(Text(deployment, "spec.template.spec.serviceAccountName"), Text(subject, "name"));
        Assert.Equal(Text(_manifests.One("ServiceAccount"), "metadata.name"), Text(subject, "name"));
        Assert.Equal("Role", Text(binding, "roleRef.kind"));
        Assert.Equal(Text(role, "metadata.name"), Text(binding, "roleRef.name"));
    }

    [Fact]
    public void Select_the_silo_pods_from_the_deployment_the_service_and_the_disruption_budget()
    {
        var deployment = _manifests.One("Deployment", "caregrid");
        var podLabels = Map(deployment, "spec.template.metadata.labels");
        var selectors = new[]
        {
            Map(deployment, "spec.selector.matchLabels"),
            Map(_manifests.One("Service"), "spec.selector"),
            Map(_manifests.One("PodDisruptionBudget"), "spec.selector.matchLabels"),
        };

        foreach (var selector in selectors)
        {
            Assert.NotEmpty(selector);
            Assert.All(selector, pair => Assert.Equal(pair.Value, podLabels.GetValueOrDefault(pair.Key)));
        }

        var portNames = Items(_manifests.SiloContainer(), "ports").Select(p => Text(p, "name")).ToList();
        Assert.All(Items(_manifests.One("Service"), "spec.ports"), p => Assert.Contains(Text(p, "targetPort"), portNames));
        Assert.True(int.Parse(Text(deployment, "spec.replicas")!, System.Globalization.CultureInfo.InvariantCulture) >= 2, "a cluster keeps serving while one pod is down");
    }

    [Fact]
    public void Probe_the_health_endpoints_on_the_http_port()
    {
        var silo = _manifests.SiloContainer();

        Assert.Equal(DeploymentProbes.Live, Text(silo, "livenessProbe.httpGet.path"));
        Assert.Equal(DeploymentProbes.Live, Text(silo, "startupProbe.httpGet.path"));
        Assert.Equal(DeploymentProbes.Ready, Text(silo, "readinessProbe.httpGet.path"));
        Assert.All(["livenessProbe", "startupProbe", "readinessProbe"], p => Assert.Equal("http", Text(silo, p + ".httpGet.port")));
    }

    [Fact]
    public void Run_as_the_images_non_root_user_on_a_read_only_root_with_a_writable_tmp()
    {
        var pod = At(_manifests.One("Deployment", "caregrid"), "spec.template.spec")!;
        var silo = _manifests.SiloContainer();
        var user = DockerfileUser().Split(':')[0];

        Assert.Equal("true", Text(pod, "securityContext.runAsNonRoot"));
        Assert.Equal(user, Text(pod, "securityContext.runAsUser"));
        Assert.NotEqual("0", user);
        Assert.Equal("true", Text(silo, "securityContext.readOnlyRootFilesystem"));
        Assert.Equal("false", Text(silo, "securityContext.allowPrivilegeEscalation"));
        var tmp = Assert.Single(Items(silo, "volumeMounts"), m => Text(m, "mountPath") == "/tmp");
        var volume = Assert.Single(Items(pod, "volumes"), v => Text(v, "name") == Text(tmp, "name"));
        Assert.NotNull(At(volume, "emptyDir"));
    }

    [Fact]
    public void Build_an_image_that_runs_the_service_on_the_ports_the_manifests_name()
    {
        var lines = File.ReadAllLines(Dockerfile);
        var ports = Items(_manifests.SiloContainer(), "ports").Select(p => Text(p, "containerPort")).ToList();

        var entry = Assert.Single(lines, l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal));
        Assert.Contains($"/app/{typeof(Program).Assembly.GetName().Name}.dll", entry, StringComparison.Ordinal);
        var exposed = Assert.Single(lines, l => l.StartsWith("EXPOSE", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
        Assert.Equal(ports.Order(), exposed.Order());
        var urls = UrlsInImage().Match(string.Join('\n', lines));
        Assert.True(urls.Success, "the image sets Urls");
        Assert.Equal(ServiceConfiguration()["Urls"], urls.Groups[1].Value);
        var stages = lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, stages.Count);
        Assert.Contains("dotnet/aspnet", stages[^1], StringComparison.Ordinal);
    }

    /// <summary>
    /// The configuration the silo container sees: its <c>env</c> as keys (<c>__</c> → <c>:</c>), secret values from the example
    /// secret and the pod address for <c>status.podIP</c>.
    /// </summary>
    private IConfiguration ServiceConfiguration()
    {
        var secret = Map(_manifests.One("Secret"), "stringData");
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, node) in _manifests.SiloEnvironment())
        {
            values[name.Replace("__", ":", StringComparison.Ordinal)] =
                Text(node, "value")
                ?? (Text(node, "valueFrom.secretKeyRef.key") is { } key ? secret[key] : null)
                ?? (Text(node, "valueFrom.fieldRef.fieldPath") == "status.podIP" ? PodAddress : "pod-field");
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    private static T Bind<T>(IConfiguration config, string section, Microsoft.Extensions.Options.IValidateOptions<T> validator)
        where T : class, new()
    {
        var options = ValidatedOptions.Bind(config, section, validator, out var failures);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        return options;
    }

    private static int UrlPort(string urls) => new Uri(urls.Replace("+", "localhost", StringComparison.Ordinal)).Port;

    private static string DockerfileUser() =>
        Assert.Single(File.ReadAllLines(Dockerfile), l => l.StartsWith("USER ", StringComparison.Ordinal))["USER ".Length..].Trim();

    [GeneratedRegex(@"ENV Urls=(\S+)")]
    private static partial Regex UrlsInImage();
}
