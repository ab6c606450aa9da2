using System.Collections.Concurrent;
using CareGrid.GraphApi.Schema;
using CareGrid.Grains.Audit;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Tenancy;

namespace CareGrid.GraphApi.Audit;

/// <summary>
/// Writes audit records for the API: who, tenant, entity, fields, purpose, correlation id (the time comes from the log grain).
/// </summary>
/// <remarks>
/// Records of one tenant are group-committed: while a call to the tenant's log grain is under way, records of other
/// requests wait and then go together in the next call (<see cref="IAuditLogGrain.AppendMany"/>, at most
/// <see cref="MaxBatch"/> at a time). Each request still awaits its own record, and fails when its record could not be
/// written (fail closed). A request alone is sent at once, so batching adds no delay; under load it turns one grain
/// call per request into one per batch.
/// </remarks>
public sealed class AuditTrail(IGrainFactory grains)
{
    /// <summary>Audit actions.</summary>
    public const string Read = "READ", Write = "WRITE", Denied = "DENIED", BreakTheGlass = "BREAK_THE_GLASS";

    /// <summary>Most records sent in one call to a tenant's log grain.</summary>
    public const int MaxBatch = 256;

    private readonly ConcurrentDictionary<string, TenantLog> _logs = new(StringComparer.Ordinal);

    /// <summary>Appends one record to <paramref name="tenantId"/>'s log.</summary>
    public Task<AuditRecord> RecordAsync(string tenantId, CareGridUserContext caller, string action, string entityType, string entityId,
        IReadOnlyList<string> fields, string purpose, string? reason = null)
    {
        var entry = new AuditEntry(caller.Subject ?? "anonymous", action, entityType, entityId, fields, purpose, caller.CorrelationId, reason);
        return RecordAsync(tenantId, entry);
    }

    /// <summary>Appends <paramref name="entry"/> to <paramref name="tenantId"/>'s log (or the platform's, <see cref="TenantIds.Platform"/>).</summary>
    public Task<AuditRecord> RecordAsync(string tenantId, AuditEntry entry)
    {
        if (!_logs.TryGetValue(tenantId, out var log))
        {
            if (_logs.Count > 100_000)
            {
                _logs.Clear();
            }

            log = _logs.GetOrAdd(tenantId, id => new TenantLog(id, grains.GetRef<IAuditLogGrain>(TenantIds.Key(id, IAuditLogGrain.LocalId))));
        }

        return log.Enqueue(entry);
    }

    /// <summary>The pending records of one tenant and the loop that sends them.</summary>
    private sealed class TenantLog(string tenantId, IAuditLogGrain grain)
    {
        private readonly Lock _gate = new();
        private List<(AuditEntry Entry, TaskCompletionSource<AuditRecord> Done)> _pending = [];
        private bool _sending;

        public Task<AuditRecord> Enqueue(AuditEntry entry)
        {
            var done = new TaskCompletionSource<AuditRecord>(TaskCreationOptions.RunContinuationsAsynchronously);
            bool start;
            lock (_gate)
            {
                _pending.Add((entry, done));
                start = !_sending;
                _sending = true;
            }

            if (start)
            {
                // The sender runs outside the request's execution context and carries only this tenant.
                using (ExecutionContext.SuppressFlow())
                {
                    _ = Task.Run(SendAsync);
                }
            }

            return done.Task;
        }

        private async Task SendAsync()
        {
            TenantContext.Set(tenantId);
            // A batch serves many requests: the log grain's storage writes count as background (docs/storage-requests.md).
            using var background = CareGrid.Grains.Telemetry.StorageWork.Background();
            while (true)
            {
                List<(AuditEntry Entry, TaskCompletionSource<AuditRecord> Done)> batch;
                lock (_gate)
                {
                    if (_pending.Count == 0)
                    {
                        _sending = false;
                        return;
                    }

                    if (_pending.Count <= MaxBatch)
                    {
                        batch = _pending;
                        _pending = [];
                    }
                    else
                    {
                        batch = _pending[..MaxBatch];
                        _pending.RemoveRange(0, MaxBatch);
                    }
                }

                try
                {
                    if (batch.Count == 1)
                    {
                        batch[0].Done.TrySetResult(await grain.Append(batch[0].Entry));
                    }
                    else
                    {
                        var records = await grain.AppendMany(batch.ConvertAll(b => b.Entry));
                        for (var i = 0; i < batch.Count; i++)
                        {
                            batch[i].Done.TrySetResult(records[i]);
                        }
                    }
                }
                catch (Exception ex)
                {
                    foreach (var (_, done) in batch)
                    {
                        done.TrySetException(ex);
                    }
                }
            }
        }
    }
}
