using System.Security.Cryptography;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Events;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace CareGrid.Grains.Webhooks;

/// <summary>
/// A tenant's webhook endpoints (docs/webhooks.md): registration, settings, rotation and deletion (the API allows them to the
/// TenantAdmin only), and the routing of the case grain's events to each enabled endpoint's outbox. Key: <c>"{tenant}/webhooks"</c>.
/// </summary>
public interface IWebhookRegistryGrain : ITenantScopedGrain
{
    /// <summary>The grain key of <paramref name="tenantId"/>'s registry.</summary>
    static string KeyOf(string tenantId) => TenantIds.Key(tenantId, "webhooks");

    /// <summary>
    /// Registers an endpoint and makes its secret (shown in this answer only). Errors: <see cref="ErrorCodes.ValidationFailed"/>
    /// (field <c>url</c> with a <c>rule</c>, <see cref="WebhookUrlRules"/>; field <c>kinds</c> when empty), <see cref="ErrorCodes.WebhookLimit"/>.
    /// </summary>
    Task<WebhookWithSecret> Register(string url, IReadOnlyList<CareEventKind> kinds, Actor actor);

    /// <summary>
    /// Every endpoint, in registration order. Asks every endpoint's outbox for its view, so it takes as long as the slowest
    /// delivery in progress (up to <c>Webhooks:TimeoutSeconds</c>); read-only, so <see cref="Dispatch"/> is never queued behind it.
    /// </summary>
    [ReadOnly]
    Task<IReadOnlyList<WebhookView>> List();

    /// <summary>Turns an endpoint on or off and/or changes its kinds. Errors: <see cref="ErrorCodes.NotFound"/>, <see cref="ErrorCodes.ValidationFailed"/> (kinds).</summary>
    Task<WebhookView> Update(string id, bool? enabled, IReadOnlyList<CareEventKind>? kinds);

    /// <summary>Deletes an endpoint with its outbox and log. Errors: <see cref="ErrorCodes.NotFound"/>.</summary>
    Task Delete(string id);

    /// <summary>
    /// Erases every endpoint (URL, secrets, waiting events, dead letters, delivery log, reminder) and then the registry itself
    /// (tenant deletion, <c>TenantPurge</c>; docs/webhooks.md "Tenant deletion"). Idempotent.
    /// </summary>
    Task Purge();

    /// <summary>
    /// Hands <paramref name="events"/> (one case's, ascending) to the outbox of every enabled endpoint subscribed to any of their
    /// kinds. Interleaves: every case command awaits it before it answers (docs/events.md), so it never waits for a list or a
    /// settings change of the registry that is waiting for a slow outbox (round 18 red team's suspect list; docs/webhooks.md
    /// "Ordering, retries and de-duplication"). It reads the routes in one step and changes nothing of the registry.
    /// </summary>
    [AlwaysInterleave]
    Task Dispatch(IReadOnlyList<CareEvent> events);
}

/// <summary>How events reach one endpoint: its id, kinds and whether it is on.</summary>
[GenerateSerializer, Alias("CareGrid.Webhooks.WebhookRoute")]
public sealed record WebhookRoute(
    [property: Id(0)] string Id,
    [property: Id(1)] IReadOnlyList<CareEventKind> Kinds,
    [property: Id(2)] bool Enabled);

/// <summary>Persisted state of a <see cref="WebhookRegistryGrain"/> (state name <c>webhookRegistry</c>).</summary>
[GenerateSerializer, Alias("CareGrid.Webhooks.WebhookRegistryState")]
public sealed class WebhookRegistryState
{
    /// <summary>The endpoints' routes, in registration order (at most <see cref="WebhookLimits.EndpointsPerTenant"/>).</summary>
    [Id(0)] public List<WebhookRoute> Routes { get; set; } = [];
}

