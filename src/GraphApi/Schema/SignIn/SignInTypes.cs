using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>How the web console signs in (docs/console.md "Sign-in").</summary>
public enum SignInMode
{
    /// <summary><c>Auth:Authority</c> is empty: <c>developmentSignIn</c> issues development tokens.</summary>
    Development,

    /// <summary><c>Auth:Authority</c> is set: OpenID Connect code flow with PKCE at that authority.</summary>
    Oidc,
}

/// <summary>What <c>signInOptions</c> answers.</summary>
/// <param name="Mode">Development sign-in or the OpenID Connect authority.</param>
/// <param name="Authority">The authority (issuer URL), <c>Auth:Authority</c>; null in development mode.</param>
/// <param name="ClientId">The console's client id at the authority, <c>Auth:ConsoleClientId</c>; null in development mode or when not configured.</param>
/// <param name="Scopes">The scopes to ask for, <c>Auth:ConsoleScopes</c> split on spaces; empty in development mode.</param>
/// <param name="Tenants">The active tenants a development sign-in may pick, by id; empty with an authority.</param>
/// <param name="DevelopmentSignInAvailable">
/// True when <c>developmentSignIn</c> would be accepted from the asking caller: development mode and a loopback address with no
/// forwarding header (or <c>Auth:DevelopmentSignInFromAnyAddress</c>); false otherwise, always false in OIDC mode.
/// </param>
public sealed record SignInOptions(
    SignInMode Mode, string? Authority, string? ClientId, IReadOnlyList<string> Scopes, IReadOnlyList<SignInTenant> Tenants, bool DevelopmentSignInAvailable);

/// <summary>A tenant a development sign-in may pick.</summary>
/// <param name="Id">The tenant id (slug).</param>
/// <param name="Name">Its display name.</param>
public sealed record SignInTenant(string Id, string Name);

/// <summary>What <c>developmentSignIn</c> answers: the token and who it names.</summary>
/// <param name="Token">The bearer token (HS256, signed with the service's development key).</param>
/// <param name="ExpiresAt">When the token expires (UTC; <c>Auth:DevelopmentTokenHours</c> after issue).</param>
/// <param name="Subject">The token's <c>sub</c>.</param>
/// <param name="Tenant">The token's tenant; null for PlatformAdmin.</param>
/// <param name="Role">The token's one role, canonical spelling.</param>
public sealed record DevelopmentSession(string Token, DateTimeOffset ExpiresAt, string Subject, string? Tenant, string Role);

/// <summary>GraphQL <c>SignInOptions</c>.</summary>
public sealed class SignInOptionsType : ObjectGraphType<SignInOptions>
{
    /// <summary>Defines the fields.</summary>
    public SignInOptionsType()
    {
        Name = "SignInOptions";
        Description = "Which sign-in applies to this service (docs/console.md \"Sign-in\").";
        this.ReachedThroughParent();
        Field(x => x.Mode, type: typeof(NonNullGraphType<EnumerationGraphType<SignInMode>>))
            .Description("DEVELOPMENT: call developmentSignIn. OIDC: code flow with PKCE at authority with clientId and scopes.");
        Field(x => x.Authority, nullable: true).Description("The OpenID Connect authority (issuer URL); null in DEVELOPMENT mode.");
        Field(x => x.ClientId, nullable: true).Description("The console's client id at the authority (Auth:ConsoleClientId); null when not configured or in DEVELOPMENT mode.");
        Field(x => x.Scopes).Description("The scopes to request (Auth:ConsoleScopes); empty in DEVELOPMENT mode.");
        Field(x => x.Tenants, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<SignInTenantType>>>))
            .Description("The active tenants a development sign-in may pick, by id; empty in OIDC mode.");
        Field(x => x.DevelopmentSignInAvailable)
            .Description("True when developmentSignIn would be accepted from this caller: DEVELOPMENT mode and a loopback address (127.0.0.0/8, ::1) "
                + "with no forwarding header (X-Forwarded-*, Forwarded, X-Real-IP, Via), or Auth:DevelopmentSignInFromAnyAddress is true. "
                + "False in OIDC mode, from any other address and through a proxy (docs/console.md).");
    }
}

/// <summary>GraphQL <c>SignInTenant</c>.</summary>
public sealed class SignInTenantType : ObjectGraphType<SignInTenant>
{
    /// <summary>Defines the fields.</summary>
    public SignInTenantType()
    {
        Name = "SignInTenant";
        this.ReachedThroughParent();
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("Tenant id, e.g. demo-school.");
        Field(x => x.Name);
    }
}

/// <summary>GraphQL <c>DevelopmentSession</c>.</summary>
public sealed class DevelopmentSessionType : ObjectGraphType<DevelopmentSession>
{
    /// <summary>Defines the fields.</summary>
    public DevelopmentSessionType()
    {
        Name = "DevelopmentSession";
        Description = "A development token and whom it names (docs/console.md \"Sign-in\").";
        this.ReachedThroughParent();
        Field(x => x.Token).Description("Send as Authorization: Bearer <token>.");
        Field(x => x.ExpiresAt).Description("When the token expires (UTC).");
        Field(x => x.Subject).Description("The token's sub.");
        Field(x => x.Tenant, type: typeof(IdGraphType)).Description("The token's tenant; null for PlatformAdmin.");
        Field(x => x.Role).Description("The token's role, e.g. Counsellor.");
    }
}
