using Azure;
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
    /// <remarks>
    /// A conflict is recognised whichever provider reports it (see <see cref="IsWriteConflict"/>): Orleans'
    /// <see cref="InconsistentStateException"/> (memory storage's ETag mismatch, Azure Table storage's
    /// <c>TableStorageUpdateConditionNotSatisfiedException</c>) or an Azure <see cref="RequestFailedException"/>
    /// with status 412 (precondition failed) or 409 (conflict), also when wrapped by the storage bridge.
    /// If the reload itself fails (storage unreachable), that failure propagates and Orleans deactivates nothing:
    /// the next call reads again.
    /// </remarks>
    /// <exception cref="CareGridException">With <see cref="ErrorCodes.ConflictRetry"/> on an ETag conflict.</exception>
    public static async Task CommitAsync<T>(this IPersistentState<T> state)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex) when (IsWriteConflict(ex))
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

    /// <summary>
    /// True when <paramref name="exception"/> (or an exception it wraps) says that the stored record changed since
    /// it was read: an <see cref="InconsistentStateException"/>, or an Azure <see cref="RequestFailedException"/>
    /// with HTTP status 412 or 409.
    /// </summary>
    public static bool IsWriteConflict(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case InconsistentStateException:
                case RequestFailedException { Status: 412 or 409 }:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsWriteConflict):
                    return true;
            }
        }

        return false;
    }
}
