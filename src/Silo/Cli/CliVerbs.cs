using System.CommandLine;
using CareGrid.GraphApi.Auth;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Silo.Cli;

/// <summary>
/// Command-line verbs of the CareGrid executable (System.CommandLine). With no verb the service runs;
/// <c>--no-seed</c> turns the demo seed off. <c>token</c> prints a development token alone on stdout; <c>import</c> posts a
/// CSV roster to a running service (<see cref="ImportVerb"/>).
/// </summary>
public static class CliVerbs
{
    private static readonly string[] Verbs = ["token", "import"];

    /// <summary>True when the first argument is a verb rather than a host option.</summary>
    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    /// <summary>The host's arguments: <c>--no-seed</c> becomes <c>--Seed:Demo=false</c>; everything else passes through.</summary>
    public static string[] HostArgs(string[] args) =>
        args.Select(a => a == "--no-seed" ? "--Seed:Demo=false" : a).ToArray();

    /// <summary>Runs a verb; returns the process exit code (0 ok, 1 bad usage).</summary>
    public static int Run(string[] args)
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
            var roles = new List<string>();
            foreach (var r in parse.GetValue(role) ?? [])
            {
                var canonical = Roles.Normalize(r);
                if (canonical is null)
                {
                    Console.Error.WriteLine($"Unknown role '{r}'. Roles: {string.Join(", ", Roles.All)}.");
                    return 1;
                }

                roles.Add(canonical);
            }

            var tenantId = parse.GetValue(tenant);
            var platformOnly = roles.All(r => r == Roles.PlatformAdmin);
            if (tenantId is null && !platformOnly)
            {
                Console.Error.WriteLine("--tenant is required for tenant roles (only --role PlatformAdmin needs none).");
                return 1;
            }

            if (tenantId is not null && !TenantIds.IsValid(tenantId))
            {
                Console.Error.WriteLine($"'{tenantId}' is not a tenant id (3–63 of a-z, 0-9 and '-').");
                return 1;
            }

            var sub = parse.GetValue(subject)
                ?? (tenantId is null ? roles[0].ToLowerInvariant() : $"{roles[0].ToLowerInvariant()}@{tenantId}");
            var tokens = new DevelopmentTokens(LoadAuthOptions(), TimeProvider.System);
            Console.Out.WriteLine(tokens.Issue(sub, tenantId, roles));
            return 0;
        });

        var root = new RootCommand("CareGrid: run the service (no verb) or a verb.");
        root.Subcommands.Add(token);
        root.Subcommands.Add(ImportVerb.Create(LoadAuthOptions));
        return root.Parse(args).Invoke();
    }

    private static AuthOptions LoadAuthOptions()
    {
        var config = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = config.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (options.UsesAuthority)
        {
            Console.Error.WriteLine("Note: Auth:Authority is set, so the service trusts that authority and will refuse development tokens.");
        }

        return options;
    }
}
