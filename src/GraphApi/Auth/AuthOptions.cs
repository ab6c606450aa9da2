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

    /// <summary>True when tokens come from an OpenID Connect authority.</summary>
    public bool UsesAuthority => !string.IsNullOrWhiteSpace(Authority);
}
