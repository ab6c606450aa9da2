using CareGrid.Tests.Browser;
using CareGrid.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CareGrid.Tests.WebConsole;

/// <summary>
/// The console's own unit tests (<c>src/Web/tests</c>, vitest: the one set of labels, frequencies and end-of-day deadlines,
/// refusals in words, the import's outcome, timeline texts in the UI language, consents as they count today) run as part of
/// <c>dotnet test</c>, so the README's test command covers them. Needs Node.js and <c>src/Web</c>'s packages (the silo build
/// installs them; installed here with <c>npm ci</c> when missing): skipped locally without them, failed under CI.
/// </summary>
[Trait("tier", "api")]
public sealed class ConsoleUnitTestsShould(ITestOutputHelper output)
{
    private static readonly string Web = Path.Combine(RepoPaths.Root, "src", "Web");

    [SkippableFact]
    public async Task Pass_every_vitest_test_of_the_console()
    {
        await RequirePackagesAsync();

        var run = await ProcessRunner.RunAsync(Path.Combine(Web, "node_modules", ".bin", "vitest"), ["run"], Web, TimeSpan.FromMinutes(3),
            new Dictionary<string, string> { ["CI"] = "true", ["NO_COLOR"] = "1" });
        output.WriteLine(run.Output);

        Assert.True(run.ExitCode == 0, "The console's vitest tests failed (run `npm test` in src/Web):\n" + run.Output);
        Assert.Contains("passed", run.Output, StringComparison.Ordinal);
    }

    /// <summary>Installs src/Web's packages when vitest is missing; skips locally (fails under CI) without Node.js and npm.</summary>
    private static async Task RequirePackagesAsync()
    {
        if (File.Exists(Path.Combine(Web, "node_modules", ".bin", "vitest")))
        {
            return;
        }

        var install = await ProcessRunner.TryRunAsync("npm", ["ci", "--no-audit", "--no-fund"], Web, TimeSpan.FromMinutes(5));
        if (install is not { ExitCode: 0 })
        {
            var message = "The console's unit tests need Node.js and npm: `(cd src/Web && npm ci)` failed: " + (install?.Output ?? "npm was not found on PATH");
            Assert.False(BrowserRunner.IsCi, "CI=true: " + message);
            Skip.If(true, message);
        }
    }
}
