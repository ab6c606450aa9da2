using CareGrid.Grains.Errors;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace CareGrid.GraphApi.Hardening;

/// <summary>
/// Refuses documents that nest too deep (<c>QUERY_TOO_DEEP</c>), use too many aliases (<c>TOO_MANY_ALIASES</c>),
/// cost too much (<c>QUERY_TOO_COMPLEX</c>) or introspect the schema where that is switched off
/// (<c>INTROSPECTION_DISABLED</c>), before anything executes. Fragments are expanded; a fragment cycle stops the
/// walk (GraphQL's own rules report it).
/// </summary>
public sealed class QueryLimitsValidationRule(GraphQLLimitsOptions limits, bool introspectionAllowed) : ValidationRuleBase
{
    /// <inheritdoc />
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var fragments = new Dictionary<string, GraphQLFragmentDefinition>(StringComparer.Ordinal);
        foreach (var definition in context.Document.Definitions)
        {
            if (definition is GraphQLFragmentDefinition fragment)
            {
                fragments[fragment.FragmentName.Name.StringValue] = fragment;
            }
        }

        var walk = new Walk(fragments, introspectionAllowed);
        var aliases = 0;
        foreach (var definition in context.Document.Definitions)
        {
            if (definition is GraphQLOperationDefinition operation)
            {
                walk.Visit(operation.SelectionSet, 1, 1);
            }

            CountAliases(definition, ref aliases);
        }

        if (walk.IntrospectionNode is { } node)
        {
            context.ReportError(Error(context, ErrorCodes.IntrospectionDisabled, "Schema introspection is switched off in this environment.", node));
        }
        else if (walk.MaxDepth > limits.MaxDepth)
        {
            context.ReportError(Error(context, ErrorCodes.QueryTooDeep, $"The query nests {walk.MaxDepth} levels deep; the limit is {limits.MaxDepth}.", context.Document));
        }
        else if (aliases > limits.MaxAliases)
        {
            context.ReportError(Error(context, ErrorCodes.TooManyAliases, $"The query uses {aliases} aliases; the limit is {limits.MaxAliases}.", context.Document));
        }
        else if (walk.Cost > limits.MaxComplexity)
        {
            context.ReportError(Error(context, ErrorCodes.QueryTooComplex, $"The query's estimated cost is {walk.Cost:0}; the limit is {limits.MaxComplexity}.", context.Document));
        }

        return default;
    }

    private static ValidationError Error(ValidationContext context, string code, string message, ASTNode node) =>
        new(context.Document.Source, code, message, node) { Code = code };

    private static void CountAliases(ASTNode node, ref int aliases)
    {
        var set = node switch
        {
            GraphQLOperationDefinition o => o.SelectionSet,
            GraphQLFragmentDefinition f => f.SelectionSet,
            _ => null,
        };
        if (set is not null)
        {
            CountAliasesIn(set, ref aliases, 0);
        }
    }

    private static void CountAliasesIn(GraphQLSelectionSet set, ref int aliases, int guard)
    {
        if (guard > 200)
        {
            return;
        }

        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    if (field.Alias is not null)
                    {
                        aliases++;
                    }

                    if (field.SelectionSet is { } child)
                    {
                        CountAliasesIn(child, ref aliases, guard + 1);
                    }

                    break;
                case GraphQLInlineFragment inline:
                    CountAliasesIn(inline.SelectionSet, ref aliases, guard + 1);
                    break;
            }
        }
    }

    private sealed class Walk(Dictionary<string, GraphQLFragmentDefinition> fragments, bool introspectionAllowed)
    {
        private readonly HashSet<string> _active = new(StringComparer.Ordinal);

        public int MaxDepth { get; private set; }
        public double Cost { get; private set; }
        public ASTNode? IntrospectionNode { get; private set; }

        public void Visit(GraphQLSelectionSet set, int depth, double multiplier)
        {
            if (depth > 1000 || Cost > 1e9)
            {
                return;
            }

            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        MaxDepth = Math.Max(MaxDepth, depth);
                        Cost += multiplier;
                        var name = field.Name.StringValue;
                        if (!introspectionAllowed && IntrospectionNode is null && name is "__schema" or "__type")
                        {
                            IntrospectionNode = field;
                        }

                        if (field.SelectionSet is { } child)
                        {
                            Visit(child, depth + 1, multiplier * PageSize(field));
                        }

                        break;
                    case GraphQLInlineFragment inline:
                        Visit(inline.SelectionSet, depth, multiplier);
                        break;
                    case GraphQLFragmentSpread spread:
                        var fragmentName = spread.FragmentName.Name.StringValue;
                        if (fragments.TryGetValue(fragmentName, out var fragment) && _active.Add(fragmentName))
                        {
                            Visit(fragment.SelectionSet, depth, multiplier);
                            _active.Remove(fragmentName);
                        }

                        break;
                }
            }
        }

        /// <summary>Root list fields that page with <c>first</c> (default page size 20).</summary>
        private static readonly HashSet<string> PagedFields = new(StringComparer.Ordinal) { "cases", "people", "myTasks", "overdueTasks", "auditLog" };

        /// <summary>The page size a list field asks for: its <c>first</c> (or <c>last</c>, the smaller of both) literal, 20 for a variable or a paged field without one, else 1.</summary>
        private static double PageSize(GraphQLField field)
        {
            if (field.Arguments is null)
            {
                return PagedFields.Contains(field.Name.StringValue) ? 20 : 1;
            }

            // A case's history lists page with first and last (docs/storage.md): the page is the smaller of the two.
            double? size = null;
            foreach (var argument in field.Arguments)
            {
                if (argument.Name.StringValue is "first" or "last")
                {
                    var n = argument.Value is GraphQLIntValue i && int.TryParse(i.Value.Span, out var v) ? Math.Clamp(v, 1, 100) : 20;
                    size = Math.Min(size ?? n, n);
                }
            }

            if (size is { } page)
            {
                return page;
            }

            return PagedFields.Contains(field.Name.StringValue) ? 20 : 1;
        }
    }
}
