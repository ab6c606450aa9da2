using System.Text.Json;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Browser;

/// <summary>
/// Runs the console's browser tests, <c>tests/browser/run.mjs</c> (playwright-core driving Debian's Chromium; docs/testing.md
/// "browser"), with Node.js: finds what is missing on this machine, installs the runner's pinned packages with
/// <c>npm ci</c> from <c>tests/browser/package-lock.json</c> on first use, runs it bounded and reads its
/// <c>result.json</c>.
/// </summary>
/// <remarks>
/// Where Node.js, npm or Chromium are missing the browser tests are skipped with a message that says how to run them —
/// except under CI (<c>CI=true</c>), where a missing tool fails them loudly (the convention of the durable suite,
/// <see cref="Durable.AzuriteFixture"/>).
/// </remarks>
public static class BrowserRunner
{
    /// <summary>playwright-core 1.65 needs Node.js 20 or newer.</summary>
    private const int MinimumNodeMajor = 20;
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    /// <summary>The runner's folder: package.json, package-lock.json, run.mjs.</summary>
    public static string Directory => Path.Combine(RepoPaths.Root, "tests", "browser");

    /// <summary>The Chromium the runner drives: <c>CHROMIUM_PATH</c>, else Debian's <c>/usr/bin/chromium</c>.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>True when the CI variable says this is a CI run (<c>CI=true</c> or <c>CI=1</c>).</summary>
    public static bool IsCi =>
        Environment.GetEnvironmentVariable("CI") is { } ci && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    /// <summary>
    /// Skips the calling <c>[SkippableFact]</c> when a tool is missing and this is not CI; fails it under CI. Then makes
    /// sure the runner's packages are installed.
    /// </summary>
    public static async Task RequireToolsAsync(Action<string> log)
    {
        var missing = await MissingToolAsync();
        if (missing is not null)
        {
            var message = missing + " The browser tests (tests/CareGrid.Tests/Browser) need Node.js " + MinimumNodeMajor + "+ with npm and " +
                "Debian's Chromium: `apt-get install -y nodejs npm chromium fonts-wqy-microhei`, then `dotnet test --filter tier=browser` " +
                "(the test runs `npm ci` in tests/browser itself) — or run `bash .ci/run`.";
            if (IsCi)
            {
                Assert.Fail("CI=true: " + message);
            }

            Skip.If(true, message);
        }

        await EnsureInstalledAsync(log);
    }

    /// <summary>
    /// Runs <c>node run.mjs</c> with <paramref name="arguments"/> and <c>--out <paramref name="outDirectory"/></c>; kills it
    /// after <paramref name="bound"/>. Returns the exit code, the output and the parsed <c>result.json</c> (null when the
    /// runner wrote none).
    /// </summary>
    /// <exception cref="TimeoutException">The runner outlived the bound; the message names the step it was in.</exception>
    public static async Task<(int ExitCode, string Output, JsonElement? Result)> RunAsync(IEnumerable<string> arguments, string outDirectory, TimeSpan bound)
    {
        System.IO.Directory.CreateDirectory(outDirectory);
        ProcessRunner.Result result;
        try
        {
            result = await ProcessRunner.RunAsync("node", ["run.mjs", .. arguments, "--out", outDirectory], Directory, bound,
                new Dictionary<string, string> { ["CHROMIUM_PATH"] = ChromiumPath });
        }
        catch (TimeoutException ex)
        {
            var progress = Path.Combine(outDirectory, "progress.json");
            var step = File.Exists(progress) ? JsonDocument.Parse(File.ReadAllText(progress)).RootElement.GetProperty("current").GetString() : "(before the first step)";
            throw new TimeoutException($"The browser tests did not finish within {bound}; they were in step '{step}'. Screenshots: {outDirectory}\n{ex.Message}", ex);
        }

        var resultFile = Path.Combine(outDirectory, "result.json");
        JsonElement? parsed = File.Exists(resultFile) ? JsonDocument.Parse(File.ReadAllText(resultFile)).RootElement.Clone() : null;
        return (result.ExitCode, result.Output, parsed);
    }

    /// <summary>A fresh folder for one run's screenshots: <c>artifacts/browser/{UTC time}-{name}</c> in the repository (git-ignored).</summary>
    public static string NewOutDirectory(string name) =>
        Path.Combine(RepoPaths.Root, "artifacts", "browser", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss") + "-" + name);

    /// <summary>A sentence naming what is missing (Node.js 20+, npm, Chromium), or null when everything is there.</summary>
    private static async Task<string?> MissingToolAsync()
    {
        var node = await ProcessRunner.TryRunAsync("node", ["--version"], RepoPaths.Root, TimeSpan.FromSeconds(30));
        if (node is null || node.ExitCode != 0)
        {
            return "Node.js was not found on PATH.";
        }

        var major = node.StandardOutput.Trim().TrimStart('v').Split('.')[0];
        if (!int.TryParse(major, out var number) || number < MinimumNodeMajor)
        {
            return $"Node.js {MinimumNodeMajor}+ is needed, but 'node --version' said '{node.StandardOutput.Trim()}'.";
        }

        if (!File.Exists(ChromiumPath))
        {
            return $"Chromium was not found at {ChromiumPath} (set CHROMIUM_PATH to use another).";
        }

        if (!Installed() && await ProcessRunner.TryRunAsync("npm", ["--version"], RepoPaths.Root, TimeSpan.FromSeconds(60)) is not { ExitCode: 0 })
        {
            return "npm was not found on PATH (needed once, to install the runner's packages from tests/browser/package-lock.json).";
        }

        return null;
    }

    private static bool Installed() =>
        File.Exists(Path.Combine(Directory, "node_modules", "playwright-core", "package.json")) &&
        File.Exists(Path.Combine(Directory, "node_modules", "@axe-core", "playwright", "package.json"));

    private static async Task EnsureInstalledAsync(Action<string> log)
    {
        await InstallLock.WaitAsync();
        try
        {
            if (Installed())
            {
                return;
            }

            log("tests/browser/node_modules is missing: running 'npm ci' there");
            var result = await ProcessRunner.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], Directory, TimeSpan.FromMinutes(5));
            Assert.True(result.ExitCode == 0, $"'npm ci' in tests/browser failed with exit code {result.ExitCode}:\n{result.Output}");
        }
        finally
        {
            InstallLock.Release();
        }
    }
}
