using System.Text;
using CareGrid.Grains.Errors;
using CareGrid.GraphApi.Http;

namespace CareGrid.Tests.Security;

/// <summary>
/// Documents built to make validation do far more than linear work — fragments spread in widening layers, long chains,
/// aliases multiplied through fragments, inline fragments mixed in, cycles, very many small fragments, repeated fields —
/// each with the stable code CareGrid must refuse it with (docs/query-limits.md). All fit in the 256 KiB request limit.
/// </summary>
public static class QueryBombs
{
    /// <summary>One hostile document, the <c>extensions.code</c> it must be refused with, and the operation name sent with it (if any).</summary>
    public sealed record Bomb(string Name, string Query, string Code, string? OperationName = null);

    /// <summary>
    /// <paramref name="layers"/> fragments, each spreading the one below <paramref name="spreads"/> times; the bottom one
    /// selects <paramref name="leaf"/>. Written out inline it would hold spreads^layers leaves.
    /// </summary>
    public static string Widening(int layers, int spreads, string leaf = "me { subject }", bool inline = false)
    {
        var text = new StringBuilder($"query {{ ...L{layers} }} fragment L0 on Query {{ {leaf} }}");
        for (var layer = 1; layer <= layers; layer++)
        {
            var spread = inline ? $"... on Query {{ ...L{layer - 1} }} " : $"...L{layer - 1} ";
            text.Append($" fragment L{layer} on Query {{ {string.Concat(Enumerable.Repeat(spread, spreads))}}}");
        }

        return text.ToString();
    }

    /// <summary>A chain of <paramref name="length"/> fragments, each adding <paramref name="step"/> around a spread of the next.</summary>
    public static string Chain(int length, string step)
    {
        var text = new StringBuilder("query { ...C0 }");
        for (var i = 0; i < length; i++)
        {
            var inner = i + 1 < length ? $"...C{i + 1}" : "subject";
            text.Append(' ').Append($"fragment C{i} on Query {{ {step.Replace("%", inner, StringComparison.Ordinal)} }}");
        }

        return text.ToString();
    }

    /// <summary>A cycle of <paramref name="length"/> fragments (C0 spreads C1 … spreads C0).</summary>
    public static string Cycle(int length)
    {
        var text = new StringBuilder("query { ...C0 }");
        for (var i = 0; i < length; i++)
        {
            text.Append($" fragment C{i} on Query {{ me {{ subject }} ...C{(i + 1) % length} }}");
        }

        return text.ToString();
    }

    /// <summary><paramref name="count"/> fragments, each selecting <c>me { subject }</c>, all spread in the operation.</summary>
    public static string ManySmallFragments(int count) =>
        "query { " + string.Concat(Enumerable.Range(0, count).Select(i => $"...F{i} ")) + "} "
        + string.Concat(Enumerable.Range(0, count).Select(i => $"fragment F{i} on Query {{ me {{ subject }} }} "));

    /// <summary>A fragment with <paramref name="aliases"/> aliases, spread <paramref name="spreads"/> times (each under its own field).</summary>
    public static string AliasesThroughFragment(int aliases, int spreads) =>
        "query { " + string.Concat(Enumerable.Range(0, spreads).Select(_ => "...A ")) + "} fragment A on Query { "
        + string.Concat(Enumerable.Range(0, aliases).Select(i => $"a{i}: me {{ subject }} ")) + "}";

