using GraphQLParser;
using GraphQLParser.AST;

namespace CareGrid.GraphApi.Hardening;

/// <summary>
/// Counts the pairs of fields that land on the same response path (the same response names from the root, fragments
/// written inline): GraphQL's "overlapping fields can be merged" rule (GraphQL spec §5.3.2) compares every such pair,
/// so a field repeated k times in one place costs k(k−1)/2 comparisons. CareGrid adds this count to a document's
/// estimated cost (docs/query-limits.md).
/// </summary>
/// <remarks>
/// Fragments are expanded here, so this runs only on documents whose cost without it is already within the limit:
/// then the expanded document holds at most that many fields, each reached through at most
/// <see cref="DocumentShape.MaxFragmentNesting"/> spreads. The count stops once it passes <c>stopAbove</c>, and the
/// walk also stops after a fixed number of visited selections, so the work stays bounded whatever the input.
/// </remarks>
public sealed class RepeatedFields
{
    private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments;
    private readonly ROM _source;
    private readonly long _stopAbove;
    private readonly long _maxVisits;

    private RepeatedFields(Dictionary<string, GraphQLFragmentDefinition> fragments, ROM source, long fields, long stopAbove)
    {
        _fragments = fragments;
        _source = source;
        _stopAbove = stopAbove;
        _maxVisits = (Math.Min(fields, DocumentShape.Saturation) + 1) * ((2 * DocumentShape.MaxFragmentNesting) + 2);
    }

    /// <summary>Pairs counted so far (at most a little over the bound it was asked to stop at).</summary>
    public long Pairs { get; private set; }

    /// <summary>
    /// Of <see cref="Pairs"/>, those whose two fields differ in field name or in the text of their arguments: GraphQL for
    /// .NET reports each such pair as its own error when both fields are on the same type (spec §5.3.2), so CareGrid caps
    /// them at <see cref="GraphQLLimitsOptions.MaxValidationErrors"/> (docs/query-limits.md "Node counts").
    /// </summary>
    public long DifferingPairs { get; private set; }

    /// <summary>Selections visited: the measure of the work.</summary>
    public long NodesVisited { get; private set; }

    /// <summary>True when the count passed the bound it was asked to stop at, or the walk its visit bound.</summary>
    public bool Exceeded => Done;

    /// <summary>
    /// Counts the same-path field pairs of every operation of <paramref name="document"/> (fragments inline), stopping once
    /// the count passes <paramref name="stopAbove"/>. <paramref name="fields"/> bounds the fields the operations expand to
    /// (the document's cost, <see cref="DocumentShape.Cost"/>); the walk visits at most that many times
    /// (2 × <see cref="DocumentShape.MaxFragmentNesting"/> + 2) selections, and when it would visit more,
    /// <see cref="Exceeded"/> is true. Expects a document without fragment cycles (see <see cref="DocumentShape.Cycle"/>).
    /// </summary>
    public static RepeatedFields Count(GraphQLDocument document, long fields, long stopAbove)
    {
        ArgumentNullException.ThrowIfNull(document);
        var fragments = new Dictionary<string, GraphQLFragmentDefinition>(StringComparer.Ordinal);
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLFragmentDefinition fragment)
            {
                fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
            }
        }

        var counter = new RepeatedFields(fragments, document.Source, Math.Max(0, fields), Math.Max(0, stopAbove));
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLOperationDefinition operation && !counter.Done)
            {
                counter.CountAt([operation.SelectionSet]);
            }
        }

        return counter;
    }

    private bool Done => Pairs > _stopAbove || NodesVisited > _maxVisits;

    /// <summary>Counts pairs among the fields the given selection sets put at one response path, then one level down.</summary>
    private void CountAt(List<GraphQLSelectionSet> sets)
    {
        var byName = new Dictionary<string, List<GraphQLSelectionSet>>(StringComparer.Ordinal);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var signatures = new Dictionary<(string Name, string Signature), long>();
        foreach (var set in sets)
        {
            Collect(set, counts, byName, signatures, 0);
        }

        foreach (var count in counts.Values)
        {
            Pairs = Math.Min(DocumentShape.Saturation, Pairs + (count * (count - 1) / 2));
            DifferingPairs = Math.Min(DocumentShape.Saturation, DifferingPairs + (count * (count - 1) / 2));
        }

        foreach (var same in signatures.Values)
        {
            DifferingPairs -= same * (same - 1) / 2;
        }

        foreach (var children in byName.Values)
        {
            if (Done)
            {
                return;
            }

            CountAt(children);
        }
    }

    private void Collect(GraphQLSelectionSet set, Dictionary<string, long> counts, Dictionary<string, List<GraphQLSelectionSet>> byName,
        Dictionary<(string Name, string Signature), long> signatures, int spreadDepth)
    {
        foreach (var selection in set.Selections)
        {
            if (++NodesVisited > _maxVisits)
            {
                return;
            }

            switch (selection)
            {
                case GraphQLField field:
                    var name = (field.Alias?.Name ?? field.Name).StringValue;
                    counts[name] = counts.GetValueOrDefault(name) + 1;
                    var signature = (name, Signature(field));
                    signatures[signature] = signatures.GetValueOrDefault(signature) + 1;
                    if (field.SelectionSet is { } child)
                    {
                        if (!byName.TryGetValue(name, out var list))
                        {
                            byName[name] = list = [];
                        }

                        list.Add(child);
                    }

                    break;
                case GraphQLInlineFragment inline:
                    Collect(inline.SelectionSet, counts, byName, signatures, spreadDepth);
                    break;
                case GraphQLFragmentSpread spread when spreadDepth < DocumentShape.MaxFragmentNesting
                                                      && _fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment):
                    Collect(fragment.SelectionSet, counts, byName, signatures, spreadDepth + 1);
                    break;
            }
        }
    }

    /// <summary>The field's name and the source text of its arguments (fields with the same response name and signature cannot conflict at this level).</summary>
    private string Signature(GraphQLField field)
    {
        var name = field.Name.StringValue;
        if (field.Arguments is not { } arguments || arguments.Location.End <= arguments.Location.Start || arguments.Location.End > _source.Length)
        {
            return name;
        }

        return name + _source.Span[arguments.Location.Start..arguments.Location.End].ToString();
    }
}
