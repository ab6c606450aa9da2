using CareGrid.Silo;
using CareGrid.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Xunit.Abstractions;

namespace CareGrid.Tests.Http;

/// <summary>The real CareGrid service (silo + API, demo seed) on Kestrel, for HTTP-level checks such as the audit.</summary>
public sealed class RealServiceHostFixture : IAsyncLifetime
{
    public KestrelGraphQLHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var keyPath = Path.Combine(Path.GetTempPath(), "caregrid-tests", Guid.NewGuid().ToString("N") + ".key");
        Host = await KestrelGraphQLHost.StartAsync(builder =>
        {
            builder.Configuration["Orleans:SiloPort"] = FreePorts.Next().ToString();
            builder.Configuration["Orleans:GatewayPort"] = FreePorts.Next().ToString();
            builder.Configuration["Orleans:ClusterId"] = "audit-" + Guid.NewGuid().ToString("N");
            builder.Configuration["Auth:SigningKeyPath"] = keyPath;
            builder.Configuration["Seed:Path"] = Path.Combine(AppContext.BaseDirectory, "seeds", "demo");
            builder.AddCareGrid();
            var app = builder.Build();
            app.UseCareGrid();
            return app;
        });
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// The graphql-http audit against the real service: the platform endpoint and a tenant route. Every MUST,
/// SHOULD and MAY audit must pass. Needs Node.js 20+ (npm ci of the pinned audit on first use).
/// </summary>
[Trait("tier", "api")]
public sealed class RealServiceAuditShould(RealServiceHostFixture fixture, ITestOutputHelper output)
    : IClassFixture<RealServiceHostFixture>
{
    [Theory]
    [InlineData("graphql")]
    [InlineData("t/demo-school/graphql")]
    public async Task Pass_every_audit_on_the_real_endpoint(string path)
    {
        var result = await NodeAudit.RunAsync(new Uri(fixture.Host.BaseAddress, path), output.WriteLine);
        output.WriteLine(result.StandardOutput);
        if (result.StandardError.Length > 0)
        {
            output.WriteLine(result.StandardError);
        }

        Assert.True(result.ExitCode == 0, $"The graphql-http audit failed on /{path} (exit code {result.ExitCode}):\n{result.StandardOutput}\n{result.StandardError}");
    }
}
