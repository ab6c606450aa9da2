using System.Diagnostics;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Durable;

/// <summary>
/// One Azurite table service for the durable suite, run through <c>infra/azurite/azurite.sh</c> exactly as a developer
/// would: on a free port of 127.0.0.1, in-memory, installed from <c>infra/azurite/package-lock.json</c> (<c>npm ci</c>) on
/// first use, and stopped by its PID when the suite ends.
/// </summary>
/// <remarks>
/// Needs Node.js 18+ with npm and bash. Where they are missing the durable tests are skipped with a message that
/// says how to run them — except under CI (<c>CI=true</c>), where a missing Node.js fails the suite loudly.
/// </remarks>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>Azurite's well-known development account.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Azurite 3.35.0 (the pinned version) runs on any Node.js ≥ 10; 18 is the oldest LTS still packaged.</summary>
    private const int MinimumNodeMajor = 18;
    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), "caregrid-tests", "azurite-" + Guid.NewGuid().ToString("N"));
    private int? _pid;

    /// <summary>The table service port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>The explicit connection string (a non-default port cannot use <c>UseDevelopmentStorage=true</c>).</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    /// <summary>Why the durable tests cannot run here (Node.js missing), or null.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>How long installing (when needed) and starting Azurite took.</summary>
    public TimeSpan StartTime { get; private set; }

    /// <summary>Skips the calling <c>[SkippableFact]</c> when Azurite cannot run on this machine.</summary>
    public void RequireAzurite() => Skip.If(SkipReason is not null, SkipReason);

    public async Task InitializeAsync()
    {
        var started = Stopwatch.StartNew();
        var problem = await MissingToolAsync();
        if (problem is not null)
        {
            var message = problem + " The durable tests (tests/CareGrid.Tests/Durable) need it: install Node.js " + MinimumNodeMajor +
                "+ with npm (e.g. `apt-get install nodejs npm`), then run `dotnet test --filter FullyQualifiedName~Durable` — the " +
                "fixture installs Azurite from infra/azurite/package-lock.json and starts it itself — or run `bash .ci/run`.";
            if (IsCi())
            {
                throw new InvalidOperationException("CI=true: " + message);
            }

            SkipReason = message;
            return;
        }

        Port = FreePorts.Next();
        var result = await ProcessRunner.RunAsync("bash",
            [Path.Combine(RepoPaths.AzuriteDirectory, "azurite.sh"), "start", "--port", Port.ToString(), "--in-memory",
             "--state-dir", _stateDirectory, "--timeout", "60"],
            RepoPaths.AzuriteDirectory, TimeSpan.FromMinutes(6));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"infra/azurite/azurite.sh start failed (exit {result.ExitCode}):\n{result.Output}");
        }

        _pid = int.Parse(File.ReadAllText(Path.Combine(_stateDirectory, "azurite.pid")).Trim());
        StartTime = started.Elapsed;
    }

    public async Task DisposeAsync()
    {
        if (_pid is not { } pid)
        {
            return;
        }

        try
        {
            await ProcessRunner.RunAsync("bash",
                [Path.Combine(RepoPaths.AzuriteDirectory, "azurite.sh"), "stop", "--state-dir", _stateDirectory, "--timeout", "10"],
                RepoPaths.AzuriteDirectory, TimeSpan.FromSeconds(30));
        }
        finally
        {
            // Whatever the script said, make sure the process this fixture started is gone.
            try
            {
                using var process = Process.GetProcessById(pid);
                if (process.ProcessName.Contains("node", StringComparison.OrdinalIgnoreCase))
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (ArgumentException)
            {
                // Already exited.
            }

            try
            {
                Directory.Delete(_stateDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static bool IsCi() =>
        Environment.GetEnvironmentVariable("CI") is { } ci && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    /// <summary>A sentence naming what is missing (bash, Node.js 20+ or npm), or null when everything is there.</summary>
    private static async Task<string?> MissingToolAsync()
    {
        if (OperatingSystem.IsWindows())
        {
            return "infra/azurite/azurite.sh needs bash, which these tests do not look for on Windows.";
        }

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

        var npmInstalled = File.Exists(Path.Combine(RepoPaths.AzuriteDirectory, "node_modules", ".bin", "azurite-table"));
        if (!npmInstalled && await ProcessRunner.TryRunAsync("npm", ["--version"], RepoPaths.Root, TimeSpan.FromSeconds(60)) is not { ExitCode: 0 })
        {
            return "npm was not found on PATH (needed once, to install Azurite from the lock file).";
        }

        return null;
    }
}

/// <summary>
/// The durable suite shares one Azurite and runs alone (not in parallel with other collections): the fail-over
/// test measures detection times of real processes, which a 2-core machine busy with other tests would distort.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DurableCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "durable";
}
