using GraphQL;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Whether a field that answers <c>Case</c> objects may have the cases' next actions left out: its selection, with
/// fragments and repeated fields merged as the executor merges them, names neither <c>nextActions</c> nor
/// <c>availableActions</c> (<see cref="Grains.Security.Actor.WithoutNextActions"/>, docs/write-path-profile.md "Round 39").
/// Any doubt — another type, a selection the executor did not collect — keeps them.
/// </summary>
internal static class ActionsSelection
{
    /// <summary>
    /// True when <paramref name="context"/>'s field answers <c>Case</c> (or a list of them) and selects no action field.
    /// The field's own selection is read when it holds fields only; with a fragment in it, or the same field repeated under
    /// its response name, the executor's merged selection (<see cref="IResolveFieldContext.SubFields"/>) is read.
    /// </summary>
    public static bool LeavesOut(IResolveFieldContext context)
    {
        if (context.FieldDefinition.ResolvedType?.GetNamedType() is not CaseType || context.FieldAst.SelectionSet is not { } own)
        {
            return false;
        }

        foreach (var selection in own.Selections)
        {
            if (selection is not GraphQLParser.AST.GraphQLField field)
            {
                return Merged(context);
            }

            if (field.Name.Value.Span is "nextActions" or "availableActions")
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>As <see cref="LeavesOut"/>, on the executor's merged selection; false when it has none.</summary>
    private static bool Merged(IResolveFieldContext context)
    {
        if (context.SubFields is not { Count: > 0 } selected)
        {
            return false;
        }

        foreach (var (_, (_, field)) in selected)
        {
            if (field.Name is "nextActions" or "availableActions")
            {
                return false;
            }
        }

        return true;
    }
}
