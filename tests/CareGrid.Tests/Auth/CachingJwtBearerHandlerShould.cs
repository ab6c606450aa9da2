using System.Security.Claims;
using System.Security.Cryptography;
using CareGrid.GraphApi.Auth;
using CareGrid.Grains.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CareGrid.Tests.Auth;

/// <summary>
/// The bearer scheme as <see cref="AuthenticationExtensions.AddCareGridAuthentication"/> wires it (development tokens),
/// driven through <c>HttpContext.AuthenticateAsync</c> like every request: a token's verdict is reused
/// (<see cref="BearerVerdictCache"/>) but each request gets claims no other request can change, a kept verdict ends at
/// the token's expiry plus the 1-minute clock skew and after <see cref="BearerVerdictCache.MaxAge"/> (a signing-key
/// change is then seen), and tokens with a wrong audience, issuer or signature are refused on every request. The scheme's
/// clock is a fake one; the token validation's lifetime check is given the same clock so both agree.
/// </summary>
[Trait("tier", "domain")]
public sealed class CachingJwtBearerHandlerShould : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string _keyPath = Path.Combine(Path.GetTempPath(), "caregrid-auth-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly ServiceProvider _services;

    public CachingJwtBearerHandlerShould()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:SigningKeyPath"] = _keyPath }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddCareGridAuthentication(configuration);
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            jwt.TimeProvider = _clock;
            // The validation's own lifetime rule (exp + skew, nbf - skew) on the fake clock, so a real check can refuse.
            jwt.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, p) =>
                (notBefore is null || notBefore.Value - p.ClockSkew <= _clock.GetUtcNow().UtcDateTime)
                && expires is { } e && e + p.ClockSkew > _clock.GetUtcNow().UtcDateTime;
        });
        _services = services.BuildServiceProvider();
    }

    private DevelopmentTokens Dev => _services.GetRequiredService<DevelopmentTokens>();

    private BearerVerdictCache Cache => _services.GetRequiredService<BearerVerdictCache>();

    public void Dispose()
    {
        _services.Dispose();
        File.Delete(_keyPath);
    }

    [Fact]
    public async Task Give_every_request_its_own_claims_that_no_other_request_can_change()
    {
        var token = Mint(TimeSpan.FromHours(1));

        var first = await AuthenticateAsync(token);
        Tamper(first);
        var second = await AuthenticateAsync(token);
        var third = await AuthenticateAsync(token);

        foreach (var later in new[] { second, third })
        {
            Assert.True(later.Succeeded);
            Assert.Equal("counsellor-1", later.Principal!.FindFirst(ClaimNames.Subject)!.Value);
            Assert.Equal("demo-school", later.Principal.FindFirst(ClaimNames.Tenant)!.Value);
            Assert.Equal(["Counsellor"], later.Principal.FindAll(ClaimNames.Role).Select(c => c.Value));
            Assert.True(later.Principal.IsInRole("Counsellor"));
            Assert.All(later.Principal.Claims, c => Assert.Empty(c.Properties));
            Assert.Equal(JwtBearerDefaults.AuthenticationScheme, later.Ticket!.AuthenticationScheme);
            Assert.Equal(Start.AddHours(1), later.Properties!.ExpiresUtc);
        }

        Tamper(second);
        var fourth = await AuthenticateAsync(token);
        Assert.False(fourth.Principal!.IsInRole(Roles.PlatformAdmin));
        Assert.NotNull(fourth.Principal.FindFirst(ClaimNames.Tenant));
        Assert.Equal(1, Cache.Count);
        var all = new[] { first, second, third, fourth };
        Assert.Equal(4, all.Select(r => r.Principal!).Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Equal(4, all.Select(r => r.Principal!.Identities.Single()).Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Equal(4, all.Select(r => r.Principal!.FindFirst(ClaimNames.Subject)).Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    [Fact]
    public async Task Reuse_a_verdict_only_until_the_token_expires_with_its_clock_skew()
    {
        var token = Mint(TimeSpan.FromMinutes(2));

        Assert.True((await AuthenticateAsync(token)).Succeeded);
        _clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(59)); // within the 1-minute skew after exp
        Assert.True((await AuthenticateAsync(token)).Succeeded);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var late = await AuthenticateAsync(token);

        Assert.False(late.Succeeded);
        Assert.Null(late.Principal);
        Assert.Equal(0, Cache.Count);
    }

    [Fact]
    public async Task See_a_change_of_signing_key_within_MaxAge()
    {
        var token = Mint(TimeSpan.FromHours(1));
        Assert.True((await AuthenticateAsync(token)).Succeeded);

        var jwt = _services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        jwt.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "caregrid-dev" };
        _clock.Advance(BearerVerdictCache.MaxAge - TimeSpan.FromSeconds(1));
        Assert.True((await AuthenticateAsync(token)).Succeeded); // the verdict is reused for at most MaxAge
        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.False((await AuthenticateAsync(token)).Succeeded);
        Assert.False((await AuthenticateAsync(token)).Succeeded);
    }

    [Fact]
    public async Task Refuse_a_wrong_audience_issuer_or_signature_on_every_request()
    {
        var good = Mint(TimeSpan.FromHours(1));
        Assert.True((await AuthenticateAsync(good)).Succeeded);
        var otherKey = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "caregrid-dev" };
        string[] bad =
        [
            Mint(TimeSpan.FromHours(1), audience: "someone-else"),
            Mint(TimeSpan.FromHours(1), issuer: "not-caregrid"),
            Mint(TimeSpan.FromHours(1), key: otherKey),
            good[..^2] + (good[^2] == 'A' ? "B" : "A") + good[^1], // the cached token with its signature changed
            Mint(TimeSpan.FromMinutes(-2)), // expired a minute before the skew ends
        ];

        foreach (var token in bad)
        {
            for (var i = 0; i < 2; i++)
            {
                var result = await AuthenticateAsync(token);
                Assert.False(result.Succeeded, $"request {i + 1} with a bad token was authenticated");
                Assert.Null(result.Principal);
            }
        }

        Assert.Equal(1, Cache.Count);
        Assert.True((await AuthenticateAsync(good)).Succeeded);
    }

    [Fact]
    public async Task Read_the_token_as_the_bearer_scheme_does()
    {
        var token = Mint(TimeSpan.FromHours(1));
        Assert.True((await AuthenticateAsync(token)).Succeeded);

        Assert.True((await AuthenticateAsync(token, "bearer  " + token + "  ")).Succeeded); // any case, trimmed
        Assert.Equal(1, Cache.Count);
        Assert.False((await AuthenticateAsync(token, "Basic " + token)).Succeeded);
        Assert.False((await AuthenticateAsync(token, "Bearer ")).Succeeded);
        Assert.False((await AuthenticateAsync(token, "")).Succeeded);
        Assert.False((await AuthenticateAsync(token, "Bearer " + token + "x")).Succeeded);
    }

    /// <summary>Each call is a request of its own: a fresh scope (fresh handlers) and context, as in ASP.NET Core.</summary>
    private async Task<AuthenticateResult> AuthenticateAsync(string token, string? header = null)
    {
        await using var scope = _services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = header ?? "Bearer " + token;
        return await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
    }

    /// <summary>Changes a request's principal every way a handler could: adds a role, removes the tenant, marks a claim.</summary>
    private static void Tamper(AuthenticateResult result)
    {
        var identity = (ClaimsIdentity)result.Principal!.Identity!;
        identity.AddClaim(new Claim(ClaimNames.Role, Roles.PlatformAdmin));
        identity.RemoveClaim(identity.FindFirst(ClaimNames.Tenant));
        identity.FindFirst(ClaimNames.Subject)!.Properties["tampered"] = "yes";
    }

    /// <summary>A development token issued now on the fake clock, valid for <paramref name="lifetime"/> (negative: already expired).</summary>
    private string Mint(TimeSpan lifetime, string audience = "caregrid", string issuer = "caregrid-dev", SecurityKey? key = null)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var notBefore = lifetime > TimeSpan.Zero ? now : now + lifetime - TimeSpan.FromMinutes(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim(ClaimNames.Subject, "counsellor-1"), new Claim(ClaimNames.Tenant, "demo-school"), new Claim(ClaimNames.Role, "Counsellor")]),
            Issuer = issuer,
            Audience = audience,
            NotBefore = notBefore,
            IssuedAt = notBefore,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key ?? Dev.Key, SecurityAlgorithms.HmacSha256),
        });
    }
}
