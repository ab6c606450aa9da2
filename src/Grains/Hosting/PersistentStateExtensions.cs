using CareGrid.Grains.Errors;
using Orleans.Storage;

namespace CareGrid.Grains.Hosting;

/// <summary>Helpers for writing grain state without leaving half-applied changes in memory.</summary>
public static class PersistentStateExtensions
{
    /// <summary>
    /// Writes the state. When storage refuses the write (an ETag conflict or any storage failure) the
    /// in-memory state is reloaded from storage, so the grain never keeps a change that was not stored,
    /// and the caller gets <see cref="ErrorCodes.ConflictRetry"/> (an ETag conflict: safe to retry).
    /// </summary>
    /// <exception cref="CareGridException">With <see cref="ErrorCodes.ConflictRetry"/> on an ETag conflict.</exception>
    public static async Task CommitAsync<T>(this IPersistentState<T> state)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            await state.ReadStateAsync();
            throw new CareGridException(ErrorCodes.ConflictRetry,
                "The record was changed concurrently; nothing was written. Retry the request.");
        }
        catch
        {
            await state.ReadStateAsync();
            throw;
        }
    }
}
