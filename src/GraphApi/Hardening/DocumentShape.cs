using GraphQLParser.AST;

namespace CareGrid.GraphApi.Hardening;

/// <summary>
/// One linear pass over a parsed GraphQL document that measures what CareGrid's query limits need — nesting depth,
/// aliases and estimated cost — counting every fragment spread as if the fragment were written inline, without ever
/// expanding a fragment: each fragment definition is measured once (after the fragments it spreads) and the result is
/// reused at every spread. The work is proportional to the number of selections in the document, whatever the
/// fragments expand to (docs/query-limits.md).
/// </summary>
/// <remarks>
/// Depth counts the root field as 1; inside introspection (<c>__schema</c>, <c>__type</c>) an <c>ofType</c> level adds
/// no depth, because it walks the wrappers (list, non-null) of one type — one object per level, no fan-out. Aliases
/// and cost add up over every operation of the document. Cost: each field costs 1 plus its children's cost times the
/// field's page size (see <see cref="PageSize"/>). Sums and products saturate at <see cref="Saturation"/>, so no
/// document can overflow them. Recursion follows only the nesting of one definition's selections, which the parser
/// bounds (128 AST levels); fragments that spread each other are ordered with an explicit stack.
/// </remarks>
public sealed class DocumentShape
{
    /// <summary>Where every sum and product stops growing (2^40, far above any limit).</summary>
    public const long Saturation = 1L << 40;

    /// <summary>
    /// Most fragments that may spread through one another in a chain (64): the parser refuses inline nesting deeper than
    /// 128 AST levels (64 inline fragments with their selection sets), and a chain of spreads is held to the same bound.
    /// </summary>
    public const int MaxFragmentNesting = 64;

    /// <summary>Root list fields that page with <c>first</c> (default page size 20).</summary>
    private static readonly HashSet<string> PagedFields = new(StringComparer.Ordinal) { "cases", "people", "myTasks", "overdueTasks", "auditLog", "overdueBoard" };

    private readonly Dictionary<string, int> _fragmentIndex = new(StringComparer.Ordinal);
    private readonly List<GraphQLFragmentDefinition> _fragments = [];
    private List<GraphQLFragmentSpread>[] _spreads = [];
    private Measure[] _plain = [];
    private Measure[] _introspective = [];

    private DocumentShape()
    {
    }

    /// <summary>Deepest field nesting of any operation (root field = 1), fragments counted inline.</summary>
    public int Depth { get; private set; }

    /// <summary>Aliases over all operations, fragments counted inline at every spread (saturating).</summary>
    public long Aliases { get; private set; }

    /// <summary>Estimated cost over all operations, fragments counted inline at every spread (saturating).</summary>
    public long Cost { get; private set; }

    /// <summary>
    /// Root fields that build a whole report — <c>statistics</c> and <c>overdueBoard</c> — over all operations, counted
    /// as if fragments were inline at every spread (saturating); only fields at the root of an operation count
    /// (<see cref="ExpensiveFields"/>, docs/query-limits.md "Expensive fields").
    /// </summary>
    public long Reports { get; private set; }

    /// <summary><c>statisticsRollUp</c> root fields over all operations, fragments inline at every spread (saturating).</summary>
    public long RollUps { get; private set; }

    /// <summary>Whole-tenant scans (<c>verifyAuditChain</c>, <c>organizationHealth</c>) at the root of every operation, fragments inline at every spread (saturating).</summary>
    public long TenantScans { get; private set; }

    /// <summary>Longest chain of fragments spreading one another (0 when no fragment is spread).</summary>
    public int FragmentNesting { get; private set; }

    /// <summary>The first fragment spread that closes a cycle (a fragment spreading itself, directly or not), or null.</summary>
    public GraphQLFragmentSpread? Cycle { get; private set; }

    /// <summary>The second definition of a fragment name already defined, or null.</summary>
    public GraphQLFragmentDefinition? DuplicateFragment { get; private set; }

    /// <summary>The first fragment no operation spreads (directly or through other fragments), or null.</summary>
    public GraphQLFragmentDefinition? UnusedFragment { get; private set; }

    /// <summary>The first <c>__schema</c> or <c>__type</c> field in the document, or null.</summary>
    public GraphQLField? IntrospectionField { get; private set; }

    /// <summary>How many selections and spread edges the pass visited: the measure of its work (linear in the document).</summary>
    public long NodesVisited { get; private set; }

    /// <summary>
    /// The nodes of the document as written (fragments counted once, where defined) that GraphQL for .NET's validation
    /// rules check one by one, each able to add one error (docs/query-limits.md "Node counts"). Always measured, whatever
    /// else the pass finds.
    /// </summary>
    public NodeCounts Counts { get; private set; } = new();

