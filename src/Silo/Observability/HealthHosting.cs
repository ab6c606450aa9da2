using Azure.Data.Tables;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace CareGrid.Silo.Observability;

/// <summary>
/// Kubernetes-style probes (docs/observability.md "Health"), anonymous and never rate limited, answering only
/// <c>Healthy</c> / <c>Unhealthy</c> (no check names, no exception text) with <c>Cache-Control: no-store, no-cache</c>:
/// <list type="bullet">
/// <item><c>/health/live</c>: 200 while the process serves HTTP; it runs no check (a restart cures nothing a dependency broke).</item>
/// <item><c>/health/ready</c>: 200 when the silo is active, it is an active member of the cluster as the membership oracle sees
/// it, and grain storage is reachable (Azure Table storage in the durable mode; in-process storage always is); else 503.</item>
/// </list>
/// <c>/health</c> (kept) runs the same checks as <c>/health/ready</c>.
/// </summary>
public static class HealthHosting
{
    /// <summary>Tag of the checks <c>/health/ready</c> runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>How long the storage check waits for Azure Table storage before it calls it unreachable.</summary>
    public static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Registers the readiness checks (silo, membership, storage).</summary>
    public static IServiceCollection AddCareGridHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<SiloActiveCheck>("silo", tags: [ReadyTag])
            .AddCheck<StorageReachableCheck>("storage", tags: [ReadyTag]);
        return services;
    }

    /// <summary>Maps <c>/health/live</c> and <c>/health/ready</c> (anonymous, outside the rate limits).</summary>
    public static WebApplication MapCareGridHealth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = static _ => false }).DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = static check => check.Tags.Contains(ReadyTag) }).DisableRateLimiting();
        return app;
    }
}

/// <summary>The silo is <see cref="SiloStatus.Active"/> and the membership oracle lists it among the active silos.</summary>
public sealed class SiloActiveCheck(ISiloStatusOracle oracle) : IHealthCheck
{
    /// <summary>Healthy when this silo is active and listed active by the membership oracle; the reason otherwise.</summary>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (oracle.CurrentStatus != SiloStatus.Active)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The silo is " + oracle.CurrentStatus + "."));
        }

        var active = oracle.GetApproximateSiloStatuses(onlyActive: true);
        return Task.FromResult(active.ContainsKey(oracle.SiloAddress)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The membership view does not list this silo as active."));
    }
}

/// <summary>
/// Grain storage answers: in the durable mode a one-row listing of Azure Table storage's tables within
/// <see cref="HealthHosting.StorageTimeout"/>; without a <see cref="TableServiceClient"/> (the embedded mode) storage is in-process.
/// </summary>
public sealed class StorageReachableCheck(IServiceProvider services) : IHealthCheck
{
    /// <summary>Healthy when storage answered (or is in-process); unhealthy when Azure Table storage failed or did not answer in time.</summary>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<TableServiceClient>() is not { } tables)
        {
            return HealthCheckResult.Healthy("In-process storage.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HealthHosting.StorageTimeout);
        try
        {
            await foreach (var _ in tables.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages().WithCancellation(timeout.Token))
            {
                break;
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or OperationCanceledException or AggregateException or IOException or HttpRequestException)
        {
            return HealthCheckResult.Unhealthy("Azure Table storage did not answer.", ex);
        }
    }
}
