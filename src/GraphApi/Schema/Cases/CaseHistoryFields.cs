using CareGrid.Grains.Cases;
using CareGrid.Grains.History;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;
using CareGrid.Grains.Cases.Domain;
using CareGrid.GraphApi.Hardening;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// The history lists of <c>Case</c> (<c>timeline</c>, <c>tasks</c>, <c>screenings</c>, <c>contacts</c>, <c>referrals</c>,
/// <c>notifications</c>), each with optional <c>first</c> (at least 1) and <c>last</c> (1–1000) to page a long history: entries k·n+1…(k+1)·n are <c>first: (k+1)·n, last: n</c>
/// (docs/storage.md). Without either, a list answers its newest 1,000 entries at most; every list of a request charges
/// what it answers to <see cref="HistoryBudget"/>. A short case answers from the case already read; a long one reads the slice through the case grain
/// (same need-to-know rule), so <c>case(id)</c> costs no history read unless a long history is selected.
/// Because a list may read more through the case grain with the viewer, each declares its own rule: any tenant role
/// (every field that returns a case already checked a narrower one), need-to-know of the case (the grain checks it),
/// and no audit record of its own (the field that returned the case recorded the READ or WRITE).
/// </summary>
public static class CaseHistoryFields
{
    /// <summary>Every tenant role: who may hold a case answered by a root field (each of which checked a narrower list).</summary>
    private static readonly IReadOnlyList<string> CaseHolders = [.. Roles.All.Where(r => r != Roles.PlatformAdmin)];

    /// <summary>Adds the six list fields to <paramref name="type"/>.</summary>
    public static void Add(ObjectGraphType<CaseView> type)
    {
        ArgumentNullException.ThrowIfNull(type);
        Add<TimelineEntryType, TimelineEntry>(type, "timeline", CaseHistoryKind.Timeline, v => v.Timeline,
            "Every accepted transition and event, oldest first.");
        Add<CaseTaskType, CaseTask>(type, "tasks", CaseHistoryKind.Tasks, v => v.Tasks,
            "Deadline tasks (R-1.10, R-2.4), oldest first; in a long case the archived (closed) ones come first, then the current ones.");
        Add<ScreeningRecordType, ScreeningRecord>(type, "screenings", CaseHistoryKind.Screenings, v => v.Screenings, "Screenings, oldest first.");
        Add<ContactLogType, ContactLog>(type, "contacts", CaseHistoryKind.Contacts, v => v.Contacts, "Logged contacts, oldest first.");
        Add<ReferralType, Referral>(type, "referrals", CaseHistoryKind.Referrals, v => v.Referrals,
            "Referrals, oldest first; in a long case the archived (finished) ones come first, then the open one.");
        Add<CaseNotificationType, CaseNotification>(type, "notifications", CaseHistoryKind.Notifications, v => v.Notifications,
            "Notices sent up the chain (R-1.10: level 2 told at once), oldest first.");
        type.Field<NonNullGraphType<CaseHistoryCountsType>>("historyCounts")
            .Description("How many entries each list holds in all (to page the long ones with first/last).")
            .Resolve(ctx => ctx.Source.Counts ?? new CaseHistoryCounts(ctx.Source.Timeline.Count, ctx.Source.Contacts.Count, ctx.Source.Screenings.Count,
                ctx.Source.Notifications.Count, ctx.Source.Tasks.Count, ctx.Source.Referrals.Count));
    }

    private static void Add<TGraph, T>(ObjectGraphType<CaseView> type, string name, CaseHistoryKind kind, Func<CaseView, IReadOnlyList<T>> hot, string description)
        where TGraph : IGraphType
        where T : class
    {
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<TGraph>>>>(name)
            .Description(description + " first (≥ 1) and last (1–1000) take a slice: the first n, then of those the last m (entries k·m+1…(k+1)·m: first: (k+1)·m, last: m).")
            .Argument<IntGraphType>("first", "The first n entries (n ≥ 1).")
            .Argument<IntGraphType>("last", "The last n entries (1–1000) of the whole list, or of the first n.")
            .AllowTenantRoles(CaseHolders, NeedToKnow.Case)
            .AuditsNothing("part of a case whose READ or WRITE the root field that returned it recorded")
            .ResolveAsync(async ctx =>
            {
                var view = ctx.Source;
                var first = ctx.GetArgument<int?>("first");
                var last = ctx.GetArgument<int?>("last");
                var window = hot(view);
                var total = view.Counts?.Of(kind) ?? window.Count;
                if (first is null && last is null && total > CaseGrain.MaxHistoryPage)
                {
                    // Unpaged, a list answers at most its newest 1,000 entries (round-34 red team F1).
                    last = CaseGrain.MaxHistoryPage;
                }

                var (lo, hi) = HistoryWindow.Range(total, first, last);
                HistoryBudget.Charge(ctx, Math.Max(hi - lo + 1, 0), ctx.RequestServices!.GetRequiredService<IOptions<GraphQLLimitsOptions>>().Value.MaxHistoryEntries);

                // A view from a silo of an earlier version carries no counts: its lists are complete.
                if (total == window.Count)
                {
                    return Slice(window, first, last);
                }

                var viewer = ctx.Actor();
                var grains = ctx.RequestServices!.GetRequiredService<IGrainFactory>();
                var page = await grains.GetRef<ICaseGrain>(TenantIds.Key(view.TenantId, view.Id)).History(kind, first, last, viewer);
                return (object)page.Items.Select(e => (T)e.Payload).ToList();
            });
    }

    /// <summary>The first/last slice of a complete list (the same rule and limits as <see cref="ICaseGrain.History"/>).</summary>
    private static IReadOnlyList<T> Slice<T>(IReadOnlyList<T> items, int? first, int? last)
    {
        if (first is < 1)
        {
            throw Grains.Errors.CareGridException.Validation("first", "first is at least 1.");
        }

        if (last is < 1 or > CaseGrain.MaxHistoryPage)
        {
            throw Grains.Errors.CareGridException.Validation("last", $"last is 1–{CaseGrain.MaxHistoryPage}.");
        }

        var end = first is { } f ? Math.Min(f, items.Count) : items.Count;
        var start = last is { } l ? Math.Max(end - l, 0) : 0;
        return start == 0 && end == items.Count ? items : items.Skip(start).Take(end - start).ToList();
    }
}
