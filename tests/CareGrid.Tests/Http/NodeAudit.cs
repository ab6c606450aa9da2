using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace CareGrid.Tests.Http;

/// <summary>
/// Runs <c>tests/graphql-http-audit/audit.mjs</c> with Node.js, installing its pinned packages with
/// <c>npm ci</c> the first time (when <c>node_modules</c> lacks them).
/// </summary>
public static class NodeAudit
{
    private const int MinimumNodeMajor = 20;
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static bool s_installed;

    /// <summary>The result of one process run.</summary>
    public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>The folder of the audit script: found by walking up to the directory holding CareGrid.slnx.</summary>
    public static string AuditDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CareGrid.slnx")))
                {
                    return Path.Combine(dir.FullName, "tests", "graphql-http-audit");
                }
            }

            throw new InvalidOperationException($"No CareGrid.slnx above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>Runs the audit against <paramref name="graphQLUri"/>; fails the test when Node.js 20+ is missing.</summary>
    public static async Task<ProcessResult> RunAsync(Uri graphQLUri, Action<string> log)
    {
        await EnsureNodeAsync();
        var directory = AuditDirectory;
        await EnsureInstalledAsync(directory, log);
        return await RunProcessAsync("node", ["audit.mjs", graphQLUri.AbsoluteUri], directory, TimeSpan.FromMinutes(3));
    }

    private static async Task EnsureNodeAsync()
    {
        ProcessResult version;
        try
        {
            version = await RunProcessAsync("node", ["--version"], Environment.CurrentDirectory, TimeSpan.FromSeconds(30));
        }
        catch (Win32Exception ex)
        {
            Assert.Fail($"Node.js {MinimumNodeMajor}+ is needed to run the graphql-http audit, but 'node' is not on PATH ({ex.Message}). Install Node.js {MinimumNodeMajor} or newer.");
            return;
        }

        var text = version.StandardOutput.Trim().TrimStart('v');
        var major = text.Split('.')[0];
        if (version.ExitCode != 0 || !int.TryParse(major, out var number) || number < MinimumNodeMajor)
        {
            Assert.Fail($"Node.js {MinimumNodeMajor}+ is needed to run the graphql-http audit; 'node --version' said '{version.StandardOutput.Trim()}{version.StandardError.Trim()}'.");
        }
    }

    /// <summary>
    /// Installs the audit folder's pinned packages with <c>npm ci</c> once, when missing. Every user of
    /// <paramref name="directory"/> (the audit and <c>IntrospectionQuery</c>) must come through here: two <c>npm ci</c> runs in one
    /// folder at once break each other (ENOTEMPTY, seen on a fresh machine when both tests started together).
    /// </summary>
    public static async Task EnsureInstalledAsync(string directory, Action<string> log)
    {
        await InstallLock.WaitAsync();
        try
        {
            if (s_installed || File.Exists(Path.Combine(directory, "node_modules", "graphql-http", "package.json")))
            {
                s_installed = true;
                return;
            }

            log("node_modules is missing: running 'npm ci' in " + directory);
            var npm = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";
            var result = await RunProcessAsync(npm, ["ci", "--no-audit", "--no-fund"], directory, TimeSpan.FromMinutes(5));
            log(result.StandardOutput);
            log(result.StandardError);
            Assert.True(result.ExitCode == 0, $"'npm ci' failed with exit code {result.ExitCode}:\n{result.StandardOutput}\n{result.StandardError}");
            s_installed = true;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static async Task<ProcessResult> RunProcessAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeoutSource = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{fileName} {string.Join(' ', startInfo.ArgumentList)}' did not finish within {timeout}.\n{await stdout}\n{await stderr}");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}
