using System.Security.Claims;
using System.Text.Json;
using CareGrid.Grains.Errors;
using CareGrid.GraphApi.Audit;
using CareGrid.GraphApi.Schema;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.GraphApi.Subscriptions;

/// <summary>
/// Admits a WebSocket connection at <c>connection_init</c> exactly as an HTTP request is admitted (docs/subscriptions.md
/// "Connecting"): the token from the payload (<c>Authorization: "Bearer …"</c>, also <c>authorization</c> or a bare
/// <c>token</c>; else the upgrade request's own <c>Authorization</c> header) is validated by the application's JWT bearer
/// handler, then <see cref="TenantAdmission.AdmitAsync"/> applies the tenant rules (the route's tenant exists, is Active and
/// is the token's own). Every refusal is written to the audit log as DENIED (docs/audit-refusals.md).
/// </summary>
internal static class ConnectionAdmission
{
    /// <summary>The admitted caller, or the refusal (code and message) already audited.</summary>
    public static async Task<(CareGridUserContext? Caller, CareGridException? Refusal)> AdmitAsync(HttpContext context, JsonElement payload)
    {
        var (principal, refusal) = await AuthenticateAsync(context, payload).ConfigureAwait(false);
        CareGridUserContext? caller = null;
        if (refusal is null)
        {
            var admission = context.RequestServices.GetRequiredService<TenantAdmission>();
            (caller, refusal) = await admission.AdmitAsync(context, principal!).ConfigureAwait(false);
            if (refusal is null && (caller!.Actor is null || caller.Tenant is null))
            {
                refusal = new CareGridException(ErrorCodes.Unauthenticated, "Subscriptions need a token of this tenant.");
            }
        }

        if (refusal is not null)
        {
            await AuditAsync(context, principal, refusal, "connection_init").ConfigureAwait(false);
            return (null, refusal);
        }

        return (caller, null);
    }

    /// <summary>Writes one DENIED record for a refused connection or operation (the field names what was refused).</summary>
    public static Task AuditAsync(HttpContext context, ClaimsPrincipal? principal, CareGridException refusal, string field)
    {
        var audit = context.RequestServices.GetRequiredService<RefusalAudit>();
        var caller = principal is null ? null : new CareGridUserContext(principal, null, TenantAdmission.CorrelationIdOf(context));
        return audit.RecordAsync(caller, new RefusedField("Subscription." + field, "Tenant", "", refusal.Code, refusal.Message),
            ["Subscription." + field, "transport:graphql-transport-ws"]);
    }

    private static async Task<(ClaimsPrincipal? Principal, CareGridException? Refusal)> AuthenticateAsync(HttpContext context, JsonElement payload)
    {
        var token = TokenOf(payload, out var malformed);
        if (malformed is not null)
        {
            return (null, new CareGridException(ErrorCodes.Unauthenticated, malformed));
        }

        if (token is null)
        {
            return context.User.Identity?.IsAuthenticated == true
                ? (context.User, null)
                : (null, new CareGridException(ErrorCodes.Unauthenticated,
                    "connection_init needs the token: payload { \"Authorization\": \"Bearer <token>\" }."));
        }

        // A fresh scope gets fresh authentication handlers (they remember one result per request), so the token is checked
        // by the same JWT bearer handler and settings as every HTTP request.
        await using var scope = context.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var probe = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        probe.Request.Headers.Authorization = "Bearer " + token;
        var result = await probe.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme).ConfigureAwait(false);
        return result.Succeeded && result.Principal is { } principal
            ? (principal, null)
            : (null, new CareGridException(ErrorCodes.Unauthenticated, "The bearer token is invalid or expired. Sign in again and reconnect."));
    }

    /// <summary>The token of the payload, or null when it names none; <paramref name="malformed"/> says why a present value is unusable.</summary>
    private static string? TokenOf(JsonElement payload, out string? malformed)
    {
        malformed = null;
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var name in (ReadOnlySpan<string>)["Authorization", "authorization"])
        {
            if (payload.TryGetProperty(name, out var header))
            {
                var text = header.ValueKind == JsonValueKind.String ? header.GetString()! : "";
                if (!text.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || text.Length <= 7)
                {
                    malformed = $"payload.{name} must be \"Bearer <token>\".";
                    return null;
                }

                return text[7..].Trim();
            }
        }

        if (payload.TryGetProperty("token", out var bare))
        {
            if (bare.ValueKind != JsonValueKind.String || bare.GetString() is not { Length: > 0 } value)
            {
                malformed = "payload.token must be the token as a string.";
                return null;
            }

            return value.Trim();
        }

        return null;
    }
}
