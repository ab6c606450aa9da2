using System.Globalization;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// <c>myReports</c>: receipts for the concerns the caller reported (docs/access.md "Receipts for reporters", R-7.5, R-1.5).
/// Read from the caller's own receipt index (<see cref="IReportReceiptsGrain"/>) and, per receipt, the case's receipt
/// status — one grain per row of the page, never a scan of the tenant.
/// </summary>
public sealed class ReceiptQueries(IGrainFactory grains) : ISchemaContributor
{
    /// <summary>Why <c>myReports</c> writes no audit record.</summary>
    private const string OwnReceipts = "the caller's own receipts: case ids, dates and a three-state status; no content, risk, names or person id";

    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ReportReceiptConnectionType>>("myReports")
            .Description($"Receipts for the concerns you reported, newest first (first 1–100, default 20): the id to quote when calling the school (the receipt's own id when you were answered with a receipt), when you reported, "
                + $"RECEIVED | BEING_HANDLED | CLOSED and the date of the last change. The newest {ReportReceiptsGrain.MaxEntries} reports are kept. Every role that may report.")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .AllowTenantRoles(Roles.CanReport, NeedToKnow.None).AuditsNothing(OwnReceipts)
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var first = Cursors.PageSize(ctx.GetArgument<int?>("first"));
                var before = Before(ctx.GetArgument<string?>("after"));
                var page = await grains.GetRef<IReportReceiptsGrain>(IReportReceiptsGrain.KeyOf(tenant.Id, actor.Subject)).Page(first, before);
                var zone = TimeZoneInfo.TryFindSystemTimeZoneById(tenant.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
                var states = await Task.WhenAll(page.Entries.Select(e => grains.GetRef<ICaseGrain>(TenantIds.Key(tenant.Id, e.CaseId)).ReceiptFor(actor.Subject)));
                var nodes = new List<ReportReceiptView>();
                for (var i = 0; i < page.Entries.Count; i++)
                {
                    // A case that no longer lists the caller (or no longer exists) gives no receipt.
                    if (states[i] is { } state)
                    {
                        var e = page.Entries[i];
                        var shown = ReportReceipts.StatusFor(state.Status, actor, e.Outcome);
                        var updated = ReportReceipts.UpdatedFor(state.UpdatedAt, e.ReportedAt, shown, actor, e.Outcome);
                        nodes.Add(new ReportReceiptView(e.ShownId, e.ReportedAt, ReportReceipts.OutcomeFor(e.Outcome, actor), shown, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(updated, zone).DateTime)));
                    }
                }

                var end = page.Entries.Count > 0 ? Cursors.Encode(page.Entries[^1].Sequence.ToString(CultureInfo.InvariantCulture)) : null;
                return new Connection<ReportReceiptView>(nodes, new PageInfo(page.HasNextPage, end))
                {
                    Count = () => CountAsync(tenant.Id, actor.Subject),
                };
            });

    /// <summary>How many receipts the whole list holds: the kept entries whose case still gives the caller a receipt (at most <see cref="ReportReceiptsGrain.MaxEntries"/>).</summary>
    private async ValueTask<int> CountAsync(string tenantId, string subject)
    {
        var all = await grains.GetRef<IReportReceiptsGrain>(IReportReceiptsGrain.KeyOf(tenantId, subject)).Page(ReportReceiptsGrain.MaxEntries, null);
        var states = await Task.WhenAll(all.Entries.Select(e => grains.GetRef<ICaseGrain>(TenantIds.Key(tenantId, e.CaseId)).ReceiptFor(subject)));
        return states.Count(s => s is not null);
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
    }

    /// <summary>The entry number an <c>after</c> cursor names; <c>VALIDATION_FAILED</c> (field <c>after</c>) when it names none.</summary>
    private static long? Before(string? after) =>
        Cursors.Decode(after) is not { } raw ? null
        : long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
        : throw CareGridException.Validation("after", "Malformed cursor: pass a pageInfo.endCursor of myReports back unchanged.");
}
