using CareGrid.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace CareGrid.Tests.Deployment;

/// <summary>
/// The Kubernetes manifests of <c>infra/k8s</c> and the container file of <c>infra/container</c> as the tests read them:
/// every YAML document parsed into nodes (YamlDotNet), looked up by kind and name, with small accessors for paths such as
/// <c>spec.template.metadata.labels</c>.
/// </summary>
public sealed class Manifests
{
    private Manifests(IReadOnlyList<(string File, YamlMappingNode Root)> documents) => Documents = documents;

    /// <summary>The folder of the manifests.</summary>
    public static string Folder => Path.Combine(RepoPaths.Root, "infra", "k8s");

    /// <summary>The container file.</summary>
    public static string Dockerfile => Path.Combine(RepoPaths.Root, "infra", "container", "Dockerfile");

    /// <summary>Every non-empty document of every <c>*.yaml</c> file, with its file name.</summary>
    public IReadOnlyList<(string File, YamlMappingNode Root)> Documents { get; }

    /// <summary>Reads every <c>*.yaml</c> of <see cref="Folder"/>.</summary>
    public static Manifests Load()
    {
        var documents = new List<(string, YamlMappingNode)>();
        foreach (var path in Directory.GetFiles(Folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(path);
            stream.Load(reader);
            documents.AddRange(stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().Select(n => (Path.GetFileName(path), n)));
        }

        return new Manifests(documents);
    }

    /// <summary>The one object of <paramref name="kind"/> (and <paramref name="name"/> when given); fails the test otherwise.</summary>
    public YamlMappingNode One(string kind, string? name = null)
    {
        var found = Documents.Where(d => Text(d.Root, "kind") == kind && (name is null || Text(d.Root, "metadata.name") == name)).ToList();
        Assert.True(found.Count == 1, $"expected one {kind} {name} in infra/k8s, found {found.Count}");
        return found[0].Root;
    }

    /// <summary>The node at a dotted <paramref name="path"/> of mapping keys below <paramref name="node"/>, or null.</summary>
    public static YamlNode? At(YamlNode node, string path)
    {
        YamlNode? current = node;
        foreach (var key in path.Split('.'))
        {
            current = current is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var next) ? next : null;
        }

        return current;
    }

    /// <summary>The scalar text at <paramref name="path"/>, or null.</summary>
    public static string? Text(YamlNode node, string path) => (At(node, path) as YamlScalarNode)?.Value;

    /// <summary>The items of the sequence at <paramref name="path"/> (empty when there is none).</summary>
    public static IReadOnlyList<YamlNode> Items(YamlNode node, string path) =>
        At(node, path) is YamlSequenceNode sequence ? sequence.Children.ToList() : [];

    /// <summary>The string map at <paramref name="path"/> (labels, selectors, stringData).</summary>
    public static IReadOnlyDictionary<string, string> Map(YamlNode node, string path) =>
        At(node, path) is YamlMappingNode map
            ? map.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => (p.Value as YamlScalarNode)?.Value ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>();

    /// <summary>The Deployment's one container (the silo).</summary>
    public YamlMappingNode SiloContainer()
    {
        var containers = Items(One("Deployment", "caregrid"), "spec.template.spec.containers");
        Assert.Single(containers);
        return (YamlMappingNode)containers[0];
    }

    /// <summary>The silo container's environment: name → the node (with <c>value</c> or <c>valueFrom</c>).</summary>
    public IReadOnlyDictionary<string, YamlNode> SiloEnvironment() =>
        Items(SiloContainer(), "env").ToDictionary(e => Text(e, "name")!, e => e, StringComparer.Ordinal);
}
