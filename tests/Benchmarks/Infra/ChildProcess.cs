using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CareGrid.Benchmarks.Infra;

/// <summary>
/// A process the benchmark started. Every one is tracked by PID and ended by that PID when it is disposed, when the
/// benchmark exits, or on Ctrl+C — never by name.
/// </summary>
internal sealed partial class ChildProcess : IAsyncDisposable
{
    private static readonly Lock Gate = new();
    private static readonly List<ChildProcess> Live = [];
    private static bool _hooked;

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logGate = new();

    private ChildProcess(string name, Process process, StreamWriter log, string logPath)
    {
        Name = name;
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    /// <summary>A short name for messages.</summary>
    public string Name { get; }

    /// <summary>The process id.</summary>
    public int Pid => _process.Id;

    /// <summary>Where its stdout and stderr go.</summary>
    public string LogPath { get; }

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="args"/>; output goes to <paramref name="logPath"/>.</summary>
    public static ChildProcess Start(string name, string fileName, IEnumerable<string> args, string logPath,
        IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        HookExit();
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                info.Environment[k] = v;
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {fileName}.");
        }

        var child = new ChildProcess(name, process, log, logPath);
        process.OutputDataReceived += (_, e) => child.Write(e.Data);
        process.ErrorDataReceived += (_, e) => child.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lock (Gate)
        {
            Live.Add(child);
        }

        return child;
    }

    /// <summary>The last <paramref name="lines"/> lines of the log.</summary>
    public string Tail(int lines = 30)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>Waits for the process to exit on its own, up to <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Asks the process to stop (SIGTERM), then kills it (and only its own children) after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        try
        {
            if (!_process.HasExited)
            {
                _ = Kill(_process.Id, SigTerm);
                if (await WaitForExitAsync(grace) is null && !_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    await WaitForExitAsync(TimeSpan.FromSeconds(10));
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            Forget();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync(TimeSpan.FromSeconds(5));

    /// <summary>Kills every process still tracked (at exit).</summary>
    public static void KillAll()
    {
        ChildProcess[] live;
        lock (Gate)
        {
            live = [.. Live];
        }

        foreach (var child in live)
        {
            try
            {
                if (!child._process.HasExited)
                {
                    child._process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
            }

            child.Forget();
        }
    }

    private void Forget()
    {
        lock (Gate)
        {
            Live.Remove(this);
        }

        lock (_logGate)
        {
            _log.Dispose();
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private static void HookExit()
    {
        lock (Gate)
        {
            if (_hooked)
            {
                return;
            }

            _hooked = true;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        Console.CancelKeyPress += (_, _) => KillAll();
    }

    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
