using CareGrid.Grains.Errors;
using CareGrid.Grains.Events;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace CareGrid.Grains.Webhooks;

/// <summary>
/// One webhook endpoint of a tenant and its durable outbox (docs/webhooks.md): settings and secrets, the events waiting, the
/// delivery log, replay. Key: <c>"{tenant}/{webhookId}"</c>. Events are written to storage before <see cref="Enqueue"/> returns,
/// so a queued delivery survives a silo's loss; a grain timer delivers them soon after, and a reminder
/// (<see cref="WebhookOutboxGrain.ReminderName"/>, every minute while events wait) wakes the outbox again on any silo after a restart.
/// The signing secrets are stored sealed under the silo's <see cref="WebhookSecretKeyRing"/> (docs/webhooks.md "Secrets").
/// </summary>
public interface IWebhookOutboxGrain : ITenantScopedGrain
{
    /// <summary>The grain key of endpoint <paramref name="webhookId"/> of <paramref name="tenantId"/>.</summary>
    static string KeyOf(string tenantId, string webhookId) => TenantIds.Key(tenantId, webhookId);

    /// <summary>Sets up a new endpoint with a new secret; answers the endpoint and the secret (shown once).</summary>
    Task<WebhookWithSecret> Configure(WebhookEndpoint endpoint);

    /// <summary>Turns the endpoint on or off and/or sets its kinds (already checked). Errors: <see cref="ErrorCodes.NotFound"/>.</summary>
    Task<WebhookView> Update(bool? enabled, IReadOnlyList<CareEventKind>? kinds);

    /// <summary>
    /// Makes a new secret; the old one still signs for <paramref name="overlap"/> (0 to 7 days), so a receiver can switch without
    /// losing a message. Errors: <see cref="ErrorCodes.NotFound"/>, <see cref="ErrorCodes.ValidationFailed"/> (field <c>overlapHours</c>).
    /// </summary>
    Task<WebhookWithSecret> RotateSecret(TimeSpan overlap);

    /// <summary>
    /// Queues the events not seen before (<see cref="WebhookOutbox.Enqueue"/>), stored before it returns; answers how many were queued.
    /// Interleaves: every case command waits for it (docs/events.md), so it must never wait for a delivery round to a slow
    /// receiver (up to <see cref="WebhookLimits.AttemptsPerRound"/> attempts of up to <c>Webhooks:TimeoutSeconds</c>); it waits only
    /// for the outbox's in-grain write gate, held while the state changes and is written, never while a delivery is sent
    /// (docs/webhooks.md "Ordering, retries and de-duplication").
    /// </summary>
    [AlwaysInterleave]
    Task<int> Enqueue(IReadOnlyList<CareEvent> events);

    /// <summary>Attempts every delivery due now on the domain clock (up to <see cref="WebhookLimits.AttemptsPerRound"/>); answers how many were attempted.</summary>
    Task<int> DeliverDue();

    /// <summary>The endpoint's settings and figures. Errors: <see cref="ErrorCodes.NotFound"/>.</summary>
    Task<WebhookView> View();

    /// <summary>The newest <paramref name="first"/> lines of the delivery log (1–200), newest first.</summary>
    Task<IReadOnlyList<DeliveryLogEntry>> Deliveries(int first);

    /// <summary>The events given up (kept for replay), newest first.</summary>
    Task<IReadOnlyList<OutboxEntry>> DeadLetters();

    /// <summary>Queues a past event again (<see cref="WebhookOutbox.Replay"/>). Errors: <see cref="ErrorCodes.NotFound"/> (entity <c>WebhookEvent</c>: not kept).</summary>
    Task<OutboxEntry> Replay(string eventId);

    /// <summary>Erases the endpoint, its outbox and its log.</summary>
    Task Delete();
}

