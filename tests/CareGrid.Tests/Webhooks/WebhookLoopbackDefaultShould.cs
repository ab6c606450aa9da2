using CareGrid.Grains.Errors;
using CareGrid.Grains.Webhooks;
using CareGrid.Silo;
using CareGrid.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CareGrid.Tests.Webhooks;

/// <summary>
/// The host's wiring of <c>Webhooks:AllowLoopback</c> (docs/webhooks.md "Where a webhook may post", docs/operations.md): off on
/// Azure Table storage outside Development — a loopback URL is then refused with <c>VALIDATION_FAILED</c>, rule <c>loopback</c> —
/// on in Development and on the embedded default, and the key decides when set.
/// </summary>
[Trait("tier", "api")]
public sealed class WebhookLoopbackDefaultShould
{
    [Theory]
    [InlineData("AzureTable", "Production", null, false)]
    [InlineData("AzureTable", "Staging", null, false)]
    [InlineData("AzureTable", "Development", null, true)]
    [InlineData("AzureTable", "Production", "true", true)]
    [InlineData("Memory", "Production", null, true)]
    [InlineData("Memory", "Production", "false", false)]
    public async Task Allow_loopback_only_in_development_or_on_the_embedded_default_unless_set(string provider, string environment, string? setting, bool expected)
    {
        var keyPath = Path.Combine(Path.GetTempPath(), "caregrid-tests", Guid.NewGuid().ToString("N") + ".key");
        List<string> args =
        [
            $"--Storage:Provider={provider}", "--Seed:Demo=false", $"--Orleans:SiloPort={FreePorts.Next()}", $"--Orleans:GatewayPort={FreePorts.Next()}",
            $"--Auth:SigningKeyPath={keyPath}",
        ];
        if (provider == "AzureTable")
        {
            args.Add("--Storage:ConnectionString=UseDevelopmentStorage=true");
            // Durable storage needs the keys of the webhook secrets at rest (docs/webhooks.md "Secrets").
            args.Add("--Webhooks:SecretKeys:k1=" + Convert.ToBase64String(new byte[32]));
            args.Add("--Webhooks:CurrentSecretKey=k1");
        }

        if (setting is not null)
        {
            args.Add($"--Webhooks:AllowLoopback={setting}");
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. args], EnvironmentName = environment });
        builder.AddCareGrid();
        await using var app = builder.Build();

        // Built, never started: no storage is reached.
        var allowLoopback = app.Services.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowLoopback;
        Assert.Equal(expected, allowLoopback);
        if (expected)
        {
            Assert.Equal("127.0.0.1", WebhookUrlRules.Check("http://127.0.0.1:9/hook", allowLoopback).Host);
        }
        else
        {
            var refused = Assert.Throws<CareGridException>(() => WebhookUrlRules.Check("http://127.0.0.1:9/hook", allowLoopback));
            Assert.Equal((ErrorCodes.ValidationFailed, "url", "loopback"), (refused.Code, refused.Details["field"], refused.Details["rule"]));
        }
    }
}
