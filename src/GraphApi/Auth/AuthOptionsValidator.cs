using CareGrid.GraphApi.Configuration;
using Microsoft.Extensions.Options;

namespace CareGrid.GraphApi.Auth;

/// <summary>
/// Checks <see cref="AuthOptions"/> (section <c>Auth</c>): <c>Authority</c>, when set, an absolute https URL, http only on a loopback host (the OpenID
/// Connect issuer); <c>Audience</c> and <c>DevelopmentIssuer</c> not empty; <c>DevelopmentTokenHours</c> above 0 and at most
/// 8784 (a year); <c>SigningKeyPath</c> and <c>ConsoleClientId</c>, when set, not blank; <c>ConsoleScopes</c> not blank.
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
        return new OptionsCheck(AuthOptions.Section)
            .Require(authorityOk, nameof(options.Authority), "must be an absolute https URL (http only on a loopback host, for a local test provider) or empty", $"'{options.Authority}'")
            .NotBlank(nameof(options.Audience), options.Audience)
            .NotBlank(nameof(options.DevelopmentIssuer), options.DevelopmentIssuer)
            .Require(options.SigningKeyPath is null || !string.IsNullOrWhiteSpace(options.SigningKeyPath), nameof(options.SigningKeyPath),
                "must be a file path or unset", $"'{options.SigningKeyPath}'")
            .Require(options.ConsoleClientId is null || !string.IsNullOrWhiteSpace(options.ConsoleClientId), nameof(options.ConsoleClientId),
                "must be a client id or unset", $"'{options.ConsoleClientId}'")
            .NotBlank(nameof(options.ConsoleScopes), options.ConsoleScopes)
            .Between(nameof(options.DevelopmentTokenHours), options.DevelopmentTokenHours, double.Epsilon, MaxDevelopmentTokenHours)
            .Result();
    }
}
