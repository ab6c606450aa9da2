namespace CareGrid.GraphApi.Auth;

/// <summary>
/// Authentication settings, configuration section <c>Auth</c>. With no <see cref="Authority"/> the service
/// runs in development mode: it accepts HS256 tokens signed with a local key that
/// <see cref="DevelopmentTokens"/> creates on first use at <see cref="SigningKeyPath"/>. With an
/// <see cref="Authority"/> it trusts that OpenID Connect issuer instead (production).
/// </summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Auth";

    /// <summary>OpenID Connect authority (issuer URL); null or empty selects development tokens.</summary>
    public string? Authority { get; set; }

    /// <summary>The expected <c>aud</c> claim. Default <c>caregrid</c>.</summary>
    public string Audience { get; set; } = "caregrid";

    /// <summary>The issuer of development tokens. Default <c>caregrid-dev</c>.</summary>
    public string DevelopmentIssuer { get; set; } = "caregrid-dev";

    /// <summary>
    /// File holding the development signing key (created with mode 0600 when missing). Default:
    /// <c>$XDG_DATA_HOME/caregrid/dev-signing.key</c>, else <c>~/.local/share/caregrid/dev-signing.key</c>.
    /// </summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>Lifetime of a development token, in hours. Default 12.</summary>
    public double DevelopmentTokenHours { get; set; } = 12;

    /// <summary>
    /// The OpenID Connect client id the web console signs in with (code flow with PKCE) when <see cref="Authority"/> is set;
    /// told to the console by the anonymous <c>signInOptions</c> query (docs/console.md "Sign-in"). Null: not configured.
    /// </summary>
    public string? ConsoleClientId { get; set; }

    /// <summary>The scopes the web console asks the authority for, space-separated. Default <c>openid profile</c>.</summary>
    public string ConsoleScopes { get; set; } = "openid profile";

    /// <summary>
    /// Whether <c>developmentSignIn</c> (only while <see cref="Authority"/> is empty) is accepted from any remote address.
    /// Default false: only from a loopback address (127.0.0.0/8, ::1, IPv4-mapped loopback) as the connection reports it —
    /// no forwarded header is trusted — because that mutation mints any role of any tenant to whoever calls it
    /// (docs/console.md "Sign-in").
    /// </summary>
    public bool DevelopmentSignInFromAnyAddress { get; set; }

    /// <summary>
    /// The claim of an authority's access token that holds the user's stable id; CareGrid reads it as <c>sub</c>. Default
    /// <c>sub</c>; e.g. <c>oid</c> for Azure AD / Entra ID (docs/oidc.md). Used only when <see cref="Authority"/> is set.
    /// </summary>
    public string SubjectClaim { get; set; } = ClaimNames.Subject;

    /// <summary>
    /// The claim of an authority's access token that holds the user's tenant id (one value); CareGrid reads it as
    /// <c>tenant</c>, translated by <see cref="TenantMap"/> when that is not empty. Default <c>tenant</c>. Used only when
    /// <see cref="Authority"/> is set (docs/oidc.md).
    /// </summary>
    public string TenantClaim { get; set; } = ClaimNames.Tenant;

    /// <summary>
    /// The claim of an authority's access token that holds the user's roles (a string or an array of strings); CareGrid
    /// reads each as <c>role</c>, translated by <see cref="RoleMap"/> when that is not empty. Default <c>role</c>; e.g.
    /// <c>roles</c> for Azure AD app roles, <c>groups</c> with a <see cref="RoleMap"/>. Used only when
    /// <see cref="Authority"/> is set (docs/oidc.md).
    /// </summary>
    public string RoleClaim { get; set; } = ClaimNames.Role;

    /// <summary>
    /// Translates values of <see cref="RoleClaim"/> (keys, matched exactly) into CareGrid role names (values, e.g.
    /// <c>Auth:RoleMap:caregrid-counsellors=Counsellor</c>). Empty (default): the values are taken as role names
    /// themselves. Not empty: only mapped values count, every other value is ignored (docs/oidc.md).
    /// </summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Translates values of <see cref="TenantClaim"/> (keys, matched exactly, e.g. a directory's GUID) into CareGrid tenant
    /// ids (values). Empty (default): the value is the tenant id itself. Not empty: an unmapped value gives no tenant
    /// (docs/oidc.md).
    /// </summary>
    public Dictionary<string, string> TenantMap { get; set; } = new(StringComparer.Ordinal);

    /// <summary>True when tokens come from an OpenID Connect authority.</summary>
    public bool UsesAuthority => !string.IsNullOrWhiteSpace(Authority);
}
