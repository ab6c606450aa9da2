using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Configuration;
using Microsoft.Extensions.Options;

namespace CareGrid.GraphApi.Auth;

/// <summary>
/// Checks <see cref="AuthOptions"/> (section <c>Auth</c>): <c>Authority</c>, when set, an absolute https URL, http only on a loopback host (the OpenID
/// Connect issuer); <c>Audience</c> and <c>DevelopmentIssuer</c> not empty; <c>DevelopmentTokenHours</c> above 0 and at most
/// 8784 (a year); <c>SigningKeyPath</c> and <c>ConsoleClientId</c>, when set, not blank; <c>ConsoleScopes</c> not blank;
/// <c>SubjectClaim</c>, <c>TenantClaim</c> and <c>RoleClaim</c> not blank and three different claims; every
/// <c>RoleMap</c> value a CareGrid role name (<see cref="Roles.All"/>, any case) and every <c>TenantMap</c> value a tenant id
/// (<see cref="TenantIds.IsValid"/>) (docs/oidc.md "Claims").
/// </summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    /// <summary>Longest lifetime of a development token, in hours: one (leap) year.</summary>
    public const double MaxDevelopmentTokenHours = 8784;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var authorityOk = !options.UsesAuthority
            || (Uri.TryCreate(options.Authority, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)));
        var check = new OptionsCheck(AuthOptions.Section)
            .Require(authorityOk, nameof(options.Authority), "must be an absolute https URL (http only on a loopback host, for a local test provider) or empty", $"'{options.Authority}'")
            .NotBlank(nameof(options.Audience), options.Audience)
            .NotBlank(nameof(options.DevelopmentIssuer), options.DevelopmentIssuer)
            .Require(options.SigningKeyPath is null || !string.IsNullOrWhiteSpace(options.SigningKeyPath), nameof(options.SigningKeyPath),
                "must be a file path or unset", $"'{options.SigningKeyPath}'")
            .Require(options.ConsoleClientId is null || !string.IsNullOrWhiteSpace(options.ConsoleClientId), nameof(options.ConsoleClientId),
                "must be a client id or unset", $"'{options.ConsoleClientId}'")
            .NotBlank(nameof(options.ConsoleScopes), options.ConsoleScopes)
            .Between(nameof(options.DevelopmentTokenHours), options.DevelopmentTokenHours, double.Epsilon, MaxDevelopmentTokenHours);
        return CheckClaims(check, options).Result();
    }

    /// <summary>The claim names and maps of docs/oidc.md "Claims".</summary>
    private static OptionsCheck CheckClaims(OptionsCheck check, AuthOptions options)
    {
        check.NotBlank(nameof(options.SubjectClaim), options.SubjectClaim)
            .NotBlank(nameof(options.TenantClaim), options.TenantClaim)
            .NotBlank(nameof(options.RoleClaim), options.RoleClaim);
        string[] names = [options.SubjectClaim, options.TenantClaim, options.RoleClaim];
        check.Require(names.Distinct(StringComparer.Ordinal).Count() == names.Length, nameof(options.TenantClaim),
            "must differ from Auth:SubjectClaim and Auth:RoleClaim (three different claims)",
            $"SubjectClaim '{options.SubjectClaim}', TenantClaim '{options.TenantClaim}', RoleClaim '{options.RoleClaim}'");
        foreach (var (from, to) in options.RoleMap)
        {
            check.Require(Roles.Normalize(to) is not null, $"{nameof(options.RoleMap)}:{from}",
                $"must be a CareGrid role: {string.Join(", ", Roles.All)}", $"'{to}'");
        }

        foreach (var (from, to) in options.TenantMap)
        {
            check.Require(TenantIds.IsValid(to), $"{nameof(options.TenantMap)}:{from}", "must be a tenant id (a lowercase slug)", $"'{to}'");
        }

        return check;
    }
}
