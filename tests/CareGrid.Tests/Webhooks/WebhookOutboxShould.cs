using CareGrid.Grains.Events;
using CareGrid.Grains.Webhooks;

namespace CareGrid.Tests.Webhooks;

/// <summary>
/// The outbox's rules without a silo (docs/webhooks.md "Ordering, retries and de-duplication"): queued once, per case in order,
/// a failing case holding back only itself, back-off, give-up into the dead letters, replay, and every list capped.
/// </summary>
[Trait("tier", "domain")]
public sealed class WebhookOutboxShould
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly WebhookAttempt Ok = new(204, null, 3);
    private static readonly WebhookAttempt Down = new(0, "connection", 1);

    [Fact]
    public void Queue_only_subscribed_kinds_and_each_event_once()
    {
        var state = Outbox(CareEventKind.CaseEscalated, CareEventKind.CaseClosed);
        var events = new[] { Event("c1", 1, CareEventKind.CaseEscalated), Event("c1", 2, CareEventKind.CaseAssigned), Event("c1", 3, CareEventKind.CaseClosed) };

        Assert.Equal(2, WebhookOutbox.Enqueue(state, events, T0));
        Assert.Equal(0, WebhookOutbox.Enqueue(state, events, T0.AddSeconds(1)));
        Assert.Equal(["c1.1", "c1.3"], state.Pending.Select(p => p.Event.Id));

        Deliver(state, T0.AddSeconds(2));
        Assert.Empty(state.Pending);
        Assert.Equal(0, WebhookOutbox.Enqueue(state, [events[0]], T0.AddSeconds(3)));
    }

    /// <summary>The outbox takes events while an attempt is under way; a head no longer waiting (nor dead) only gets its log line.</summary>
    [Fact]
    public void Record_an_attempt_at_an_entry_removed_meanwhile_without_throwing()
    {
        var state = Outbox(CareEventKind.CaseEscalated);
        WebhookOutbox.Enqueue(state, [Event("a", 1), Event("b", 1)], T0);
        var head = WebhookOutbox.DueHeads(state, T0)[0];
        state.Pending.Remove(head);

        Assert.Equal(DeliveryOutcome.Delivered, WebhookOutbox.Record(state, head, Ok, T0, jitter: 0));
        Assert.Equal(["b.1"], state.Pending.Select(p => p.Event.Id));
        Assert.Equal(("a.1", DeliveryOutcome.Delivered), (Assert.Single(state.Log).EventId, state.Log[0].Outcome));
    }

    /// <summary>
    /// The outbox fills while its oldest event is being attempted: before the fix that event was given up (dead letter, a
    /// replay would send it again) although the receiver then took it. The next oldest is given up instead, and the attempt
    /// that succeeds delivers the event in flight.
    /// </summary>
    [Fact]
    public void Give_up_the_next_oldest_when_the_outbox_fills_during_an_attempt_and_deliver_the_event_in_flight()
    {
        var state = Outbox(CareEventKind.CaseEscalated);
        WebhookOutbox.Enqueue(state, [.. Enumerable.Range(0, WebhookLimits.Pending).Select(i => Event("case-" + i, 1))], T0);
        var head = WebhookOutbox.DueHeads(state, T0)[0];
        Assert.Equal("case-0.1", head.Event.Id);

        WebhookOutbox.Enqueue(state, [Event("late", 1)], T0.AddSeconds(1), attempting: head.Event.Id);

        Assert.Equal("case-1.1", Assert.Single(state.DeadLetters).Event.Id);
        Assert.Equal(DeliveryOutcome.Delivered, WebhookOutbox.Record(state, head, Ok, T0, jitter: 0));
        Assert.Equal("case-0.1", Assert.Single(state.Delivered).Event.Id);
        Assert.DoesNotContain(state.Pending, p => p.Event.Id == "case-0.1");
        Assert.Equal(WebhookLimits.Pending - 1, state.Pending.Count);
    }

    /// <summary>An attempt that succeeds at an event already in the dead letters (given up meanwhile) moves it to the delivered ones.</summary>
    [Fact]
    public void Move_an_event_given_up_meanwhile_to_the_delivered_ones_when_its_attempt_succeeds()
    {
        var state = Outbox(CareEventKind.CaseEscalated);
        WebhookOutbox.Enqueue(state, [Event("a", 1)], T0);
        var head = WebhookOutbox.DueHeads(state, T0)[0];
        state.Pending.Remove(head);
        state.DeadLetters.Add(head with { FinishedAt = T0 });

        Assert.Equal(DeliveryOutcome.Delivered, WebhookOutbox.Record(state, head, Ok, T0.AddSeconds(2), jitter: 0));
        Assert.Empty(state.DeadLetters);
        Assert.Equal(("a.1", 1), (Assert.Single(state.Delivered).Event.Id, state.Delivered[0].Attempts));
    }

    [Fact]
    public void Deliver_each_case_in_order_while_a_failing_case_holds_back_only_itself()
    {
        var state = Outbox(CareEventKind.CaseEscalated);
        WebhookOutbox.Enqueue(state, [Event("a", 1), Event("a", 2), Event("b", 1)], T0);

        var heads = WebhookOutbox.DueHeads(state, T0);
        Assert.Equal(["a.1", "b.1"], heads.Select(h => h.Event.Id));

        Assert.Equal(DeliveryOutcome.Failed, WebhookOutbox.Record(state, heads[0], Down, T0, jitter: 0));
        Assert.Equal(DeliveryOutcome.Delivered, WebhookOutbox.Record(state, heads[1], Ok, T0, jitter: 0));

        Assert.Empty(WebhookOutbox.DueHeads(state, T0.AddSeconds(4)));
        Assert.Equal(T0.AddSeconds(5), WebhookOutbox.NextDue(state));
        var retry = Assert.Single(WebhookOutbox.DueHeads(state, T0.AddSeconds(5)));
        Assert.Equal("a.1", retry.Event.Id);
        WebhookOutbox.Record(state, retry, Ok, T0.AddSeconds(5), 0);
        Assert.Equal("a.2", Assert.Single(WebhookOutbox.DueHeads(state, T0.AddSeconds(5))).Event.Id);
    }

    [Fact]
    public void Give_up_after_the_horizon_into_the_dead_letters_and_let_the_case_move_on()
    {
        var state = Outbox(CareEventKind.CaseEscalated);
        WebhookOutbox.Enqueue(state, [Event("a", 1), Event("a", 2)], T0);
        var at = T0;
        var outcomes = new List<DeliveryOutcome>();
        while (state.Pending.Count == 2)
        {
            var head = WebhookOutbox.DueHeads(state, at).Single();
            outcomes.Add(WebhookOutbox.Record(state, head, new WebhookAttempt(503, null, 2), at, 0));
            at = WebhookOutbox.NextDue(state)!.Value;
        }

        Assert.Equal(DeliveryOutcome.GaveUp, outcomes[^1]);
        Assert.All(outcomes[..^1], o => Assert.Equal(DeliveryOutcome.Failed, o));
        Assert.InRange(outcomes.Count, 30, 40); // 5 s doubling to 1 h, then hourly, for 24 h
        var dead = Assert.Single(state.DeadLetters);
        Assert.Equal("a.1", dead.Event.Id);
        Assert.Equal(503, dead.LastStatus);
        Assert.Equal("a.2", Assert.Single(state.Pending).Event.Id);
        Assert.Equal(DeliveryOutcome.GaveUp, state.Log[^1].Outcome);
    }

    [Fact]
    public void Replay_a_dead_letter_or_a_delivered_event_once_and_refuse_an_unknown_one()
    {
        var state = Outbox(CareEventKind.CaseEscalated);
        WebhookOutbox.Enqueue(state, [Event("a", 1)], T0);
        Deliver(state, T0);

        var replay = WebhookOutbox.Replay(state, "a.1", T0.AddMinutes(1));
        Assert.NotNull(replay);
        Assert.True(replay.Replay);
        Assert.Same(replay, WebhookOutbox.Replay(state, "a.1", T0.AddMinutes(2)));
        Assert.Single(state.Pending);
        Assert.Null(WebhookOutbox.Replay(state, "a.9", T0));

        state.Pending.Clear();
        state.DeadLetters.Add(new OutboxEntry { Event = Event("b", 1), Attempts = 30 });
        Assert.NotNull(WebhookOutbox.Replay(state, "b.1", T0));
        Assert.Empty(state.DeadLetters);
        Assert.Equal(0, Assert.Single(state.Pending).Attempts);
    }

    [Fact]
    public void Keep_every_list_capped_and_give_up_the_oldest_when_the_outbox_is_full()
    {
        var state = Outbox(CareEventKind.CaseEscalated);
        var events = Enumerable.Range(1, WebhookLimits.Pending + 5).Select(i => Event("case-" + i, 1)).ToList();

        WebhookOutbox.Enqueue(state, events, T0);

        Assert.Equal(WebhookLimits.Pending, state.Pending.Count);
        Assert.Equal(5, state.DeadLetters.Count);
        Assert.Equal(5, state.Overflowed);
        Assert.Equal("case-1.1", state.DeadLetters[0].Event.Id);
        Assert.All(state.Log, l => Assert.Equal("outbox-full", l.Error));

        var more = Enumerable.Range(1, WebhookLimits.Watermarks + 500).Select(i => Event("other-" + i, 1)).ToList();
        foreach (var chunk in more.Chunk(100))
        {
            WebhookOutbox.Enqueue(state, chunk, T0);
        }

        Assert.Equal(WebhookLimits.Pending, state.Pending.Count);
        Assert.Equal(WebhookLimits.DeadLetters, state.DeadLetters.Count);
        Assert.Equal(WebhookLimits.LogLines, state.Log.Count);
        Assert.True(state.Watermarks.Count <= WebhookLimits.Watermarks + 100, $"{state.Watermarks.Count} watermarks");
        Deliver(state, T0);
        Assert.Equal(WebhookLimits.Delivered, state.Delivered.Count);
    }

    private static OutboxState Outbox(params CareEventKind[] kinds) => new()
    {
        Endpoint = new WebhookEndpoint { Id = "wh-000000000001", Url = "https://hooks.example.org/", Kinds = kinds },
        Secrets = new WebhookSecrets { SealedCurrent = WebhookSecretSeal.Seal(WebhookSecretKeyRing.ForProcess(), WebhookSecret.Generate(), "t/wh-000000000001") },
    };

    private static CareEvent Event(string caseId, long sequence, CareEventKind kind = CareEventKind.CaseEscalated) =>
        new($"{caseId}.{sequence}", "t", kind, caseId, sequence, T0);

    private static void Deliver(OutboxState state, DateTimeOffset at)
    {
        while (WebhookOutbox.DueHeads(state, at) is [var head, ..])
        {
            WebhookOutbox.Record(state, head, Ok, at, 0);
        }
    }
}
