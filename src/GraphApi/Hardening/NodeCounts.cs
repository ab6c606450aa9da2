using GraphQLParser.AST;

namespace CareGrid.GraphApi.Hardening;

/// <summary>
/// Counts, in one pass over a document as written (each fragment once, where it is defined), the nodes that
/// GraphQL for .NET's validation rules check one by one: operations, selections, arguments, directives, variable
/// definitions, variable references and the items of literal lists and objects. Each such node can add one validation
/// error, and GraphQL for .NET computes every error's line and column by scanning the query text from its start, so a
/// flood of them costs errors × document size; CareGrid caps each count (docs/query-limits.md "Node counts").
/// </summary>
/// <remarks>
/// Work is linear in the document. Recursion follows selection and value nesting, which the parser bounds (128 AST levels).
/// </remarks>
public sealed class NodeCounts
{
    /// <summary>Operation definitions in the document.</summary>
    public int Operations { get; private set; }

    /// <summary>Fields, inline fragments and fragment spreads as written (fragments once).</summary>
    public int Selections { get; private set; }

    /// <summary>Arguments of fields and directives as written.</summary>
    public int Arguments { get; private set; }

    /// <summary>Most arguments on one field or one directive.</summary>
    public int ArgumentsOnOneNode { get; private set; }

    /// <summary>Directives anywhere in the document (operations, variables, fields, fragments, spreads).</summary>
    public int Directives { get; private set; }

    /// <summary>Variable definitions over all operations.</summary>
    public int VariableDefinitions { get; private set; }

    /// <summary>Uses of variables (<c>$name</c>) in arguments and directive arguments, nested values included.</summary>
    public int VariableReferences { get; private set; }

    /// <summary>Items of list literals plus fields of object literals, in arguments and default values, nested ones included.</summary>
    public int InputValues { get; private set; }

    /// <summary>
    /// The first spread of a fragment the document does not define, or null. Such a document is invalid (GraphQL spec
    /// §5.5.2.1), and GraphQL for .NET's "overlapping fields can be merged" rule compares every pair of spreads in one
    /// selection set before any rule reports the unknown names, so thousands of them cost quadratic work.
    /// </summary>
    public GraphQLFragmentSpread? UnknownFragmentSpread { get; private set; }

    private readonly HashSet<string> _fragmentNames = new(StringComparer.Ordinal);

    /// <summary>Counts the nodes of <paramref name="document"/>.</summary>
    public static NodeCounts Of(GraphQLDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var counts = new NodeCounts();
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLFragmentDefinition fragment)
            {
                counts._fragmentNames.Add(fragment.FragmentName.Name.StringValue);
            }
        }

        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case GraphQLOperationDefinition operation:
                    counts.Operations++;
                    counts.CountDirectives(operation.Directives);
                    foreach (var variable in operation.Variables?.Items ?? [])
                    {
                        counts.VariableDefinitions++;
                        counts.CountDirectives(variable.Directives);
                        if (variable.DefaultValue is { } value)
                        {
                            counts.CountValue(value);
                        }
                    }

                    counts.CountSelections(operation.SelectionSet);
                    break;
                case GraphQLFragmentDefinition fragment:
                    counts.CountDirectives(fragment.Directives);
                    counts.CountSelections(fragment.SelectionSet);
                    break;
            }
        }

        return counts;
    }

    private void CountSelections(GraphQLSelectionSet set)
    {
        foreach (var selection in set.Selections)
        {
            Selections++;
            switch (selection)
            {
                case GraphQLField field:
                    CountArguments(field.Arguments);
                    CountDirectives(field.Directives);
                    if (field.SelectionSet is { } child)
                    {
                        CountSelections(child);
                    }

                    break;
                case GraphQLInlineFragment inline:
                    CountDirectives(inline.Directives);
                    CountSelections(inline.SelectionSet);
                    break;
                case GraphQLFragmentSpread spread:
                    CountDirectives(spread.Directives);
                    if (UnknownFragmentSpread is null && !_fragmentNames.Contains(spread.FragmentName.Name.StringValue))
                    {
                        UnknownFragmentSpread = spread;
                    }

                    break;
            }
        }
    }

    private void CountDirectives(GraphQLDirectives? directives)
    {
        foreach (var directive in directives?.Items ?? [])
        {
            Directives++;
            CountArguments(directive.Arguments);
        }
    }

    private void CountArguments(GraphQLArguments? arguments)
    {
        if (arguments is null)
        {
            return;
        }

        Arguments += arguments.Items.Count;
        ArgumentsOnOneNode = Math.Max(ArgumentsOnOneNode, arguments.Items.Count);
        foreach (var argument in arguments.Items)
        {
            CountValue(argument.Value);
        }
    }

    private void CountValue(GraphQLValue value)
    {
        switch (value)
        {
            case GraphQLVariable:
                VariableReferences++;
                break;
            case GraphQLListValue list:
                foreach (var item in list.Values ?? [])
                {
                    InputValues++;
                    CountValue(item);
                }

                break;
            case GraphQLObjectValue obj:
                foreach (var field in obj.Fields ?? [])
                {
                    InputValues++;
                    CountValue(field.Value);
                }

                break;
        }
    }
}
