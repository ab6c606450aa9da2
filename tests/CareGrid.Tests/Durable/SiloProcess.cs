using System.Collections.Concurrent;
using System.Diagnostics;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Durable;

/// <summary>
/// One CareGrid service process (<c>dotnet src/Silo/bin/{Configuration}/net10.0/CareGrid.Silo.dll</c>) on 127.0.0.1, configured
/// on its command line. Its output is kept for diagnostics (the last 400 lines; every line when started with
/// <c>keepAllOutput</c>). Disposing kills it (and anything it started) if it still runs.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string>? _all;

    private SiloProcess(string name, Process process, int httpPort, bool keepAllOutput)
    {
        Name = name;
        _process = process;
        _all = keepAllOutput ? new() : null;
        HttpPort = httpPort;
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/");
    }

    /// <summary>A label for messages (e.g. "silo-a").</summary>
    public string Name { get; }

    /// <summary>The API port.</summary>
    public int HttpPort { get; }

    /// <summary>Where the API listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The process id.</summary>
    public int Pid => _process.Id;

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>The last lines the process wrote (stdout and stderr).</summary>
    public string RecentOutput(int lines = 60) => string.Join('\n', _output.TakeLast(lines));

    /// <summary>Every line the process wrote so far (stdout and stderr, in the order received); only when started with <c>keepAllOutput</c>.</summary>
    /// <exception cref="InvalidOperationException">The process was started without <c>keepAllOutput</c>.</exception>
    public IReadOnlyList<string> AllOutput() =>
        _all is null ? throw new InvalidOperationException($"{Name} was started without keepAllOutput.") : [.. _all];

    /// <summary>
    /// Starts the service with <paramref name="settings"/> as <c>--key=value</c> arguments and <paramref name="environment"/> as extra
    /// environment variables; <paramref name="keepAllOutput"/> keeps every line it writes for <see cref="AllOutput"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">The service has not been built.</exception>
    public static SiloProcess Start(string name, IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string>? environment = null,
        bool keepAllOutput = false)
    {
        var dll = RepoPaths.SiloDll;
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The service is not built at {dll}; run 'dotnet build' first.", dll);
        }

        var startInfo = new ProcessStartInfo("dotnet")
        {
            // The content root is the working directory: appsettings.json and seeds/ are found next to the DLL.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(dll);
        foreach (var (key, value) in settings)
        {
            startInfo.ArgumentList.Add($"--{key}={value}");
        }

        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var url = new Uri(settings["Urls"]);
        var silo = new SiloProcess(name, process, url.Port, keepAllOutput);
        process.OutputDataReceived += (_, e) => silo.Record(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Record(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>
    /// Waits until <c>/health</c> answers 200. This is a bounded polling loop on an external process (it has no other
    /// way to say it is ready); it fails at once if the process exits.
    /// </summary>
    public async Task WaitHealthyAsync(TimeSpan bound)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < bound)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} during start-up:\n{RecentOutput()}");
            }

            try
            {
                using var response = await http.GetAsync("health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        throw new TimeoutException($"{Name} did not become healthy within {bound}:\n{RecentOutput()}");
    }

    /// <summary>
    /// Stops the process gracefully (SIGTERM: the host shuts down, grains deactivate, the console log is flushed) and waits,
    /// at most <paramref name="bound"/>, for it to exit and for its output to end; kills it when it has not exited by then (and
    /// on Windows, which has no SIGTERM). True when it exited on its own.
    /// </summary>
    public async Task<bool> StopAsync(TimeSpan bound)
    {
        if (_process.HasExited)
        {
            await _process.WaitForExitAsync();
            return true;
        }

        if (!OperatingSystem.IsWindows())
        {
            using var term = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false });
            if (term is not null)
            {
                await term.WaitForExitAsync();
            }

            using var wait = new CancellationTokenSource(bound);
            try
            {
                await _process.WaitForExitAsync(wait.Token); // also waits for the end of the redirected output
                return true;
            }
            catch (OperationCanceledException)
            {
            }
        }

        await KillAsync();
        return false;
    }

    /// <summary>Kills the process at once (SIGKILL: no graceful shutdown, no membership update) and waits for it to be gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(bound.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        _all?.Enqueue(line);
        while (_output.Count > 400 && _output.TryDequeue(out _))
        {
        }
    }
}
