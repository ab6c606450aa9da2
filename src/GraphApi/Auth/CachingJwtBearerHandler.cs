using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareGrid.GraphApi.Auth;

/// <summary>
/// ASP.NET Core's JWT bearer handler with the verdict of each distinct token reused (<see cref="BearerVerdictCache"/>):
/// a request whose <c>Authorization: Bearer</c> token authenticated recently gets a copy of the principal that token
/// produced, without running the token validation again — which in <see cref="JwtBearerHandler"/> also clones the
/// <c>TokenValidationParameters</c> and builds result and context objects on every request (docs/read-path-profile.md).
/// Every other request (no verdict kept, an expired verdict, a token that fails) goes through
/// <see cref="JwtBearerHandler"/> unchanged, and only its successes are kept, after the <c>TokenValidated</c> event
/// (the authority's claim mapping, <see cref="ClaimsMapping"/>) has run — so a hit answers with exactly the principal
/// a full validation gave, for at most <see cref="BearerVerdictCache.MaxAge"/> and never past the token's expiry plus
/// the clock skew. The clock is the scheme's <c>TimeProvider</c> (<see cref="TimeProvider.System"/> unless a test sets
/// <c>JwtBearerOptions.TimeProvider</c>), the clock Microsoft.IdentityModel checks lifetimes with.
/// </summary>
/// <remarks>
/// The <c>MessageReceived</c> event still runs on every request (on a miss once more inside the base handler), and a
/// token it supplies is looked up like a header's.
/// The events after validation (<c>TokenValidated</c>) do not run on a hit: they ran for the kept verdict.
/// </remarks>
public sealed class CachingJwtBearerHandler(
    IOptionsMonitor<JwtBearerOptions> options, ILoggerFactory logger, UrlEncoder encoder, BearerVerdictCache cache)
    : JwtBearerHandler(options, logger, encoder)
{
    private const string Prefix = "Bearer ";

    /// <summary>Events shared by every request when the options name none (the base creates one object per request).</summary>
    private static readonly JwtBearerEvents NoEvents = new();

    /// <inheritdoc />
    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(NoEvents);

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var messageReceived = new MessageReceivedContext(Context, Scheme, Options);
        await Events.MessageReceived(messageReceived).ConfigureAwait(false);
        if (messageReceived.Result is not null)
        {
            return messageReceived.Result;
        }

        // The same token JwtBearerHandler reads: the event's, else the header's after "Bearer " (any case), trimmed. Kept as
        // its text and a range of it, so a hit allocates no string for the token.
        var text = messageReceived.Token;
        var range = new Range(0, text?.Length ?? 0);
        if (string.IsNullOrEmpty(text))
        {
            text = Request.Headers.Authorization.ToString();
            range = text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? Trimmed(text, Prefix.Length) : default;
        }

        if (range.End.Value <= range.Start.Value)
        {
            return await base.HandleAuthenticateAsync().ConfigureAwait(false);
        }

        var now = TimeProvider.GetUtcNow();
        if (cache.Lookup(text.AsSpan(range), now, out var issued, out var expires) is { } principal)
        {
            var properties = new AuthenticationProperties { IssuedUtc = issued, ExpiresUtc = expires };
            return AuthenticateResult.Success(new AuthenticationTicket(principal, properties, Scheme.Name));
        }

        var result = await base.HandleAuthenticateAsync().ConfigureAwait(false);
        if (result.Succeeded && result.Principal is { } validated)
        {
            cache.Add(text[range], validated, now, result.Properties?.IssuedUtc, result.Properties?.ExpiresUtc,
                Options.TokenValidationParameters.ClockSkew);
        }

        return result;
    }

    /// <summary>The range of <paramref name="text"/> from <paramref name="start"/> without leading and trailing white space (<see cref="string.Trim()"/>'s rule).</summary>
    private static Range Trimmed(string text, int start)
    {
        var end = text.Length;
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return new Range(start, end);
    }
}
