using CareGrid.Grains.Events;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Webhooks;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// A tenant's signed webhooks (docs/webhooks.md), TenantAdmin only: register an endpoint (its secret shown once), list them,
/// turn one on or off or change its kinds, rotate its secret, delete it, read its delivery log and dead letters, and replay a
/// past event. Writes are audited as WRITE of the <c>Webhook</c>; the reads show settings, ids and status codes only.
/// </summary>
public sealed class WebhookFields(IGrainFactory grains) : ISchemaContributor
{
    private static readonly IReadOnlyList<string> Admin = [Roles.TenantAdmin];
    private const string SettingsOnly = "webhook settings and delivery figures: URLs, kinds, event ids and status codes; no case data";

    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookType>>>>("webhooks")
            .Description("The tenant's webhook endpoints, in registration order (TenantAdmin). Secrets are never shown here.")
            .AllowTenantRoles(Admin).AuditsNothing(SettingsOnly)
            .ResolveAsync(async ctx => await Registry(ctx).List());

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookDeliveryType>>>>("webhookDeliveries")
            .Description("The newest delivery attempts of one endpoint, newest first (TenantAdmin). first: 1–200 (default 50). Errors: NOT_FOUND, VALIDATION_FAILED (first).")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The endpoint's id (wh-…).")
            .Argument<IntGraphType>("first")
            .AllowTenantRoles(Admin).AuditsNothing(SettingsOnly)
            .ResolveAsync(async ctx => await Outbox(ctx).Deliveries(ctx.GetArgument<int?>("first") ?? 50));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookEventEntryType>>>>("webhookDeadLetters")
            .Description("The events one endpoint gave up after 24 hours of retries, newest first, kept for replayWebhookEvent (TenantAdmin). Errors: NOT_FOUND.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The endpoint's id (wh-…).")
            .AllowTenantRoles(Admin).AuditsNothing(SettingsOnly)
            .ResolveAsync(async ctx => await Outbox(ctx).DeadLetters());
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<WebhookSecretPayloadType>>("registerWebhook")
            .Description("Registers a webhook endpoint for the given event kinds and answers its signing secret, shown this once (TenantAdmin; docs/webhooks.md). "
                + "url: absolute https (plain http only to loopback on a development service); no user info, no private or link-local address. "
                + "Errors: VALIDATION_FAILED (field url with rule absolute|length|scheme|userinfo|fragment|address|loopback; field kinds), WEBHOOK_LIMIT (10 per tenant).")
            .Argument<NonNullGraphType<StringGraphType>>("url")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<EnumerationGraphType<CareEventKind>>>>>("kinds")
            .AllowTenantRoles(Admin).AuditsWrite("Webhook")
            .ResolveAsync(async ctx =>
            {
                var (_, actor) = ctx.TenantCaller();
                return await Registry(ctx).Register(ctx.GetArgument<string>("url"), ctx.GetArgument<List<CareEventKind>>("kinds"), actor);
            });

        mutation.Field<NonNullGraphType<WebhookType>>("updateWebhook")
            .Description("Turns a webhook on or off and/or sets its kinds (TenantAdmin). While off, new events are not queued and queued ones wait. Errors: NOT_FOUND, VALIDATION_FAILED (kinds).")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The endpoint's id (wh-…).")
            .Argument<BooleanGraphType>("enabled")
            .Argument<ListGraphType<NonNullGraphType<EnumerationGraphType<CareEventKind>>>>("kinds")
            .AllowTenantRoles(Admin).AuditsWrite("Webhook")
            .ResolveAsync(async ctx => await Registry(ctx).Update(ctx.GetArgument<string>("id"), ctx.GetArgument<bool?>("enabled"), ctx.GetArgument<List<CareEventKind>?>("kinds")));

        mutation.Field<NonNullGraphType<WebhookSecretPayloadType>>("rotateWebhookSecret")
            .Description("Makes a new signing secret, shown this once; the old one keeps signing beside it for overlapHours (0–168, default 24), so every delivery "
                + "then carries both signatures (TenantAdmin; docs/webhooks.md \"Rotation\"). Errors: NOT_FOUND, VALIDATION_FAILED (overlapHours).")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The endpoint's id (wh-…).")
            .Argument<IntGraphType>("overlapHours")
            .AllowTenantRoles(Admin).AuditsWrite("Webhook")
            .ResolveAsync(async ctx => await Outbox(ctx).RotateSecret(TimeSpan.FromHours(ctx.GetArgument<int?>("overlapHours") ?? (int)WebhookLimits.DefaultOverlap.TotalHours)));

        mutation.Field<NonNullGraphType<BooleanGraphType>>("deleteWebhook")
            .Description("Deletes a webhook with its waiting events and delivery log (TenantAdmin). Errors: NOT_FOUND.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The endpoint's id (wh-…).")
            .AllowTenantRoles(Admin).AuditsWrite("Webhook")
            .ResolveAsync(async ctx =>
            {
                await Registry(ctx).Delete(ctx.GetArgument<string>("id"));
                return true;
            });

        mutation.Field<NonNullGraphType<WebhookEventEntryType>>("replayWebhookEvent")
            .Description("Queues a past event to the endpoint again, with the same webhook-id and data.replay = true (TenantAdmin): one of its dead letters or of "
                + "its newest 200 delivered events. Errors: NOT_FOUND (entity Webhook or WebhookEvent).")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The endpoint's id (wh-…).")
            .Argument<NonNullGraphType<StringGraphType>>("eventId", "The event's id ({caseId}.{sequence}), as in webhookDeliveries.")
            .AllowTenantRoles(Admin).AuditsWrite("Webhook")
            .ResolveAsync(async ctx => await Outbox(ctx).Replay(ctx.GetArgument<string>("eventId")));
    }

    private IWebhookRegistryGrain Registry(IResolveFieldContext ctx) =>
        grains.GetRef<IWebhookRegistryGrain>(IWebhookRegistryGrain.KeyOf(ctx.TenantCaller().Tenant.Id));

    /// <summary>The outbox named by the <c>id</c> argument when it has the shape of an endpoint id (NOT_FOUND otherwise); the grain answers NOT_FOUND for an id it does not hold.</summary>
    private IWebhookOutboxGrain Outbox(IResolveFieldContext ctx)
    {
        var id = ctx.GetArgument<string>("id") ?? "";
        if (!WebhookIds.IsValid(id))
        {
            throw Grains.Errors.CareGridException.NotFound("Webhook", id.Length > 64 ? id[..64] : id);
        }

        return grains.GetRef<IWebhookOutboxGrain>(IWebhookOutboxGrain.KeyOf(ctx.TenantCaller().Tenant.Id, id));
    }
}
