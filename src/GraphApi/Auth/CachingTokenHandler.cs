using System.Collections.Concurrent;
using Microsoft.IdentityModel.Tokens;

namespace CareGrid.GraphApi.Auth;

/// <summary>
/// Validates each distinct bearer token once and reuses the verdict for later requests carrying the very same token:
/// parsing the JWT and checking its signature dominate the cost of authentication, and a client sends the same token on
/// every request. Only successful validations are kept, each until the token expires (plus the configured clock skew)
/// but never longer than <see cref="MaxAge"/>, so a change of signing keys is seen within that time. Every hit gets its
/// own copy of the identity. Bounded: past <see cref="MaxEntries"/> tokens the cache starts over.
/// </summary>
public sealed class CachingTokenHandler(TokenHandler inner) : TokenHandler
{
    /// <summary>The longest a verdict is reused: 5 minutes.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    /// <summary>Most tokens kept at once.</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (TokenValidationResult Result, DateTimeOffset Until)> _valid = new(StringComparer.Ordinal);

    /// <summary>How many verdicts are kept now.</summary>
    public int Count => _valid.Count;

    /// <inheritdoc />
    public override int MaximumTokenSizeInBytes
    {
        get => inner.MaximumTokenSizeInBytes;
        set => inner.MaximumTokenSizeInBytes = value;
    }

    /// <inheritdoc />
    public override SecurityToken ReadToken(string token) => inner.ReadToken(token);

    /// <inheritdoc />
    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(validationParameters);
        var now = DateTimeOffset.UtcNow; // the clock Microsoft.IdentityModel checks lifetimes with
        if (token is not null && _valid.TryGetValue(token, out var hit))
        {
            if (hit.Until > now)
            {
                return new TokenValidationResult
                {
                    IsValid = true,
                    ClaimsIdentity = hit.Result.ClaimsIdentity.Clone(),
                    SecurityToken = hit.Result.SecurityToken,
                    Issuer = hit.Result.Issuer,
                    TokenType = hit.Result.TokenType,
                };
            }

            _valid.TryRemove(token, out _);
        }

        var result = await inner.ValidateTokenAsync(token, validationParameters).ConfigureAwait(false);
        if (token is not null && result.IsValid && result.SecurityToken is { } securityToken && result.ClaimsIdentity is not null)
        {
            var until = now + MaxAge;
            if (securityToken.ValidTo > DateTime.MinValue)
            {
                var expires = new DateTimeOffset(DateTime.SpecifyKind(securityToken.ValidTo, DateTimeKind.Utc)) + validationParameters.ClockSkew;
                until = expires < until ? expires : until;
            }

            if (_valid.Count >= MaxEntries)
            {
                _valid.Clear();
            }

            _valid[token] = (result, until);
        }

        return result;
    }
}
