using System.Security.Claims;
using CareGrid.GraphApi.Auth;
using CareGrid.GraphApi.Tenancy;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using GraphQL;
using GraphQL.DI;
using Microsoft.AspNetCore.Http;
using CareGrid.GraphApi.Http;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Runs before every GraphQL execution (first line of tenant isolation, docs/architecture.md "Tenancy"): resolves the
/// tenant (route, header, claim), refuses an unknown (<c>TENANT_NOT_FOUND</c>), suspended or otherwise
/// inactive (<c>TENANT_SUSPENDED</c>) tenant and a token of another tenant (<c>FORBIDDEN</c>) before any
/// resolver runs — so no grain of that tenant is touched — then stamps the tenant on every grain call of
/// the request (<see cref="TenantContext"/>) and builds the <see cref="CareGridUserContext"/>.
/// </summary>
public sealed class TenantAdmission(IHttpContextAccessor http, TenantDirectory directory, Hardening.GraphQLLimitsOptions limits) : IConfigureExecution
{
    /// <inheritdoc />
    public float SortOrder => 10;

    /// <inheritdoc />
    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var context = http.HttpContext;
        var user = options.User ?? context?.User ?? new ClaimsPrincipal();
        CareGridUserContext caller;
        if (context is null)
        {
            caller = new CareGridUserContext(user, null, CorrelationIdOf(context));
        }
        else
        {
            var (admitted, refusal) = await AdmitAsync(context, user);
            if (refusal is not null)
            {
                return new ExecutionResult { Executed = false, Errors = [new ExecutionError(refusal.Message) { Code = refusal.Code }] };
            }

            caller = admitted!;
        }

        options.UserContext = caller;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(limits.TimeoutSeconds));
        var outer = options.CancellationToken;
        options.CancellationToken = timeout.Token;
        try
        {
            return await next(options);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !outer.IsCancellationRequested)
        {
            return Refuse(TransportErrorCodes.QueryTimeout, $"The request took longer than {limits.TimeoutSeconds:0.#} s and was stopped.");
        }
    }

    /// <summary>
    /// Admits an HTTP request the way every GraphQL request is admitted — the one admission of the GraphQL endpoint and of
    /// the routes that mirror its fields (exports, docs/statistics.md "Exports"): a token that was sent but did not validate
    /// is UNAUTHENTICATED; then the tenant the request names (route, header, claim) must exist (TENANT_NOT_FOUND), be Active
    /// (TENANT_SUSPENDED) and be the token's own unless PlatformAdmin (FORBIDDEN). Stamps <see cref="TenantContext"/>.
    /// </summary>
    /// <returns>The caller's context (tenant null on the platform scope), or the refusal (nothing else is set).</returns>
    public async Task<(CareGridUserContext? Caller, CareGridException? Refusal)> AdmitAsync(HttpContext context, ClaimsPrincipal user)
    {
        var correlationId = CorrelationIdOf(context);
        if (user.Identity?.IsAuthenticated != true && context.Request.Headers.Authorization.FirstOrDefault() is { Length: > 0 } authorization)
        {
            // A token was sent but did not validate (bad signature, expired, wrong audience): say so, never treat it as anonymous.
            return (null, Refusal(ErrorCodes.Unauthenticated, authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? "The bearer token is invalid or expired. Sign in again: through the identity provider when Auth:Authority is set, else the console's development sign-in or dotnet run --project src/Silo -- token."
                : "Only bearer tokens are accepted (Authorization: Bearer <token>)."));
        }

        var (tenant, refusal) = await AdmitTenantAsync(context, user);
        return refusal is not null ? (null, refusal) : (new CareGridUserContext(user, tenant, correlationId), null);
    }

    /// <summary>The tenant the request names, admitted (Active, and the token's own unless PlatformAdmin), or the refusal; stamps <see cref="TenantContext"/>.</summary>
    private async Task<(TenantInfo? Tenant, CareGridException? Refusal)> AdmitTenantAsync(HttpContext context, ClaimsPrincipal user)
    {
        var (tenantId, conflict) = TenantResolver.Resolve(context);
        if (conflict)
        {
            return (null, Refusal(TransportErrorCodes.BadRequest, "The route and the X-Tenant header name different tenants."));
        }

        if (tenantId is not null)
        {
            if (!TenantIds.IsValid(tenantId))
            {
                return (null, Refusal(ErrorCodes.TenantNotFound, $"Tenant '{(tenantId.Length > 63 ? tenantId[..63] + "…" : tenantId)}' was not found (tenant ids are lowercase slugs)."));
            }

            var tenant = await directory.FindAsync(tenantId);
            if (tenant is null || tenant.Status == TenantStatus.Deleted)
            {
                return (null, Refusal(ErrorCodes.TenantNotFound, $"Tenant '{tenantId}' was not found."));
            }

            if (tenant.Status != TenantStatus.Active)
            {
                return (null, Refusal(ErrorCodes.TenantSuspended, $"Tenant '{tenantId}' is {tenant.Status.ToString().ToLowerInvariant()} and serves no requests."));
            }

            var claimTenant = user.FindFirst(ClaimNames.Tenant)?.Value;
            var isPlatformAdmin = user.FindAll(ClaimNames.Role).Any(r => r.Value == Roles.PlatformAdmin);
            if (user.Identity?.IsAuthenticated == true && !isPlatformAdmin && !string.Equals(claimTenant, tenantId, StringComparison.Ordinal))
            {
                return (null, Refusal(ErrorCodes.Forbidden, "Your token is for another tenant."));
            }

            TenantContext.Set(tenantId);
            return (tenant, null);
        }

        TenantContext.Clear();
        return (null, null);
    }

    /// <summary>The request's correlation id: the <c>X-Correlation-Id</c> header (1–128 characters) or the trace identifier.</summary>
    public static string CorrelationIdOf(HttpContext? context) =>
        context?.Request.Headers["X-Correlation-Id"].FirstOrDefault() is { Length: > 0 and <= 128 } cid
            ? cid : context?.TraceIdentifier ?? Guid.NewGuid().ToString("N");

    private static ExecutionResult Refuse(string code, string message) =>
        new() { Executed = false, Errors = [new ExecutionError(message) { Code = code }] };

    private static CareGridException Refusal(string code, string message) => new(code, message);
}
