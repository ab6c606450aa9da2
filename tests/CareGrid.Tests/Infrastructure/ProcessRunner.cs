using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace CareGrid.Tests.Infrastructure;

/// <summary>Runs a short-lived command to completion with a time bound, capturing its output.</summary>
public static class ProcessRunner
{
    /// <summary>The result of one run.</summary>
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        public string Output => (StandardOutput + "\n" + StandardError).Trim();
    }

    /// <summary>True when <paramref name="fileName"/> can be started (it is on PATH).</summary>
    public static async Task<Result?> TryRunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        try
        {
            return await RunAsync(fileName, arguments, workingDirectory, timeout);
        }
        catch (Win32Exception)
        {
            return null;
        }
    }

    /// <summary>
    /// Runs the command (with <paramref name="environment"/> added to its environment); kills it (whole tree) and throws
    /// <see cref="TimeoutException"/> when it outlives <paramref name="timeout"/>.
    /// </summary>
    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
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
            throw new TimeoutException($"'{fileName} {string.Join(' ', startInfo.ArgumentList)}' did not finish within {timeout}.\n{await stdout}\n{await stderr}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
