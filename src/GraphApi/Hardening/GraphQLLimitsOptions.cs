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

    /// <summary>Longest execution in seconds (default 10): <c>QUERY_TIMEOUT</c>.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Whether <c>__schema</c>/<c>__type</c> introspection is allowed: null (default) allows it in the
    /// Development environment and on the embedded default (<c>Storage:Provider=Memory</c>), and refuses it
    /// elsewhere with <c>INTROSPECTION_DISABLED</c>.
    /// </summary>
    public bool? Introspection { get; set; }
}