    /// <summary>
    /// Measures <paramref name="document"/>. When a fragment cycle, a fragment chain longer than
    /// <see cref="MaxFragmentNesting"/>, a duplicate fragment name or an unused fragment is found, the measuring stops
    /// there: only <see cref="Cycle"/>, <see cref="FragmentNesting"/>, <see cref="DuplicateFragment"/> and
    /// <see cref="UnusedFragment"/> are meaningful. (Such documents are invalid anyway, GraphQL spec §5.5; refusing them
    /// here keeps GraphQL for .NET's rules from working on fragments the limits never measured.)
    /// </summary>
    public static DocumentShape Of(GraphQLDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var shape = new DocumentShape();
        shape.Counts = NodeCounts.Of(document);
        foreach (var definition in document.Definitions)
        {
            if (definition is not GraphQLFragmentDefinition fragment)
            {
                continue;
            }

            if (shape._fragmentIndex.TryAdd(fragment.FragmentName.Name.StringValue, shape._fragments.Count))
            {
                shape._fragments.Add(fragment);
            }
            else
            {
                shape.DuplicateFragment ??= fragment;
            }
        }

        var order = shape.OrderFragments();
        if (order is null || shape.FragmentNesting > MaxFragmentNesting || shape.DuplicateFragment is not null)
        {
            return shape;
        }

        shape.UnusedFragment = shape.FirstUnused(document);
        if (shape.UnusedFragment is not null)
        {
            return shape;
        }

        shape.MeasureFragments(order);
        shape.MeasureOperations(document);
        return shape;
    }

    /// <summary>
    /// The page size a list field asks for: its <c>first</c> or <c>last</c> literal (the smaller of both when a case's
    /// history list gives both, docs/storage.md; clamped to 1–100), 20 for one given by a variable or a paged field
    /// without one, else 1 (lists page by 20 by default).
    /// </summary>
    public static long PageSize(GraphQLField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        long? size = null;
        if (field.Arguments is not null)
        {
            foreach (var argument in field.Arguments)
            {
                if (argument.Name.StringValue is "first" or "last")
                {
                    long n = argument.Value is GraphQLIntValue i && int.TryParse(i.Value.Span, out var v) ? Math.Clamp(v, 1, 100) : 20;
                    size = Math.Min(size ?? n, n);
                }
            }
        }

        return size ?? (PagedFields.Contains(field.Name.StringValue) ? 20 : 1);
    }

