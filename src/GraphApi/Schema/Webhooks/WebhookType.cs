using CareGrid.Grains.Events;
using CareGrid.Grains.Webhooks;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>Webhook</c>: one endpoint of the tenant with its outbox's figures; never a secret (docs/webhooks.md).</summary>
public sealed class WebhookType : ObjectGraphType<WebhookView>
{
    /// <summary>Defines the fields.</summary>
    public WebhookType()
    {
        this.ReachedThroughParent();
        Name = "Webhook";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The endpoint's id (wh-…).").Resolve(ctx => ctx.Source.Endpoint.Id);
        Field<NonNullGraphType<StringGraphType>>("url").Description("Where deliveries are posted.").Resolve(ctx => ctx.Source.Endpoint.Url);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EnumerationGraphType<CareEventKind>>>>>("kinds")
            .Description("The event kinds posted to this endpoint.").Resolve(ctx => ctx.Source.Endpoint.Kinds.ToList());
        Field<NonNullGraphType<BooleanGraphType>>("enabled").Description("False while disabled: new events are not queued and queued ones wait.").Resolve(ctx => ctx.Source.Endpoint.Enabled);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Description("When it was registered (UTC).").Resolve(ctx => ctx.Source.Endpoint.CreatedAt);
        Field<NonNullGraphType<StringGraphType>>("createdBy").Description("The TenantAdmin who registered it.").Resolve(ctx => ctx.Source.Endpoint.CreatedBy);
        Field<NonNullGraphType<IntGraphType>>("pending").Description("Events waiting for delivery.").Resolve(ctx => ctx.Source.Pending);
        Field<NonNullGraphType<IntGraphType>>("deadLetters").Description("Events given up after 24 hours of retries, kept for replay (the newest 200).").Resolve(ctx => ctx.Source.DeadLetters);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("secretCreatedAt").Description("When the current secret was made (UTC).").Resolve(ctx => ctx.Source.SecretCreatedAt);
        Field<DateTimeOffsetGraphType>("previousSecretValidUntil")
            .Description("Until when the secret before the last rotation still signs too (UTC); null when it no longer does.").Resolve(ctx => ctx.Source.PreviousSecretUntil);
    }
}
