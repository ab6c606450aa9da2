using CareGrid.GraphApi.Configuration;
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
    /// stops the host at start. Claims are kept as issued (<c>sub</c>, <c>tenant</c>, <c>role</c>).
    /// A request without a token is anonymous; fields decide whether that is enough. A token's successful validation is
    /// reused for the same token until it expires, at most 5 minutes (<see cref="CachingTokenHandler"/>).
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
                // Each distinct token is validated once and its verdict reused until it expires (at most 5 minutes).
                jwt.TokenHandlers.Clear();
                jwt.TokenHandlers.Add(new CachingTokenHandler(new JsonWebTokenHandler { MapInboundClaims = false }));
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
                }
                else
                {
                    jwt.Authority = options.Authority;
                    // Metadata over plain http only from a loopback authority (the validator refuses any other http URL).
                    jwt.RequireHttpsMetadata = !options.Authority!.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
                }
            });
        services.AddAuthorization();
        return services;
    }
}
