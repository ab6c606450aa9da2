namespace CareGrid.Grains.Audit;

/// <summary>
/// The audit chain's check (docs/architecture.md "Security and privacy"): every record present from 1 on, in sequence,
/// linked to the hash of the one before and hashing to its own stored hash. Pure: records in, a verdict out.
/// </summary>
public static class AuditChain
{
    private const long YieldEvery = 4096;

    /// <summary>
    /// Checks <paramref name="records"/> (one tenant's, in sequence order, as <see cref="IAuditStore.ReadAllAsync"/> yields
    /// them) up to and including sequence <paramref name="upTo"/>; records after it (appended while the check runs) are not
    /// read. Names the first record stored twice or out of order, missing, not linked to the one before, or altered; and
    /// records missing at the end when the store ends before <paramref name="upTo"/>.
    /// </summary>
    /// <param name="records">The stored records in sequence order.</param>
    /// <param name="upTo">The last sequence the log had appended when the check was asked for (<see cref="IAuditLogGrain.LastSequence"/>).</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns><see cref="AuditVerification"/>: intact with the number of records checked, or where and what broke.</returns>
    public static async Task<AuditVerification> VerifyAsync(IAsyncEnumerable<AuditRecord> records, long upTo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        long expected = 1;
        var previous = AuditRecord.Genesis;
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            if (record.Sequence > upTo && record.Sequence >= expected)
            {
                break;
            }

            if (Problem(record, expected, previous) is { } broken)
            {
                return broken;
            }

            previous = record.Hash;
            if ((++expected & (YieldEvery - 1)) == 0)
            {
                await Task.Yield(); // lets callers that arrive meanwhile join this check (AuditVerifierGrain is reentrant)
            }
        }

        return expected - 1 < upTo
            ? new AuditVerification(false, expected - 1, expected, $"records {expected}–{upTo} are missing at the end of the log")
            : new AuditVerification(true, expected - 1, null, null);
    }

    private static AuditVerification? Problem(AuditRecord record, long expected, string previous)
    {
        if (record.Sequence < expected)
        {
            return new AuditVerification(false, expected - 1, record.Sequence, $"record {record.Sequence} is stored again or out of order after record {expected - 1}");
        }

        if (record.Sequence != expected)
        {
            return new AuditVerification(false, expected - 1, expected, $"record {expected} is missing (next stored is {record.Sequence})");
        }

        if (record.PreviousHash != previous)
        {
            return new AuditVerification(false, expected, record.Sequence, $"record {record.Sequence} does not link to record {record.Sequence - 1}");
        }

        return record.ComputeHash() != record.Hash
            ? new AuditVerification(false, expected, record.Sequence, $"record {record.Sequence} was altered: its content does not match its hash")
            : null;
    }
}
