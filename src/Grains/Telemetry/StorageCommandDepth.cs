using System.Diagnostics;
using System.Collections.Concurrent;

namespace CareGrid.Grains.Telemetry;

/// <summary>
/// Measures, per API request, how many critical Table storage round trips it waited for one after another (its
/// <em>critical depth</em>, issue #18's "storage round trips on a command's critical path"; docs/storage-requests.md) and
/// records it in the histogram <see cref="StorageMetrics.DepthName"/>. The API opens a <see cref="Begin"/> scope around
/// each request's execution; <see cref="StorageRequestPolicy"/> reports every finished critical request sent from the
/// scope's flow (the scope's id is an entry of Orleans' <see cref="RequestContext"/>, so it follows the grain calls the
/// request makes on this silo); disposing the scope computes <see cref="Measure"/> and records it — for API requests that
/// sent at least one critical request.
/// </summary>
/// <remarks>
/// Without a listener on the histogram, <see cref="Begin"/> returns an empty scope and nothing is tracked. Requests a
/// grain on another silo sends are not seen (the tracker lives in this process). Background work (group-commit senders,
/// the audit batch loop) runs outside the request's flow and is not counted, as in <see cref="StorageWork"/>.
/// </remarks>
public static class StorageCommandDepth
{
    /// <summary>The <see cref="RequestContext"/> key holding the open scope's id (a <see cref="long"/>), or the ids a group-committed write counts for (a <see cref="long"/> array, <see cref="SendFor"/>).</summary>
    public const string ContextKey = "caregrid.storage.command";

    /// <summary>The <see cref="RequestContext"/> key holding, beside the ids of <see cref="SendFor"/>, when each of those API requests queued its part (<see cref="Stopwatch"/> timestamps).</summary>
    public const string QueuedKey = "caregrid.storage.command.queued";

    private static readonly ConcurrentDictionary<long, Tracker> Open = new();
    private static long _lastId;

    /// <summary>Starts tracking the current flow's critical storage requests; dispose the scope when the request has been executed.</summary>
    public static Scope Begin()
    {
        if (!StorageMetrics.DepthEnabled)
        {
            return default;
        }

        var id = Interlocked.Increment(ref _lastId);
        var tracker = new Tracker();
        Open[id] = tracker;
        RequestContext.Set(ContextKey, id);
        return new Scope(id, tracker);
    }

    /// <summary>
    /// The critical depth of a set of requests given as (sent, answered) timestamps of one clock: a request's depth is
    /// one more than the deepest request already answered when it was sent (requests under way together share a depth),
    /// and the result is the deepest request's; 0 for none. From timing alone this is an upper bound of the causal
    /// chain: two requests started together where the second left only after the first was answered count as two.
    /// </summary>
    public static int Measure(IEnumerable<(long Sent, long Answered)> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var sorted = requests.OrderBy(r => r.Sent).ToList();
        var depths = new int[sorted.Count];
        var deepest = 0;
        for (var i = 0; i < sorted.Count; i++)
        {
            var before = 0;
            for (var j = 0; j < i; j++)
            {
                if (sorted[j].Answered <= sorted[i].Sent)
                {
                    before = Math.Max(before, depths[j]);
                }
            }

            depths[i] = before + 1;
            deepest = Math.Max(deepest, depths[i]);
        }

        return deepest;
    }

    /// <summary>Notes a finished critical request of the current flow's scope (or scopes: <see cref="SendFor"/>), if open on this silo.</summary>
    internal static void Completed(long sent, long answered)
    {
        switch (RequestContext.Get(ContextKey))
        {
            case long id when Open.TryGetValue(id, out var tracker):
                tracker.Add(sent, answered);
                break;
            case long[] ids:
                var queued = RequestContext.Get(QueuedKey) as long[];
                for (var i = 0; i < ids.Length; i++)
                {
                    if (Open.TryGetValue(ids[i], out var shared))
                    {
                        // Counted from when that request queued its part: waiting for the write ahead of it is contention, not a round trip.
                        shared.Add(queued is { } q && i < q.Length ? Math.Min(sent, q[i]) : sent, answered);
                    }
                }

                break;
        }
    }

    /// <summary>The scope of the current flow (the API request it serves), or null when none is open or the depth is not collected.</summary>
    public static long? CurrentScope => StorageMetrics.DepthEnabled && RequestContext.Get(ContextKey) is long id ? id : null;

    /// <summary>The timestamp to give <see cref="SendFor"/> for a part queued now (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static long Now() => Stopwatch.GetTimestamp();

    /// <summary>
    /// For a group-committed write that several API requests await (a reporter's receipts, <c>ReportReceiptsGrain</c>): the
    /// current flow's storage requests from now on count for each of <paramref name="parts"/>' scopes (their
    /// <see cref="CurrentScope"/> when they queued), not for the request whose call happened to start the writer — which does
    /// not wait for the later writes of the queue — and each as if sent when that request queued its part (<see cref="Now"/>
    /// then): a part that waited for the write ahead of it waited on contention for one grain's row, as a request waits in the
    /// storage service's own queue, not on a round trip of its own command (docs/storage-requests.md "How the depth is
    /// measured"). Call it in the writer's own flow before each write.
    /// </summary>
    public static void SendFor(IEnumerable<(long? Scope, long QueuedAt)> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (!StorageMetrics.DepthEnabled && RequestContext.Get(ContextKey) is null)
        {
            return;
        }

        var kept = parts.Where(p => p.Scope is not null).GroupBy(p => p.Scope!.Value).Select(g => (Id: g.Key, QueuedAt: g.Min(p => p.QueuedAt))).ToArray();
        if (kept.Length == 0)
        {
            RequestContext.Remove(ContextKey);
            RequestContext.Remove(QueuedKey);
        }
        else
        {
            RequestContext.Set(ContextKey, kept.Select(k => k.Id).ToArray());
            RequestContext.Set(QueuedKey, kept.Select(k => k.QueuedAt).ToArray());
        }
    }

    /// <summary>The scope returned by <see cref="Begin"/>; disposing it records the request's depth and stops tracking.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly long _id;
        private readonly Tracker? _tracker;

        internal Scope(long id, Tracker tracker)
        {
            _id = id;
            _tracker = tracker;
        }

        /// <summary>Records the depth of the critical requests seen since <see cref="Begin"/>; nothing when there were none (an API request that sent no critical request, e.g. on the embedded default).</summary>
        public void Dispose()
        {
            if (_tracker is null)
            {
                return;
            }

            Open.TryRemove(_id, out _);
            RequestContext.Remove(ContextKey);
            if (_tracker.Take() is { Count: > 0 } requests)
            {
                StorageMetrics.Depth(Measure(requests));
            }
        }
    }

    /// <summary>The finished critical requests of one scope.</summary>
    internal sealed class Tracker
    {
        private readonly Lock _gate = new();
        private readonly List<(long, long)> _requests = [];

        public void Add(long sent, long answered)
        {
            lock (_gate)
            {
                _requests.Add((sent, answered));
            }
        }

        public List<(long Sent, long Answered)> Take()
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }
}
