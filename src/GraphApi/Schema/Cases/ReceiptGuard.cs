using CareGrid.Grains.Errors;
using CareGrid.Grains.Cases;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Keeps a receipt a receipt: when <c>reportConcern</c> joins an open case the reporter may not open, the answer is a
/// <see cref="CaseView.IsReceipt"/> view, and every field of it but the receipt's own (<c>id</c>, <c>personId</c>,
/// <c>reportOutcome</c>, <c>reportedBy</c>, <c>reportedAt</c>) answers <c>FORBIDDEN</c> with rule need-to-know — never an
/// empty or made-up value that could be read as the case's (docs/architecture.md "Security and privacy").
/// </summary>
internal static class ReceiptGuard
{
    private static readonly HashSet<string> ReceiptFields = new(StringComparer.OrdinalIgnoreCase) { "id", "personId", "reportOutcome", "reportedBy", "reportedAt" };

    /// <summary>Wraps the resolver of every non-receipt field of <paramref name="type"/>.</summary>
    public static void Apply(ObjectGraphType<CaseView> type)
    {
        foreach (var field in type.Fields)
        {
            if (ReceiptFields.Contains(field.Name))
            {
                continue;
            }

            var inner = field.Resolver ?? GraphQL.Resolvers.NameFieldResolver.Instance;
            field.Resolver = new GraphQL.Resolvers.FuncFieldResolver<object?>((Func<GraphQL.IResolveFieldContext, ValueTask<object?>>)(context => context.Source is CaseView { IsReceipt: true } receipt
                ? throw new CareGridException(ErrorCodes.Forbidden,
                    "Your concern was added to this open case; you are not on its need-to-know list, so the answer is a receipt (id, personId, reportOutcome). The case's owner and escalation chain see your concern.",
                    new Dictionary<string, string> { ["rule"] = "need-to-know", ["entity"] = "Case", ["id"] = receipt.Id })
                : inner.ResolveAsync(context)));
        }
    }
}
