using System.Runtime.CompilerServices;
using CareGrid.Grains.Errors;
using CareGrid.GraphApi.Hardening;
using CareGrid.GraphApi.Http;
using GraphQL;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// How many history entries (<c>timeline</c>, <c>tasks</c>, <c>screenings</c>, <c>contacts</c>, <c>referrals</c>,
/// <c>notifications</c> of every case) one request may answer in all: <see cref="GraphQLLimitsOptions.MaxHistoryEntries"/>
/// (docs/query-limits.md "History entries"). The document's cost counts a history list by its page, and a list without
/// <c>first</c>/<c>last</c> as one; without this budget 30 aliases of one long case's <c>contacts { notes }</c> answered
/// 6,451 contacts of 4,000 characters each 30 times over — hundreds of MB built in memory from a 2 KB query (round-34 red
/// team, F1). Each list charges the entries it is about to answer before it reads them, so a request over the budget
/// reads nothing more.
/// </summary>
public static class HistoryBudget
{
    private const string Key = "caregrid.historyEntries";

    /// <summary>
    /// Charges <paramref name="entries"/> to the request of <paramref name="ctx"/>.
    /// </summary>
    /// <exception cref="CareGridException"><c>QUERY_TOO_COMPLEX</c> with <c>limit</c> <c>MaxHistoryEntries</c> and the
    /// budget, when the request's history lists would answer more entries than <paramref name="limit"/>.</exception>
    public static void Charge(IResolveFieldContext ctx, long entries, int limit)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var caller = ctx.Caller();
        StrongBox<long> spent;
        lock (caller)
        {
            if (caller.TryGetValue(Key, out var kept) && kept is StrongBox<long> box)
            {
                spent = box;
            }
            else
            {
                spent = new StrongBox<long>();
                caller[Key] = spent;
            }
        }

        if (Interlocked.Add(ref spent.Value, entries) > limit)
        {
            throw new CareGridException(TransportErrorCodes.QueryTooComplex,
                $"This request's case histories would answer more than {limit} entries in all. Ask for fewer cases or lists at once, "
                + "or page each list with first/last (historyCounts gives each list's length; docs/query-limits.md \"History entries\").",
                new Dictionary<string, string> { ["limit"] = nameof(GraphQLLimitsOptions.MaxHistoryEntries), ["max"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
    }
}
