using CareGrid.Grains.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareGrid.Grains.Cases;

/// <summary>
/// Live events of the case (docs/events.md): raised by <see cref="CaseEventRecorder"/> from what changed since the last save,
/// stored in the same write as the change (<see cref="CaseState.PendingEvents"/>), handed to every <see cref="ICareEventSink"/>
/// after the write, acknowledged lazily (pruned by the next write — no write of its own on a command's path) and handed over
/// again on activation while not acknowledged, so a crash between the write and the sinks loses nothing (at least once).
/// </summary>
/// <remarks>
/// A sink that throws does not fail the command: the change is saved, the failure logged, and the events stay
/// unacknowledged — handed over again (with any newer ones, in order) after the next save, on the next activation, or
/// at the next deadline check. Sinks de-duplicate by <see cref="CareEvent.Id"/>.
/// </remarks>
public sealed partial class CaseGrain
{
    /// <summary>What this activation last saved or read of the facts events are raised from; null: a new case (compared with nothing).</summary>
    private CaseEventBaseline? _eventBaseline;

    /// <summary>The highest sequence every sink took since this activation read the state (0: none known).</summary>
    private long _eventsAcknowledged;

    private ICareEventSink[]? _sinks;

    private ILogger? _eventLogger;

    /// <summary>On a read of the state: the stored state is the baseline, and nothing is known to be acknowledged.</summary>
    private void ResetEvents()
    {
        _eventBaseline = CaseEventBaseline.Of(S);
        _eventsAcknowledged = 0;
    }

    /// <summary>
    /// Before a write: drops the events every sink took (lazy acknowledgement) and raises the events of the change, which
    /// the write then stores with it.
    /// </summary>
    private void RaiseEvents()
    {
        if (_eventsAcknowledged > 0 && S.PendingEvents is { } pending)
        {
            pending.RemoveAll(e => e.Sequence <= _eventsAcknowledged);
            if (pending.Count == 0)
            {
                S.PendingEvents = null;
            }
        }

        var result = CaseEventRecorder.Record(TenantId, LocalId, _eventBaseline ?? CaseEventBaseline.Empty, S, clock.GetUtcNow());
        if (result.Dropped > 0)
        {
            LogEventsDropped(EventLogger, TenantId, LocalId, result.Dropped, CaseEventRecorder.MaxPending);
        }
    }

    /// <summary>After a write (<paramref name="saved"/>) or a failed one that read the state back: the baseline is what is stored.</summary>
    private void EventsStored(bool saved)
    {
        _eventBaseline = CaseEventBaseline.Of(S);
        if (!saved)
        {
            _eventsAcknowledged = 0;
        }
    }

    /// <summary>
    /// Hands the stored, not yet acknowledged events to every sink in registration order; when all took them, they count as
    /// acknowledged (the next write prunes them). A failing sink is logged and the events wait for the next attempt.
    /// </summary>
    private async Task DeliverEventsAsync()
    {
        if (S.PendingEvents is not { Count: > 0 } pending || pending[^1].Sequence <= _eventsAcknowledged)
        {
            return;
        }

        var batch = pending.Where(e => e.Sequence > _eventsAcknowledged).ToArray();
        _sinks ??= [.. grainContext.ActivationServices.GetServices<ICareEventSink>()];
        try
        {
            foreach (var sink in _sinks)
            {
                await sink.AcceptAsync(GrainFactory, batch);
            }

            _eventsAcknowledged = batch[^1].Sequence;
        }
        catch (Exception ex)
        {
            LogSinkFailed(EventLogger, ex, TenantId, LocalId, batch[0].Sequence, batch[^1].Sequence);
        }
    }

    /// <summary>
    /// When the activation ends and every sink took the stored events, one write drops them, so the next activation does
    /// not hand them over again (docs/events.md "Delivery"). Best effort, off every command's path: if the write fails the
    /// events stay stored and the next activation hands them over again (at least once either way).
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (state.IsLoaded && S.Exists && S.PendingEvents is { Count: > 0 } pending && pending[0].Sequence <= _eventsAcknowledged)
        {
            pending.RemoveAll(e => e.Sequence <= _eventsAcknowledged);
            S.PendingEvents = pending.Count == 0 ? null : pending;
            try
            {
                await state.WriteStateAsync();
            }
            catch (Exception ex)
            {
                LogAcknowledgeFailed(EventLogger, ex, TenantId, LocalId);
            }
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <summary>The earlier of two optional instants (null when both are).</summary>
    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null || a <= b ? a : b;

    private ILogger EventLogger => _eventLogger ??= grainContext.ActivationServices.GetRequiredService<ILoggerFactory>().CreateLogger<CaseGrain>();

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Case {Tenant}/{CaseId}: a sink did not take events {From}–{To}; the change is saved and they are handed over again after the next save, activation or deadline check")]
    private static partial void LogSinkFailed(ILogger logger, Exception exception, string tenant, string caseId, long from, long to);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Case {Tenant}/{CaseId}: acknowledged events could not be dropped on deactivation; the next activation hands them over again")]
    private static partial void LogAcknowledgeFailed(ILogger logger, Exception exception, string tenant, string caseId);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Case {Tenant}/{CaseId}: {Dropped} unacknowledged events dropped (at most {Max} are kept while sinks fail)")]
    private static partial void LogEventsDropped(ILogger logger, string tenant, string caseId, int dropped, int max);
}
