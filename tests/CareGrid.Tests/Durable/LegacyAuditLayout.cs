using System.Globalization;
using Azure.Data.Tables;
using CareGrid.Grains.Audit;

namespace CareGrid.Tests.Durable;

/// <summary>
/// Writes audit records as the store wrote them before the log was split into blocks (docs/audit-storage.md "The
/// single-partition layout"): the whole log in one partition, PartitionKey = tenant id, every record under RowKey
/// <c>a{sequence:D19}</c>, and the newest record of each entity-group transaction of up to 99 records a second time under
/// <c>d{(long.MaxValue − sequence):D19}</c>. The columns are the ones the store still writes.
/// </summary>
internal static class LegacyAuditLayout
{
    /// <summary>Stores <paramref name="records"/> (consecutive, of one tenant) in the single-partition layout, 99 per transaction.</summary>
    public static async Task WriteAsync(TableServiceClient service, IReadOnlyList<AuditRecord> records)
    {
        var table = service.GetTableClient("caregridAudit");
        await table.CreateIfNotExistsAsync();
        foreach (var chunk in records.Chunk(99))
        {
            var actions = chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, Entity(r, "a" + Digits(r.Sequence)))).ToList();
            var newest = chunk[^1];
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, Entity(newest, "d" + Digits(long.MaxValue - newest.Sequence))));
            await table.SubmitTransactionAsync(actions);
        }
    }

    private static string Digits(long value) => value.ToString("D19", CultureInfo.InvariantCulture);

    private static TableEntity Entity(AuditRecord r, string rowKey) => AuditTableEntities.ToEntity(r, r.TenantId, rowKey);
}