/// <summary>A tenant's webhook registry (see <see cref="IWebhookRegistryGrain"/>).</summary>
[GrainType("webhook-registry")]
public sealed class WebhookRegistryGrain(
    [PersistentState("webhookRegistry", StorageNames.Default)] IPersistentState<WebhookRegistryState> state,
    IOptions<WebhookOptions> options,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IWebhookRegistryGrain
{
    private const string IdAlphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    /// <inheritdoc />
    public async Task<WebhookWithSecret> Register(string url, IReadOnlyList<CareEventKind> kinds, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var uri = WebhookUrlRules.Check(url, WebhookAddressPolicy.From(options.Value));
        var checkedKinds = CheckKinds(kinds);
        if (state.State.Routes.Count >= WebhookLimits.EndpointsPerTenant)
        {
            throw new CareGridException(ErrorCodes.WebhookLimit,
                $"This tenant already has {WebhookLimits.EndpointsPerTenant} webhooks, the most it keeps; delete one (deleteWebhook) first.",
                new Dictionary<string, string> { ["limit"] = WebhookLimits.EndpointsPerTenant.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        var id = "wh-" + RandomNumberGenerator.GetString(IdAlphabet, 12);
        var endpoint = new WebhookEndpoint
        {
            Id = id, Url = uri.AbsoluteUri, Kinds = checkedKinds, Enabled = true, CreatedAt = clock.GetUtcNow(), CreatedBy = actor.Subject,
        };
        var created = await Outbox(id).Configure(endpoint);
        state.State.Routes.Add(new WebhookRoute(id, checkedKinds, true));
        await state.CommitAsync();
        return created;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookView>> List() =>
        await Task.WhenAll(state.State.Routes.Select(r => Outbox(r.Id).View()));

    /// <inheritdoc />
    public async Task<WebhookView> Update(string id, bool? enabled, IReadOnlyList<CareEventKind>? kinds)
    {
        var at = IndexOf(id);
        var checkedKinds = kinds is null ? null : CheckKinds(kinds);
        var view = await Outbox(id).Update(enabled, checkedKinds);
        state.State.Routes[at] = new WebhookRoute(id, view.Endpoint.Kinds, view.Endpoint.Enabled);
        await state.CommitAsync();
        return view;
    }

    /// <inheritdoc />
    public async Task Delete(string id)
    {
        IndexOf(id);
        // The outbox goes first: should this call fail half-way, the route still names the outbox, so a retry or the
        // tenant's purge finds and erases it (docs/webhooks.md "Tenant deletion").
        await Outbox(id).Delete();
        state.State.Routes.RemoveAt(IndexOf(id));
        await state.CommitAsync();
    }

    /// <inheritdoc />
    public async Task Purge()
    {
        foreach (var route in state.State.Routes.ToList())
        {
            await Outbox(route.Id).Delete();
        }

        await state.ClearStateAsync();
        state.State = new WebhookRegistryState();
        DeactivateOnIdle();
    }

    /// <inheritdoc />
    public Task Dispatch(IReadOnlyList<CareEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var targets = state.State.Routes.Where(r => r.Enabled && events.Any(e => r.Kinds.Contains(e.Kind))).ToList();
        return targets.Count == 0 ? Task.CompletedTask : Task.WhenAll(targets.Select(r => Outbox(r.Id).Enqueue(events)));
    }

    private int IndexOf(string id)
    {
        var at = state.State.Routes.FindIndex(r => r.Id == id);
        return at >= 0 ? at : throw CareGridException.NotFound("Webhook", id is { Length: > 64 } ? id[..64] : id ?? "");
    }

    private static List<CareEventKind> CheckKinds(IReadOnlyList<CareEventKind>? kinds)
    {
        if (kinds is null || kinds.Count == 0 || kinds.Any(k => !Enum.IsDefined(k)))
        {
            throw CareGridException.Validation("kinds", "kinds must name at least one event kind, e.g. [CASE_ESCALATED, TASK_OVERDUE].");
        }

        return [.. kinds.Distinct().Order()];
    }

    private IWebhookOutboxGrain Outbox(string id) =>
        GrainFactory.GetGrain<IWebhookOutboxGrain>(IWebhookOutboxGrain.KeyOf(TenantIds.TenantOf(this.GetPrimaryKeyString()), id));
}