    private void MeasureOperations(GraphQLDocument document)
    {
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLOperationDefinition operation)
            {
                var measure = MeasureSet(operation.SelectionSet, introspective: false);
                Depth = Math.Max(Depth, measure.Depth);
                Aliases = Add(Aliases, measure.Aliases);
                Cost = Add(Cost, measure.Cost);
                Reports = Add(Reports, measure.Reports);
                RollUps = Add(RollUps, measure.RollUps);
                TenantScans = Add(TenantScans, measure.TenantScans);
            }
        }
    }

    /// <summary>Measures each fragment in <paramref name="order"/> (every fragment after those it spreads), both outside and inside introspection.</summary>
    private void MeasureFragments(List<int> order)
    {
        _plain = new Measure[_fragments.Count];
        _introspective = new Measure[_fragments.Count];
        foreach (var index in order)
        {
            var set = _fragments[index].SelectionSet;
            _plain[index] = MeasureSet(set, introspective: false);
            _introspective[index] = MeasureSet(set, introspective: true);
        }
    }

    private Measure MeasureSet(GraphQLSelectionSet set, bool introspective)
    {
        var total = default(Measure);
        foreach (var selection in set.Selections)
        {
            NodesVisited++;
            var part = selection switch
            {
                GraphQLField field => MeasureField(field, introspective),
                GraphQLInlineFragment inline => MeasureSet(inline.SelectionSet, introspective),
                GraphQLFragmentSpread spread when _fragmentIndex.TryGetValue(spread.FragmentName.Name.StringValue, out var index) =>
                    introspective ? _introspective[index] : _plain[index],
                _ => default,
            };
            total = new Measure(
                Math.Max(total.Depth, part.Depth), Add(total.Aliases, part.Aliases), Add(total.Cost, part.Cost),
                Add(total.Reports, part.Reports), Add(total.RollUps, part.RollUps), Add(total.TenantScans, part.TenantScans));
        }

        return total;
    }

    private Measure MeasureField(GraphQLField field, bool introspective)
    {
        var name = field.Name.StringValue;
        var entersIntrospection = name is "__schema" or "__type";
        if (entersIntrospection)
        {
            IntrospectionField ??= field;
        }

        var child = field.SelectionSet is { } set ? MeasureSet(set, introspective || entersIntrospection) : default;
        var level = introspective && name == "ofType" ? 0 : 1;

        // A field's own kind counts; its children's do not: a set's counts reach the operation only through inline
        // fragments and spreads, so only root fields (fragments inline) are counted.
        var kind = ExpensiveFields.KindOf(name);
        return new Measure(
            level + child.Depth,
            Add(field.Alias is null ? 0 : 1, child.Aliases),
            Add(1, Multiply(PageSize(field), child.Cost)),
            kind == ExpensiveFieldKind.Report ? 1 : 0,
            kind == ExpensiveFieldKind.RollUp ? 1 : 0,
            kind == ExpensiveFieldKind.TenantScan ? 1 : 0);
    }

    /// <summary>
    /// Orders the fragments so each comes after every fragment it spreads (depth-first, with an explicit stack), finds
    /// the longest chain of spreads and the first cycle. Returns null when there is a cycle.
    /// </summary>
    private List<int>? OrderFragments()
    {
        var spreads = _spreads = new List<GraphQLFragmentSpread>[_fragments.Count];
        for (var i = 0; i < spreads.Length; i++)
        {
            spreads[i] = [];
            CollectSpreads(_fragments[i].SelectionSet, spreads[i]);
        }

        var state = new byte[_fragments.Count]; // 0 unseen, 1 on the stack, 2 done
        var nesting = new int[_fragments.Count];
        var order = new List<int>(_fragments.Count);
        var stack = new Stack<(int Fragment, int Next)>();
        for (var root = 0; root < _fragments.Count; root++)
        {
            if (state[root] != 0)
            {
                continue;
            }

            state[root] = 1;
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (fragment, next) = stack.Pop();
                if (next < spreads[fragment].Count)
                {
                    stack.Push((fragment, next + 1));
                    NodesVisited++;
                    var spread = spreads[fragment][next];
                    if (!_fragmentIndex.TryGetValue(spread.FragmentName.Name.StringValue, out var target) || state[target] == 2)
                    {
                        continue;
                    }

                    if (state[target] == 1)
                    {
                        Cycle = spread;
                        return null;
                    }

                    state[target] = 1;
                    stack.Push((target, 0));
                    continue;
                }

                state[fragment] = 2;
                order.Add(fragment);
                nesting[fragment] = 1 + Deepest(spreads[fragment], nesting);
                FragmentNesting = Math.Max(FragmentNesting, nesting[fragment]);
            }
        }

        return order;
    }

    /// <summary>The first fragment definition not reachable from any operation (breadth-first over the spreads).</summary>
    private GraphQLFragmentDefinition? FirstUnused(GraphQLDocument document)
    {
        var reached = new bool[_fragments.Count];
        var queue = new Queue<GraphQLFragmentSpread>();
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLOperationDefinition operation)
            {
                var roots = new List<GraphQLFragmentSpread>();
                CollectSpreads(operation.SelectionSet, roots);
                roots.ForEach(queue.Enqueue);
            }
        }

        while (queue.TryDequeue(out var spread))
        {
            NodesVisited++;
            if (_fragmentIndex.TryGetValue(spread.FragmentName.Name.StringValue, out var target) && !reached[target])
            {
                reached[target] = true;
                _spreads[target].ForEach(queue.Enqueue);
            }
        }

        var unused = Array.IndexOf(reached, false);
        return unused < 0 ? null : _fragments[unused];
    }

    private int Deepest(List<GraphQLFragmentSpread> spreads, int[] nesting)
    {
        var deepest = 0;
        foreach (var spread in spreads)
        {
            if (_fragmentIndex.TryGetValue(spread.FragmentName.Name.StringValue, out var target))
            {
                deepest = Math.Max(deepest, nesting[target]);
            }
        }

        return deepest;
    }

    private void CollectSpreads(GraphQLSelectionSet set, List<GraphQLFragmentSpread> spreads)
    {
        foreach (var selection in set.Selections)
        {
            NodesVisited++;
            switch (selection)
            {
                case GraphQLField { SelectionSet: { } child }:
                    CollectSpreads(child, spreads);
                    break;
                case GraphQLInlineFragment inline:
                    CollectSpreads(inline.SelectionSet, spreads);
                    break;
                case GraphQLFragmentSpread spread:
                    spreads.Add(spread);
                    break;
            }
        }
    }

    private static long Add(long a, long b) => Math.Min(Saturation, a + b);

    private static long Multiply(long a, long b) => a == 0 || b == 0 ? 0 : a > Saturation / b ? Saturation : Math.Min(Saturation, a * b);

    private readonly record struct Measure(int Depth, long Aliases, long Cost, long Reports, long RollUps, long TenantScans);
}
