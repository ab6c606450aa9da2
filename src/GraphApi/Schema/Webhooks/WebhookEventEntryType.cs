using CareGrid.Grains.Events;
using CareGrid.Grains.Webhooks;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>WebhookEvent</c>: an event kept by an endpoint's outbox (given up, or queued by a replay); ids and kinds only.</summary>
public sealed class WebhookEventEntryType : ObjectGraphType<OutboxEntry>
{
    /// <summary>Defines the fields.</summary>
    public WebhookEventEntryType()
    {
        this.ReachedThroughParent();
        Name = "WebhookEvent";
        Field<NonNullGraphType<StringGraphType>>("eventId").Resolve(ctx => ctx.Source.Event.Id);
        Field<NonNullGraphType<IdGraphType>>("caseId").Resolve(ctx => ctx.Source.Event.CaseId);
        Field<NonNullGraphType<IntGraphType>>("sequence").Resolve(ctx => (int)Math.Min(int.MaxValue, ctx.Source.Event.Sequence));
        Field<NonNullGraphType<EnumerationGraphType<CareEventKind>>>("kind").Resolve(ctx => ctx.Source.Event.Kind);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("occurredAt").Resolve(ctx => ctx.Source.Event.OccurredAt);
        Field<NonNullGraphType<IntGraphType>>("attempts").Description("Delivery attempts made.").Resolve(ctx => ctx.Source.Attempts);
        Field<IntGraphType>("lastStatusCode").Description("The last attempt's HTTP status (0: no answer); null before any attempt.").Resolve(ctx => ctx.Source.LastStatus);
        Field<DateTimeOffsetGraphType>("finishedAt").Description("When it was delivered or given up (UTC).").Resolve(ctx => ctx.Source.FinishedAt);
    }
}
