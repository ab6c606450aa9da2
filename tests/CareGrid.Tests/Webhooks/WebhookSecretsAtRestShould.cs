using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CareGrid.Grains.Events;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Webhooks;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Core.Internal;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace CareGrid.Tests.Webhooks;

/// <summary>
/// The outbox grain keeps its signing secrets sealed at rest (docs/webhooks.md "Secrets"), checked on what the grain storage
/// provider is handed: no write of any state ever holds a secret's text or key bytes, through registration, deliveries and a
/// rotation; the secrets carry the configured current key id; a state stored before the secrets were sealed (bytes written by
/// the old type) still signs and is sealed at the next write; a secret sealed with an older key of the ring still signs and is
/// sealed again with the current key; a secret that does not open (changed, unknown key id, wrong key, another endpoint's)
/// sends nothing and logs <c>secret-unreadable</c>.
/// </summary>
[Trait("tier", "grains")]
public sealed class WebhookSecretsAtRestShould(WebhookSecretsAtRestShould.Fixture cluster) : IClassFixture<WebhookSecretsAtRestShould.Fixture>
{
    private static readonly Actor Admin = new("head@hooks", [Roles.TenantAdmin]);
    private static readonly byte[] K1 = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] K2 = RandomNumberGenerator.GetBytes(32);

    /// <summary>
    /// An <see cref="OutboxState"/> as the type before round 13 wrote it (plain <c>Current</c> = whsec_ of bytes 1…32 and
    /// <c>Previous</c> = whsec_ of bytes 101…132, previous until 2026-12-02T01:00Z, one waiting TaskOverdue event case-9.4 of
    /// tenant hongqiao): the exact bytes grain storage kept, made with that version's types and serializer
    /// (<c>StateFixtureSerializer.SerializeAsStored</c>).
    /// </summary>
    private const string OldShape =
        "ICDoQB93aC1hYmNkZWZhYmNkZWZBL2h0dHA6Ly8xMjcuMC4wLjE6OS9ob29rMQF9eIj6qVJlYWRPbmx5TGlzdEludGVyZmFjZUNvZGVjYDFbW0NhcmVHcmlkLkdyYWlucy5FdmVudHMuQ2FyZUV2ZW50S2luZCxDYXJlR3JpZC5HcmFpbnNdXQADCQMZ4AEDIYAAKEtCfU7fCIEAAAAAAAAAAOBBHWFkbWluQGhvbmdxaWFv4CHoQGV3aHNlY19BUUlEQkFVR0J3Z0pDZ3NNRFE0UEVCRVNFeFFWRmhjWUdSb2JIQjBlSHlBPUFld2hzZWNfWldabmFHbHFhMnh0Ym05d2NYSnpkSFYyZDNoNWVudDhmWDUvZ0lHQ2c0UT0hgACoHpcPUN8IgQAAAAAAAAAA4CGAAJAPpIVO3wiBAAAAAAAAAADg4CEAAyHoIOhAEWNhc2UtOS40QRFob25ncWlhbwkDGUENY2FzZS05AREhgAAoS0J9Tt8IgQAAAAAAAAAA4EENdGFzay0ywQHBAcEBwQHBASGAAChLQn1O3wiBAAAAAAAAAADg4AEBIYAAKEtCfU7fCIEAAAAAAAAAAOAhgAAoS0J9Tt8IgQAAAAAAAAAA4MEBwQEBAeDgIeAh4CHgITABMSzULh1TdHJpbmdDb21wYXJlcgADAQHg4AEB4A==";

    private readonly WebhookEventSink _sink = new();

    [Fact]
    public async Task Hand_the_storage_no_secret_in_any_write_through_registration_deliveries_and_a_rotation()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var tenant = NewTenant();
        var from = cluster.Storage.Writes.Count;
        var hook = await Register(tenant, receiver.Url);
        var outbox = Outbox(tenant, hook.Webhook.Endpoint.Id);
        await _sink.AcceptAsync(cluster.Grains, [Event(tenant, "a", 1)]);
        await outbox.DeliverDue();
        var rotated = await outbox.RotateSecret(TimeSpan.FromHours(1));
        await _sink.AcceptAsync(cluster.Grains, [Event(tenant, "a", 2)]);
        await outbox.DeliverDue();

        var received = receiver.Messages.ToList();
        Assert.Equal(2, received.Count);
        Assert.True(Verify(received[0], hook.Secret));
        Assert.True(Verify(received[1], hook.Secret) && Verify(received[1], rotated.Secret));
        var writes = cluster.Storage.Writes.Skip(from).ToList();
        Assert.True(writes.Count(w => w.Grain == outbox.GetGrainId()) >= 5, $"{writes.Count} writes");
        AssertNoSecretIn(writes, hook.Secret, rotated.Secret);
        var stored = await Stored(outbox);
        Assert.Equal(("k2", "k2", "", null), (stored.Secrets.SealedCurrent?.KeyId, stored.Secrets.SealedPrevious?.KeyId, stored.Secrets.PlainCurrent, stored.Secrets.PlainPrevious));
    }

    [Fact]
    public async Task Sign_with_the_plain_secrets_of_a_state_stored_by_the_old_type_and_seal_them_at_the_next_write()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (current, previous) = ("whsec_" + Convert.ToBase64String(Bytes(1)), "whsec_" + Convert.ToBase64String(Bytes(101)));
        var old = cluster.Serializer.Deserialize<OutboxState>(BinaryData.FromBytes(Convert.FromBase64String(OldShape)))!;
        Assert.Equal((current, previous), (old.Secrets.PlainCurrent, old.Secrets.PlainPrevious));
        Assert.Null(old.Secrets.SealedCurrent);
        var tenant = NewTenant();
        var outbox = Outbox(tenant, old.Endpoint!.Id);
        await StoredState.UpdateAsync<OutboxState>(cluster.Storage, "webhookOutbox", outbox.GetGrainId(), s =>
        {
            s.Endpoint = old.Endpoint with { Url = receiver.Url };
            s.Secrets = old.Secrets;
            s.Pending = old.Pending;
        });
        var from = cluster.Storage.Writes.Count;

        await outbox.DeliverDue();

        var first = Assert.Single(receiver.Messages);
        Assert.Equal("evt_case-9.4", first.Id);
        Assert.True(Verify(first, current) && Verify(first, previous), first.Signature);
        AssertNoSecretIn([.. cluster.Storage.Writes.Skip(from)], current, previous);
        var stored = await Stored(outbox);
        Assert.Equal(("k2", "k2", "", null), (stored.Secrets.SealedCurrent?.KeyId, stored.Secrets.SealedPrevious?.KeyId, stored.Secrets.PlainCurrent, stored.Secrets.PlainPrevious));

        // A new activation reads the sealed state and signs with the same secrets.
        await outbox.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        // The registry of this tenant has no route to it (the state was written straight into storage): queued at the outbox.
        Assert.Equal(1, await outbox.Enqueue([new CareEvent("case-9.5", tenant, CareEventKind.TaskOverdue, "case-9", 5, cluster.Clock.GetUtcNow())]));
        await outbox.DeliverDue();
        var second = receiver.Messages.ToList()[1];
        Assert.True(Verify(second, current) && Verify(second, previous), second.Signature);
    }

    [Fact]
    public async Task Sign_with_a_secret_sealed_with_an_older_key_of_the_ring_and_seal_it_with_the_current_key_at_the_next_write()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var tenant = NewTenant();
        var hook = await Register(tenant, receiver.Url);
        var outbox = Outbox(tenant, hook.Webhook.Endpoint.Id);
        var k1Only = new WebhookSecretKeyRing(new Dictionary<string, byte[]> { ["k1"] = K1 }, "k1");
        await Restore(outbox, s => s.Secrets = s.Secrets with { SealedCurrent = WebhookSecretSeal.Seal(k1Only, hook.Secret, outbox.GetPrimaryKeyString()) });
        Assert.Equal("k1", (await Stored(outbox)).Secrets.SealedCurrent!.KeyId);

        await _sink.AcceptAsync(cluster.Grains, [Event(tenant, "a", 1)]);
        await outbox.DeliverDue();

        Assert.True(Verify(Assert.Single(receiver.Messages), hook.Secret));
        var resealed = (await Stored(outbox)).Secrets.SealedCurrent!;
        Assert.Equal("k2", resealed.KeyId);
        Assert.Equal(hook.Secret, WebhookSecretSeal.Open(new WebhookSecretKeyRing(new Dictionary<string, byte[]> { ["k2"] = K2 }, "k2"), resealed, outbox.GetPrimaryKeyString()));
    }

    [Theory]
    [InlineData("changed ciphertext")]
    [InlineData("unknown key id")]
    [InlineData("wrong key under the id")]
    [InlineData("another endpoint's secret")]
    public async Task Send_nothing_and_log_secret_unreadable_when_the_stored_secret_does_not_open(string damage)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var tenant = NewTenant();
        var hook = await Register(tenant, receiver.Url);
        var other = await Register(tenant, receiver.Url, CareEventKind.CaseClosed); // posts nothing here
        var outbox = Outbox(tenant, hook.Webhook.Endpoint.Id);
        var otherSecrets = (await Stored(Outbox(tenant, other.Webhook.Endpoint.Id))).Secrets;
        var wrongK2 = new WebhookSecretKeyRing(new Dictionary<string, byte[]> { ["k2"] = RandomNumberGenerator.GetBytes(32) }, "k2");
        await Restore(outbox, s => s.Secrets = s.Secrets with
        {
            SealedCurrent = damage switch
            {
                "changed ciphertext" => s.Secrets.SealedCurrent! with { Ciphertext = [.. s.Secrets.SealedCurrent.Ciphertext.Select((b, i) => i == 9 ? (byte)(b ^ 1) : b)] },
                "unknown key id" => s.Secrets.SealedCurrent! with { KeyId = "gone" },
                "wrong key under the id" => WebhookSecretSeal.Seal(wrongK2, hook.Secret, outbox.GetPrimaryKeyString()),
                _ => otherSecrets.SealedCurrent,
            },
        });

        await _sink.AcceptAsync(cluster.Grains, [Event(tenant, "a", 1)]);
        await outbox.DeliverDue();

        Assert.Empty(receiver.Messages);
        var log = await outbox.Deliveries(10);
        Assert.NotEmpty(log);
        Assert.All(log, l => Assert.Equal((DeliveryOutcome.Failed, 0, "secret-unreadable"), (l.Outcome, l.StatusCode, l.Error)));
        Assert.Equal(1, (await outbox.View()).Pending);
        // The operator can still remove it.
        await cluster.Grains.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.KeyOf(tenant)).Delete(hook.Webhook.Endpoint.Id);
    }

    private static byte[] Bytes(int first) => [.. Enumerable.Range(first, 32).Select(i => (byte)i)];

    private static string NewTenant() => "seal-" + Guid.NewGuid().ToString("N")[..8];

    private CareEvent Event(string tenant, string caseSuffix, long sequence) =>
        new($"case-{caseSuffix}.{sequence}", tenant, CareEventKind.CaseEscalated, "case-" + caseSuffix, sequence, cluster.Clock.GetUtcNow());

    private async Task<WebhookWithSecret> Register(string tenant, string url, params CareEventKind[] kinds) =>
        await cluster.Grains.GetGrain<IWebhookRegistryGrain>(IWebhookRegistryGrain.KeyOf(tenant))
            .Register(url, kinds is [] ? [CareEventKind.CaseEscalated, CareEventKind.TaskOverdue] : kinds, Admin);

    private IWebhookOutboxGrain Outbox(string tenant, string webhookId) =>
        cluster.Grains.GetGrain<IWebhookOutboxGrain>(IWebhookOutboxGrain.KeyOf(tenant, webhookId));

    private async Task<OutboxState> Stored(IWebhookOutboxGrain outbox)
    {
        var state = new GrainState<OutboxState>(new OutboxState());
        await cluster.Storage.ReadStateAsync("webhookOutbox", outbox.GetGrainId(), state);
        return state.State!;
    }

    /// <summary>Deactivates the outbox and changes its stored state, as an operator or a backup restore would.</summary>
    private async Task Restore(IWebhookOutboxGrain outbox, Action<OutboxState> change)
    {
        await outbox.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await StoredState.UpdateAsync(cluster.Storage, "webhookOutbox", outbox.GetGrainId(), change);
    }

    private static bool Verify(WebhookReceiver.Received m, string secret) =>
        WebhookSignature.Verify(secret, m.Id, long.Parse(m.Timestamp, System.Globalization.CultureInfo.InvariantCulture), m.Body, m.Signature);

    /// <summary>No write holds a secret's text (<c>whsec_…</c>), its base64 part or its 32 key bytes.</summary>
    private static void AssertNoSecretIn(IReadOnlyList<RecordingGrainStorage.Write> writes, params string[] secrets)
    {
        Assert.NotEmpty(writes);
        foreach (var secret in secrets)
        {
            byte[][] forms = [Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(secret[WebhookSecret.Prefix.Length..]), WebhookSecret.KeyOf(secret)];
            foreach (var write in writes)
            {
                Assert.False(forms.Any(f => WebhookSecretSealShould.Contains(write.Bytes, f)), $"a write of {write.State} holds a secret");
            }
        }
    }

    /// <summary>
    /// One silo with CareGrid's grains, loopback webhooks, a fake clock and a key ring of <c>k1</c> and <c>k2</c> (current), whose
    /// grain storage is the embedded one behind a <see cref="RecordingGrainStorage"/>.
    /// </summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private static readonly FakeTimeProvider SharedClock = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        public TestCluster Cluster { get; private set; } = null!;

        public IGrainFactory Grains => Cluster.Client;

        public FakeTimeProvider Clock => SharedClock;

        /// <summary>
        /// The silo's default grain storage, resolved from its services (built on first use: a test that reads it before any
        /// grain has written must still get it, whatever order the tests run in).
        /// </summary>
        public RecordingGrainStorage Storage =>
            (RecordingGrainStorage)Cluster.SiloServices().GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);

        /// <summary>The serializer the storage writes and reads with.</summary>
        public IGrainStorageSerializer Serializer => Storage.Serializer;

        public async Task InitializeAsync()
        {
            Cluster = await TestSilo.DeployAsync<SiloConfigurator>();
        }

        public async Task DisposeAsync()
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }

        private sealed class SiloConfigurator : ISiloConfigurator
        {
            public void Configure(ISiloBuilder silo)
            {
                silo.AddCareGridForTests(SharedClock, services => services.Configure<WebhookOptions>(o =>
                {
                    o.AllowLoopback = true;
                    o.SecretKeys["k1"] = Convert.ToBase64String(K1);
                    o.SecretKeys["k2"] = Convert.ToBase64String(K2);
                    o.CurrentSecretKey = "k2";
                    o.RequireSecretKeys();
                }));
                // Registered after the embedded storage, so this one is the silo's default grain storage.
                silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, static (services, _) =>
                {
                    var serializer = new ExactGrainStorageSerializer(services.GetRequiredService<Serializer>());
                    return new RecordingGrainStorage(new InMemoryGrainStorage(serializer), serializer);
                });
            }
        }
    }
}

/// <summary>
/// Grain storage that records what it is handed: each write's state serialized with the storage's own serializer (the bytes the
/// embedded storage keeps, and Azure Table storage stores), then passes every call on.
/// </summary>
public sealed class RecordingGrainStorage(IGrainStorage inner, IGrainStorageSerializer serializer) : IGrainStorage
{
    /// <summary>One recorded write.</summary>
    public sealed record Write(string State, GrainId Grain, byte[] Bytes);

    /// <summary>The serializer of the recorded bytes.</summary>
    public IGrainStorageSerializer Serializer => serializer;

    /// <summary>Every write, in order.</summary>
    public ConcurrentQueue<Write> Writes { get; } = new();

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Writes.Enqueue(new Write(stateName, grainId, serializer.Serialize(grainState.State).ToArray()));
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
