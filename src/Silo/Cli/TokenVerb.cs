using System.CommandLine;
using CareGrid.GraphApi.Auth;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Silo.Cli;

/// <summary>
/// <c>token --role &lt;role&gt; [--tenant &lt;id&gt;] [--sub &lt;subject&gt;]</c>: prints a development token (signed with the local
/// key) alone on stdout. Exit codes: 0 printed, 2 bad usage (an unknown role, a tenant role without <c>--tenant</c>, a
/// malformed tenant id), each explained on stderr.
/// </summary>
public static class TokenVerb
{
    /// <summary>The <c>token</c> command; <paramref name="authOptions"/> reads the <c>Auth</c> section when a token is issued.</summary>
    public static Command Create(Func<AuthOptions> authOptions)
    {
        var tenant = new Option<string?>("--tenant") { Description = "Tenant id (slug); required for every role but PlatformAdmin." };
        var role = new Option<string[]>("--role")
        {
            Description = "Role, repeatable: " + string.Join(", ", Roles.All),
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var subject = new Option<string?>("--sub") { Description = "The token's sub claim; default <role>@<tenant>." };
        var token = new Command("token", "Print a development token (signed with the local key) alone on stdout.");
        token.Options.Add(tenant);
        token.Options.Add(role);
        token.Options.Add(subject);
        token.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (Request(parse.GetValue(role) ?? [], parse.GetValue(tenant), error) is not { } request)
            {
                return CareGridCommandLine.Usage;
            }

            var (roles, tenantId) = request;
            var sub = parse.GetValue(subject)
                ?? (tenantId is null ? roles[0].ToLowerInvariant() : $"{roles[0].ToLowerInvariant()}@{tenantId}");
            var tokens = new DevelopmentTokens(authOptions(), TimeProvider.System);
            parse.InvocationConfiguration.Output.WriteLine(tokens.Issue(sub, tenantId, roles));
            return CareGridCommandLine.Ok;
        });
        return token;
    }

    private static (List<string> Roles, string? Tenant)? Request(string[] requested, string? tenantId, TextWriter error)
    {
        var roles = new List<string>();
        foreach (var r in requested)
        {
            if (Roles.Normalize(r) is not { } canonical)
            {
                error.WriteLine($"Unknown role '{r}'. Roles: {string.Join(", ", Roles.All)}.");
                return null;
            }

            roles.Add(canonical);
        }

        if (tenantId is null && !roles.All(r => r == Roles.PlatformAdmin))
        {
            error.WriteLine("--tenant is required for tenant roles (only --role PlatformAdmin needs none).");
            return null;
        }

        if (tenantId is not null && !TenantIds.IsValid(tenantId))
        {
            error.WriteLine($"'{tenantId}' is not a tenant id (3–63 of a-z, 0-9 and '-').");
            return null;
        }

        return (roles, tenantId);
    }
}
