using CareGrid.GraphApi.Schema;
using CareGrid.Grains.Audit;
using CareGrid.Grains.Tenancy;

namespace CareGrid.GraphApi.Audit;

/// <summary>Writes audit records for the API: who, tenant, entity, fields, purpose, correlation id (the time comes from the log grain).</summary>
public sealed class AuditTrail(IGrainFactory grains)
{
    /// <summary>Audit actions.</summary>
    public const string Read = "READ", Write = "WRITE", Denied = "DENIED", BreakTheGlass = "BREAK_THE_GLASS";

    /// <summary>Appends one record to <paramref name="tenantId"/>'s log.</summary>
    public Task<AuditRecord> RecordAsync(string tenantId, CareGridUserContext caller, string action, string entityType, string entityId,
        IReadOnlyList<string> fields, string purpose, string? reason = null) =>
        grains.GetGrain<IAuditLogGrain>(TenantIds.Key(tenantId, IAuditLogGrain.LocalId))
            .Append(new AuditEntry(caller.Subject ?? "anonymous", action, entityType, entityId, fields, purpose, caller.CorrelationId, reason));
}
