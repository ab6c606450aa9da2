using System.Globalization;
using Azure.Data.Tables;

namespace CareGrid.Grains.Audit;

/// <summary>
/// Where <see cref="AzureTableAuditStore"/> puts a tenant's records (docs/audit-storage.md). Records are in blocks of
/// <see cref="RecordsPerBlock"/> consecutive sequences, one partition per block: PartitionKey <c>{tenant}~{block:D12}</c>
/// (block = (sequence − 1) / <see cref="RecordsPerBlock"/>), RowKey <c>a{sequence:D19}</c>. Tenant ids are lower-case
/// letters, digits and hyphens (<c>TenantIds.IsValid</c>), all below <c>~</c>, so a tenant's blocks sort
/// together, in block order, after its own id and before any other tenant's, and a range query over them reads the
/// log in sequence order. Before the blocks existed a tenant's whole log was one partition, PartitionKey = tenant id,
/// with the same RowKeys plus newest-first <c>d{(long.MaxValue − sequence):D19}</c> rows; that layout is still read.
/// </summary>
internal static class AuditTableKeys
{
    /// <summary>Consecutive records per partition: bounds a partition's size, so the cost of a write stays flat as a log grows.</summary>
    public const long RecordsPerBlock = 1000;

    /// <summary>RowKey prefix of a record in sequence order (both layouts).</summary>
    public const string Ascending = "a";

    /// <summary>RowKey prefix of the newest-first rows of the single-partition layout.</summary>
    public const string Descending = "d";

    private const char BlockSeparator = '~';

    /// <summary>The block that holds <paramref name="sequence"/> (≥ 1); the first is 0.</summary>
    public static long BlockOf(long sequence) => (sequence - 1) / RecordsPerBlock;

    /// <summary>The first sequence of <paramref name="block"/>.</summary>
    public static long FirstOf(long block) => (block * RecordsPerBlock) + 1;

    /// <summary>The PartitionKey of a tenant's block.</summary>
    public static string BlockPartition(string tenantId, long block) =>
        tenantId + BlockSeparator + block.ToString("D12", CultureInfo.InvariantCulture);

    /// <summary>The RowKey of a record in sequence order.</summary>
    public static string AscendingKey(long sequence) => Ascending + sequence.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The RowKey of a newest-first row of the single-partition layout.</summary>
    public static string DescendingKey(long sequence) => Descending + (long.MaxValue - sequence).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The records of the single-partition layout after <paramref name="afterSequence"/> (all when null).</summary>
    public static string LegacyRange(string tenantId, long? afterSequence) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {tenantId}") + " and " + RecordRows(afterSequence);

    /// <summary>The records of a tenant's blocks after <paramref name="afterSequence"/> (all when null), from the block that holds the next one.</summary>
    public static string BlockRange(string tenantId, long? afterSequence)
    {
        var from = BlockPartition(tenantId, afterSequence is { } after ? BlockOf(Math.Max(after, 0) + 1) : 0);
        return TableClient.CreateQueryFilter($"PartitionKey ge {from} and PartitionKey lt {tenantId + BlockSeparator + BlockSeparator}") + " and " + RecordRows(afterSequence);
    }

    /// <summary>Every row of a tenant in both layouts (for purging).</summary>
    public static string EveryRow(string tenantId) => TableClient.CreateQueryFilter(
        $"PartitionKey eq {tenantId} or (PartitionKey gt {tenantId + BlockSeparator} and PartitionKey lt {tenantId + BlockSeparator + BlockSeparator})");

    private static string RecordRows(long? afterSequence) => afterSequence is { } after
        ? TableClient.CreateQueryFilter($"RowKey gt {AscendingKey(Math.Max(after, 0))} and RowKey lt {"b"}")
        : TableClient.CreateQueryFilter($"RowKey ge {Ascending} and RowKey lt {"b"}");
}
