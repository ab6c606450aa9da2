using System.Text.RegularExpressions;
using CareGrid.GraphApi.Audit;
using CareGrid.GraphApi.Auth;
using CareGrid.GraphApi.Schema.Access;
using CareGrid.GraphApi.Tenancy;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// How the web console signs in, on the public API (docs/console.md "Sign-in"): the anonymous <c>signInOptions</c> query
/// tells which sign-in applies, and <c>developmentSignIn</c> issues a development token without a token — only while
/// <c>Auth:Authority</c> is empty, and only from a loopback address without a forwarding header unless <c>Auth:DevelopmentSignInFromAnyAddress</c> is true
/// (<see cref="SignInAddress"/>); otherwise it is refused (<c>DEVELOPMENT_SIGN_IN_DISABLED</c>). Every refusal is
/// audited as DENIED (docs/audit-refusals.md); every token issued is audited as a WRITE of <c>DevelopmentSignIn</c> in the
/// tenant's log (the platform's for PlatformAdmin).
/// </summary>
public sealed partial class SignInFields(
    AuthOptions auth, IServiceProvider services, TenantDirectory directory, AuditTrail trail, IGrainFactory grains, IHttpContextAccessor http)
    : ISchemaContributor
{
    /// <summary>Longest <c>sub</c> a development sign-in accepts: 200 characters, as a staff member's subject (roster import).</summary>
    public const int MaxSubjectLength = 200;

    /// <summary>The audited entity of a development sign-in.</summary>
    public const string Entity = "DevelopmentSignIn";

    // Letters and digits of any script, and @ . _ + - : — no spaces, controls or markup (a sub lands in logs and audit records).
    [GeneratedRegex(@"^[\p{L}\p{Nd}@._+:-]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex SubjectPattern();

    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query) =>
        query.Field<NonNullGraphType<SignInOptionsType>>("signInOptions")
            .Description("Which sign-in applies (anyone, no token): DEVELOPMENT (call developmentSignIn; the active tenants to pick from) "
                + "or OIDC (authority, clientId and scopes for code flow with PKCE). The console calls it first (docs/console.md).")
            .AllowAnyone().AuditsNothing("the service's sign-in configuration and, in development mode only, tenant ids and names; no person or case data")
            .ResolveAsync(async _ => await OptionsAsync());

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<DevelopmentSessionType>>("developmentSignIn")
            .Description("A development token for tenant, role and sub, without a token — only while Auth:Authority is empty (docs/console.md). "
                + "tenant: an active tenant, required for every role but PlatformAdmin, which takes none (on /t/{tenant}/graphql it defaults to the route's). "
                + "role: a role name (Counsellor, …). sub: 1–200 letters, digits, @ . _ + - :. "
                + "Only from a loopback address (127.0.0.0/8, ::1) with no forwarding header (X-Forwarded-*, Forwarded, X-Real-IP, Via) unless Auth:DevelopmentSignInFromAnyAddress is true. "
                + "Errors: DEVELOPMENT_SIGN_IN_DISABLED (an authority is configured, or the caller is not on a loopback address or came through a proxy), VALIDATION_FAILED (field tenant, role or sub), TENANT_SUSPENDED.")
            .Argument<IdGraphType>("tenant")
            .Argument<NonNullGraphType<StringGraphType>>("role")
            .Argument<NonNullGraphType<StringGraphType>>("sub")
            .AllowAnyone().AuditedByResolver(Entity, "the resolver records a WRITE of the issued sign-in (sub, tenant, role) in the tenant's log, the platform's for PlatformAdmin")
            .ResolveAsync(async ctx => await SignInAsync(ctx));

    private async Task<SignInOptions> OptionsAsync()
    {
        if (auth.UsesAuthority)
        {
            var scopes = auth.ConsoleScopes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return new SignInOptions(SignInMode.Oidc, auth.Authority, auth.ConsoleClientId, scopes, [], false);
        }

        var tenants = await grains.GetRef<ITenantRegistryGrain>(ITenantRegistryGrain.Key).List();
        var active = tenants.Where(t => t.Status == TenantStatus.Active).OrderBy(t => t.Id, StringComparer.Ordinal)
            .Select(t => new SignInTenant(t.Id, t.Name)).ToList();
        return new SignInOptions(SignInMode.Development, null, null, [], active, SignInAddress.Allowed(auth, http.HttpContext));
    }

    private async Task<DevelopmentSession> SignInAsync(IResolveFieldContext ctx)
    {
        var tokens = services.GetService<DevelopmentTokens>();
        if (auth.UsesAuthority || tokens is null)
        {
            throw new CareGridException(ErrorCodes.DevelopmentSignInDisabled,
                "Development sign-in is off: this service trusts the OpenID Connect authority in Auth:Authority. Sign in there (signInOptions names it).");
        }

        if (!SignInAddress.Allowed(auth, http.HttpContext))
        {
            throw new CareGridException(ErrorCodes.DevelopmentSignInDisabled,
                "Development sign-in is accepted only from this machine (a loopback address such as 127.0.0.1 or ::1), never through a proxy "
                + "(a request carrying X-Forwarded-For, Forwarded, X-Real-IP or another forwarding header is refused). Open the console on "
                + "the service's own machine without a proxy, or set Auth:DevelopmentSignInFromAnyAddress=true on a service no one else can reach (docs/console.md).");
        }

        var caller = ctx.Caller();
        var role = Roles.Normalize(ctx.GetArgument<string>("role"))
            ?? throw CareGridException.Validation("role", $"role must be one of {string.Join(", ", Roles.All)}.");
        var sub = CheckSubject(ctx.GetArgument<string>("sub"));
        var tenantId = await CheckTenantAsync(ctx.GetArgument<string?>("tenant"), role, caller.Tenant?.Id);
        var (token, expiresAt) = tokens.IssueWithExpiry(sub, tenantId, [role]);
        await trail.RecordAsync(tenantId ?? TenantIds.Platform, new Grains.Audit.AuditEntry(sub, AuditTrail.Write, Entity, sub, ["role:" + role],
            "developmentSignIn", caller.CorrelationId, "development sign-in (Auth:Authority is empty)"));
        return new DevelopmentSession(token, expiresAt, sub, tenantId, role);
    }

    private static string CheckSubject(string? sub) =>
        sub is { Length: > 0 and <= MaxSubjectLength } && SubjectPattern().IsMatch(sub)
            ? ReservedSubjects.IsReserved(sub) ? throw CareGridException.Validation("sub", ReservedSubjects.Explain(sub)) : sub
            : throw CareGridException.Validation("sub", $"sub is 1–{MaxSubjectLength} letters, digits, '@', '.', '_', '+', '-' or ':' (no spaces), e.g. counsellor@demo-school.");

    /// <summary>The tenant the token names: none for PlatformAdmin; else the argument (or the route's tenant), existing and active.</summary>
    private async Task<string?> CheckTenantAsync(string? argument, string role, string? routeTenant)
    {
        if (role == Roles.PlatformAdmin)
        {
            return argument is null ? null : throw CareGridException.Validation("tenant", "PlatformAdmin belongs to no tenant: omit tenant.");
        }

        if (argument is not null && routeTenant is not null && argument != routeTenant)
        {
            throw CareGridException.Validation("tenant", $"tenant '{argument}' differs from the route's tenant '{routeTenant}': omit one or call /graphql.");
        }

        var tenantId = argument ?? routeTenant ?? throw CareGridException.Validation("tenant", $"tenant is required for role {role} (only PlatformAdmin takes none).");
        var tenant = TenantIds.IsValid(tenantId) && !TenantIds.Reserved.Contains(tenantId) ? await directory.FindAsync(tenantId) : null;
        if (tenant is null || tenant.Status == TenantStatus.Deleted)
        {
            throw CareGridException.Validation("tenant", $"tenant '{Clip(tenantId)}' does not exist (signInOptions lists the active tenants).");
        }

        return tenant.Status == TenantStatus.Active
            ? tenant.Id
            : throw new CareGridException(ErrorCodes.TenantSuspended, $"Tenant '{tenant.Id}' is {tenant.Status.ToString().ToLowerInvariant()}: no one can sign in to it.");
    }

    private static string Clip(string value) => value.Length > 63 ? value[..63] + "…" : value;
}
