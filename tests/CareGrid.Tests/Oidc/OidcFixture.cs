using System.Text.Json.Nodes;
using CareGrid.Tests.Browser;
using CareGrid.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace CareGrid.Tests.Oidc;

/// <summary>
/// A real OpenID Connect provider (<see cref="OidcProviderProcess"/>) and the service (demo seed) trusting it through
/// <c>Auth:Authority</c>, with the claims mapped by configuration as docs/oidc.md describes: the tenant in <c>school</c>,
/// the roles in <c>groups</c> translated by <c>Auth:RoleMap</c>. Accounts: <see cref="Alice"/> (group <c>cg-counsellors</c>,
/// so Counsellor, and an unmapped group) and <see cref="Bob"/> (only an unmapped group, and a <c>role: PlatformAdmin</c>
/// claim that the mapping must not let through).
/// </summary>
public sealed class OidcFixture : IAsyncLifetime
{
    /// <summary>The console's client id at the provider.</summary>
    public const string ClientId = "caregrid-console";
    /// <summary>The tenant both accounts belong to (demo seed).</summary>
    public const string Tenant = "demo-school";
    /// <summary>A counsellor's login, password and subject.</summary>
    public static readonly (string Login, string Password, string Subject) Alice = ("alice", "alice-" + Guid.NewGuid().ToString("N"), "alice@demo-school");
    /// <summary>A user without a mapped role.</summary>
    public static readonly (string Login, string Password, string Subject) Bob = ("bob", "bob-" + Guid.NewGuid().ToString("N"), "bob@demo-school");

    /// <summary>The console's redirect URI (never fetched: the test reads the code from the redirect).</summary>
    public static readonly Uri RedirectUri = new("http://127.0.0.1:5175/signin-callback");

    /// <summary>Why the provider cannot run here, or null.</summary>
    public string? Missing { get; private set; }

    /// <summary>The running provider.</summary>
    public OidcProviderProcess Provider { get; private set; } = null!;

    /// <summary>The service trusting <see cref="Provider"/>.</summary>
    public CareGridApiFactory Service { get; private set; } = null!;

    /// <summary>Skips the calling test locally, fails it under CI (<c>CI=true</c>), when Node.js or the provider's packages are missing.</summary>
    public void Require()
    {
        if (Missing is not null)
        {
            if (BrowserRunner.IsCi)
            {
                Assert.Fail("CI=true: " + Missing);
            }

            Skip.If(true, Missing);
        }
    }

    /// <summary>A code-flow client of the console's registration at the provider.</summary>
    public CodeFlowClient SignInClient() => new(Provider.Issuer, ClientId, RedirectUri);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Missing = await OidcProviderProcess.PrepareAsync();
        if (Missing is not null)
        {
            return;
        }

        var clients = new JsonArray(new JsonObject
        {
            ["client_id"] = ClientId, ["token_endpoint_auth_method"] = "none", ["application_type"] = "web",
            ["redirect_uris"] = new JsonArray(RedirectUri.ToString()), ["grant_types"] = new JsonArray("authorization_code"), ["response_types"] = new JsonArray("code"),
        });
        var accounts = new JsonObject
        {
            [Alice.Login] = Account(Alice.Password, Alice.Subject, "Alice", new JsonArray("cg-counsellors", "staff-all")),
            [Bob.Login] = Account(Bob.Password, Bob.Subject, "Bob", new JsonArray("staff-all"), smuggledRole: "PlatformAdmin"),
        };
        var resource = new JsonObject { ["indicator"] = "urn:caregrid:api", ["audience"] = "caregrid" };
        Provider = await OidcProviderProcess.StartAsync(clients, accounts, resource, TimeSpan.FromMinutes(1));
        Service = new AuthorityFactory(Provider.IssuerText);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Missing is null)
        {
            await Service.DisposeAsync();
            await Provider.DisposeAsync();
        }
    }

    private static JsonObject Account(string password, string subject, string name, JsonArray groups, string? smuggledRole = null)
    {
        var claims = new JsonObject { ["sub"] = subject, ["name"] = name, ["school"] = Tenant, ["groups"] = groups };
        if (smuggledRole is not null)
        {
            claims["role"] = smuggledRole;
        }

        return new JsonObject { ["password"] = password, ["claims"] = claims };
    }

    /// <summary>The service with <c>Auth:Authority</c> set to the provider and the claims mapping of docs/oidc.md.</summary>
    private sealed class AuthorityFactory(string authority) : CareGridApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Auth:Authority", authority);
            builder.UseSetting("Auth:ConsoleClientId", ClientId);
            builder.UseSetting("Auth:TenantClaim", "school");
            builder.UseSetting("Auth:RoleClaim", "groups");
            builder.UseSetting("Auth:RoleMap:cg-counsellors", "Counsellor");
            builder.UseSetting("Auth:RoleMap:cg-admins", "TenantAdmin");
        }
    }
}
