using CareGrid.Grains.Events;

namespace CareGrid.Grains.Webhooks;

/// <summary>
/// The rules of an endpoint's outbox (docs/webhooks.md "Ordering, retries and de-duplication"), on <see cref="OutboxState"/>
/// without Orleans: events are queued once (by id and by the case's sequence watermark), delivered per case in the order
/// queued — a case's next event waits until the one before it was delivered or given up — retried after
/// <see cref="WebhookBackoff"/>, and given up after its horizon into the dead letters, which keep them for replay.
/// </summary>
public static class WebhookOutbox
{
    /// <summary>
    /// Queues the events of <paramref name="events"/> that the endpoint subscribes to and has not seen (same id, or a sequence at
    /// or below the case's watermark); returns how many were queued. When the outbox is full the oldest waiting event is given
    /// up (error <c>outbox-full</c>) to make room — never the one being attempted (<paramref name="attempting"/>), whose attempt
    /// the receiver may yet accept: the next oldest goes instead (docs/webhooks.md "Limits").
    /// </summary>
    /// <param name="state">The outbox.</param>
    /// <param name="events">The events handed over, in order.</param>
    /// <param name="now">The instant of queuing (UTC, the domain clock).</param>
    /// <param name="attempting">The id of the event whose delivery attempt is under way, or null.</param>
    public static int Enqueue(OutboxState state, IReadOnlyList<CareEvent> events, DateTimeOffset now, string? attempting = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(events);
        if (state.Endpoint is not { } endpoint)
        {
            return 0;
        }

        var added = 0;
        foreach (var e in events)
        {
            if (!endpoint.Kinds.Contains(e.Kind) || Seen(state, e))
            {
                continue;
            }

            state.Pending.Add(new OutboxEntry { Event = e, QueuedAt = now, NextAttemptAt = now });
            state.Watermarks[e.CaseId] = new CaseWatermark(e.Sequence, now);
            added++;
            if (state.Pending.Count > WebhookLimits.Pending)
            {
                var oldest = state.Pending.First(p => p.Event.Id != attempting);
                state.Overflowed++;
                GiveUp(state, oldest, now, new WebhookAttempt(0, "outbox-full", 0), countsAsAttempt: false);
            }
        }

        TrimWatermarks(state);
        return added;
    }

    /// <summary>
    /// The events to attempt now: each case's first waiting event whose next attempt is due at <paramref name="now"/>, earliest due
    /// first (then in queue order).
    /// </summary>
    public static IReadOnlyList<OutboxEntry> DueHeads(OutboxState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var heads = new List<(OutboxEntry Entry, int Index)>();
        for (var i = 0; i < state.Pending.Count; i++)
        {
            var entry = state.Pending[i];
            if (seen.Add(entry.Event.CaseId) && entry.NextAttemptAt <= now)
            {
                heads.Add((entry, i));
            }
        }

        return [.. heads.OrderBy(h => h.Entry.NextAttemptAt).ThenBy(h => h.Index).Select(h => h.Entry)];
    }

    /// <summary>The earliest next attempt among the cases' first waiting events, or null when nothing waits.</summary>
    public static DateTimeOffset? NextDue(OutboxState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        DateTimeOffset? next = null;
        foreach (var entry in state.Pending)
        {
            if (seen.Add(entry.Event.CaseId) && (next is null || entry.NextAttemptAt < next))
            {
                next = entry.NextAttemptAt;
            }
        }

        return next;
    }

    /// <summary>
    /// Records the outcome of an attempt at <paramref name="entry"/> that started at <paramref name="at"/>: a 2xx answer delivers it;
    /// anything else schedules the next attempt (<paramref name="jitter"/> in [0, 1), <see cref="WebhookBackoff.Delay"/>) or, past
    /// the horizon, gives it up. Returns the outcome. An entry no longer waiting (the outbox takes new events while an attempt is
    /// under way) gets its log line; when the attempt succeeded at an event given up meanwhile, the event also moves from the
    /// dead letters to the delivered ones, so it is neither reported dead nor sent again by a replay of the dead letter.
    /// </summary>
    public static DeliveryOutcome Record(OutboxState state, OutboxEntry entry, WebhookAttempt attempt, DateTimeOffset at, double jitter)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(attempt);
        var index = state.Pending.IndexOf(entry);
        if (index < 0)
        {
            var outcome = attempt.IsSuccess ? DeliveryOutcome.Delivered : DeliveryOutcome.Failed;
            var attempted = entry with { Attempts = entry.Attempts + 1, LastStatus = attempt.StatusCode };
            if (attempt.IsSuccess && state.DeadLetters.FindLastIndex(d => d.Event.Id == entry.Event.Id) is var dead and >= 0)
            {
                state.DeadLetters.RemoveAt(dead);
                AddCapped(state.Delivered, attempted with { FinishedAt = at }, WebhookLimits.Delivered);
            }

            Log(state, attempted, attempt, at, outcome);
            return outcome;
        }

