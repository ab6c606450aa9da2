namespace CareGrid.Grains.ReadModel;

/// <summary>
/// A read side that keeps its rows in this process (the embedded default's <see cref="InMemoryReadModelStore"/>) and can
/// hand out the instance it keeps for a row, so that a second in-process holder of the same rows — the tenant statistics
/// projection (<see cref="Statistics.TenantStatistics"/>) — shares that instance instead of keeping its own copy of the row,
/// its strings and its facts (docs/memory.md, "Round 13").
/// </summary>
/// <remarks>
/// Each method returns a row equal to the one given in every value, <see cref="DateTimeOffset"/> offsets included: the kept
/// row when it holds exactly those values (the usual case: the grain upserted the row just before feeding it), otherwise a
/// copy of the given row whose repeated values (tenant, person, unit, owner ids, blank facts) are the kept ones, as
/// <c>Upsert…</c> would keep it. Nothing is stored or changed by these calls. An upsert of a row with exactly the values
/// kept leaves the kept instance in place, so a holder of it goes on sharing it (a grain re-publishes its rows on every
/// activation). Thread-safe.
/// </remarks>
public interface IKeptRows
{
    /// <summary>The kept instance of <paramref name="row"/>, or a compact copy of it (see the remarks).</summary>
    CaseRow Kept(CaseRow row);

    /// <summary>The kept instance of <paramref name="row"/>, or a compact copy of it (see the remarks).</summary>
    TaskRow Kept(TaskRow row);

    /// <summary>The kept instance of <paramref name="row"/>, or a compact copy of it (see the remarks).</summary>
    PersonRow Kept(PersonRow row);

    /// <summary>
    /// The id string the read side keeps for the row of <paramref name="entityType"/> (<c>Case</c>, <c>Person</c> or
    /// <c>Organization</c>, as audit records name them) with id <paramref name="id"/> in <paramref name="tenantId"/>: equal to
    /// <paramref name="id"/> (ordinal), so another in-process store (the audit log) can keep that instance instead of a copy.
    /// <paramref name="id"/> itself when no such row is kept; null for any other entity type.
    /// </summary>
    string? KeptId(string tenantId, string entityType, string id);
}
