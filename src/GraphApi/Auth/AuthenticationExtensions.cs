using CareGrid.Grains.Security;
using CareGrid.GraphApi.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CareGrid.GraphApi.Auth;

/// <summary>Wires JWT bearer authentication from the <c>Auth</c> configuration section.</summary>
public static class AuthenticationExtensions
{
    /// <summary>
    /// Adds JWT bearer authentication: development tokens (local key) when <c>Auth:Authority</c> is empty,
    /// otherwise the OpenID Connect authority. The <c>Auth</c> section is checked by <see cref="AuthOptionsValidator"/>: a bad value
    /// stops the host at start. Development tokens carry CareGrid's claims (<c>sub</c>, <c>tenant</c>, <c>role</c>); an
    /// authority's tokens are mapped into them by configuration (<see cref="ClaimsMapping"/>, docs/oidc.md), and development
    /// tokens are then refused (no local key is trusted).
    /// A request without a token is anonymous; fields decide whether that is enough. A token's successful authentication
    /// (validation and claim mapping) is reused for the same token until it expires, at most 5 minutes: the scheme's
    /// handler is <see cref="CachingJwtBearerHandler"/> with the process's <see cref="BearerVerdictCache"/>.
    /// </summary>
    public static IServiceCollection AddCareGridAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        // Needed while the host is built (the JWT handler, the development key); with a bad value no key is touched and
        // the same validator stops the host at start.
        var options = ValidatedOptions.Bind(configuration, AuthOptions.Section, new AuthOptionsValidator(), out var failures);
        services.AddValidatedOptions<AuthOptions, AuthOptionsValidator>(AuthOptions.Section);
        services.AddSingleton(options);
        DevelopmentTokens? dev = null;
        if (!options.UsesAuthority && failures.Count == 0)
        {
            dev = new DevelopmentTokens(options, TimeProvider.System);
            services.AddSingleton(dev);
        }

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenHandlers.Clear();
                jwt.TokenHandlers.Add(new JsonWebTokenHandler { MapInboundClaims = false });
                jwt.Audience = options.Audience;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateAudience = true,
                    ValidAudience = options.Audience,
                    ValidateLifetime = true,
                    ClockSkew = TimeSpan.FromMinutes(1),
                    NameClaimType = ClaimNames.Subject,
                    RoleClaimType = ClaimNames.Role,
                };
                if (dev is not null)
                {
                    jwt.TokenValidationParameters.ValidIssuer = options.DevelopmentIssuer;
                    jwt.TokenValidationParameters.IssuerSigningKey = dev.Key;
                    jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
                    jwt.Events = RefusingReservedSubjects();
                }
                else
                {
                    UseAuthority(jwt, options);
                }
            });
        // Each distinct token is authenticated once and its principal reused until it expires (at most 5 minutes): the
        // scheme AddJwtBearer registered (options, post-configuration, events) keeps everything but its handler class.
        services.AddSingleton<BearerVerdictCache>();
        services.AddTransient<CachingJwtBearerHandler>();
        services.Configure<AuthenticationOptions>(auth =>
            auth.SchemeMap[JwtBearerDefaults.AuthenticationScheme].HandlerType = typeof(CachingJwtBearerHandler));
        services.AddAuthorization();
        return services;
    }

    /// <summary>
    /// The development issuer's events: it refuses reserved subjects when it signs (<see cref="DevelopmentTokens"/>), and a
    /// token signed otherwise with its key is refused here (<see cref="ReservedSubjects"/>; the OIDC path's
    /// <see cref="ClaimsMapping"/> does the same), so the request is anonymous.
    /// </summary>
    private static JwtBearerEvents RefusingReservedSubjects() => new()
    {
        OnTokenValidated = context =>
        {
            if (context.Principal?.FindFirst(ClaimNames.Subject)?.Value is { } sub && ReservedSubjects.IsReserved(sub))
            {
                context.Fail(ReservedSubjects.Explain(sub));
            }

            return Task.CompletedTask;
        },
    };

    /// <summary>Signature algorithms accepted from an authority: asymmetric only, so no shared secret can sign a token.</summary>
    public static readonly IReadOnlyList<string> AuthorityAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    /// <summary>
    /// Trusts the OpenID Connect authority (docs/oidc.md): issuer and signing keys from its discovery document and JWKS,
    /// the audience, lifetime and signature checked as above, and the token's claims mapped into CareGrid's by
    /// <see cref="ClaimsMapping"/>; a token the mapping cannot use fails authentication (the request is anonymous, a 401 at
    /// the transport or <c>UNAUTHENTICATED</c> from a field) and the reason is logged.
    /// </summary>
    private static void UseAuthority(JwtBearerOptions jwt, AuthOptions options)
    {
        jwt.Authority = options.Authority;
        // Metadata over plain http only from a loopback authority (the validator refuses any other http URL).
        jwt.RequireHttpsMetadata = !options.Authority!.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
        jwt.TokenValidationParameters.ValidateIssuer = true;
        jwt.TokenValidationParameters.ValidateIssuerSigningKey = true;
        jwt.TokenValidationParameters.RequireSignedTokens = true;
        jwt.TokenValidationParameters.RequireExpirationTime = true;
        jwt.TokenValidationParameters.ValidAlgorithms = AuthorityAlgorithms;
        var mapping = new ClaimsMapping(options);
        jwt.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var mapped = mapping.Map(context.Principal!, out var failure);
                if (mapped is null)
                {
                    context.Fail(failure!);
                }
                else
                {
                    context.Principal = mapped;
                }

                return Task.CompletedTask;
            },
        };
    }
}
