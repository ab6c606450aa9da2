using CareGrid.Tests.Http;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Security;

/// <summary>
/// The standard introspection query exactly as graphql-js's <c>getIntrospectionQuery()</c> writes it (what GraphiQL and
/// code generators send), taken at test time from the <c>graphql</c> package pinned in
/// <c>tests/graphql-http-audit/package-lock.json</c> (installed with <c>npm ci</c> when missing).
/// </summary>
public static class IntrospectionQuery
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static string? s_query;

    /// <summary>
    /// The query text. Skips the calling <c>[SkippableFact]</c> when Node.js is not on PATH — except under CI
    /// (<c>CI=true</c>), where that fails the test.
    /// </summary>
    public static async Task<string> FromGraphQLJsAsync()
    {
        await Once.WaitAsync();
        try
        {
            return s_query ??= await RunNodeAsync();
        }
        finally
        {
            Once.Release();
        }
    }

    private static async Task<string> RunNodeAsync()
    {
        var directory = NodeAudit.AuditDirectory;
        var version = await ProcessRunner.TryRunAsync("node", ["--version"], directory, TimeSpan.FromSeconds(30));
        if (version is null || version.ExitCode != 0)
        {
            const string message = "Node.js is not on PATH: the introspection query is taken from graphql-js (tests/graphql-http-audit). Install Node.js 20+.";
            Assert.False(Environment.GetEnvironmentVariable("CI") is { } ci && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1"), "CI=true: " + message);
            Skip.If(true, message);
        }

        await NodeAudit.EnsureInstalledAsync(directory, _ => { }); // one install per folder, shared with the audit

        var result = await ProcessRunner.RunAsync("node", ["-e", "process.stdout.write(require('graphql').getIntrospectionQuery())"], directory, TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 0 && result.StandardOutput.Contains("__schema", StringComparison.Ordinal), $"node could not print getIntrospectionQuery():\n{result.Output}");
        return result.StandardOutput;
    }
}
