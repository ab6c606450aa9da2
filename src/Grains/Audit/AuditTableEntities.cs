using System.Text.Json;
using Azure.Data.Tables;

namespace CareGrid.Grains.Audit;

/// <summary>
/// An audit record as a table row and back (<see cref="AzureTableAuditStore"/>): the instant as UTC ticks
/// (<c>AtTicks</c>, exact, so hashes verify) besides a readable <c>At</c>; the field list as a JSON array; a refusal's
/// facts as <c>RefusalCode</c>, <c>CallerTenant</c>, <c>CallerRoles</c>, <c>Via</c> and <c>ClientAddress</c> (only on
/// DENIED records that carry them). The same columns in both layouts (docs/audit-storage.md).
/// </summary>
internal static class AuditTableEntities
{
    /// <summary>The row of <paramref name="r"/> under the given keys.</summary>
    public static TableEntity ToEntity(AuditRecord r, string partitionKey, string rowKey)
    {
        var entity = new TableEntity(partitionKey, rowKey)
        {
            ["Sequence"] = r.Sequence,
            ["AtTicks"] = r.At.UtcTicks,
            ["At"] = r.At.ToUniversalTime(),
            ["Actor"] = r.Actor,
            ["Action"] = r.Action,
            ["EntityType"] = r.EntityType,
            ["EntityId"] = r.EntityId,
            ["Fields"] = JsonSerializer.Serialize(r.Fields),
            ["Purpose"] = r.Purpose,
            ["CorrelationId"] = r.CorrelationId,
            ["PreviousHash"] = r.PreviousHash,
            ["Hash"] = r.Hash,
        };
        if (r.Reason is not null)
        {
            entity["Reason"] = r.Reason;
        }

        if (r.Refusal is { } refusal)
        {
            entity["RefusalCode"] = refusal.Code;
            entity["CallerRoles"] = refusal.CallerRoles;
            entity["Via"] = refusal.Via;
            if (refusal.CallerTenant is not null)
            {
                entity["CallerTenant"] = refusal.CallerTenant;
            }

            if (refusal.ClientAddress is not null)
            {
                entity["ClientAddress"] = refusal.ClientAddress;
            }
        }

        return entity;
    }

    /// <summary>The record a row of <paramref name="tenantId"/>'s log holds.</summary>
    /// <exception cref="InvalidDataException">A column the record needs is missing.</exception>
    public static AuditRecord ToRecord(TableEntity e, string tenantId) => new(
        tenantId,
        e.GetInt64("Sequence") ?? throw Missing(e, "Sequence"),
        new DateTimeOffset(e.GetInt64("AtTicks") ?? throw Missing(e, "AtTicks"), TimeSpan.Zero),
        Str(e, "Actor"),
        Str(e, "Action"),
        Str(e, "EntityType"),
        Str(e, "EntityId"),
        JsonSerializer.Deserialize<string[]>(Str(e, "Fields")) ?? [],
        Str(e, "Purpose"),
        Str(e, "CorrelationId"),
        e.GetString("Reason"),
        Str(e, "PreviousHash"),
        Str(e, "Hash"),
        e.GetString("RefusalCode") is { } code
            ? new AuditRefusal(code, e.GetString("CallerTenant"), e.GetString("CallerRoles") ?? "", e.GetString("Via") ?? "", e.GetString("ClientAddress"))
            : null);

    private static string Str(TableEntity e, string name) => e.GetString(name) ?? throw Missing(e, name);

    private static InvalidDataException Missing(TableEntity e, string name) => new($"Audit row {e.PartitionKey}/{e.RowKey} lacks '{name}'.");
}
