using CareGrid.Silo.Cli;

namespace CareGrid.Tests.Cli;

/// <summary>
/// Which command lines run the service (in process, no host is built here): <c>--no-seed</c>, <c>--urls</c> and configuration
/// overrides in the forms ASP.NET Core reads become the host's arguments; anything else is bad usage (exit 2, stderr only).
/// </summary>
[Trait("tier", "domain")]
public sealed class HostArgumentsShould
{
    private static (CommandLineOutcome Outcome, string Stdout, string Stderr) Parse(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var outcome = CareGridCommandLine.Parse(args, stdout, stderr);
        return (outcome, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Run_the_service_with_no_arguments()
    {
        var (outcome, stdout, stderr) = Parse();

        Assert.Null(outcome.ExitCode);
        Assert.Empty(outcome.HostArgs);
        Assert.Empty(stdout + stderr);
    }

    [Fact]
    public void Pass_host_options_and_every_override_form_to_the_host()
    {
        var (outcome, _, stderr) = Parse("--no-seed", "--urls", "http://127.0.0.1:0", "--Storage:Provider=AzureTable",
            "--Orleans:SiloPort", "11112", "/Seed:Path=/tmp/seed", "RateLimits:Enabled=false", "--environment=Development",
            "--contentRoot=/tmp", "--Urls=http://127.0.0.1:5081", "--Storage:ConnectionString=UseDevelopmentStorage=true");

        Assert.Empty(stderr);
        Assert.Null(outcome.ExitCode);
        Assert.Equal(
            ["--urls=http://127.0.0.1:0", "--Seed:Demo=false", "--Storage:Provider=AzureTable", "--Orleans:SiloPort=11112",
             "--Seed:Path=/tmp/seed", "--RateLimits:Enabled=false", "--environment=Development", "--contentRoot=/tmp",
             "--Urls=http://127.0.0.1:5081", "--Storage:ConnectionString=UseDevelopmentStorage=true"],
            outcome.HostArgs);
    }

    [Theory]
    [InlineData("tokn")]
    [InlineData("--no-seeds")]
    [InlineData("--Strage:Provider=AzureTable")]
    [InlineData("--Seed:Demo")]
    [InlineData("--Storage::Provider=AzureTable")]
    [InlineData("--Auth:Authorty=https://login.example.com")]
    [InlineData("--Storage:Provder=AzureTable")]
    [InlineData("--RateLimits:Enable=false")]
    [InlineData("--GraphQL:Limits:Introspecton=false")]
    [InlineData("--Orleans:Membership:ProbeTimeot=00:00:05")]
    [InlineData("--Auth:RoleMapp:cg-counsellors=Counsellor")]
    [InlineData("--Auth:Audience:cg=caregrid")]
    [InlineData("--Auth:RoleMap:a:b=Counsellor")]
    public void Refuse_anything_else_as_bad_usage(string arg)
    {
        var (outcome, stdout, stderr) = Parse(arg);

        Assert.Equal(CareGridCommandLine.Usage, outcome.ExitCode);
        Assert.Empty(outcome.HostArgs);
        Assert.Empty(stdout);
        Assert.Contains(arg, stderr);
    }

    [Fact]
    public void Pass_entries_of_the_claim_maps_to_the_host()
    {
        // docs/oidc.md "Claims": Auth:RoleMap and Auth:TenantMap take their entries as keys one segment below.
        var (outcome, _, stderr) = Parse("--Auth:RoleMap:cg-counsellors=Counsellor", "--auth:tenantmap:9b1f0e4c=demo-school");

        Assert.Empty(stderr);
        Assert.Equal(["--Auth:RoleMap:cg-counsellors=Counsellor", "--auth:tenantmap:9b1f0e4c=demo-school"], outcome.HostArgs);
    }

    [Fact]
    public void Not_take_the_next_option_as_the_value_of_urls()
    {
        var (outcome, stdout, stderr) = Parse("--urls", "--no-seed");

        Assert.Equal(CareGridCommandLine.Usage, outcome.ExitCode);
        Assert.Empty(stdout);
        Assert.NotEmpty(stderr);
    }

    [Fact]
    public void Print_help_instead_of_running()
    {
        var (outcome, stdout, stderr) = Parse("--no-seed", "--help");

        Assert.Equal(CareGridCommandLine.Ok, outcome.ExitCode);
        Assert.Contains("--no-seed", stdout);
        Assert.Empty(stderr);
    }
}
