using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareGrid.Grains.Cases;

/// <summary>
/// Runs one <see cref="DeadlineSweep"/> when this silo becomes active (<see cref="ServiceLifecycleStage.Active"/>: it has
/// joined the cluster and grain calls are served), in the background so start-up is not delayed; a sweep that fails as a
/// whole is tried again 2 s later, up to <see cref="DeadlineSweepOptions.Attempts"/> times. Every silo of a cluster sweeps;
/// the case grain's own state makes escalation idempotent (R-1.10, docs/deadline-sweep.md).
/// </summary>
public sealed partial class DeadlineSweepService(DeadlineSweep sweep, IOptions<DeadlineSweepOptions> options, ILogger<DeadlineSweepService> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _run = Task.CompletedTask;

    /// <summary>The running (or finished) sweep of this silo; completes when it is done, failed for good or cancelled.</summary>
    public Task Completion => _run;

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(DeadlineSweepService), ServiceLifecycleStage.Active, OnStartAsync, OnStopAsync);
    }

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            _run = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await _run.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var attempts = Math.Clamp(options.Value.Attempts, 1, 20);
        for (var attempt = 1; attempt <= attempts && !stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                await sweep.RunAsync(stopping);
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogAttemptFailed(ex, attempt, attempts);
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deadline sweep attempt {Attempt} of {Attempts} failed; the cases' reminders and activation checks still escalate overdue tasks")]
    private partial void LogAttemptFailed(Exception exception, int attempt, int attempts);
}
