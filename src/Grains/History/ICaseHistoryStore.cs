namespace CareGrid.Grains.History;

/// <summary>
/// The append-only store of case histories kept outside the cases' hot grain state (docs/storage.md): one row per
/// entry, keyed by (tenant, case, kind, sequence). A case grain appends the entries it moves out of its state under
/// sequence numbers above its stored high-water mark, then writes its state with the advanced mark; readers ask only
/// for sequences at or below the mark, so rows left by a write that failed are never read, and the next append
/// overwrites them.
/// </summary>
public interface ICaseHistoryStore
{
    /// <summary>
    /// Writes <paramref name="entries"/> of one case (insert or replace: a row left by a failed write is overwritten).
    /// When it fails part-way, a subset may be stored; none of them is read before the case's mark covers it.
    /// </summary>
    ValueTask AppendAsync(string tenantId, string caseId, IReadOnlyList<CaseHistoryEntry> entries);

    /// <summary>Entries of <paramref name="kind"/> with <paramref name="from"/> ≤ sequence ≤ <paramref name="to"/> (1-based, inclusive), in sequence order.</summary>
    ValueTask<IReadOnlyList<CaseHistoryEntry>> ReadAsync(string tenantId, string caseId, CaseHistoryKind kind, long from, long to);

    /// <summary>Removes every entry of one case.</summary>
    ValueTask PurgeCaseAsync(string tenantId, string caseId);

    /// <summary>Removes every entry of a tenant (offboarding purge).</summary>
    ValueTask PurgeTenantAsync(string tenantId);
}
