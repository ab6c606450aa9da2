using System.Net;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Deployment;

/// <summary>The paths the Kubernetes probes of infra/k8s/deployment.yaml call (docs/observability.md "Health").</summary>
public static class DeploymentProbes
{
    /// <summary>Liveness and startup: the process answers.</summary>
    public const string Live = "/health/live";

    /// <summary>Readiness: storage reachable, silo active, membership healthy.</summary>
    public const string Ready = "/health/ready";
}

/// <summary>
/// The service answers the probe paths the manifests name (<see cref="DeploymentProbes"/>) without a token, from a health
/// check rather than the web console's page fallback, so a kubelet's probe sees the service's own health.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class DeploymentProbesShould(CareGridApiFactory factory)
{
    [Theory]
    [InlineData(DeploymentProbes.Live)]
    [InlineData(DeploymentProbes.Ready)]
    public async Task Answer_a_probe_path_without_a_token(string path)
    {
        using var response = await factory.CreateClient().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
