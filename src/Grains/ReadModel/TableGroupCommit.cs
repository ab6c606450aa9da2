using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using CareGrid.Grains.Telemetry;

namespace CareGrid.Grains.ReadModel;

/// <summary>
/// Group commit of upserts (insert or replace) into one Azure table: upserts of the same partition that arrive while
/// earlier ones are being written go together in the next entity-group transaction (one round trip for up to
/// <see cref="MaxBatch"/> rows), and each caller awaits the transaction that holds its row.
/// </summary>
/// <remarks>
/// <para>
/// A row alone is written at once with a plain upsert, so batching adds no delay; under load it turns one round trip per
/// row into one per batch. At most <see cref="MaxInFlight"/> transactions per partition are under way at a time, so a
/// new batch is gathered while the previous one is written (pipelining). A batch never holds the same RowKey twice (the
/// service refuses that), and a row is not sent while another batch holding it is under way (two batches in flight may
/// land in either order): a second upsert of a row waits for the next batch after the first landed, so the later value wins.
/// </para>
/// <para>
/// Durability is per row: a caller's task completes only after the service accepted the transaction that holds its
/// row. An entity-group transaction is atomic, so when the service refuses one row of a batch nothing of the batch is
/// stored: that row's caller gets the error, and the other rows are written again in the next batch. When the service
/// cannot be reached every caller of the batch gets the error (nothing is acknowledged that was not stored).
/// Thread-safe.
/// </para>
/// </remarks>
public sealed class TableGroupCommit
{
    /// <summary>Most rows in one entity-group transaction (the service's limit).</summary>
    public const int MaxBatch = 100;

    /// <summary>Most transactions per partition under way at the same time.</summary>
    public const int MaxInFlight = 2;

    private readonly TableClient _table;
    private readonly ConcurrentDictionary<string, Partition> _partitions = new(StringComparer.Ordinal);

    /// <summary>Writes into <paramref name="table"/> (which must exist).</summary>
    public TableGroupCommit(TableClient table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
    }

    /// <summary>Inserts or replaces <paramref name="entity"/>; completes when it is stored.</summary>
    /// <exception cref="RequestFailedException">The service refused the row or could not be reached; the row may not be stored.</exception>
    public Task UpsertAsync(ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var partition = _partitions.GetOrAdd(entity.PartitionKey, static (_, table) => new Partition(table), _table);
        return partition.Enqueue(entity);
    }

    /// <summary>The pending rows of one partition and the senders that write them.</summary>
    private sealed class Partition(TableClient table)
    {
        private readonly Lock _gate = new();
        private readonly List<Pending> _pending = [];
        private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);
        private int _senders;

        public Task Enqueue(ITableEntity entity)
        {
            var pending = new Pending(entity, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            bool start;
            lock (_gate)
            {
                _pending.Add(pending);
                start = _senders < MaxInFlight;
                if (start)
                {
                    _senders++;
                }
            }

            if (start)
            {
                // The sender runs outside the caller's execution context (it serves many callers).
                using (ExecutionContext.SuppressFlow())
                {
                    _ = Task.Run(SendAsync);
                }
            }

            return pending.Done.Task;
        }

        private async Task SendAsync()
        {
            // A batch serves many callers: its requests are background work of the storage meter (docs/storage-requests.md).
            using var background = StorageWork.Background();
            while (TakeBatch() is { } batch)
            {
                var sent = batch.ConvertAll(p => p.Entity.RowKey);
                try
                {
                    if (batch.Count == 1)
                    {
                        await table.UpsertEntityAsync(batch[0].Entity, TableUpdateMode.Replace);
                    }
                    else
                    {
                        await table.SubmitTransactionAsync(batch.ConvertAll(p => new TableTransactionAction(TableTransactionActionType.UpsertReplace, p.Entity)));
                    }

                    foreach (var p in batch)
                    {
                        p.Done.TrySetResult();
                    }
                }
                catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex is { } failed && failed >= 0 && failed < batch.Count)
                {
                    // Nothing of the batch was stored: the refused row fails, the others go again.
                    batch[failed].Done.TrySetException(ex);
                    batch.RemoveAt(failed);
                    lock (_gate)
                    {
                        _pending.InsertRange(0, batch);
                    }
                }
                catch (Exception ex)
                {
                    foreach (var p in batch)
                    {
                        p.Done.TrySetException(ex);
                    }
                }
                finally
                {
                    // The rows may go again: a later write of the same row waited for this one (it must land after it).
                    lock (_gate)
                    {
                        _inFlight.ExceptWith(sent);
                    }
                }
            }
        }

        /// <summary>Up to <see cref="MaxBatch"/> pending rows with distinct RowKeys, oldest first; null (and one sender fewer) when none is pending.</summary>
        private List<Pending>? TakeBatch()
        {
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    _senders--;
                    return null;
                }

                var batch = new List<Pending>(Math.Min(_pending.Count, MaxBatch));
                // A row another sender has in flight waits: two batches in flight could land in either order, and the
                // later value of a row written twice must win.
                var keys = new HashSet<string>(_inFlight, StringComparer.Ordinal);
                var kept = 0;
                for (var i = 0; i < _pending.Count; i++)
                {
                    var p = _pending[i];
                    if (batch.Count < MaxBatch && keys.Add(p.Entity.RowKey))
                    {
                        batch.Add(p);
                    }
                    else
                    {
                        _pending[kept++] = p;
                    }
                }

                _pending.RemoveRange(kept, _pending.Count - kept);
                if (batch.Count == 0)
                {
                    // Every waiting row is in flight elsewhere: that sender takes them when its batch is done.
                    _senders--;
                    return null;
                }

                _inFlight.UnionWith(batch.Select(p => p.Entity.RowKey));
                return batch;
            }
        }
    }

    private sealed record Pending(ITableEntity Entity, TaskCompletionSource Done);
}
