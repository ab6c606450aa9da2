using System.Security.Claims;
using CareGrid.Grains.Security;

namespace CareGrid.GraphApi.Auth;

/// <summary>
/// Turns the claims of an access token from an OpenID Connect authority into the claims CareGrid reads
/// (<see cref="ClaimNames"/>: <c>sub</c>, <c>tenant</c>, <c>role</c>), as configured by <see cref="AuthOptions.SubjectClaim"/>,
/// <see cref="AuthOptions.TenantClaim"/>, <see cref="AuthOptions.RoleClaim"/>, <see cref="AuthOptions.RoleMap"/> and
/// <see cref="AuthOptions.TenantMap"/> (docs/oidc.md "Claims"). Every other claim is kept as issued; claims that already
/// carry one of CareGrid's names but are not the configured source are dropped, so a token cannot bring a <c>role</c>
/// or <c>tenant</c> past the mapping.
/// </summary>
public sealed class ClaimsMapping(AuthOptions options)
{
    private static readonly HashSet<string> Canonical = new(StringComparer.Ordinal) { ClaimNames.Subject, ClaimNames.Tenant, ClaimNames.Role };

    /// <summary>
    /// The mapped principal, or null with <paramref name="failure"/> saying why the token cannot be used: no (or a blank)
    /// subject claim, a reserved subject (<see cref="ReservedSubjects"/>: a queue name, <c>system</c>, <c>anonymous</c>), or more than one tenant after the mapping. Roles that map to nothing are ignored, so a user
    /// without a mapped role is authenticated but holds no role (every role-guarded field refuses with <c>FORBIDDEN</c>).
    /// </summary>
    public ClaimsPrincipal? Map(ClaimsPrincipal source, out string? failure)
    {
        ArgumentNullException.ThrowIfNull(source);
        var issued = source.Claims.ToList();
        var subject = issued.FirstOrDefault(c => c.Type == options.SubjectClaim)?.Value;
        if (string.IsNullOrWhiteSpace(subject))
        {
            failure = $"The token has no '{options.SubjectClaim}' claim (Auth:SubjectClaim names the claim that holds the user's id).";
            return null;
        }

        if (ReservedSubjects.IsReserved(subject))
        {
            failure = ReservedSubjects.Explain(subject);
            return null;
        }

        var tenants = issued.Where(c => c.Type == options.TenantClaim).Select(c => Translate(c.Value, options.TenantMap))
            .OfType<string>().Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal).ToList();
        if (tenants.Count > 1)
        {
            failure = $"The token names {tenants.Count} tenants in '{options.TenantClaim}' (Auth:TenantClaim); a token is for one tenant.";
            return null;
        }

        var roles = issued.Where(c => c.Type == options.RoleClaim).Select(c => Translate(c.Value, options.RoleMap))
            .OfType<string>().Where(r => !string.IsNullOrWhiteSpace(r)).Distinct(StringComparer.Ordinal);

        var identity = new ClaimsIdentity(source.Identity?.AuthenticationType ?? "AuthenticationTypes.Federation", ClaimNames.Subject, ClaimNames.Role);
        identity.AddClaims(issued.Where(c => !Canonical.Contains(c.Type)).Select(c => new Claim(c.Type, c.Value, c.ValueType, c.Issuer, c.OriginalIssuer)));
        identity.AddClaim(new Claim(ClaimNames.Subject, subject));
        identity.AddClaims(tenants.Select(t => new Claim(ClaimNames.Tenant, t)));
        identity.AddClaims(roles.Select(r => new Claim(ClaimNames.Role, r)));
        failure = null;
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The value through <paramref name="map"/> (null when unmapped), or the value itself when the map is empty.</summary>
    private static string? Translate(string value, IReadOnlyDictionary<string, string> map) =>
        map.Count == 0 ? value : map.TryGetValue(value, out var mapped) ? mapped : null;
}
