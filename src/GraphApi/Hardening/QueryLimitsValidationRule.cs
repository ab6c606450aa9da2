using System.Globalization;
using CareGrid.Grains.Errors;
using GraphQL.Validation;
using GraphQLParser.AST;
using CareGrid.GraphApi.Http;

namespace CareGrid.GraphApi.Hardening;

/// <summary>
/// Refuses documents that nest too deep (<c>QUERY_TOO_DEEP</c>), use too many aliases (<c>TOO_MANY_ALIASES</c>),
/// cost too much (<c>QUERY_TOO_COMPLEX</c>) or introspect the schema where that is switched off
/// (<c>INTROSPECTION_DISABLED</c>), or hold more operations, selections, arguments, directives, variables or literal
/// list items and object fields than their caps (<c>QUERY_TOO_COMPLEX</c> with <c>extensions.limit</c> naming the cap,
/// <see cref="NodeCounts"/>), before anything executes. Every limit counts a fragment as if it were written
/// inline at each spread, and the cost includes one for each pair of fields at the same response path (each pair is
/// compared by GraphQL's "overlapping fields can be merged" rule, <see cref="RepeatedFields"/>). A spread of an
/// undefined fragment, a fragment cycle, a fragment name defined twice and a fragment no operation uses are refused with <c>GRAPHQL_VALIDATION_FAILED</c>,
/// and fragments spreading each other more than <see cref="DocumentShape.MaxFragmentNesting"/> levels deep with <c>QUERY_TOO_DEEP</c>.
/// </summary>
/// <remarks>
/// The measuring is one linear pass (<see cref="DocumentShape"/>). <see cref="LimitsFirstDocumentValidator"/> runs
/// <see cref="Check"/> before GraphQL for .NET's own rules, several of which do more than linear work on documents with
/// many fragments or repeated fields, and stops there when it refuses (docs/query-limits.md).
/// </remarks>
public sealed class QueryLimitsValidationRule(GraphQLLimitsOptions limits, bool introspectionAllowed) : ValidationRuleBase
{
    /// <summary>The limits this rule applies (also read by <see cref="LimitsFirstDocumentValidator"/> for <see cref="GraphQLLimitsOptions.MaxValidationErrors"/>).</summary>
    public GraphQLLimitsOptions Limits => limits;

    /// <inheritdoc />
    /// <remarks>Used only when the rule runs without <see cref="LimitsFirstDocumentValidator"/> in front of it.</remarks>
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (Check(context.Document) is { } error)
        {
            context.ReportError(error);
        }

