using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CareGrid.GraphApi.Auth;

/// <summary>
/// Issues and validates development tokens (HS256, 256-bit key kept in a local file). Used by the
/// <c>token</c> CLI verb and by embedded mode; never used when <see cref="AuthOptions.Authority"/> is set.
/// </summary>
public sealed class DevelopmentTokens
{
    private readonly AuthOptions _options;
    private readonly TimeProvider _clock;

    /// <summary>Loads the signing key from <see cref="AuthOptions.SigningKeyPath"/>, creating it when missing.</summary>
    /// <exception cref="IOException">The key file cannot be read or created.</exception>
    public DevelopmentTokens(AuthOptions options, TimeProvider clock)
    {
        _options = options;
        _clock = clock;
        KeyPath = options.SigningKeyPath is { Length: > 0 } p ? p : DefaultKeyPath();
        Key = new SymmetricSecurityKey(LoadOrCreateKey(KeyPath)) { KeyId = "caregrid-dev" };
    }

    /// <summary>Where the key lives.</summary>
    public string KeyPath { get; }

    /// <summary>The signing key.</summary>
    public SymmetricSecurityKey Key { get; }

    /// <summary>
    /// A signed token with <c>sub</c>, <c>tenant</c> (when given) and one <c>role</c> claim per role, valid for
    /// <see cref="AuthOptions.DevelopmentTokenHours"/> hours from now.
    /// </summary>
    public string Issue(string subject, string? tenant, IEnumerable<string> roles) => IssueWithExpiry(subject, tenant, roles).Token;

    /// <summary>
    /// As <see cref="Issue"/>, also returning when the token expires (UTC, the <c>exp</c> claim: now on the wall clock plus
    /// <see cref="AuthOptions.DevelopmentTokenHours"/>), for the console's development sign-in (docs/console.md "Sign-in").
    /// </summary>
    public (string Token, DateTimeOffset ExpiresAt) IssueWithExpiry(string subject, string? tenant, IEnumerable<string> roles)
    {
        var claims = new List<Claim> { new(ClaimNames.Subject, subject) };
        if (!string.IsNullOrEmpty(tenant))
        {
            claims.Add(new Claim(ClaimNames.Tenant, tenant));
        }

        claims.AddRange(roles.Select(r => new Claim(ClaimNames.Role, r)));
        var now = _clock.GetUtcNow().UtcDateTime;
        var expires = now.AddHours(_options.DevelopmentTokenHours);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = _options.DevelopmentIssuer,
            Audience = _options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
        // The exp claim is whole seconds.
        return (token, new DateTimeOffset(expires.AddTicks(-(expires.Ticks % TimeSpan.TicksPerSecond)), TimeSpan.Zero));
    }

    private static string DefaultKeyPath()
    {
        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(dataHome))
        {
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return Path.Combine(dataHome, "caregrid", "dev-signing.key");
    }

    private static byte[] LoadOrCreateKey(string path)
    {
        if (File.Exists(path))
        {
            var existing = Convert.FromBase64String(File.ReadAllText(path).Trim());
            if (existing.Length >= 32)
            {
                return existing;
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = RandomNumberGenerator.GetBytes(32);
        var temp = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(temp, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            // First writer wins; a concurrent starter reads the winner's key.
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        return key;
    }
}