    /// <summary><paramref name="count"/> copies of <paramref name="item"/> (<c>%</c> replaced by the index), joined by <paramref name="separator"/>.</summary>
    public static string Many(int count, string item, string separator = " ") =>
        string.Join(separator, Enumerable.Range(0, count).Select(i => item.Replace("%", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));

    /// <summary>A comment of about <paramref name="characters"/> characters, so every node after it sits far from the start of the text.</summary>
    public static string Padding(int characters) => "# " + new string('x', characters) + "\n";

    /// <summary>Every bomb with its expected code.</summary>
    public static IReadOnlyList<Bomb> All { get; } =
    [
        new("widening 9x10", Widening(9, 10), TransportErrorCodes.QueryTooComplex),
        new("widening 30x2", Widening(30, 2), TransportErrorCodes.QueryTooComplex),
        new("widening 4x400", Widening(4, 400), TransportErrorCodes.QueryTooComplex),
        new("widening 9x10 aliased leaf", Widening(9, 10, "a: me { subject }"), TransportErrorCodes.TooManyAliases),
        new("widening 9x10 through inline fragments", Widening(9, 10, inline: true), TransportErrorCodes.QueryTooComplex),
        new("widening 9x10 under paged lists", Widening(9, 10, "cases(first: 100) { nodes { id } }"), TransportErrorCodes.QueryTooComplex),
        new("deep chain 60 of fields", Chain(60, "me { % }"), TransportErrorCodes.QueryTooDeep),
        new("deep chain 5000 of spreads", Chain(5000, "%"), TransportErrorCodes.QueryTooDeep),
        new("chain 65 of spreads", Chain(65, "%"), TransportErrorCodes.QueryTooDeep),
        new("deep chain through inline fragments", Chain(60, "... on Query { me { % } }"), TransportErrorCodes.QueryTooDeep),
        new("aliases 2 x 16 spreads", AliasesThroughFragment(2, 16), TransportErrorCodes.TooManyAliases),
        new("aliases 1 x 3000 spreads", AliasesThroughFragment(1, 3000), TransportErrorCodes.TooManyAliases),
        new("aliases through widening 3x4", Widening(3, 4, "a: me { subject }"), TransportErrorCodes.TooManyAliases),
        new("cycle of 2", Cycle(2), TransportErrorCodes.GraphQLValidationFailed),
        new("cycle of 1", "query { ...C0 } fragment C0 on Query { me { subject } ...C0 }", TransportErrorCodes.GraphQLValidationFailed),
        new("cycle of 4000", Cycle(4000), TransportErrorCodes.GraphQLValidationFailed),
        new("cycle inside widening", Widening(8, 10) + " fragment Z on Query { ...L8 ...Z }", TransportErrorCodes.GraphQLValidationFailed),
        new("4000 small fragments", ManySmallFragments(4000), TransportErrorCodes.QueryTooComplex),
        new("20000 repeated fields", "{ me { " + string.Concat(Enumerable.Repeat("subject ", 20000)) + "} }", TransportErrorCodes.QueryTooComplex),
        new("12000 repeated objects", "{ " + string.Concat(Enumerable.Repeat("me { subject } ", 12000)) + "}", TransportErrorCodes.QueryTooComplex),
        new("4999 repeated fields within the cost", "{ me { " + string.Concat(Enumerable.Repeat("subject ", 4999)) + "} }", TransportErrorCodes.QueryTooComplex),
        new("2500 repeated objects within the cost", "{ " + string.Concat(Enumerable.Repeat("me { subject } ", 2500)) + "}", TransportErrorCodes.QueryTooComplex),
        new("repeated aliased fields within the alias limit", "{ " + string.Concat(Enumerable.Repeat("m: me { s: subject } ", 10)) + "me { " + string.Concat(Enumerable.Repeat("subject ", 4000)) + "} }", TransportErrorCodes.QueryTooComplex),
        new("repeated fields in an unused fragment", "{ me { subject } } fragment U on Viewer { " + string.Concat(Enumerable.Repeat("subject ", 4999)) + "}",
            TransportErrorCodes.GraphQLValidationFailed),
        new("repeated fields in a second fragment of one name", "{ me { ...U } } fragment U on Viewer { subject } fragment U on Viewer { "
            + string.Concat(Enumerable.Repeat("subject ", 4999)) + "}", TransportErrorCodes.GraphQLValidationFailed),
        new("widening in unused fragments", Widening(9, 10).Replace("query { ...L9 }", "query { me { subject } }", StringComparison.Ordinal), TransportErrorCodes.GraphQLValidationFailed),
        new("repeated fields through a fragment", "{ me { ...R ...R ...R ...R ...R ...R ...R ...R ...R ...R } } fragment R on Viewer { "
            + string.Concat(Enumerable.Repeat("subject ", 3000)) + "}", TransportErrorCodes.QueryTooComplex),

        // Floods of nodes GraphQL for .NET validates one by one, each error located by scanning the text from its start
        // (docs/query-limits.md "Node counts"): refused by a node cap before any rule runs.
        new("8000 unused variable definitions", "query(" + Many(8000, "$v%: Int") + ") { me { subject } }", TransportErrorCodes.QueryTooComplex),
        new("8000 unknown variable types", "query(" + Many(8000, "$v%: T%") + ") { me { subject } }", TransportErrorCodes.QueryTooComplex),
        new("8000 undefined variables in one list", "mutation { recordScreening(id: \"c\", instrument: PHQ9, answers: [" + Many(8000, "$v%", ", ") + "]) { id } }", TransportErrorCodes.QueryTooComplex),
        new("8000 variables used in one list", "mutation(" + Many(8000, "$v%: Int") + ") { recordScreening(id: \"c\", instrument: PHQ9, answers: [" + Many(8000, "$v%", ", ") + "]) { id } }",
            TransportErrorCodes.QueryTooComplex),
        new("20000 unknown arguments on one field", "{ me(" + Many(20000, "a%: 1") + ") { subject } }", TransportErrorCodes.QueryTooComplex),
        new("20000 duplicate arguments", "{ case(" + Many(20000, "id: 1") + ") { id } }", TransportErrorCodes.QueryTooComplex),
        new("unknown arguments spread over fields", "{ " + Many(3000, "me(a: 1) { subject }") + " }", TransportErrorCodes.QueryTooComplex),
        new("15000 unknown input-object fields", "{ cases(filter: { " + Many(15000, "f%: 1") + " }) { nodes { id } } }", TransportErrorCodes.QueryTooComplex),
        new("15000 duplicate input-object fields", "{ cases(filter: { " + Many(15000, "status: OPEN") + " }) { nodes { id } } }", TransportErrorCodes.QueryTooComplex),
        new("60000 list items", "mutation { recordScreening(id: \"c\", instrument: PHQ9, answers: [" + Many(60000, "x", ",") + "]) { id } }", TransportErrorCodes.QueryTooComplex),
        new("nested list literal", "mutation { recordScreening(id: \"c\", instrument: PHQ9, answers: [" + Many(20000, "[1]", ",") + "]) { id } }", TransportErrorCodes.QueryTooComplex),
        new("20000 unknown directives", "{ me " + Many(20000, "@d%") + " { subject } }", TransportErrorCodes.QueryTooComplex),
        new("12000 repeated directives", "{ me " + Many(12000, "@skip(if: false)") + " { subject } }", TransportErrorCodes.QueryTooComplex),
        new("5000 operations", Many(5000, "query q% { me { subject } }"), TransportErrorCodes.QueryTooComplex, "q0"),
        new("5000 operations of one name", Many(5000, "query q { __typename }"), TransportErrorCodes.QueryTooComplex, "q"),

        // Without an operation name GraphQL for .NET cannot choose an operation and answers one error before validating.
        new("5000 anonymous operations", Many(5000, "{ me { subject } }"), TransportErrorCodes.GraphQLValidationFailed),
        new("4990 unknown fields after a comment", Padding(200_000) + "{ me { " + Many(4990, "f%") + " } }", TransportErrorCodes.QueryTooComplex),
        new("40000 spreads of an unknown fragment", "{ " + Many(40000, "...X") + " }", TransportErrorCodes.GraphQLValidationFailed),
        new("9000 spreads of unknown fragments", "{ me { " + Many(70, "f%") + " } " + Many(9000, "...X%") + " }", TransportErrorCodes.GraphQLValidationFailed),
        new("one spread of an unknown fragment among 4000 fragments", "query { ...X " + ManySmallFragments(2000)["query { ".Length..], TransportErrorCodes.GraphQLValidationFailed),
        new("2080 conflicting field pairs after a comment", Padding(200_000) + "{ " + Many(65, "case(id: %) { id }") + " }", TransportErrorCodes.QueryTooComplex),
        new("conflicting fields through fragments", "{ ...A ...B } fragment A on Query { " + Many(20, "case(id: 1) { id }") + " } fragment B on Query { "
            + Many(20, "case(id: 2) { id }") + " }", TransportErrorCodes.QueryTooComplex),
        new("variable default with a huge list", "query($a: [Int] = [" + Many(60000, "1", ",") + "]) { me { subject } }", TransportErrorCodes.QueryTooComplex),
    ];

    /// <summary>
    /// Floods within every node cap, placed after a long comment so that each error GraphQL for .NET reports is located by
    /// scanning about 200 KB of text: refused with <c>GRAPHQL_VALIDATION_FAILED</c> and at most
    /// <c>MaxValidationErrors</c> (20) errors, plus what one rule reports at a single node (all unused or undefined
    /// variables of an operation at once, at most 64), docs/query-limits.md "Node counts".
    /// </summary>
    public static IReadOnlyList<Bomb> CappedFloods { get; } =
    [
        new("1900 unknown fields after a comment", Padding(200_000) + "{ me { " + Many(1900, "f%") + " } }", TransportErrorCodes.GraphQLValidationFailed),
        new("1000 unknown arguments after a comment", Padding(200_000) + "{ " + Many(30, "m%: me(" + Many(32, "a%: 1") + ") { subject }") + " }", TransportErrorCodes.GraphQLValidationFailed),
        new("64 unused variables after a comment", Padding(200_000) + "query(" + Many(64, "$v%: Int") + ") { me { subject } }", TransportErrorCodes.GraphQLValidationFailed),
        new("64 unknown variable types after a comment", Padding(200_000) + "query(" + Many(64, "$v%: T%") + ") { me { subject } }", TransportErrorCodes.GraphQLValidationFailed),
        new("64 undefined variables after a comment", Padding(200_000) + "mutation { recordScreening(id: \"c\", instrument: PHQ9, answers: [" + Many(64, "$v%", ", ") + "]) { id } }",
            TransportErrorCodes.GraphQLValidationFailed),
        new("200 unknown directives after a comment", Padding(200_000) + "{ me " + Many(200, "@d%") + " { subject } }", TransportErrorCodes.GraphQLValidationFailed),
        new("2000 unknown input fields after a comment", Padding(200_000) + "{ cases(filter: { " + Many(2000, "f%: 1") + " }) { nodes { id } } }", TransportErrorCodes.GraphQLValidationFailed),
        new("50 operations of one name after a comment", Padding(200_000) + Many(50, "query q { me { subject } }"), TransportErrorCodes.GraphQLValidationFailed, "q"),
    ];
}
