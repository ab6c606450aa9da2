using CareGrid.Grains.Webhooks;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>WebhookDelivery</c>: one line of an endpoint's delivery log (docs/webhooks.md "Delivery log").</summary>
public sealed class WebhookDeliveryType : ObjectGraphType<DeliveryLogEntry>
{
    /// <summary>Defines the fields.</summary>
    public WebhookDeliveryType()
    {
        this.ReachedThroughParent();
        Name = "WebhookDelivery";
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Description("When the attempt started (UTC).").Resolve(ctx => ctx.Source.At);
        Field<NonNullGraphType<StringGraphType>>("eventId").Description("The event's id ({caseId}.{sequence}); the webhook-id header is evt_ and this id.").Resolve(ctx => ctx.Source.EventId);
        Field<NonNullGraphType<IntGraphType>>("attempt").Description("The attempt's number for this event, from 1 (0: given up without an attempt, outbox full).").Resolve(ctx => ctx.Source.Attempt);
        Field<NonNullGraphType<IntGraphType>>("statusCode").Description("The receiver's HTTP status, or 0 when there was no answer.").Resolve(ctx => ctx.Source.StatusCode);
        Field<NonNullGraphType<IntGraphType>>("durationMs").Description("How long the attempt took, in milliseconds.").Resolve(ctx => (int)Math.Min(int.MaxValue, ctx.Source.DurationMs));
        Field<NonNullGraphType<EnumerationGraphType<DeliveryOutcome>>>("outcome").Resolve(ctx => ctx.Source.Outcome);
        Field<StringGraphType>("error").Description("Why it failed without an HTTP answer: timeout, connection, address-refused, redirect, outbox-full, secret-unreadable (the stored signing secret could not be decrypted: nothing was sent).").Resolve(ctx => ctx.Source.Error);
    }
}
