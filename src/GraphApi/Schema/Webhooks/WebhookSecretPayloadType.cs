using CareGrid.Grains.Webhooks;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>WebhookSecretPayload</c>: an endpoint and its new signing secret, shown in this answer only (docs/webhooks.md "Secrets").</summary>
public sealed class WebhookSecretPayloadType : ObjectGraphType<WebhookWithSecret>
{
    /// <summary>Defines the fields.</summary>
    public WebhookSecretPayloadType()
    {
        this.ReachedThroughParent();
        Name = "WebhookSecretPayload";
        Field<NonNullGraphType<WebhookType>>("webhook").Resolve(ctx => ctx.Source.Webhook);
        Field<NonNullGraphType<StringGraphType>>("secret")
            .Description("The signing secret (whsec_ and base64). Shown this once: store it where the receiver verifies signatures; CareGrid never shows it again.")
            .Resolve(ctx => ctx.Source.Secret);
    }
}
