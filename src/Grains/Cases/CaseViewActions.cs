namespace CareGrid.Grains.Cases;

/// <summary>
/// Whether the case views a call answers carry the caller's next actions (<see cref="CaseView.NextActions"/> and
/// <see cref="CaseView.AvailableActions"/>). Deciding them runs every case mutation's checks and consent decision on the
/// case without changing it — about a tenth of what a <c>reportConcern</c> allocates (docs/write-path-profile.md "Round
/// 39") — so an API field whose selection names neither says so for the duration of its resolver
/// (<see cref="LeaveOutAsync{T}"/>); the flag travels to the case grain in Orleans' request context, and every other
/// caller (no flag) gets the actions as before. Only the answer's content changes: no check, refusal, audit record or
/// stored state depends on it, and the API never hands a view built without them to a field that asked for them.
/// </summary>
public static class CaseViewActions
{
    /// <summary>The request-context key; its presence (any value) means "leave the actions out".</summary>
    private const string Key = "caregrid.case-view.no-actions";

    /// <summary>False while a call made through <see cref="LeaveOutAsync{T}"/> is being answered; true otherwise.</summary>
    public static bool Wanted => RequestContext.Get(Key) is null;

    /// <summary>
    /// Runs <paramref name="call"/> with the next actions left out of every case view it answers (empty lists). The flag is
    /// set in this call's own execution context only: sibling and child fields of a GraphQL request never see it.
    /// </summary>
    /// <typeparam name="T">The call's result.</typeparam>
    /// <param name="call">The resolver or grain call to run.</param>
    /// <returns>What <paramref name="call"/> returned.</returns>
    public static async ValueTask<T> LeaveOutAsync<T>(Func<ValueTask<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        RequestContext.Set(Key, true);
        try
        {
            return await call();
        }
        finally
        {
            RequestContext.Remove(Key);
        }
    }
}
