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
    /// If the reload itself fails (storage unreachable), the in-memory state still holds the change that was not stored:
    /// the reload's failure propagates marked (<see cref="UnstoredChangeKey"/>), and <see cref="UnstoredStateFilter"/> deactivates
    /// the activation, so that no later call reads that change or stores it with its own (the next call activates the grain
    /// again and reads what storage holds).
    /// </remarks>
    /// <exception cref="CareGridException">With <see cref="ErrorCodes.ConflictRetry"/> on an ETag conflict; with
    /// <see cref="ErrorCodes.StorageLimit"/> when the state is too large for the storage (see <see cref="IsSizeLimit"/>).</exception>
    public static async Task CommitAsync<T>(this IPersistentState<T> state)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex) when (IsWriteConflict(ex))
        {
            await ReloadAsync(state);
            throw new CareGridException(ErrorCodes.ConflictRetry,
                "The record was changed concurrently; nothing was written. Retry the request.");
        }
        catch (Exception ex) when (IsSizeLimit(ex))
        {
            await ReloadAsync(state);
            throw new CareGridException(ErrorCodes.StorageLimit,
                "The record would pass the storage's size limit (1 MiB per entity on Azure Table Storage); nothing was written. See docs/storage.md.");
        }
        catch
        {
            await ReloadAsync(state);
            throw;
        }
    }

    /// <summary>
    /// The <see cref="Exception.Data"/> key that marks a failure after which the activation's in-memory state may hold a change
    /// that was never stored (<see cref="HoldsUnstoredChange"/>).
    /// </summary>
    public const string UnstoredChangeKey = "CareGrid.UnstoredChange";

    /// <summary>
    /// True when <paramref name="exception"/> came from a refused write whose state could not be read back: the activation must
    /// not serve another call (<see cref="UnstoredStateFilter"/> deactivates it).
    /// </summary>
    public static bool HoldsUnstoredChange(Exception exception) =>
        exception is not null && exception.Data.Contains(UnstoredChangeKey);

    /// <summary>Reads the stored state back after a refused write; when that fails too, marks the failure (<see cref="UnstoredChangeKey"/>) and rethrows it.</summary>
    private static async Task ReloadAsync<T>(IPersistentState<T> state)
    {
        try
        {
            await state.ReadStateAsync();
        }
        catch (Exception reloadFailure)
        {
            reloadFailure.Data[UnstoredChangeKey] = true;
            throw;
        }
    }

    /// <summary>
    /// True when <paramref name="exception"/> (or an exception it wraps) says that the record is too large for the storage:
    /// Orleans' Azure Table grain storage refuses state past its 15 binary properties of 64 KiB with an
    /// <see cref="ArgumentOutOfRangeException"/> ("Data too large"); the table service answers 413, or 400 with
    /// <c>EntityTooLarge</c>, <c>PropertyValueTooLarge</c> or <c>RequestBodyTooLarge</c>.
    /// </summary>
    public static bool IsSizeLimit(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case ArgumentOutOfRangeException a when a.Message.Contains("too large", StringComparison.OrdinalIgnoreCase):
                case RequestFailedException { Status: 413 }:
                case RequestFailedException { ErrorCode: "EntityTooLarge" or "PropertyValueTooLarge" or "RequestBodyTooLarge" }:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsSizeLimit):
                    return true;
            }
        }

        return false;
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
