namespace CareGrid.GraphApi.Hardening;

/// <summary>What one expensive root field costs to answer (docs/query-limits.md "Expensive fields").</summary>
public enum ExpensiveFieldKind
{
    /// <summary>An ordinary field, priced by the cost alone.</summary>
    None,

    /// <summary>
    /// A field that builds a whole report of the tenant: <c>statistics</c> (reads the statistics projection, every census
    /// round that overlaps the period and the tenant's units) and <c>overdueBoard</c> (docs/statistics.md). Limited together
    /// by <see cref="GraphQLLimitsOptions.MaxStatisticsReports"/>.
    /// </summary>
    Report,

    /// <summary>
    /// <c>statisticsRollUp</c>: builds the report of every sharing child tenant, in parallel (docs/statistics.md "Roll-up").
    /// Limited by <see cref="GraphQLLimitsOptions.MaxStatisticsRollUps"/>.
    /// </summary>
    RollUp,

    /// <summary>
    /// A field that reads the whole tenant from storage or from every unit's grain: <c>verifyAuditChain</c> (re-reads and
    /// re-hashes the tenant's whole audit log), <c>auditLog</c> (the audit store has no index by its filter's fields, so a
    /// page reads the log in sequence order until it has <c>first</c> matches and one more, and <c>totalCount</c> reads every
    /// match: a filter that matches nothing reads the whole log) and <c>organizationHealth</c> (every open unit, its members
    /// and left-behind children). Limited together by <see cref="GraphQLLimitsOptions.MaxTenantScans"/> (round 18 red team
    /// RT18-2, RT18-4, and its suspect for <c>auditLog</c>: 30 aliases multiplied one scan by 30 in a 1 KB request).
    /// <c>exportPerson</c> and <c>screeningsFhir</c> count here too: each reads every case of a person complete (round-34 red
    /// team F1 and its re-check).
    /// </summary>
    TenantScan,
}

/// <summary>
/// The root query fields whose answer costs far more than the field count says, by name. <see cref="DocumentShape"/>
/// counts them at the root of every operation (fragments inline at each spread), so a document cannot hold them many
/// times over under aliases (docs/query-limits.md "Expensive fields").
/// </summary>
public static class ExpensiveFields
{
    private static readonly Dictionary<string, ExpensiveFieldKind> Kinds = new(StringComparer.Ordinal)
    {
        ["statistics"] = ExpensiveFieldKind.Report,
        ["overdueBoard"] = ExpensiveFieldKind.Report,
        ["statisticsRollUp"] = ExpensiveFieldKind.RollUp,
        ["verifyAuditChain"] = ExpensiveFieldKind.TenantScan,
        ["auditLog"] = ExpensiveFieldKind.TenantScan,
        ["organizationHealth"] = ExpensiveFieldKind.TenantScan,

        // Reads every case of a person complete, past the history budget (round-34 red team F1: aliases multiplied it).
        ["exportPerson"] = ExpensiveFieldKind.TenantScan,

        // Reads every case of a person complete for their screenings (round-34 re-check: 30 aliases answered 4,500 screenings).
        ["screeningsFhir"] = ExpensiveFieldKind.TenantScan,
    };

    /// <summary>The kind of the field named <paramref name="fieldName"/> (schema name), <see cref="ExpensiveFieldKind.None"/> for any other.</summary>
    public static ExpensiveFieldKind KindOf(string fieldName) => Kinds.GetValueOrDefault(fieldName, ExpensiveFieldKind.None);
}
