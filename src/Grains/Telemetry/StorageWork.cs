namespace CareGrid.Grains.Telemetry;

/// <summary>
/// Marks storage requests as background work for the <c>critical</c> tag of <see cref="StorageMetrics"/>
/// (docs/storage-requests.md). A request is critical unless it is sent inside a <see cref="Background"/> scope or is one
/// of Orleans' own background requests (<see cref="IsOrleansBackground"/>). The scope is an entry of Orleans'
/// <see cref="RequestContext"/>, so it follows the async flow that opened it and the grain calls made from it (a
/// group-commit loop's call to the audit log grain marks that grain's storage writes too), and nothing else.
/// </summary>
/// <remarks>
/// Background scopes are opened by the loops that serve many callers or no caller: the group-commit senders of the read
/// side, audit log and case history, table creation, and reminder ticks. A command that awaits such a loop still waits for
/// its round trip; the storage request list (docs/storage-requests.md) names those awaited shares separately.
/// </remarks>
public static class StorageWork
{
    /// <summary>Orleans' membership table (clustering): its reads and I-am-alive writes are never on a command's path.</summary>
    public const string OrleansMembershipTable = "OrleansSiloInstances";

    /// <summary>Orleans' reminder table: reads are the reminder service's refresh; writes are a grain registering a reminder.</summary>
    public const string OrleansRemindersTable = "OrleansReminders";

    /// <summary>The <see cref="RequestContext"/> key of the mark (its value is <see langword="true"/> inside a scope).</summary>
    public const string ContextKey = "caregrid.storage.background";

    /// <summary>True inside a <see cref="Background"/> scope, or in a grain call made from one.</summary>
    public static bool IsBackground => RequestContext.Get(ContextKey) is true;

    /// <summary>
    /// Marks the storage requests of this async flow as background until the returned scope is disposed (it restores the
    /// previous mark). Open it at the start of a loop's own task, not around a caller's await.
    /// </summary>
    public static Scope Background()
    {
        var previous = IsBackground;
        RequestContext.Set(ContextKey, true);
        return new Scope(previous);
    }

    /// <summary>
    /// True for the requests Orleans' own services send in the background: every request to the membership table, and
    /// reads (<c>GET</c>) of the reminder table. Reminder writes come from a grain that awaits them, so they count as critical.
    /// </summary>
    public static bool IsOrleansBackground(string table, string operation) =>
        string.Equals(table, OrleansMembershipTable, StringComparison.Ordinal)
        || (string.Equals(table, OrleansRemindersTable, StringComparison.Ordinal) && string.Equals(operation, "GET", StringComparison.Ordinal));

    /// <summary>The scope returned by <see cref="Background"/>; disposing it restores the previous mark.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly bool _previous;

        internal Scope(bool previous) => _previous = previous;

        /// <summary>Restores the mark that held before the scope was opened.</summary>
        public void Dispose()
        {
            if (!_previous)
            {
                RequestContext.Remove(ContextKey);
            }
        }
    }
}
