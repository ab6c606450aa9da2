namespace CareGrid.GraphApi.Hardening;

/// <summary>
/// Limits on GraphQL documents and execution, configuration section <c>GraphQL:Limits</c>. Each refused request
/// gets its own error code and changes nothing.
/// </summary>
public sealed class GraphQLLimitsOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "GraphQL:Limits";

    /// <summary>
    /// Deepest allowed selection nesting, counting the root field as 1 and fragments as if inline (default 12):
    /// <c>QUERY_TOO_DEEP</c>. Inside <c>__schema</c>/<c>__type</c>, <c>ofType</c> levels add no depth (docs/query-limits.md).
    /// </summary>
    public int MaxDepth { get; set; } = 12;

    /// <summary>Most aliases in one document, a fragment's counted at each spread (default 30): <c>TOO_MANY_ALIASES</c>.</summary>
    public int MaxAliases { get; set; } = 30;

    /// <summary>
    /// Largest estimated cost (default 5,000): each selected field costs 1, times the page size of every
    /// enclosing list field that takes <c>first</c> (default page 20), fragments as if inline, plus 1 for each pair of
    /// fields repeated at the same response path (docs/query-limits.md) — <c>QUERY_TOO_COMPLEX</c>.
    /// </summary>
    public int MaxComplexity { get; set; } = 5000;

    /// <summary>
    /// Most operation definitions in one document (default 50): <c>QUERY_TOO_COMPLEX</c> with <c>extensions.limit</c>
    /// <c>MaxOperations</c>. This and the node caps below bound how many validation errors a document can produce, each of
    /// which GraphQL for .NET locates by scanning the query text from its start (docs/query-limits.md "Node counts").
    /// </summary>
    public int MaxOperations { get; set; } = 50;

    /// <summary>
    /// Most fields, inline fragments and fragment spreads as written, each fragment once (default 2,000; the graphql-js
    /// introspection query has about 100): <c>MaxSelections</c>. GraphQL for .NET's 27 rules visit every written node
    /// (about 12 µs per field measured), so this bounds validation work even when no error is reported.
    /// </summary>
    public int MaxSelections { get; set; } = 2_000;

    /// <summary>Most arguments of fields and directives in one document (default 1,000): <c>MaxArguments</c>.</summary>
    public int MaxArguments { get; set; } = 1_000;

    /// <summary>Most arguments on one field or directive (default 32; CareGrid's largest field takes under 10): <c>MaxArgumentsPerField</c>.</summary>
    public int MaxArgumentsPerField { get; set; } = 32;

    /// <summary>Most directives in one document (default 200): <c>MaxDirectives</c>.</summary>
    public int MaxDirectives { get; set; } = 200;

    /// <summary>Most variable definitions over all operations of one document (default 64): <c>MaxVariables</c>.</summary>
    public int MaxVariables { get; set; } = 64;

    /// <summary>Most uses of variables (<c>$name</c>) in one document, each fragment counted once (default 64): <c>MaxVariableReferences</c>.</summary>
    public int MaxVariableReferences { get; set; } = 64;

    /// <summary>
    /// Most list items plus object fields in the literal values of one document, nested ones included (default 2,000):
    /// <c>MaxInputValues</c>. A string literal is one value whatever its length, so a roster passed as one string is not affected.
    /// </summary>
    public int MaxInputValues { get; set; } = 2_000;

    /// <summary>
    /// Most validation errors GraphQL for .NET's rules report for one document (default 20): once that many are found, no
    /// rule looks at further nodes, so an invalid document costs a bounded number of error locations (docs/query-limits.md).
    /// A rule that reports several errors at one node (unused variables at the end of an operation) finishes that node.
    /// </summary>
    public int MaxValidationErrors { get; set; } = 20;

    /// <summary>
    /// Most <c>statistics</c> and <c>overdueBoard</c> root fields together in one document, aliases and fragments counted at
    /// every use (default 3): <c>QUERY_TOO_COMPLEX</c> with <c>extensions.limit</c> <c>MaxStatisticsReports</c>. Each builds a whole
    /// report (docs/query-limits.md "Expensive fields").
    /// </summary>
    public int MaxStatisticsReports { get; set; } = 3;

    /// <summary>
    /// Most <c>statisticsRollUp</c> root fields in one document (default 1): <c>QUERY_TOO_COMPLEX</c> with <c>extensions.limit</c>
    /// <c>MaxStatisticsRollUps</c>. Each builds the report of every sharing child tenant (docs/query-limits.md "Expensive fields").
    /// </summary>
    public int MaxStatisticsRollUps { get; set; } = 1;

    /// <summary>
    /// Most whole-tenant scans — <c>verifyAuditChain</c>, <c>auditLog</c> and <c>organizationHealth</c> root fields together —
    /// in one document (default 1): <c>QUERY_TOO_COMPLEX</c> with <c>extensions.limit</c> <c>MaxTenantScans</c>. Each may read
    /// the whole audit log (an <c>auditLog</c> filter that matches nothing reads every record) or every unit of the tenant
    /// (round 18 red team RT18-2, RT18-4 and its suspect for <c>auditLog</c>; docs/query-limits.md "Expensive fields").
    /// </summary>
    public int MaxTenantScans { get; set; } = 1;

    /// <summary>
    /// Most case history entries (<c>timeline</c>, <c>tasks</c>, <c>screenings</c>, <c>contacts</c>, <c>referrals</c>,
    /// <c>notifications</c> of every case answered) one request may answer in all (default 3,000): past it the list that
    /// would pass it answers <c>QUERY_TOO_COMPLEX</c> with <c>extensions.limit</c> <c>MaxHistoryEntries</c>
    /// (<see cref="Schema.HistoryBudget"/>; round-34 red team: 30 aliases of one long case's contacts built hundreds of MB).
    /// </summary>
    public int MaxHistoryEntries { get; set; } = 3_000;

    /// <summary>Longest execution in seconds (default 10): <c>QUERY_TIMEOUT</c>.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Whether <c>__schema</c>/<c>__type</c> introspection is allowed: null (default) allows it in the
    /// Development environment and on the embedded default (<c>Storage:Provider=Memory</c>), and refuses it
    /// elsewhere with <c>INTROSPECTION_DISABLED</c>.
    /// </summary>
    public bool? Introspection { get; set; }

    /// <summary>
    /// Checks every limit is usable (<see cref="GraphQLLimitsOptionsValidator"/>): the counts and <see cref="MaxDepth"/> at
    /// least 1, <see cref="MaxAliases"/> and the other caps at least 0, <see cref="TimeoutSeconds"/> above 0.
    /// </summary>
    /// <exception cref="InvalidOperationException">A limit is not usable; the message names each setting
    /// (<c>GraphQL:Limits:&lt;name&gt;</c>) and its value, so a misconfigured service fails at start.</exception>
    public void Validate()
    {
        var result = new GraphQLLimitsOptionsValidator().Validate(Microsoft.Extensions.Options.Options.DefaultName, this);
        if (result.Failed)
        {
            throw new InvalidOperationException(result.FailureMessage);
        }
    }
}
