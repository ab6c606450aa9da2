using Microsoft.Extensions.Logging;

namespace CareGrid.Grains.Hosting;

/// <summary>
/// Incoming grain call filter: an activation whose call failed with a write that storage refused and a state that could not
/// be read back (<see cref="PersistentStateExtensions.HoldsUnstoredChange"/>, e.g. storage unreachable for both) is
/// deactivated before it serves another call. Its in-memory state may hold the refused change; kept, a later read would show
/// a change that was never stored, and a later successful write would store it along with its own — a refused command
/// applied after all. The next call activates the grain again and reads what storage holds (docs/storage.md). The failure
/// itself reaches the caller unchanged.
/// </summary>
public sealed class UnstoredStateFilter(ILogger<UnstoredStateFilter> logger) : IIncomingGrainCallFilter
{
    /// <inheritdoc />
    public Task Invoke(IIncomingGrainCallContext context)
    {
        var call = context.Invoke();
        return call.IsCompletedSuccessfully ? call : WatchAsync(call, context);
    }

    private async Task WatchAsync(Task call, IIncomingGrainCallContext context)
    {
        try
        {
            await call;
        }
        catch (Exception failure) when (PersistentStateExtensions.HoldsUnstoredChange(failure))
        {
            logger.LogWarning(failure, "Deactivating {Grain}: a write was refused and its state could not be read back", context.TargetId);
            context.TargetContext?.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError,
                "A write was refused and the state could not be read back: the in-memory state may hold a change that was not stored."));
            throw;
        }
    }
}