        var tried = entry with { Attempts = entry.Attempts + 1, LastStatus = attempt.StatusCode };
        if (attempt.IsSuccess)
        {
            state.Pending.RemoveAt(index);
            AddCapped(state.Delivered, tried with { FinishedAt = at }, WebhookLimits.Delivered);
            Log(state, tried, attempt, at, DeliveryOutcome.Delivered);
            return DeliveryOutcome.Delivered;
        }

        if (WebhookBackoff.GivesUp(entry.QueuedAt, at))
        {
            state.Pending[index] = tried;
            GiveUp(state, tried, at, attempt, countsAsAttempt: true);
            return DeliveryOutcome.GaveUp;
        }

        state.Pending[index] = tried with { NextAttemptAt = at + WebhookBackoff.Delay(tried.Attempts, jitter) };
        Log(state, tried, attempt, at, DeliveryOutcome.Failed);
        return DeliveryOutcome.Failed;
    }

    /// <summary>
    /// Queues a past event again (a replay, flagged in the payload), after the case's waiting events: from the dead letters
    /// (taken out of them) or the delivered events kept. Returns the queued entry, the one already waiting when the event waits,
    /// or null when the event is not kept.
    /// </summary>
    public static OutboxEntry? Replay(OutboxState state, string eventId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Pending.FirstOrDefault(p => p.Event.Id == eventId) is { } waiting)
        {
            return waiting;
        }

        var dead = state.DeadLetters.FindLastIndex(d => d.Event.Id == eventId);
        var source = dead >= 0 ? state.DeadLetters[dead] : state.Delivered.LastOrDefault(d => d.Event.Id == eventId);
        if (source is null)
        {
            return null;
        }

        if (dead >= 0)
        {
            state.DeadLetters.RemoveAt(dead);
        }

        var entry = new OutboxEntry { Event = source.Event, QueuedAt = now, NextAttemptAt = now, Replay = true };
        state.Pending.Add(entry);
        return entry;
    }

    private static bool Seen(OutboxState state, CareEvent e) =>
        (state.Watermarks.TryGetValue(e.CaseId, out var mark) && e.Sequence <= mark.Sequence)
        || state.Pending.Exists(p => p.Event.Id == e.Id)
        || state.Delivered.Exists(p => p.Event.Id == e.Id)
        || state.DeadLetters.Exists(p => p.Event.Id == e.Id);

    private static void GiveUp(OutboxState state, OutboxEntry entry, DateTimeOffset at, WebhookAttempt attempt, bool countsAsAttempt)
    {
        state.Pending.Remove(entry);
        AddCapped(state.DeadLetters, entry with { FinishedAt = at }, WebhookLimits.DeadLetters);
        Log(state, entry, attempt, at, DeliveryOutcome.GaveUp, countsAsAttempt ? entry.Attempts : 0);
    }

    private static void Log(OutboxState state, OutboxEntry entry, WebhookAttempt attempt, DateTimeOffset at, DeliveryOutcome outcome, int? number = null) =>
        AddCapped(state.Log, new DeliveryLogEntry
        {
            At = at,
            EventId = entry.Event.Id,
            Attempt = number ?? entry.Attempts,
            StatusCode = attempt.StatusCode,
            DurationMs = attempt.DurationMs,
            Outcome = outcome,
            Error = attempt.Error,
        }, WebhookLimits.LogLines);

    private static void AddCapped<T>(List<T> list, T item, int cap)
    {
        list.Add(item);
        if (list.Count > cap)
        {
            list.RemoveRange(0, list.Count - cap);
        }
    }

    private static void TrimWatermarks(OutboxState state)
    {
        if (state.Watermarks.Count <= WebhookLimits.Watermarks)
        {
            return;
        }

        var waiting = state.Pending.Select(p => p.Event.CaseId).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in state.Watermarks.Where(w => !waiting.Contains(w.Key)).OrderBy(w => w.Value.TouchedAt)
                     .Take(state.Watermarks.Count - WebhookLimits.Watermarks).Select(w => w.Key).ToList())
        {
            state.Watermarks.Remove(stale);
        }
    }
}

/// <summary>What one delivery attempt got: the HTTP status (0 without an answer), why it failed without one, and how long it took.</summary>
/// <param name="StatusCode">The HTTP status code, or 0.</param>
/// <param name="Error">Null, or <c>timeout</c>, <c>connection</c>, <c>address-refused</c>, <c>redirect</c>, <c>outbox-full</c>.</param>
/// <param name="DurationMs">Wall time of the attempt in milliseconds.</param>
[GenerateSerializer, Alias("CareGrid.Webhooks.WebhookAttempt")]
public sealed record WebhookAttempt([property: Id(0)] int StatusCode, [property: Id(1)] string? Error, [property: Id(2)] long DurationMs)
{
    /// <summary>True for a 2xx answer.</summary>
    public bool IsSuccess => StatusCode is >= 200 and <= 299;
}
