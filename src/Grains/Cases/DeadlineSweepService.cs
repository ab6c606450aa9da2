using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace CareGrid.Grains.Cases;

/// <summary>
/// Runs one <see cref="DeadlineSweep"/> when this silo becomes active (<see cref="ServiceLifecycleStage.Active"/>: it has
/// joined the cluster and grain calls are served), in the background so start-up is not delayed; a sweep that fails as a
/// whole is tried again 2 s later, up to <see cref="DeadlineSweepOptions.Attempts"/> times. Every silo of a cluster sweeps
/// on activation; the case grain's own state makes escalation idempotent (R-1.10, docs/deadline-sweep.md). Then, every
/// <see cref="DeadlineSweepOptions.Interval"/> on <paramref name="timer"/>, the one silo that
/// <see cref="IsPeriodicSweeper"/> names sweeps again: the bound on a deadline whose Orleans reminder was lost.
/// </summary>
public sealed partial class DeadlineSweepService(
    DeadlineSweep sweep,
    IOptions<DeadlineSweepOptions> options,
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    TimeProvider timer,
    ILogger<DeadlineSweepService> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource<DeadlineSweepResult> _nextPeriodic = NewSignal();
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
        await FirstSweepAsync(stopping);
        await RunPeriodicAsync(stopping);
    }

    /// <summary>
    /// Completes with the result of the next periodic sweep this silo runs (one that ran as <see cref="IsPeriodicSweeper"/>);
    /// it never completes when <see cref="DeadlineSweepOptions.Interval"/> is zero or another silo is the sweeper.
    /// </summary>
    public Task<DeadlineSweepResult> NextPeriodicSweep => Volatile.Read(ref _nextPeriodic).Task;

    /// <summary>
    /// The periodic part of the service: every <see cref="DeadlineSweepOptions.Interval"/> on the timer, sweeps when this silo
    /// <see cref="IsPeriodicSweeper"/>; a failed sweep is logged and the next one runs an interval later. Returns at once
    /// when the interval is zero, and when <paramref name="stopping"/> is cancelled. The silo's lifecycle runs it after the
    /// sweep on activation; it is public so a test can drive it with a fake timer.
    /// </summary>
    public async Task RunPeriodicAsync(CancellationToken stopping)
    {
        var interval = options.Value.Interval;
        while (interval > TimeSpan.Zero && !stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, timer, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (!IsPeriodicSweeper(membership.CurrentSnapshot, silo.SiloAddress))
            {
                continue;
            }

            try
            {
                var result = await sweep.RunAsync(stopping, periodic: true);
                Interlocked.Exchange(ref _nextPeriodic, NewSignal()).TrySetResult(result);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPeriodicFailed(ex, interval.TotalSeconds);
            }
        }
    }

    private static TaskCompletionSource<DeadlineSweepResult> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// True when <paramref name="self"/> is the active member with the lowest silo address in <paramref name="snapshot"/>
    /// (or the snapshot lists no active member, as before this silo's first membership read). Silos whose views differ for
    /// a moment may both sweep; escalation is idempotent, so that only costs a query.
    /// </summary>
    public static bool IsPeriodicSweeper(ClusterMembershipSnapshot snapshot, SiloAddress self)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        SiloAddress? lowest = null;
        foreach (var member in snapshot.Members.Values)
        {
            if (member.Status == SiloStatus.Active && (lowest is null || member.SiloAddress.CompareTo(lowest) < 0))
            {
                lowest = member.SiloAddress;
            }
        }

        return lowest is null || lowest.Equals(self);
    }

    private async Task FirstSweepAsync(CancellationToken stopping)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Periodic deadline sweep failed; the next runs in {Seconds} s, and the cases' reminders and activation checks still escalate overdue tasks")]
    private partial void LogPeriodicFailed(Exception exception, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deadline sweep attempt {Attempt} of {Attempts} failed; the cases' reminders and activation checks still escalate overdue tasks")]
    private partial void LogAttemptFailed(Exception exception, int attempt, int attempts);
}
