using CareGrid.Grains.Cases;
using GraphQL;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Whether a field that answers <c>Case</c> objects may have the cases' next actions left out: its selection, with
/// fragments and repeated fields merged as the executor merges them (<see cref="IResolveFieldContext.SubFields"/>), names
/// neither <c>nextActions</c> nor <c>availableActions</c> (<see cref="CaseViewActions"/>, docs/write-path-profile.md
/// "Round 39"). Any doubt — another type, a selection the executor did not collect — keeps them.
/// </summary>
internal static class ActionsSelection
{
    /// <summary>True when <paramref name="context"/>'s field answers <c>Case</c> (or a list of them) and selects no action field.</summary>
    public static bool LeavesOut(IResolveFieldContext context)
    {
        if (context.FieldDefinition.ResolvedType?.GetNamedType() is not CaseType || context.SubFields is not { Count: > 0 } selected)
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