/// <summary>An endpoint's outbox (see <see cref="IWebhookOutboxGrain"/>).</summary>
[GrainType("webhook-outbox")]
public sealed class WebhookOutboxGrain(
    [PersistentState("webhookOutbox", StorageNames.Default)] IPersistentState<OutboxState> state,
    IWebhookSender sender,
    WebhookSecretKeyRing keys,
    ILogger<WebhookOutboxGrain> logger,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IWebhookOutboxGrain, IRemindable
{
    /// <summary>The reminder that wakes an outbox with waiting events (also after a restart).</summary>
    public const string ReminderName = "webhook-outbox";

    /// <summary>The reminder's period (Orleans' shortest).</summary>
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    /// <summary>Consecutive failures after which one wake-up stops (the receiver is likely down; the back-off schedules the rest).</summary>
    public const int FailuresPerRound = 3;

    /// <summary>
    /// Serializes every change of the state with its write and the rescheduling: <see cref="Enqueue"/> interleaves with the other
    /// calls, which hold this gate from their first change to their last write, and a delivery round holds it only to record an
    /// attempt (never while it sends), so writes never overlap (one ETag) and the reminder's on/off follows the state written last.
    /// </summary>
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// The id of the event whose delivery is being sent (outside <see cref="_gate"/>), or null: an <see cref="Enqueue"/> that
    /// fills the outbox meanwhile gives up another event, never this one, which the receiver may yet accept.
    /// </summary>
    private string? _attempting;

    private IGrainTimer? _timer;
    private bool? _reminderOn;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        await ScheduleAsync();
    }

    /// <inheritdoc />
    public Task<WebhookWithSecret> Configure(WebhookEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return Gated(() => ConfigureAsync(endpoint));
    }

    private async Task<WebhookWithSecret> ConfigureAsync(WebhookEndpoint endpoint)
    {
        if (state.State.Endpoint is not null)
        {
            throw new CareGridException(ErrorCodes.AlreadyExists, $"Webhook '{endpoint.Id}' already exists.");
        }

        var secret = WebhookSecret.Generate();
        state.State = new OutboxState
        {
            Endpoint = endpoint,
            Secrets = new WebhookSecrets { SealedCurrent = WebhookSecretSeal.Seal(keys, secret, EndpointKey), CreatedAt = clock.GetUtcNow() },
        };
        await SaveAsync();
        return new WebhookWithSecret(ViewOf(), secret);
    }

    /// <inheritdoc />
    public Task<WebhookView> Update(bool? enabled, IReadOnlyList<CareEventKind>? kinds) => Gated(async () =>
    {
        var endpoint = Existing();
        state.State.Endpoint = endpoint with { Enabled = enabled ?? endpoint.Enabled, Kinds = kinds is null ? endpoint.Kinds : [.. kinds] };
        await SaveAsync();
        await ScheduleAsync();
        return ViewOf();
    });

    /// <inheritdoc />
    public Task<WebhookWithSecret> RotateSecret(TimeSpan overlap) => Gated(() => RotateAsync(overlap));

    private async Task<WebhookWithSecret> RotateAsync(TimeSpan overlap)
    {
        Existing();
        if (overlap < TimeSpan.Zero || overlap > WebhookLimits.MaxOverlap)
        {
            throw CareGridException.Validation("overlapHours", $"overlapHours must be 0–{WebhookLimits.MaxOverlap.TotalHours:0} (default {WebhookLimits.DefaultOverlap.TotalHours:0}).");
        }

        var now = clock.GetUtcNow();
        var secret = WebhookSecret.Generate();
        // The old secret moves on sealed, without being opened (a stored plain one of an old state is sealed now).
        state.State.Secrets = new WebhookSecrets
        {
            SealedCurrent = WebhookSecretSeal.Seal(keys, secret, EndpointKey),
            SealedPrevious = overlap > TimeSpan.Zero ? WebhookSecretSeal.CurrentSealed(state.State.Secrets, keys, EndpointKey) : null,
            PreviousUntil = overlap > TimeSpan.Zero ? now + overlap : null,
            CreatedAt = now,
        };
        await SaveAsync();
        return new WebhookWithSecret(ViewOf(), secret);
    }

    /// <inheritdoc />
    public Task<int> Enqueue(IReadOnlyList<CareEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return Gated(async () =>
        {
            if (state.State.Endpoint is not { Enabled: true })
            {
                return 0;
            }

            var added = WebhookOutbox.Enqueue(state.State, events, clock.GetUtcNow(), _attempting);
            if (added > 0)
            {
                await SaveAsync();
                await ScheduleAsync();
            }

            return added;
        });
    }

    /// <inheritdoc />
    public async Task<int> DeliverDue()
    {
        var attempts = 0;
        var failuresInRow = 0;
        while (attempts < WebhookLimits.AttemptsPerRound && failuresInRow < FailuresPerRound && state.State.Endpoint is { Enabled: true } endpoint)
        {
            var now = clock.GetUtcNow();
            if (WebhookOutbox.DueHeads(state.State, now) is not [var head, ..])
            {
                break;
            }

            // Sent outside the gate: events queued meanwhile (Enqueue interleaves) are stored at once and seen by the next
            // iteration; an outbox filled meanwhile gives up another event than the head until its outcome is recorded.
            _attempting = head.Event.Id;
            var attempt = await SendAsync(endpoint, head, now);
            await Gated(async () =>
            {
                WebhookOutbox.Record(state.State, head, attempt, now, Random.Shared.NextDouble());
                _attempting = null;
                await SaveAsync();
                return true;
            });
            attempts++;
            failuresInRow = attempt.IsSuccess ? 0 : failuresInRow + 1;
        }

        await Gated(async () =>
        {
            await ScheduleAsync();
            return true;
        });
        return attempts;
    }

    /// <inheritdoc />
    public Task<WebhookView> View()
    {
        Existing();
        return Task.FromResult(ViewOf());
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeliveryLogEntry>> Deliveries(int first)
    {
        Existing();
        if (first is < 1 or > WebhookLimits.LogLines)
        {
            throw CareGridException.Validation("first", $"first must be 1–{WebhookLimits.LogLines}.");
        }

        return Task.FromResult<IReadOnlyList<DeliveryLogEntry>>([.. Enumerable.Reverse(state.State.Log).Take(first)]);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxEntry>> DeadLetters()
    {
        Existing();
        return Task.FromResult<IReadOnlyList<OutboxEntry>>([.. Enumerable.Reverse(state.State.DeadLetters)]);
    }

    /// <inheritdoc />
    public Task<OutboxEntry> Replay(string eventId) => Gated(async () =>
    {
        Existing();
        var entry = WebhookOutbox.Replay(state.State, eventId ?? "", clock.GetUtcNow())
            ?? throw CareGridException.NotFound("WebhookEvent", eventId is { Length: > 64 } ? eventId[..64] : eventId ?? "");
        await SaveAsync();
        await ScheduleAsync();
        return entry;
    });

    /// <inheritdoc />
    public Task Delete() => Gated(async () =>
    {
        await DeleteAsync();
        return true;
    });

    private async Task DeleteAsync()
    {
        await state.ClearStateAsync();
        state.State = new OutboxState();
        _timer?.Dispose();
        _timer = null;
        // Asks the reminder service, not this activation's memory: a reminder registered by an earlier activation (another
        // silo, before a restart) or whose registration this one never saw confirmed must go too (docs/webhooks.md).
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _reminderOn = false;
        DeactivateOnIdle();
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) => DeliverDue();

    private async Task<WebhookAttempt> SendAsync(WebhookEndpoint endpoint, OutboxEntry entry, DateTimeOffset now)
    {
        var id = WebhookPayload.MessageId(entry.Event);
        var body = WebhookPayload.Body(entry.Event, entry.Replay);
        var timestamp = now.ToUnixTimeSeconds();
        string signature;
        try
        {
            signature = WebhookSignature.Header(WebhookSecretSeal.SigningAt(state.State.Secrets, now, keys, EndpointKey), id, timestamp, body);
        }
        catch (WebhookSecretUnreadableException ex)
        {
            // Nothing is sent: a delivery signed with anything but the endpoint's secret would be refused, or worse, trusted.
            logger.LogError(ex, "Webhook {Webhook}: the signing secret does not open ({Reason}, key {KeyId}); delivery of {Event} not sent", endpoint.Id, ex.Reason, ex.KeyId, entry.Event.Id);
            return new WebhookAttempt(0, WebhookSecretSeal.UnreadableError, 0);
        }

        try
        {
            return await sender.SendAsync(new Uri(endpoint.Url), id, timestamp, signature, body, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "Webhook {Webhook} delivery of {Event} failed unexpectedly", endpoint.Id, entry.Event.Id);
            return new WebhookAttempt(0, "connection", 0);
        }
    }

    /// <summary>
    /// Wakes the outbox when its next delivery is due: a grain timer (0–60 s of real time; the domain clock decides what is due)
    /// while the endpoint is on and events wait, and the reminder as the durable back-stop; both go when nothing waits.
    /// </summary>
    private async Task ScheduleAsync()
    {
        var waiting = state.State.Endpoint is { Enabled: true } && state.State.Pending.Count > 0;
        if (!waiting)
        {
            _timer?.Dispose();
            _timer = null;
            await ReminderAsync(state.State.Pending.Count > 0);
            return;
        }

        var wait = (WebhookOutbox.NextDue(state.State) ?? clock.GetUtcNow()) - clock.GetUtcNow();
        var due = wait <= TimeSpan.Zero ? TimeSpan.Zero : wait > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : wait;
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(static (grain, _) => grain.DeliverDue(), this,
                new GrainTimerCreationOptions { DueTime = due, Period = Timeout.InfiniteTimeSpan, Interleave = false, KeepAlive = false });
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }

        await ReminderAsync(true);
    }

    private async Task ReminderAsync(bool on)
    {
        if (_reminderOn == on)
        {
            return;
        }

        if (on)
        {
            await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
        }
        else if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _reminderOn = on;
    }

    /// <summary>Runs <paramref name="body"/> holding <see cref="_gate"/> (released also when it throws).</summary>
    private async Task<T> Gated<T>(Func<Task<T>> body)
    {
        await _gate.WaitAsync();
        try
        {
            return await body();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The endpoint's grain key, <c>{tenant}/{webhookId}</c>: the associated data that binds its sealed secrets to it.</summary>
    private string EndpointKey => this.GetPrimaryKeyString();

    /// <summary>Writes the state with its secrets sealed under the current key (<see cref="WebhookSecretSeal.ForWrite"/>): never a plain secret.</summary>
    private Task SaveAsync()
    {
        state.State.Secrets = WebhookSecretSeal.ForWrite(state.State.Secrets, keys, EndpointKey);
        return state.CommitAsync();
    }

    private WebhookEndpoint Existing() =>
        state.State.Endpoint ?? throw CareGridException.NotFound("Webhook", TenantIds.LocalOf(this.GetPrimaryKeyString()));

    private WebhookView ViewOf() => new()
    {
        Endpoint = state.State.Endpoint!,
        Pending = state.State.Pending.Count,
        DeadLetters = state.State.DeadLetters.Count,
        SecretCreatedAt = state.State.Secrets.CreatedAt,
        PreviousSecretUntil = state.State.Secrets.PreviousSignsAt(clock.GetUtcNow()) ? state.State.Secrets.PreviousUntil : null,
    };
}
