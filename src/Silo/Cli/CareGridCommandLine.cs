using System.CommandLine;
using CareGrid.GraphApi.Auth;
using CareGrid.GraphApi.Configuration;
using CareGrid.Grains.Imports;

namespace CareGrid.Silo.Cli;

/// <summary>What the command line asked for: an exit code (a verb ran, help was shown, or the usage was bad), or the service with these host arguments.</summary>
/// <param name="ExitCode">The process's exit code when nothing more is to run; null to run the service.</param>
/// <param name="HostArgs">The arguments for the service's host (<c>--Key=value</c>), when it runs.</param>
public sealed record CommandLineOutcome(int? ExitCode, IReadOnlyList<string> HostArgs);

/// <summary>
/// The command line of the CareGrid executable (System.CommandLine). With no verb the service runs, taking <c>--no-seed</c>,
/// <c>--urls</c> and configuration overrides (<see cref="HostArguments"/>); <c>token</c> prints a development token
/// (<see cref="TokenVerb"/>), <c>import</c> posts a CSV roster to a running service (<see cref="ImportVerb"/>) and <c>schema</c>
/// prints the served GraphQL schema (<see cref="SchemaVerb"/>).
/// <c>--help</c> / <c>-h</c> print the usage on stdout. Results go to stdout, errors to stderr; exit codes are
/// <see cref="Ok"/>, <see cref="Failed"/> (a verb failed) and <see cref="Usage"/> (an unknown verb or option, a missing or bad
/// argument). Nothing here opens a port: only a command line that names no verb, help or error starts the service.
/// </summary>
public static class CareGridCommandLine
{
    /// <summary>Exit code: done.</summary>
    public const int Ok = 0;

    /// <summary>Exit code: a verb (or the service's start) failed.</summary>
    public const int Failed = 1;

    /// <summary>Exit code: bad usage.</summary>
    public const int Usage = 2;

    /// <summary>Parses <paramref name="args"/>; runs a verb or prints help or an error, or returns the service's host arguments.</summary>
    public static CommandLineOutcome Parse(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        IReadOnlyList<string>? hostArgs = null;
        var root = CreateRoot(accepted => hostArgs = accepted);
        var result = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        // Only the service (the root) takes configuration overrides; a verb takes its own options and nothing else.
        var verbExtras = result.CommandResult.Command is RootCommand ? [] : result.UnmatchedTokens;
        if ((result.Errors.Count > 0 || verbExtras.Count > 0) && result.Action is not { ClearsParseErrors: true })
        {
            foreach (var error in result.Errors)
            {
                stderr.WriteLine(error.Message);
            }

            foreach (var extra in verbExtras)
            {
                stderr.WriteLine($"未知的选项或参数 '{extra}'。 / Unknown option or argument '{extra}'.");
            }

            stderr.WriteLine("用 --help 查看用法。 / Run with --help for usage.");
            return new CommandLineOutcome(Usage, []);
        }

        var code = result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        return hostArgs is not null && code == Ok ? new CommandLineOutcome(null, hostArgs) : new CommandLineOutcome(code, []);
    }

    private static RootCommand CreateRoot(Action<IReadOnlyList<string>> run)
    {
        var noSeed = new Option<bool>("--no-seed") { Description = "不加载演示租户（即 --Seed:Demo=false）。 / Start without the demo tenants (same as --Seed:Demo=false)." };
        var urls = new Option<string?>("--urls")
        {
            Description = "API 的监听地址，例如 http://127.0.0.1:0（默认 http://127.0.0.1:5080）。 / Where the API listens, e.g. http://127.0.0.1:0 (default http://127.0.0.1:5080).",
        };
        var root = new RootCommand(
            "CareGrid：不带命令时运行服务（Orleans silo 与 GraphQL API）；配置项可用 --Key=value 或 --Key value 覆盖，例如 --Storage:Provider=AzureTable（见 docs/operations.md）。\n" +
            "CareGrid: with no verb, runs the service (Orleans silo and GraphQL API); any configuration key can be set as --Key=value or --Key value, e.g. --Storage:Provider=AzureTable (see docs/operations.md).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        urls.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (value.Split(';').Any(u => !Uri.TryCreate(u, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            {
                result.AddError($"--urls 需要 http:// 或 https:// 地址，而不是 '{value}'。 / --urls needs http:// or https:// addresses, not '{value}'.");
            }
        });
        root.Options.Add(noSeed);
        root.Options.Add(urls);
        root.Subcommands.Add(TokenVerb.Create(LoadAuthOptions));
        root.Subcommands.Add(ImportVerb.Create(LoadAuthOptions));
        root.Subcommands.Add(SchemaVerb.Create());
        root.SetAction(parse =>
        {
            if (!HostArguments.TryTranslate(parse.UnmatchedTokens, out var host, out var error))
            {
                parse.InvocationConfiguration.Error.WriteLine(error);
                parse.InvocationConfiguration.Error.WriteLine("用 --help 查看用法。 / Run with --help for usage.");
                return Usage;
            }

            var named = new List<string>();
            if (parse.GetValue(urls) is { } listen)
            {
                named.Add("--urls=" + listen);
            }

            if (parse.GetValue(noSeed))
            {
                named.Add("--Seed:Demo=false");
            }

            run([.. named, .. host]);
            return Ok;
        });
        return root;
    }

    /// <summary>The <c>Auth</c> section of appsettings.json and the environment, checked by <see cref="AuthOptionsValidator"/>.</summary>
    /// <exception cref="InvalidOperationException">A value is invalid; the message names the key.</exception>
    private static AuthOptions LoadAuthOptions()
    {
        var config = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = ValidatedOptions.BindOrThrow(config, AuthOptions.Section, new AuthOptionsValidator());
        if (options.UsesAuthority)
        {
            Console.Error.WriteLine(Bilingual.ChineseFirst("Note: Auth:Authority is set, so the service trusts that authority and will refuse development tokens.",
                "注意：已设置 Auth:Authority，服务只信任该认证机构，会拒绝开发令牌。"));
        }

        return options;
    }
}
