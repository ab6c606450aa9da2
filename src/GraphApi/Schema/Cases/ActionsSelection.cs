using CareGrid.Grains.Security;
using GraphQL;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// How much of the cases' next actions a field that answers <c>Case</c> objects needs (<see cref="Actor.NextActions"/>,
/// docs/write-path-profile.md "Round 39"): <see cref="NextActionsDetail.Full"/> when its selection — with fragments and
/// repeated fields merged as the executor merges them — names <c>nextActions</c>, <see cref="NextActionsDetail.Names"/>
/// when it names only <c>availableActions</c>, else <see cref="NextActionsDetail.None"/>. Any doubt — another type, a
/// selection the executor did not collect — is <see cref="NextActionsDetail.Full"/>.
/// </summary>
internal static class ActionsSelection
{
    /// <summary>
    /// The detail <paramref name="context"/>'s field needs. The field's own selection is read when it holds fields only;
    /// with a fragment in it, the executor's merged selection (<see cref="IResolveFieldContext.SubFields"/>).
    /// </summary>
    public static NextActionsDetail Needed(IResolveFieldContext context)
    {
        if (context.FieldDefinition.ResolvedType?.GetNamedType() is not CaseType || context.FieldAst.SelectionSet is not { } own)
        {
            return NextActionsDetail.Full;
        }

        var detail = NextActionsDetail.None;
        foreach (var selection in own.Selections)
        {
            if (selection is not GraphQLParser.AST.GraphQLField field)
            {
                return Merged(context);
            }

            detail = Widest(detail, field.Name.Value.Span);
        }

        return detail;
    }

    /// <summary>As <see cref="Needed"/>, on the executor's merged selection; <see cref="NextActionsDetail.Full"/> when it has none.</summary>
    private static NextActionsDetail Merged(IResolveFieldContext context)
    {
        if (context.SubFields is not { Count: > 0 } selected)
        {
            return NextActionsDetail.Full;
        }

        var detail = NextActionsDetail.None;
        foreach (var (_, (_, field)) in selected)
        {
            detail = Widest(detail, field.Name.AsSpan());
        }

        return detail;
    }

    /// <summary>The detail so far widened by a selected field named <paramref name="name"/>.</summary>
    private static NextActionsDetail Widest(NextActionsDetail detail, ReadOnlySpan<char> name) => name switch
    {
        "nextActions" => NextActionsDetail.Full,
        "availableActions" when detail == NextActionsDetail.None => NextActionsDetail.Names,
        _ => detail,
    };
}
