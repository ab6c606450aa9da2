using CareGrid.GraphApi.Auth;
using CareGrid.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CareGrid.Tests.Durable;

/// <summary>
/// The configuration of one durable CareGrid cluster in a test: Azure Table storage on the suite's Azurite, a unique
/// cluster and service id (so clusters of different tests never meet, and their grain state and reminders are
/// apart), no demo seed, a throw-away signing key and webhook secret key shared by every silo of the cluster, and membership tuned so a
/// killed silo is declared dead within seconds instead of the production default of about half a minute.
/// </summary>
public sealed class DurableSettings
{
    public DurableSettings(AzuriteFixture azurite, string name)
    {
        var id = name + "-" + Guid.NewGuid().ToString("N")[..12];
        ClusterId = id;
        KeyPath = Path.Combine(Path.GetTempPath(), "caregrid-tests", id + ".key");
        Values = new Dictionary<string, string>
        {
            ["Storage:Provider"] = "AzureTable",
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Orleans:ClusterId"] = id,
            ["Orleans:ServiceId"] = id,
            ["Seed:Demo"] = "false",
            ["Auth:SigningKeyPath"] = KeyPath,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Error",
            // A refused bearer token logs its reason at Information (one line per refusal, none per success): a silo's
            // recent output then says why it answered UNAUTHENTICATED (SubscriptionsAcrossSilosShould prints it).
            // The handler logs under its own type's name (CachingJwtBearerHandler derives from JwtBearerHandler), so both.
            ["Logging:LogLevel:Microsoft.AspNetCore.Authentication.JwtBearer"] = "Information",
            ["Logging:LogLevel:CareGrid.GraphApi.Auth.CachingJwtBearerHandler"] = "Information",
            // Fast fail-over for tests (documented in docs/operations.md "Configuration"): probe every second, suspect after
            // three missed probes, re-read the membership table every 2 s.
            ["Orleans:Membership:ProbeTimeout"] = "00:00:01",
            ["Orleans:Membership:NumMissedProbesLimit"] = "3",
            ["Orleans:Membership:TableRefreshTimeout"] = "00:00:02",
            ["Orleans:Membership:IAmAliveTablePublishTimeout"] = "00:00:05",
            ["Orleans:Messaging:ResponseTimeout"] = "00:00:10",
            // No periodic deadline sweep unless a test sets one: the fail-over tests count what the sweep on activation and
            // the reminders escalate (docs/deadline-sweep.md).
            ["Deadlines:Sweep:Interval"] = "00:00:00",
            // Durable storage needs the key ring of the webhook secrets at rest (docs/webhooks.md "Secrets"): one random key per
            // cluster, shared by its silos and kept across their restarts.
            ["Webhooks:SecretKeys:test"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Webhooks:CurrentSecretKey"] = "test",
        };
    }

    /// <summary>The cluster id (also the service id).</summary>
    public string ClusterId { get; }

    /// <summary>The development signing key every silo of this cluster uses.</summary>
    public string KeyPath { get; }

    /// <summary>Configuration keys and values, without ports.</summary>
    public Dictionary<string, string> Values { get; }

    /// <summary>A development token for this cluster's key.</summary>
    public string Token(string subject, string? tenant, params string[] roles) =>
        new DevelopmentTokens(new AuthOptions { SigningKeyPath = KeyPath }, TimeProvider.System).Issue(subject, tenant, roles);

    /// <summary>The values plus the ports of one silo.</summary>
    public Dictionary<string, string> ForSilo(int siloPort, int gatewayPort, int? httpPort = null)
    {
        var values = new Dictionary<string, string>(Values)
        {
            ["Orleans:SiloPort"] = siloPort.ToString(),
            ["Orleans:GatewayPort"] = gatewayPort.ToString(),
        };
        if (httpPort is { } port)
        {
            values["Urls"] = $"http://127.0.0.1:{port}";
        }

        return values;
    }

    /// <summary>Deletes the signing key.</summary>
    public void DeleteKey()
    {
        try
        {
            File.Delete(KeyPath);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>The real CareGrid app (silo + API) in the test host, configured only by the given settings.</summary>
public sealed class DurableApiFactory(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A GraphQL client over this factory's in-memory HTTP pipeline.</summary>
    public GraphQLClient GraphQL() => new(CreateClient());
}
