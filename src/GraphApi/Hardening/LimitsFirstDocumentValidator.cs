using GraphQL.Validation;
using GraphQLParser.AST;

namespace CareGrid.GraphApi.Hardening;

/// <summary>
/// Runs CareGrid's query limits (<see cref="QueryLimitsValidationRule"/>, one linear pass) before GraphQL for .NET's
/// own validation rules, and answers with the limits' error alone when they refuse — so a document built to make the
/// built-in rules do more than linear work (fragments spread many times, many repeated fields, floods of nodes that each
/// fail a rule) is refused before any of that work starts (docs/query-limits.md). Documents within the limits go through
/// every other rule as before, except that once <see cref="GraphQLLimitsOptions.MaxValidationErrors"/> errors are
/// reported no rule visits further nodes.
/// </summary>
/// <remarks>
/// GraphQL for .NET computes each validation error's line and column by scanning the query text from its start, so
/// errors cost their count times the document's size; stopping the rules after the first errors bounds that work
/// (docs/query-limits.md "Node counts"). When the request's rules do not include a <see cref="QueryLimitsValidationRule"/>
/// (a document from <see cref="DocumentCache"/>, which already passed them), validation is exactly GraphQL for .NET's.
/// </remarks>
public sealed class LimitsFirstDocumentValidator : IDocumentValidator
{
    private readonly DocumentValidator _inner = new();

    /// <inheritdoc />
    public Task<IValidationResult> ValidateAsync(in ValidationOptions options)
    {
        if (options.Rules is not { } rules || FindLimits(rules) is not { } limits)
        {
            return _inner.ValidateAsync(options);
        }

        if (limits.Check(options.Document) is { } refusal)
        {
            return Task.FromResult<IValidationResult>(new ValidationResult(refusal));
        }

        var maxErrors = limits.Limits.MaxValidationErrors;
        return _inner.ValidateAsync(options with
        {
            Rules = rules.Where(rule => rule is not QueryLimitsValidationRule).Select(rule => (IValidationRule)new ErrorCappedRule(rule, maxErrors)).ToArray(),
        });
    }

    private static QueryLimitsValidationRule? FindLimits(IEnumerable<IValidationRule> rules)
    {
        foreach (var rule in rules)
        {
            if (rule is QueryLimitsValidationRule limits)
            {
                return limits;
            }
        }

        return null;
    }

    /// <summary>A rule whose node visitors stop once the context holds <c>maxErrors</c> errors; its variable visitor is unchanged.</summary>
    private sealed class ErrorCappedRule(IValidationRule inner, int maxErrors) : IValidationRule
    {
        public async ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
            await inner.GetPreNodeVisitorAsync(context).ConfigureAwait(false) is { } visitor ? new ErrorCappedVisitor(visitor, maxErrors) : null;

        public ValueTask<IVariableVisitor?> GetVariableVisitorAsync(ValidationContext context) => inner.GetVariableVisitorAsync(context);

        public async ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context) =>
            await inner.GetPostNodeVisitorAsync(context).ConfigureAwait(false) is { } visitor ? new ErrorCappedVisitor(visitor, maxErrors) : null;
    }

    /// <summary>
    /// Passes every node on until the context holds <c>maxErrors</c> errors, then none: the errors only grow, so a node
    /// whose enter was passed on may miss its leave, never the reverse.
    /// </summary>
    private sealed class ErrorCappedVisitor(INodeVisitor inner, int maxErrors) : INodeVisitor
    {
        public ValueTask EnterAsync(ASTNode node, ValidationContext context) => Full(context) ? default : inner.EnterAsync(node, context);

        public ValueTask LeaveAsync(ASTNode node, ValidationContext context) => Full(context) ? default : inner.LeaveAsync(node, context);

        private bool Full(ValidationContext context) => context.HasErrors && context.Errors.Count() >= maxErrors;
    }
}
