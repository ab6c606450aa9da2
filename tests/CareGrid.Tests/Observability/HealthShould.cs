using System.Net;
using Azure.Data.Tables;
using CareGrid.Silo.Observability;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Trace;

namespace CareGrid.Tests.Observability;

/// <summary>
/// The probes of the embedded mode over HTTP (docs/observability.md "Health"): anonymous, not the console's HTML, no detail;
/// and OpenTelemetry stays off when no OTLP endpoint is configured.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class HealthShould(CareGridApiFactory factory)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/health")]
    public async Task Answer_healthy_to_an_anonymous_probe_with_the_status_word_only(string path)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_404_not_the_console_for_a_health_path_nobody_mapped()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/health/other");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void Leave_OpenTelemetry_off_when_no_OTLP_endpoint_is_configured()
    {
        Assert.Null(factory.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task Call_Azure_Table_storage_unreachable_when_nothing_answers_on_its_port()
    {
        var port = FreePorts.Next(); // nobody listens there
        var tables = new TableServiceClient(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Durable.AzuriteFixture.AccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;",
            new TableClientOptions { Retry = { MaxRetries = 0 } });
        var services = new ServiceCollection().AddSingleton(tables).BuildServiceProvider();
        var result = await new StorageReachableCheck(services).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }
}
