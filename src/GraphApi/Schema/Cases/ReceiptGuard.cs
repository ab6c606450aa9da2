using CareGrid.Grains.Errors;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Imports;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Keeps a receipt a receipt: when <c>reportConcern</c> joins an open case the reporter may not open, or the reporter
/// reports only (role Reporter, R-7.5; <see cref="Grains.Cases.ReportReceipts.AnswerFor"/>), the answer is a
/// <see cref="CaseView.IsReceipt"/> view, and every field of it but the receipt's own (<c>id</c>, <c>personId</c>,
/// <c>reportOutcome</c>, <c>reportedBy</c>, <c>reportedAt</c>) answers <c>FORBIDDEN</c> with rule <c>receipt-only</c> and a
/// message saying the concern WAS recorded (so a reporter does not report again; docs/api.md) — never an
/// empty or made-up value that could be read as the case's (docs/architecture.md "Security and privacy"). Where the case
/// stands is told by <c>myReports</c> (docs/access.md "Receipts for reporters").
/// </summary>
internal static class ReceiptGuard
{
    private static readonly HashSet<string> ReceiptFields = new(StringComparer.OrdinalIgnoreCase) { "id", "personId", "reportOutcome", "reportedBy", "reportedAt" };

    /// <summary>
    /// The message of the refusal of <paramref name="field"/> on a receipt, in English then Simplified Chinese
    /// (<see cref="Bilingual.Join"/>): the concern was recorded, which fields a receipt has, why this one is not given and
    /// where the case stands (<c>myReports</c>). A class psychology committee member reads the Chinese.
    /// </summary>
    internal static string Refusal(string field) => Bilingual.Join(
        $"Your concern WAS recorded; do not report it again. The answer is a receipt, which has only the fields id, personId, reportOutcome, reportedBy and reportedAt, so '{field}' is not given to you (you are not on the case's need-to-know list, or your role reports only). The case's owner and escalation chain see your concern; query myReports to see whether it is RECEIVED, BEING_HANDLED or CLOSED.",
        $"您报告的情况已经记录，请不要重复报告。返回的是一张回执，只有 id、personId、reportOutcome、reportedBy 和 reportedAt 这几项，所以不向您提供“{field}”（您不在该个案的知情名单上，或您的角色只负责报告）。个案负责人和上报链上的老师会看到您的报告；在 myReports 中可以查看它是已收到（RECEIVED）、处理中（BEING_HANDLED）还是已结案（CLOSED）。");

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
                ? throw new CareGridException(ErrorCodes.Forbidden, Refusal(context.FieldDefinition.Name),
                    new Dictionary<string, string> { ["rule"] = "receipt-only", ["field"] = context.FieldDefinition.Name, ["entity"] = "Case", ["id"] = receipt.Id })
                : inner.ResolveAsync(context)));
        }
    }
}
