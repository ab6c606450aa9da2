using Orleans.Concurrency;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Audit;

/// <summary>
/// One tenant's audit chain check (<see cref="IAuditVerifierGrain"/>): reads the store directly, never through the log grain.
/// Reentrant so that callers arriving during a check join it instead of queueing a read of the whole log each.
/// </summary>
[Reentrant]
[GrainType("audit-verify")]
public sealed class AuditVerifierGrain(IAuditStore store) : Grain, IAuditVerifierGrain
{
    private Task<AuditVerification>? _running;

    private string TenantId => TenantIds.TenantOf(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public async Task<AuditVerification> Verify()
    {
        _running ??= RunAsync();
        var running = _running;
        try
        {
            return await running;
        }
        finally
        {
            if (ReferenceEquals(_running, running))
            {
                _running = null;
            }
        }
    }

    private async Task<AuditVerification> RunAsync()
    {
        var upTo = await GrainFactory.GetGrain<IAuditLogGrain>(TenantIds.Key(TenantId, IAuditLogGrain.LocalId)).LastSequence();
        return await AuditChain.VerifyAsync(store.ReadAllAsync(TenantId), upTo);
    }
}
