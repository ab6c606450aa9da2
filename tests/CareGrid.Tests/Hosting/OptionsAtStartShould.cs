using CareGrid.Silo;
using CareGrid.Silo.Cli;
using CareGrid.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace CareGrid.Tests.Hosting;

/// <summary>
/// Every CareGrid configuration section is checked when the service starts (docs/operations.md "Configuration"): the entry
/// point's two steps (command line, then the service) run in process with one bad value refuse to start with exit code 1 and a
/// message on stderr naming the key, before anything listens (port 0 and free Orleans ports, so a start that went ahead would
/// not hang on a fixed port); the default configuration starts in the test host.
/// </summary>
[Trait("tier", "api")]
public sealed class OptionsAtStartShould
{
    private sealed class OneSettingFactory(string key, string value) : CareGridApiFactory
    {
        protected override bool SeedDemo => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(key, value);
        }
    }

    [Theory]
    [InlineData("GraphQL:Limits:MaxDepth", "0", "GraphQL:Limits:MaxDepth must be at least 1 (was 0)")]
    [InlineData("GraphQL:Limits:TimeoutSeconds", "-1", "GraphQL:Limits:TimeoutSeconds must be a number above 0 (was -1)")]
    [InlineData("GraphQL:Http:MaxRequestBytes", "0", "GraphQL:Http:MaxRequestBytes must be at least 1 (was 0)")]
    [InlineData("RateLimits:PerUserPerMinute", "0", "RateLimits:PerUserPerMinute must be at least 1 (was 0)")]
    [InlineData("Auth:Audience", " ", "Auth:Audience must not be empty")]
    [InlineData("Auth:Authority", "not a url", "Auth:Authority must be an absolute https URL (http only on a loopback host, for a local test provider) or empty")]
    [InlineData("Auth:Authority", "http://idp.example.org/realms/caregrid", "Auth:Authority must be an absolute https URL")]
    [InlineData("Auth:DevelopmentSignInFromAnyAddress", "yes", "DevelopmentSignInFromAnyAddress")]
    [InlineData("Auth:RoleMap:cg-admins", "Boss", "Auth:RoleMap:cg-admins must be a CareGrid role: PlatformAdmin, TenantAdmin")]
    [InlineData("Auth:TenantMap:9b1f0e4c", "Demo School", "Auth:TenantMap:9b1f0e4c must be a tenant id (a lowercase slug) (was 'Demo School')")]
    [InlineData("Auth:TenantClaim", "role", "Auth:TenantClaim must differ from Auth:SubjectClaim and Auth:RoleClaim")]
    [InlineData("Auth:SubjectClaim", " ", "Auth:SubjectClaim must not be empty")]
    [InlineData("Storage:Provider", "Azure", "Storage:Provider must be Memory or AzureTable (was 'Azure')")]
    [InlineData("Storage:Provider", "AzureTable", "Storage:ConnectionString must be set when Storage:Provider is AzureTable")]
    [InlineData("Orleans:AdvertisedIPAddress", "silo-a", "Orleans:AdvertisedIPAddress must be an IP address (was 'silo-a')")]
    [InlineData("Orleans:ClusterId", "a/b", "Orleans:ClusterId must not be empty nor hold")]
    [InlineData("Orleans:CollectionAgeMinutes", "0", "Orleans:CollectionAgeMinutes must be a number above 0 (was 0)")]
    [InlineData("Orleans:CollectionAgeMinutes", "soon", "Orleans:CollectionAgeMinutes")]
    [InlineData("Deadlines:Sweep:MaxConcurrentCases", "500", "Deadlines:Sweep:MaxConcurrentCases must be from 1 to 128 (was 500)")]
    [InlineData("Deadlines:Sweep:Interval", "00:00:01", "Deadlines:Sweep:Interval must be 00:00:00 (no periodic sweep) or from 00:00:05 to 01:00:00 (was 00:00:01)")]
    [InlineData("Memory:Trim:MaxRemainingShare", "1.5", "Memory:Trim:MaxRemainingShare must be from 0 to 1 (was 1.5)")]
    [InlineData("Memory:Trim:MinUnusedCommittedMiB", "-1", "Memory:Trim:MinUnusedCommittedMiB must be at least 0 (was -1)")]
    [InlineData("Clock:OffsetSeconds", "1e12", "Clock:OffsetSeconds must be from")]
    [InlineData("Templates:Path", "/nonexistent/caregrid-templates", "Templates:Path must be an existing folder")]
    [InlineData("Webhooks:AllowedNetworks", "10.20.0.0/16 8.8.8.0/24", "Webhooks:AllowedNetworks entry '8.8.8.0/24' is not inside a private")]
    public async Task Refuse_to_start_with_a_bad_value_and_name_the_key(string key, string value, string expected)
    {
        var keyPath = Path.Combine(Path.GetTempPath(), "caregrid-tests", Guid.NewGuid().ToString("N") + ".key");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        // What Program does with its arguments: parse the command line, then run the service.
        var command = CareGridCommandLine.Parse(
            ["--no-seed", "--urls", "http://127.0.0.1:0", $"--Orleans:SiloPort={FreePorts.Next()}", $"--Orleans:GatewayPort={FreePorts.Next()}",
             $"--Auth:SigningKeyPath={keyPath}", $"--{key}={value}"], stdout, stderr);
        Assert.Null(command.ExitCode);
        var exitCode = await CareGridService.RunAsync(command.HostArgs, stderr).WaitAsync(TimeSpan.FromMinutes(2));
        File.Delete(keyPath);

        Assert.Equal(CareGridCommandLine.Failed, exitCode);
        Assert.Contains(expected, stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuse_to_start_with_a_signing_key_file_other_users_can_read()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows files carry ACLs, not mode bits
        }

        var keyPath = Path.Combine(Path.GetTempPath(), "caregrid-tests", Guid.NewGuid().ToString("N") + ".key");
        Directory.CreateDirectory(Path.GetDirectoryName(keyPath)!);
        File.WriteAllText(keyPath, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var command = CareGridCommandLine.Parse(
            ["--no-seed", "--urls", "http://127.0.0.1:0", $"--Orleans:SiloPort={FreePorts.Next()}", $"--Orleans:GatewayPort={FreePorts.Next()}",
             $"--Auth:SigningKeyPath={keyPath}"], stdout, stderr);
        Assert.Null(command.ExitCode);
        var exitCode = await CareGridService.RunAsync(command.HostArgs, stderr).WaitAsync(TimeSpan.FromMinutes(2));
        var tokenOut = new StringWriter();
        var tokenErr = new StringWriter();
        var tokenExit = TokenVerb.Create(() => new CareGrid.GraphApi.Auth.AuthOptions { SigningKeyPath = keyPath })
            .Parse(["--tenant", "demo-school", "--role", "Counsellor"])
            .Invoke(new System.CommandLine.InvocationConfiguration { Output = tokenOut, Error = tokenErr });
        var modeAfter = File.GetUnixFileMode(keyPath);
        File.Delete(keyPath);

        Assert.Equal(CareGridCommandLine.Failed, exitCode);
        var printed = stderr.ToString();
        Assert.Contains("CareGrid did not start: the configuration is invalid.", printed, StringComparison.Ordinal);
        Assert.Contains($"{keyPath} can be read or written by other users (mode 0644)", printed, StringComparison.Ordinal);
        Assert.Contains("可被其他用户读取或写入（权限 0644）", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", printed, StringComparison.Ordinal); // a message, not a stack trace
        Assert.Equal(CareGridCommandLine.Failed, tokenExit); // the token verb refuses the same file
        Assert.Contains($"chmod 600 {keyPath}", tokenErr.ToString(), StringComparison.Ordinal);
        Assert.Empty(tokenOut.ToString()); // no token printed
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, modeAfter); // left as it was
    }

    [Fact]
    public async Task Start_with_the_default_configuration()
    {
        await using var factory = new OneSettingFactory("Seed:Demo", "false");

        using var health = await factory.CreateClient().GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
    }
}
