using CareGrid.Silo;
using CareGrid.Silo.Cli;
using CareGrid.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Hosting.Kubernetes;

namespace CareGrid.Tests.Deployment;

/// <summary>
/// <c>Orleans:KubernetesHosting</c> (docs/operations.md "Kubernetes"): true on Azure Table storage adds Orleans' Kubernetes
/// hosting to the silo the service builds (its options validator is registered: a pod without <c>POD_NAME</c>/<c>POD_NAMESPACE</c>
/// would fail its start); unset leaves it out; true on the embedded default is refused at start, naming the key.
/// </summary>
[Trait("tier", "api")]
public sealed class KubernetesHostingShould
{
    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public async Task Add_Orleans_Kubernetes_hosting_only_when_set(string value, bool expected)
    {
        var keyPath = Path.Combine(Path.GetTempPath(), "caregrid-tests", Guid.NewGuid().ToString("N") + ".key");
        var builder = WebApplication.CreateBuilder(
            ["--Storage:Provider=AzureTable", "--Storage:ConnectionString=UseDevelopmentStorage=true", "--Seed:Demo=false",
             $"--Orleans:KubernetesHosting={value}", $"--Orleans:SiloPort={FreePorts.Next()}", $"--Orleans:GatewayPort={FreePorts.Next()}",
             $"--Auth:SigningKeyPath={keyPath}"]);

        builder.AddCareGrid();
        await using var app = builder.Build();

        // Built, never started: no storage or Kubernetes API is reached.
        Assert.Equal(expected, app.Services.GetServices<IValidateOptions<KubernetesHostingOptions>>().Any());
    }

    [Fact]
    public async Task Refuse_it_on_the_embedded_default_naming_the_key()
    {
        var keyPath = Path.Combine(Path.GetTempPath(), "caregrid-tests", Guid.NewGuid().ToString("N") + ".key");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var command = CareGridCommandLine.Parse(
            ["--no-seed", "--urls", "http://127.0.0.1:0", $"--Orleans:SiloPort={FreePorts.Next()}", $"--Orleans:GatewayPort={FreePorts.Next()}",
             $"--Auth:SigningKeyPath={keyPath}", "--Orleans:KubernetesHosting=true"], stdout, stderr);
        Assert.Null(command.ExitCode);

        var exitCode = await CareGridService.RunAsync(command.HostArgs, stderr).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(CareGridCommandLine.Failed, exitCode);
        Assert.Contains("Orleans:KubernetesHosting needs Storage:Provider=AzureTable", stderr.ToString(), StringComparison.Ordinal);
    }
}