        return default;
    }

    /// <summary>
    /// Measures <paramref name="document"/> and returns the first limit it breaks as a validation error whose
    /// <c>Code</c> is the stable CareGrid code, or null when it keeps every limit. Work is linear in the document.
    /// </summary>
    public ValidationError? Check(GraphQLDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var shape = DocumentShape.Of(document);
        return CheckFragments(document, shape)
            ?? CheckCounts(document, shape.Counts)
            ?? CheckReferences(document, shape)
            ?? CheckSize(document, shape)
            ?? CheckRepeatedFields(document, shape);
    }

    /// <summary>A fragment cycle, a fragment defined twice, fragments nested too deep, or an unused fragment.</summary>
    private static ValidationError? CheckFragments(GraphQLDocument document, DocumentShape shape)
    {
        if (shape.Cycle is { } cycle)
        {
            return Error(document, TransportErrorCodes.GraphQLValidationFailed,
                $"Cannot spread fragment '{cycle.FragmentName.Name.StringValue}' within itself; fragments must not spread each other in a cycle.", cycle);
        }

        if (shape.DuplicateFragment is { } duplicate)
        {
            return Error(document, TransportErrorCodes.GraphQLValidationFailed,
                $"There can be only one fragment named '{duplicate.FragmentName.Name.StringValue}'; rename or remove the second one.", duplicate);
        }

        if (shape.FragmentNesting > DocumentShape.MaxFragmentNesting)
        {
            return Error(document, TransportErrorCodes.QueryTooDeep,
                $"Fragments spread through each other {shape.FragmentNesting} levels deep; the limit is {DocumentShape.MaxFragmentNesting}.", document);
        }

        if (shape.UnusedFragment is { } unused)
        {
            return Error(document, TransportErrorCodes.GraphQLValidationFailed,
                $"Fragment '{unused.FragmentName.Name.StringValue}' is never used; remove it or spread it in an operation.", unused);
        }

        return null;
    }

    /// <summary>A spread of an undefined fragment, or introspection where it is switched off.</summary>
    private ValidationError? CheckReferences(GraphQLDocument document, DocumentShape shape)
    {
        if (shape.Counts.UnknownFragmentSpread is { } unknown)
        {
            return Error(document, TransportErrorCodes.GraphQLValidationFailed,
                $"Unknown fragment '{unknown.FragmentName.Name.StringValue}'; define it in the document or remove the spread.", unknown);
        }

        if (!introspectionAllowed && shape.IntrospectionField is { } introspection)
        {
            return Error(document, TransportErrorCodes.IntrospectionDisabled, "Schema introspection is switched off in this environment.", introspection);
        }

        return null;
    }

    /// <summary>Depth, aliases and cost over their limits.</summary>
    private ValidationError? CheckSize(GraphQLDocument document, DocumentShape shape)
    {
        if (shape.Depth > limits.MaxDepth)
        {
            return Error(document, TransportErrorCodes.QueryTooDeep, $"The query nests {shape.Depth} levels deep; the limit is {limits.MaxDepth}.", document);
        }

        if (CheckExpensive(document, shape) is { } expensive)
        {
            return expensive;
        }

        if (shape.Aliases > limits.MaxAliases)
        {
            return Error(document, TransportErrorCodes.TooManyAliases, $"The query uses {Count(shape.Aliases)} aliases; the limit is {limits.MaxAliases}.", document);
        }

        if (shape.Cost > limits.MaxComplexity)
        {
            return Error(document, TransportErrorCodes.QueryTooComplex, $"The query's estimated cost is {Count(shape.Cost)}; the limit is {limits.MaxComplexity}.", document);
        }

        return null;
    }

    /// <summary>
    /// The cost with the pairs of repeated fields, then selections and differing pairs: checked last, so documents that
    /// also break the cost or repeat fields keep the more telling message.
    /// </summary>
    private ValidationError? CheckRepeatedFields(GraphQLDocument document, DocumentShape shape)
    {
        var repeated = RepeatedFields.Count(document, shape.Cost, limits.MaxComplexity - shape.Cost);
        if (repeated.Exceeded)
        {
            return Error(document, TransportErrorCodes.QueryTooComplex,
                $"The query's estimated cost is over {limits.MaxComplexity} (the limit): {Count(shape.Cost)} for its fields plus at least {Count(repeated.Pairs)} "
                + "for pairs of fields repeated at the same place, which must all be compared; select each field once per place.", document);
        }

        if (shape.Counts.Selections > limits.MaxSelections)
        {
            return new QueryLimitError(document.Source, nameof(limits.MaxSelections),
                $"The document has {shape.Counts.Selections.ToString(CultureInfo.InvariantCulture)} selections (fields, fragment spreads and inline fragments); "
                + $"the limit ({nameof(limits.MaxSelections)}) is {limits.MaxSelections.ToString(CultureInfo.InvariantCulture)}. Select fewer fields.", document);
        }

        if (repeated.DifferingPairs > limits.MaxValidationErrors)
        {
            return new QueryLimitError(document.Source, nameof(limits.MaxValidationErrors),
                $"The query has {Count(repeated.DifferingPairs)} pairs of fields with the same response name but a different field or different arguments at one place, "
                + $"each a possible validation error; the limit ({nameof(limits.MaxValidationErrors)}) is {limits.MaxValidationErrors}. Give such fields different aliases.",
                document);
        }

        return null;
    }

    /// <summary>
    /// Too many root fields that each build a whole report (<see cref="ExpensiveFields"/>): <c>QUERY_TOO_COMPLEX</c> naming
    /// the setting, the fields and the fix (docs/query-limits.md "Expensive fields").
    /// </summary>
    private QueryLimitError? CheckExpensive(GraphQLDocument document, DocumentShape shape)
    {
        if (shape.RollUps > limits.MaxStatisticsRollUps)
        {
            return new QueryLimitError(document.Source, nameof(limits.MaxStatisticsRollUps),
                $"The document asks for 'statisticsRollUp' {Count(shape.RollUps)} times; the limit ({nameof(limits.MaxStatisticsRollUps)}) is "
                + $"{limits.MaxStatisticsRollUps.ToString(CultureInfo.InvariantCulture)}, because each one builds the report of every sharing tenant. "
                + "Split the request: send each statisticsRollUp in its own request.", document);
        }

        if (shape.TenantScans > limits.MaxTenantScans)
        {
            return new QueryLimitError(document.Source, nameof(limits.MaxTenantScans),
                $"The document asks for 'verifyAuditChain', 'auditLog' and 'organizationHealth' {Count(shape.TenantScans)} times in total; the limit ({nameof(limits.MaxTenantScans)}) is "
                + $"{limits.MaxTenantScans.ToString(CultureInfo.InvariantCulture)}, because each one may read the whole tenant (its whole audit log, or every unit and member). "
                + "Split the request: send each of these fields in its own request.", document);
        }

        if (shape.Reports > limits.MaxStatisticsReports)
        {
            return new QueryLimitError(document.Source, nameof(limits.MaxStatisticsReports),
                $"The document asks for 'statistics' and 'overdueBoard' {Count(shape.Reports)} times in total; the limit ({nameof(limits.MaxStatisticsReports)}) is "
                + $"{limits.MaxStatisticsReports.ToString(CultureInfo.InvariantCulture)}, because each one builds a whole report. "
                + $"Split the request into several requests of at most {limits.MaxStatisticsReports.ToString(CultureInfo.InvariantCulture)} of these fields.", document);
        }

        return null;
    }

    /// <summary>The first node count over its cap (<see cref="NodeCounts"/>), as <c>QUERY_TOO_COMPLEX</c> naming the limit.</summary>
    private QueryLimitError? CheckCounts(GraphQLDocument document, NodeCounts counts)
    {
        (string Limit, int Count, int Max, string What, string Fix)[] checks =
        [
            (nameof(limits.MaxOperations), counts.Operations, limits.MaxOperations, "operations", "send one operation per request"),
            (nameof(limits.MaxArgumentsPerField), counts.ArgumentsOnOneNode, limits.MaxArgumentsPerField, "arguments on one field or directive", "pass only the field's own arguments, each once"),
            (nameof(limits.MaxArguments), counts.Arguments, limits.MaxArguments, "arguments", "pass fewer arguments"),
            (nameof(limits.MaxDirectives), counts.Directives, limits.MaxDirectives, "directives", "use fewer directives"),
            (nameof(limits.MaxVariables), counts.VariableDefinitions, limits.MaxVariables, "variable definitions", "define only the variables the operation uses"),
            (nameof(limits.MaxVariableReferences), counts.VariableReferences, limits.MaxVariableReferences, "variable references", "use fewer variables"),
            (nameof(limits.MaxInputValues), counts.InputValues, limits.MaxInputValues, "list items and object fields in literal values",
                "pass large inputs as one string or in a variable"),
        ];
        foreach (var (limit, count, max, what, fix) in checks)
        {
            if (count > max)
            {
                return new QueryLimitError(document.Source, limit,
                    $"The document has {count.ToString(CultureInfo.InvariantCulture)} {what}; the limit ({limit}) is {max.ToString(CultureInfo.InvariantCulture)}. {char.ToUpperInvariant(fix[0])}{fix[1..]}.",
                    document);
            }
        }

        return null;
    }

    private static string Count(long value) => value >= DocumentShape.Saturation ? "over " + DocumentShape.Saturation.ToString(CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);

    private static ValidationError Error(GraphQLDocument document, string code, string message, ASTNode node) =>
        new(document.Source, code, message, node) { Code = code };
}
