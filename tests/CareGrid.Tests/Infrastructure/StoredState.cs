using Orleans.Storage;

namespace CareGrid.Tests.Infrastructure;

/// <summary>
/// Rewrites a grain's stored state from a test, as a migration or a seed would, without racing the grain itself.
/// </summary>
/// <remarks>
/// <c>DeactivateOnIdle</c> returns before the activation has ended, and an ending case activation may still write once
/// (it drops acknowledged events, docs/events.md). A plain read-change-write can therefore meet a newer ETag. This helper
/// does what any optimistic writer must: on <see cref="InconsistentStateException"/> (memory storage's ETag mismatch,
/// Azure Table's 412 both derive from it) it reads again and re-applies the change.
/// </remarks>
internal static class StoredState
{
    /// <summary>
    /// Reads <paramref name="stateName"/> of <paramref name="grainId"/>, applies <paramref name="change"/> and writes it
    /// back with the ETag it read; retried on a concurrent write, at most <paramref name="attempts"/> times.
    /// </summary>
    /// <returns>The state as written.</returns>
    public static async Task<GrainState<T>> UpdateAsync<T>(IGrainStorage storage, string stateName, GrainId grainId, Action<T> change, int attempts = 5)
        where T : new()
    {
        for (var attempt = 1; ; attempt++)
        {
            var state = new GrainState<T>(new T());
            await storage.ReadStateAsync(stateName, grainId, state);
            change(state.State!);
            try
            {
                await storage.WriteStateAsync(stateName, grainId, state);
                return state;
            }
            catch (InconsistentStateException) when (attempt < attempts)
            {
                // The activation wrote in between: read its write and apply the change to that.
            }
        }
    }
}
