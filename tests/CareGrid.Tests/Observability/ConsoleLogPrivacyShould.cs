using System.Text.RegularExpressions;
using CareGrid.Tests.Durable;
using CareGrid.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CareGrid.Tests.Observability;

/// <summary>
/// No staff subject on the console of the real service (docs/observability.md "Logs"): the built silo, run as a process on the
/// embedded default with Orleans' Debug lines on (they name every grain they look up, activate and deactivate) and the
/// configuration asking for another console formatter, serves a staff member whose subject is an e-mail address — signed in
/// through the development sign-in — with calls that activate the grains keyed by that subject (<c>staff-scope</c> and
/// <c>report-receipts</c>); after a graceful stop, stdout and stderr name those grains by token only.
/// </summary>
[Trait("tier", "durable")]
public sealed partial class ConsoleLogPrivacyShould(ITestOutputHelper output)
{
    private const string Tenant = "demo-school";

    [Fact]
    public async Task Name_the_grains_of_a_staff_subject_on_stdout_and_stderr_by_token_only_with_orleans_at_debug()
    {
        var name = "console-" + Guid.NewGuid().ToString("N")[..10]; // a login name found nowhere else in the process's output
        var subject = name + "@" + Tenant;
        var keyPath = Path.Combine(Path.GetTempPath(), "caregrid-tests", "console-log-" + Guid.NewGuid().ToString("N") + ".key");
        var settings = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{FreePorts.Next()}",
            ["Orleans:SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:ClusterId"] = "console-log-" + Guid.NewGuid().ToString("N")[..12],
            ["Auth:SigningKeyPath"] = keyPath,
            ["RateLimits:Enabled"] = "false",
            // Configuration cannot choose another console formatter (and with it no scrubbing).
            ["Logging:Console:FormatterName"] = "json",
        };
        var environment = new Dictionary<string, string> { ["Logging__LogLevel__Orleans"] = "Debug" };
        List<string> lines;
        try
        {
            await using var silo = SiloProcess.Start("console-log-silo", settings, environment, keepAllOutput: true);
            await silo.WaitHealthyAsync(TimeSpan.FromMinutes(2));
            using var http = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            var client = new GraphQLClient(http);

            var signIn = (await client.PostAsync("/graphql",
                "mutation SignIn($tenant: ID, $role: String!, $sub: String!) { developmentSignIn(tenant: $tenant, role: $role, sub: $sub) { token } }",
                new { tenant = Tenant, role = "Counsellor", sub = subject })).EnsureNoErrors();
            var token = signIn.Data!["developmentSignIn"]!["token"]!.GetValue<string>();
            // The staff-scope grain of the subject (a counsellor's need-to-know scope) and its receipts grain.
            (await client.PostAsync($"/t/{Tenant}/graphql", "{ people(first: 1) { nodes { id } } }", token: token)).EnsureNoErrors();
            (await client.PostAsync($"/t/{Tenant}/graphql", "{ myReports(first: 1) { nodes { caseId } } }", token: token)).EnsureNoErrors();

            Assert.True(await silo.StopAsync(TimeSpan.FromMinutes(1)), $"The service did not stop on SIGTERM:\n{silo.RecentOutput()}");
            lines = [.. silo.AllOutput()];
        }
        finally
        {
            File.Delete(keyPath);
        }

        output.WriteLine($"{lines.Count} lines of output");
        var leaks = lines.Where(line => line.Contains(name, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(leaks.Count == 0, $"The subject is on the console in {leaks.Count} lines:\n" + string.Join('\n', leaks.Take(10)));

        // Orleans did name those grains — by token — so the check above has teeth.
        Assert.Contains(lines, line => StaffScopeCall().IsMatch(line));
        Assert.Contains(lines, line => ReceiptsCall().IsMatch(line));
        // The configured json formatter was not used: the lines have the simple layout.
        Assert.Contains(lines, line => line.StartsWith("dbug: Orleans.", StringComparison.Ordinal));
    }

    /// <summary>A Debug line of the call that resolves the counsellor's scope, naming its grain by token.</summary>
    [GeneratedRegex(@"staff-scope/demo-school/staff:#[0-9a-f]{16}\b.*IStaffScopeGrain\.Resolve\(")]
    private static partial Regex StaffScopeCall();

    /// <summary>A Debug line of the call that reads the counsellor's receipts, naming its grain by token.</summary>
    [GeneratedRegex(@"report-receipts/demo-school/receipts/#[0-9a-f]{16}\b.*IReportReceiptsGrain\.Page\(")]
    private static partial Regex ReceiptsCall();
}
