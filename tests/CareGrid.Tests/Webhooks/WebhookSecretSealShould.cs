using System.Security.Cryptography;
using System.Text;
using CareGrid.Grains.Imports;
using CareGrid.Grains.Webhooks;

namespace CareGrid.Tests.Webhooks;

/// <summary>
/// The rules of signing secrets sealed at rest (docs/webhooks.md "Secrets"), without a silo: AES-256-GCM under a key ring whose
/// records carry their key id; a wrong key, an unknown key id, a changed record or another endpoint's record fails with
/// <see cref="WebhookSecretUnreadableException"/> (code <c>secret-unreadable</c>) and never yields a secret; a secret sealed with
/// an older key still opens and is sealed again with the current key before a write; plain secrets of an old state are sealed;
/// the key settings are checked at start, in English and Chinese, never echoing a key.
/// </summary>
[Trait("tier", "domain")]
public sealed class WebhookSecretSealShould
{
    private const string Endpoint = "hongqiao/wh-abcdefabcdef";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly byte[] K1 = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] K2 = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void Seal_a_secret_so_that_its_bytes_are_not_in_the_record_and_open_it_again()
    {
        var ring = Ring(("k1", K1));
        var secret = WebhookSecret.Generate();

        var a = WebhookSecretSeal.Seal(ring, secret, Endpoint);
        var b = WebhookSecretSeal.Seal(ring, secret, Endpoint);

        Assert.Equal(("k1", 12, 16), (a.KeyId, a.Nonce.Length, a.Tag.Length));
        Assert.NotEqual(a.Nonce, b.Nonce);
        Assert.NotEqual(a.Ciphertext, b.Ciphertext);
        var record = a.Nonce.Concat(a.Ciphertext).Concat(a.Tag).ToArray();
        Assert.False(Contains(record, Encoding.UTF8.GetBytes(secret)));
        Assert.False(Contains(record, WebhookSecret.KeyOf(secret)));
        Assert.Equal(secret, WebhookSecretSeal.Open(ring, a, Endpoint));
        Assert.Equal(secret, WebhookSecretSeal.Open(ring, b, Endpoint));
    }

    public static TheoryData<string> Damages => ["ciphertext", "tag", "nonce", "short tag", "wrong key under the id", "another endpoint", "unknown key id"];

    [Theory]
    [MemberData(nameof(Damages))]
    public void Refuse_a_record_that_was_changed_or_sealed_elsewhere_with_a_stable_code(string damage)
    {
        var ring = Ring(("k1", K1));
        var secret = WebhookSecret.Generate();
        var good = WebhookSecretSeal.Seal(ring, secret, Endpoint);
        var (record, opener, endpoint) = damage switch
        {
            "ciphertext" => (good with { Ciphertext = Flip(good.Ciphertext, 7) }, ring, Endpoint),
            "tag" => (good with { Tag = Flip(good.Tag, 0) }, ring, Endpoint),
            "nonce" => (good with { Nonce = Flip(good.Nonce, 11) }, ring, Endpoint),
            "short tag" => (good with { Tag = good.Tag[..12] }, ring, Endpoint),
            "wrong key under the id" => (good, Ring(("k1", K2)), Endpoint),
            "another endpoint" => (good, ring, "hongqiao/wh-000000000000"),
            _ => (good with { KeyId = "gone" }, ring, Endpoint),
        };

        var refused = Assert.Throws<WebhookSecretUnreadableException>(() => WebhookSecretSeal.Open(opener, record, endpoint));

        Assert.Equal("secret-unreadable", refused.Code);
        Assert.Equal(damage == "unknown key id" ? SecretUnreadableReason.UnknownKey : SecretUnreadableReason.Tampered, refused.Reason);
        Assert.DoesNotContain(secret, refused.Message, StringComparison.Ordinal);
        // Signing asks for the secrets and gets an exception, never bytes to sign with.
        var secrets = new WebhookSecrets { SealedCurrent = record };
        Assert.Throws<WebhookSecretUnreadableException>(() => WebhookSecretSeal.SigningAt(secrets, Now, opener, endpoint));
    }

    [Fact]
    public void Open_records_of_an_older_key_by_their_key_id_and_seal_them_with_the_current_key_before_a_write()
    {
        var (current, previous) = (WebhookSecret.Generate(), WebhookSecret.Generate());
        var before = Ring(("k1", K1));
        var stored = new WebhookSecrets
        {
            SealedCurrent = WebhookSecretSeal.Seal(before, current, Endpoint),
            SealedPrevious = WebhookSecretSeal.Seal(before, previous, Endpoint),
            PreviousUntil = Now.AddHours(1),
            CreatedAt = Now,
        };

        // The operator adds k2 and makes it current; k1 stays in the ring.
        var rotated = Ring(("k1", K1), ("k2", K2), current: "k2");
        Assert.Equal([current, previous], WebhookSecretSeal.SigningAt(stored, Now, rotated, Endpoint));
        var written = WebhookSecretSeal.ForWrite(stored, rotated, Endpoint);

        Assert.Equal(("k2", "k2"), (written.SealedCurrent!.KeyId, written.SealedPrevious!.KeyId));
        Assert.Equal((Now.AddHours(1), Now), (written.PreviousUntil, written.CreatedAt));
        Assert.Same(written, WebhookSecretSeal.ForWrite(written, rotated, Endpoint));
        // Once every record is sealed with k2, k1 can go.
        Assert.Equal([current, previous], WebhookSecretSeal.SigningAt(written, Now, Ring(("k2", K2)), Endpoint));
        // A record whose key is gone is kept as it is (its key may come back), and signing with it fails clearly.
        var orphan = WebhookSecretSeal.ForWrite(stored, Ring(("k2", K2)), Endpoint);
        Assert.Equal("k1", orphan.SealedCurrent!.KeyId);
        Assert.Throws<WebhookSecretUnreadableException>(() => WebhookSecretSeal.SigningAt(orphan, Now, Ring(("k2", K2)), Endpoint));
    }

    [Fact]
    public void Sign_with_the_plain_secrets_of_an_old_state_and_seal_them_before_a_write()
    {
        var (current, previous) = (WebhookSecret.Generate(), WebhookSecret.Generate());
        var old = new WebhookSecrets { PlainCurrent = current, PlainPrevious = previous, PreviousUntil = Now.AddHours(1), CreatedAt = Now };
        var ring = Ring(("k1", K1));

        Assert.Equal([current, previous], WebhookSecretSeal.SigningAt(old, Now, ring, Endpoint));
        Assert.Equal([current], WebhookSecretSeal.SigningAt(old, Now.AddHours(1), ring, Endpoint));
        var written = WebhookSecretSeal.ForWrite(old, ring, Endpoint);

        Assert.Equal(("", null), (written.PlainCurrent, written.PlainPrevious));
        Assert.Equal([current, previous], WebhookSecretSeal.SigningAt(written, Now, ring, Endpoint));
        Assert.True(written.PreviousSignsAt(Now));
    }

    public static TheoryData<string, string> BadKeySettings => new()
    {
        { "required, none", "Webhooks:SecretKeys must be set on durable storage (Storage:Provider=AzureTable)" },
        { "31 bytes", "Webhooks:SecretKeys:k1 must be the base64 of exactly 32 bytes (was not shown)." },
        { "not base64", "Webhooks:SecretKeys:k1 must be the base64 of exactly 32 bytes (was not shown)." },
        { "no current", "Webhooks:CurrentSecretKey must name one of the keys of Webhooks:SecretKeys (was '')." },
        { "current not a key", "Webhooks:CurrentSecretKey must name one of the keys of Webhooks:SecretKeys (was 'k9')." },
        { "bad id", "Webhooks:SecretKeys:k 1 must have an id of 1–32 letters, digits, '.', '_' or '-'." },
    };

    [Theory]
    [MemberData(nameof(BadKeySettings))]
    public void Refuse_bad_key_settings_in_english_and_chinese_without_showing_a_key(string setting, string expected)
    {
        var options = new WebhookOptions { CurrentSecretKey = "k1" };
        var shortKey = Convert.ToBase64String(K1[..31]);
        switch (setting)
        {
            case "required, none":
                options.CurrentSecretKey = "";
                options.RequireSecretKeys();
                break;
            case "31 bytes":
                options.SecretKeys["k1"] = shortKey;
                break;
            case "not base64":
                options.SecretKeys["k1"] = "not base64!";
                break;
            case "no current":
                options.SecretKeys["k1"] = Convert.ToBase64String(K1);
                options.CurrentSecretKey = "";
                break;
            case "current not a key":
                options.SecretKeys["k1"] = Convert.ToBase64String(K1);
                options.CurrentSecretKey = "k9";
                break;
            default:
                options.SecretKeys["k 1"] = Convert.ToBase64String(K1);
                options.CurrentSecretKey = "k 1";
                break;
        }

        var problem = Assert.Single(new WebhookOptionsValidator().Validate(null, options).Failures!);

        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        var (english, chinese) = Bilingual.Split(problem);
        Assert.NotNull(chinese);
        Assert.DoesNotContain(shortKey, problem, StringComparison.Ordinal);
        Assert.StartsWith(expected, english, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => WebhookSecretKeyRing.From(options));
    }

    [Fact]
    public void Take_the_configured_keys_or_a_key_of_the_process_when_none_is_configured_and_none_required()
    {
        var configured = new WebhookOptions { CurrentSecretKey = "K2" };
        configured.SecretKeys["k1"] = Convert.ToBase64String(K1);
        configured.SecretKeys["k2"] = " " + Convert.ToBase64String(K2) + " ";
        configured.RequireSecretKeys();

        Assert.True(new WebhookOptionsValidator().Validate(null, configured).Succeeded);
        var ring = WebhookSecretKeyRing.From(configured);
        Assert.Equal("K2", ring.CurrentKeyId);
        Assert.True(ring.TryGetKey("k2", out var k2) && k2.SequenceEqual(K2));
        var embedded = WebhookSecretKeyRing.From(new WebhookOptions());
        Assert.Equal([WebhookSecretKeyRing.ProcessKeyId], embedded.KeyIds);
        // A random key per process: another process's ring does not open this one's records.
        var sealedHere = WebhookSecretSeal.Seal(embedded, WebhookSecret.Generate(), Endpoint);
        Assert.Throws<WebhookSecretUnreadableException>(() => WebhookSecretSeal.Open(WebhookSecretKeyRing.From(new WebhookOptions()), sealedHere, Endpoint));
        Assert.True(new WebhookOptionsValidator().Validate(null, new WebhookOptions()).Succeeded);
    }

    private static WebhookSecretKeyRing Ring(params (string Id, byte[] Key)[] keys) => Ring(keys, keys[^1].Id);

    private static WebhookSecretKeyRing Ring((string Id, byte[] Key) first, (string Id, byte[] Key) second, string current) => Ring([first, second], current);

    private static WebhookSecretKeyRing Ring((string Id, byte[] Key)[] keys, string current) =>
        new(keys.ToDictionary(k => k.Id, k => k.Key), current);

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = bytes.ToArray();
        copy[at] ^= 0x01;
        return copy;
    }

    internal static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
