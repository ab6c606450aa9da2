using CareGrid.Silo.Cli;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Cli;

/// <summary>
/// The executable's command line, run as a process (<c>dotnet CareGrid.Silo.dll …</c>): help on stdout with exit 0, bad usage
/// on stderr with exit 2, a bad configuration value on stderr with exit 1 — and in none of these does the service start
/// (no banner, the process ends by itself within the bound instead of serving).
/// </summary>
[Trait("tier", "durable")]
public sealed class CommandLineShould : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);
    private readonly string _keyPath = Path.Combine(Path.GetTempPath(), "caregrid-tests", Guid.NewGuid().ToString("N") + ".key");

    public void Dispose() => File.Delete(_keyPath);

    private Task<ProcessRunner.Result> Run(params string[] args) =>
        ProcessRunner.RunAsync("dotnet", [RepoPaths.SiloDll, .. args], Path.GetDirectoryName(RepoPaths.SiloDll)!, Bound,
            new Dictionary<string, string> { ["Auth__SigningKeyPath"] = _keyPath, ["DOTNET_ENVIRONMENT"] = "Production", ["ASPNETCORE_ENVIRONMENT"] = "Production" });

    /// <summary>Free ports, so that a start that wrongly went ahead would not take the default 5080/11111/30000.</summary>
    private static string[] FreeEndpoints() =>
        ["--urls", "http://127.0.0.1:0", $"--Orleans:SiloPort={FreePorts.Next()}", $"--Orleans:GatewayPort={FreePorts.Next()}"];

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Print_the_usage_on_stdout_and_exit_0(string help)
    {
        var result = await Run(help);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.StandardError);
        foreach (var expected in new[] { "token", "import", "schema", "--no-seed", "--urls", "--Storage:Provider=AzureTable" })
        {
            Assert.Contains(expected, result.StandardOutput);
        }

        Assert.DoesNotContain("CareGrid is running", result.StandardOutput);
    }

    [Fact]
    public async Task Print_the_schema_alone_on_stdout_with_the_schema_verb()
    {
        var result = await Run("schema");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "schema.graphql")).ReplaceLineEndings("\n"), result.StandardOutput.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("CareGrid is running", result.StandardOutput);
    }

    [Theory]
    [InlineData("tokn", "tokn")]
    [InlineData("bogus", "--bogus")]
    [InlineData("Stroage:Provider", "--Stroage:Provider=AzureTable")]
    [InlineData("bogus", "token", "--bogus", "--role", "Counsellor")]
    [InlineData("--role", "token", "--tenant", "demo-school")]
    [InlineData("Unknown role", "token", "--tenant", "demo-school", "--role", "Nobody")]
    [InlineData("is reserved", "token", "--tenant", "demo-school", "--role", "Caseworker", "--sub", "queue:level-3")]
    public async Task Refuse_an_unknown_verb_or_option_on_stderr_with_exit_2(string named, params string[] args)
    {
        // A verb takes no host options; the service's own command lines get free endpoints in case the refusal regressed.
        var result = await Run(args[0] == "token" ? args : [.. args, .. FreeEndpoints()]);

        Assert.Equal(CareGridCommandLine.Usage, result.ExitCode);
        Assert.Empty(result.StandardOutput);
        Assert.Contains(named, result.StandardError);
        Assert.DoesNotContain("CareGrid is running", result.StandardOutput);
    }

    [Fact]
    public async Task Refuse_a_bad_configuration_value_on_stderr_with_exit_1_before_listening()
    {
        var result = await Run(["--no-seed", "--GraphQL:Limits:MaxDepth=0", "--Storage:Provider", "Azure", .. FreeEndpoints()]);

        Assert.Equal(CareGridCommandLine.Failed, result.ExitCode);
        Assert.Contains("GraphQL:Limits:MaxDepth must be at least 1 (was 0)", result.StandardError);
        Assert.Contains("Storage:Provider must be Memory or AzureTable (was 'Azure')", result.StandardError);
        Assert.DoesNotContain("CareGrid is running", result.StandardOutput);
        Assert.DoesNotContain("Now listening", result.StandardOutput);
    }

    [Fact]
    public async Task Print_a_token_alone_on_stdout()
    {
        var result = await Run("token", "--tenant", "demo-school", "--role", "Counsellor");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.StandardError);
        Assert.Matches(@"^[\w-]+\.[\w-]+\.[\w-]+\s*$", result.StandardOutput);
    }
}
