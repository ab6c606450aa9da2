using System.Diagnostics;
using CareGrid.Benchmarks.Infra;

namespace CareGrid.Benchmarks.Servers;

/// <summary>How to start a CareGrid silo for a benchmark phase.</summary>
internal sealed record SiloSettings(string Name, string? AzureConnectionString = null, double? CollectionAgeMinutes = null, double? CollectionQuantumSeconds = null)
{
    /// <summary>Extra <c>--Key=Value</c> arguments.</summary>
    public IReadOnlyList<string> ExtraArgs { get; init; } = [];

    /// <summary>Extra environment variables (e.g. GC settings under test).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
}

/// <summary>
/// A CareGrid silo (the Release build of src/Silo) in its own process: empty (<c>--no-seed</c>), on free ports of
/// 127.0.0.1, with a temporary signing key and without the rate limiter.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private SiloProcess(ChildProcess process, Uri baseUri)
    {
        Process = process;
        BaseUri = baseUri;
    }

    /// <summary>The process.</summary>
    public ChildProcess Process { get; }

    /// <summary><c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The process id (for /proc).</summary>
    public int Pid => Process.Pid;

    /// <summary>The silo to run: the Release build of src/Silo, unless <c>--silo-dll</c> names another build (for A/B tuning).</summary>
    public static string DllPath { get; set; } = Path.Combine(Repo.Root, "src", "Silo", "bin", "Release", "net10.0", "CareGrid.Silo.dll");

    /// <summary>Builds src/Silo in Release (incremental; bounded to 15 minutes: a shared machine under load builds slowly).</summary>
    public static async Task BuildAsync(string logDirectory)
    {
        var project = Path.Combine(Repo.Root, "src", "Silo", "CareGrid.Silo.csproj");
        await using var build = ChildProcess.Start("dotnet build (silo)", "dotnet",
            ["build", project, "-c", "Release", "--nologo", "-v", "q", "-clp:ErrorsOnly"], Path.Combine(logDirectory, "build-silo.log"));
        var code = await build.WaitForExitAsync(TimeSpan.FromMinutes(15));
        if (code != 0)
        {
            throw new InvalidOperationException($"Building src/Silo in Release failed (exit {code?.ToString() ?? "timeout"}):\n{build.Tail(40)}");
        }
    }

    /// <summary>The webhook secret key of this benchmark run's durable silos (one random key, shared by all of them).</summary>
    private static readonly string WebhookSecretKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>Starts a silo and waits until its health endpoint answers.</summary>
    public static async Task<SiloProcess> StartAsync(SiloSettings settings, string signingKeyPath, string logDirectory)
    {
        var http = Ports.Free();
        var args = new List<string>
        {
            DllPath,
            "--no-seed",
            $"--Urls=http://127.0.0.1:{http}",
            $"--Orleans:SiloPort={Ports.Free()}",
            $"--Orleans:GatewayPort={Ports.Free()}",
            $"--Orleans:ClusterId=bench-{Guid.NewGuid():N}",
            $"--Auth:SigningKeyPath={signingKeyPath}",
            "--RateLimits:Enabled=false",
        };
        if (settings.AzureConnectionString is { } connection)
        {
            args.Add("--Storage:Provider=AzureTable");
            args.Add($"--Storage:ConnectionString={connection}");
        }

        if (settings.CollectionAgeMinutes is { } age)
        {
            args.Add($"--Orleans:CollectionAgeMinutes={age.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        if (settings.CollectionQuantumSeconds is { } quantum)
        {
            args.Add($"--Orleans:CollectionQuantumSeconds={quantum.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        args.AddRange(settings.ExtraArgs);
        var env = new Dictionary<string, string?>(settings.Environment) { ["DOTNET_NOLOGO"] = "1" };
        if (settings.AzureConnectionString is not null)
        {
            // Durable storage needs the key ring of the webhook secrets at rest (docs/webhooks.md "Secrets"). In the environment,
            // not on the command line: a silo built before the keys existed (an A/B run's old build) ignores them there.
            env["Webhooks__SecretKeys__bench"] = WebhookSecretKey;
            env["Webhooks__CurrentSecretKey"] = "bench";
        }

        var process = ChildProcess.Start(settings.Name, "dotnet", args, Path.Combine(logDirectory, settings.Name + ".log"), env, Path.GetDirectoryName(DllPath));
        var silo = new SiloProcess(process, new Uri($"http://127.0.0.1:{http}/"));
        try
        {
            await Health.WaitAsync(new Uri(silo.BaseUri, "health"), process, TimeSpan.FromSeconds(120));
        }
        catch
        {
            await process.StopAsync(TimeSpan.FromSeconds(2));
            throw;
        }

        return silo;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await Process.StopAsync(TimeSpan.FromSeconds(10));
}

/// <summary>The minimal JSON server in its own process.</summary>
internal sealed class JsonServerProcess : IAsyncDisposable
{
    private JsonServerProcess(ChildProcess process, Uri uri)
    {
        Process = process;
        JsonUri = uri;
    }

    /// <summary>The process.</summary>
    public ChildProcess Process { get; }

    /// <summary><c>http://127.0.0.1:port/json</c>.</summary>
    public Uri JsonUri { get; }

    /// <summary>Starts this executable again in <c>serve-json</c> mode, with the ASP.NET Core default of server GC.</summary>
    public static async Task<JsonServerProcess> StartAsync(string logDirectory)
    {
        var port = Ports.Free();
        var self = typeof(JsonServerProcess).Assembly.Location;
        var process = ChildProcess.Start("minimal-json", "dotnet", [self, MinimalJsonServer.Verb, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            Path.Combine(logDirectory, "minimal-json.log"), new Dictionary<string, string?> { ["DOTNET_gcServer"] = "1" });
        await Health.WaitAsync(new Uri($"http://127.0.0.1:{port}/health"), process, TimeSpan.FromSeconds(60));
        return new JsonServerProcess(process, new Uri($"http://127.0.0.1:{port}/json"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await Process.StopAsync(TimeSpan.FromSeconds(5));
}

/// <summary>An Azurite table service started (and stopped) through <c>infra/azurite/azurite.sh</c>, in memory, on a free port.</summary>
internal sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly string _stateDir;
    private readonly string _logDirectory;

    private AzuriteProcess(int port, int pid, string stateDir, string logDirectory)
    {
        Port = port;
        Pid = pid;
        _stateDir = stateDir;
        _logDirectory = logDirectory;
    }

    /// <summary>The table service port.</summary>
    public int Port { get; }

    /// <summary>Azurite's process id (from the script's PID file).</summary>
    public int Pid { get; }

    /// <summary>The explicit connection string for this port.</summary>
    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
        + $"TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    /// <summary>The script, when this checkout has durable mode.</summary>
    public static string Script => Path.Combine(Repo.Root, "infra", "azurite", "azurite.sh");

    /// <summary>Whether this checkout can run Azurite (the script exists and bash and npm are on PATH).</summary>
    public static string? Unavailable()
    {
        if (!File.Exists(Script))
        {
            return "infra/azurite/azurite.sh is not in this checkout (durable mode not merged)";
        }

        return OnPath("npm") || File.Exists(Path.Combine(Repo.Root, "infra", "azurite", "node_modules", ".bin", "azurite-table"))
            ? null : "npm is not on PATH (Azurite is installed with npm ci)";
    }

    /// <summary>Starts Azurite in memory on a free port (the script installs it with npm ci on first use).</summary>
    public static async Task<AzuriteProcess> StartAsync(string logDirectory)
    {
        var port = Ports.Free();
        var stateDir = Path.Combine(logDirectory, "azurite");
        await RunScriptAsync(logDirectory, "start", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--in-memory", "--state-dir", stateDir, "--timeout", "60");
        var pid = int.Parse(File.ReadAllText(Path.Combine(stateDir, "azurite.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return new AzuriteProcess(port, pid, stateDir, logDirectory);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await RunScriptAsync(_logDirectory, "stop", "--state-dir", _stateDir, "--timeout", "15");

    private static async Task RunScriptAsync(string logDirectory, params string[] args)
    {
        await using var run = ChildProcess.Start("azurite.sh " + args[0], "bash", [Script, .. args],
            Path.Combine(logDirectory, "azurite-" + args[0] + ".log"));
        var code = await run.WaitForExitAsync(TimeSpan.FromMinutes(5));
        if (code != 0)
        {
            throw new InvalidOperationException($"azurite.sh {args[0]} failed (exit {code?.ToString() ?? "timeout"}):\n{run.Tail()}");
        }
    }

    private static bool OnPath(string tool) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, tool)));
}
