using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareGrid.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace CareGrid.Tests.Oidc;

/// <summary>
/// A real OpenID Connect provider (<c>tests/oidc/provider.mjs</c>, npm <c>oidc-provider</c> 9.x from its lock file) in a
/// child process on 127.0.0.1, on a port the operating system picks (docs/oidc.md "Testing against a real provider"). It
/// signs with <see cref="SigningKey"/>, an RSA key made for this run, so a test can also mint tokens the service must refuse
/// for one reason only (audience, issuer, lifetime). Disposing closes its standard input (the script exits on that), then
/// kills the process tree if it is still there: no provider outlives its test, and the configuration file (private key,
/// passwords) is deleted.
/// </summary>
public sealed class OidcProviderProcess : IAsyncDisposable
{
    /// <summary>oidc-provider 9 runs on Node.js 20.18+ (it warns below 22).</summary>
    private const int MinimumNodeMajor = 20;
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    private readonly Process _process;
    private readonly string _configPath;
    private readonly StringBuilder _errors = new();

    private OidcProviderProcess(Process process, string configPath, RsaSecurityKey key, Uri issuer)
    {
        _process = process;
        _configPath = configPath;
        SigningKey = key;
        Issuer = issuer;
    }

    /// <summary>The provider's folder: package.json, package-lock.json, provider.mjs.</summary>
    public static string Directory => Path.Combine(RepoPaths.Root, "tests", "oidc");

    /// <summary>The issuer, <c>http://127.0.0.1:&lt;port&gt;</c> (no trailing slash).</summary>
    public Uri Issuer { get; }

    /// <summary>The issuer as the tokens carry it (<c>iss</c>).</summary>
    public string IssuerText => Issuer.GetLeftPart(UriPartial.Authority);

    /// <summary>The private key the provider signs with (<c>kid</c> set as in its JWKS).</summary>
    public RsaSecurityKey SigningKey { get; }

    /// <summary>What the provider wrote on stderr so far (for failure messages).</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>
    /// A sentence naming what is missing (Node.js 20+, or npm while <c>tests/oidc/node_modules</c> is absent), or null when the
    /// provider can run; installs its packages with <c>npm ci</c> on first use.
    /// </summary>
    public static async Task<string?> PrepareAsync()
    {
        var node = await ProcessRunner.TryRunAsync("node", ["--version"], RepoPaths.Root, TimeSpan.FromSeconds(30));
        var major = node?.StandardOutput.Trim().TrimStart('v').Split('.')[0];
        if (node is not { ExitCode: 0 } || !int.TryParse(major, out var number) || number < MinimumNodeMajor)
        {
            return $"Node.js {MinimumNodeMajor}+ was not found on PATH. The OIDC sign-in test needs it: `apt-get install -y nodejs npm`, " +
                "then `(cd tests/oidc && npm ci --no-audit --no-fund)` — or run `bash .ci/run`.";
        }

        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(Directory, "node_modules", "oidc-provider", "package.json")))
            {
                return null;
            }

            var install = await ProcessRunner.TryRunAsync("npm", ["ci", "--no-audit", "--no-fund"], Directory, TimeSpan.FromMinutes(5));
            return install is { ExitCode: 0 } ? null : $"'npm ci' in tests/oidc failed: {install?.Output ?? "npm was not found on PATH"}";
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <summary>
    /// Starts the provider with <paramref name="clients"/>, <paramref name="accounts"/> and <paramref name="resource"/> (the
    /// shapes <c>tests/oidc/provider.mjs</c> documents) and a fresh RSA signing key; returns once it serves.
    /// </summary>
    /// <exception cref="TimeoutException">It did not say it was ready within <paramref name="bound"/> (it is killed).</exception>
    public static async Task<OidcProviderProcess> StartAsync(JsonArray clients, JsonObject accounts, JsonObject resource, TimeSpan bound)
    {
        var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = "caregrid-test-" + Guid.NewGuid().ToString("N")[..8] };
        var configPath = Path.Combine(Path.GetTempPath(), "caregrid-tests", "oidc-" + Guid.NewGuid().ToString("N") + ".json");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(configPath)!);
        var config = new JsonObject { ["clients"] = clients, ["accounts"] = accounts, ["resource"] = resource, ["jwks"] = new JsonObject { ["keys"] = new JsonArray(PrivateJwk(rsa, key.KeyId)) } };
        await File.WriteAllTextAsync(configPath, config.ToJsonString());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(configPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var startInfo = new ProcessStartInfo("node") { WorkingDirectory = Directory, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "provider.mjs", "--config", configPath })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo)!;
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) { errors.AppendLine(e.Data); } };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"The OIDC provider exited before it was ready:\n{errors}");
            var issuer = new Uri(JsonNode.Parse(line)!["issuer"]!.GetValue<string>());
            var provider = new OidcProviderProcess(process, configPath, key, issuer);
            lock (errors)
            {
                provider._errors.Append(errors);
            }

            process.ErrorDataReceived += (_, e) => { lock (provider._errors) { provider._errors.AppendLine(e.Data); } };
            return provider;
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or JsonException)
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            File.Delete(configPath);
            throw new TimeoutException($"The OIDC provider did not start within {bound}: {ex.Message}\n{errors}", ex);
        }
    }

    /// <summary>True while the provider's process runs.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        finally
        {
            _process.Dispose();
            File.Delete(_configPath);
            SigningKey.Rsa?.Dispose();
        }
    }

    /// <summary>The RSA key as a private JWK (RFC 7517/7518) for the provider's <c>jwks</c>.</summary>
    private static JsonObject PrivateJwk(RSA rsa, string keyId)
    {
        var p = rsa.ExportParameters(includePrivateParameters: true);
        return new JsonObject
        {
            ["kty"] = "RSA", ["kid"] = keyId, ["use"] = "sig", ["alg"] = "RS256",
            ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent), ["d"] = Base64UrlEncoder.Encode(p.D),
            ["p"] = Base64UrlEncoder.Encode(p.P), ["q"] = Base64UrlEncoder.Encode(p.Q), ["dp"] = Base64UrlEncoder.Encode(p.DP),
            ["dq"] = Base64UrlEncoder.Encode(p.DQ), ["qi"] = Base64UrlEncoder.Encode(p.InverseQ),
        };
    }
}
