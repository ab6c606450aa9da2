using System.Security.Cryptography;
using System.Text;

namespace CareGrid.Grains.Webhooks;

/// <summary>
/// A signing secret encrypted at rest (docs/webhooks.md "Secrets"): AES-256-GCM (<see cref="AesGcm"/>) of the secret's UTF-8
/// under the key <see cref="KeyId"/> of the <see cref="WebhookSecretKeyRing"/>, with a random 12-byte nonce and a 16-byte tag;
/// the associated data binds it to its endpoint (<see cref="WebhookSecretSeal"/>), so a record copied to another endpoint does
/// not open.
/// </summary>
[GenerateSerializer, Alias("CareGrid.Webhooks.SealedSecret")]
public sealed record SealedSecret
{
    /// <summary>The id of the key that sealed it.</summary>
    [Id(0)] public string KeyId { get; init; } = "";

    /// <summary>The AES-GCM nonce (12 random bytes).</summary>
    [Id(1)] public byte[] Nonce { get; init; } = [];

    /// <summary>The encrypted secret (as long as the secret's UTF-8).</summary>
    [Id(2)] public byte[] Ciphertext { get; init; } = [];

    /// <summary>The AES-GCM authentication tag (16 bytes).</summary>
    [Id(3)] public byte[] Tag { get; init; } = [];
}

/// <summary>Why a stored secret could not be opened; delivery log error <see cref="WebhookSecretSeal.UnreadableError"/>.</summary>
[GenerateSerializer, Alias("CareGrid.SecretUnreadableReason")]
public enum SecretUnreadableReason
{
    /// <summary>The key ring holds no key of the record's key id (a key removed too early, or another cluster's state).</summary>
    UnknownKey = 0,

    /// <summary>The authentication failed: a wrong key under the id, or a record changed in storage.</summary>
    Tampered = 1,
}

/// <summary>
/// A stored signing secret that cannot be opened (<see cref="Reason"/>); nothing is signed with it. Its stable code is
/// <see cref="WebhookSecretSeal.UnreadableError"/>, the <c>error</c> of the delivery attempt in the endpoint's log.
/// </summary>
public sealed class WebhookSecretUnreadableException(SecretUnreadableReason reason, string keyId, Exception? inner = null)
    : CryptographicException(reason == SecretUnreadableReason.UnknownKey
        ? $"The webhook signing secret is sealed with key '{keyId}', which Webhooks:SecretKeys does not hold."
        : $"The webhook signing secret sealed with key '{keyId}' failed authentication: a wrong key under that id, or the stored record was changed.", inner)
{
    /// <summary>Why it could not be opened.</summary>
    public SecretUnreadableReason Reason { get; } = reason;

    /// <summary>The key id the record carries.</summary>
    public string KeyId { get; } = keyId;

    /// <summary>The stable code: <see cref="WebhookSecretSeal.UnreadableError"/>.</summary>
    public string Code => WebhookSecretSeal.UnreadableError;
}

/// <summary>
/// The rules of sealed secrets (docs/webhooks.md "Secrets"), without Orleans: sealing and opening one secret, and keeping an
/// endpoint's <see cref="WebhookSecrets"/> free of plain text before every write. The associated data of a record is
/// <c>caregrid/webhook-secret/v1</c>, the key id and the endpoint's grain key (<c>{tenant}/{webhookId}</c>), each followed by a
/// line feed.
/// </summary>
public static class WebhookSecretSeal
{
    /// <summary>The stable code of a secret that cannot be opened: the delivery log's <c>error</c>, no request is sent.</summary>
    public const string UnreadableError = "secret-unreadable";

    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    /// <summary>Seals <paramref name="secret"/> for endpoint <paramref name="endpointKey"/> with the ring's current key and a new random nonce.</summary>
    public static SealedSecret Seal(WebhookSecretKeyRing ring, string secret, string endpointKey)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(endpointKey);
        ring.TryGetKey(ring.CurrentKeyId, out var key);
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedSecret = new SealedSecret
        {
            KeyId = ring.CurrentKeyId,
            Nonce = RandomNumberGenerator.GetBytes(NonceBytes),
            Ciphertext = new byte[plain.Length],
            Tag = new byte[TagBytes],
        };
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(sealedSecret.Nonce, plain, sealedSecret.Ciphertext, sealedSecret.Tag, AssociatedData(sealedSecret.KeyId, endpointKey));
        CryptographicOperations.ZeroMemory(plain);
        return sealedSecret;
    }

    /// <summary>The secret of <paramref name="sealedSecret"/>, opened for endpoint <paramref name="endpointKey"/>.</summary>
    /// <exception cref="WebhookSecretUnreadableException">The ring holds no key of its id, or the authentication fails (wrong key, changed record, another endpoint's record).</exception>
    public static string Open(WebhookSecretKeyRing ring, SealedSecret sealedSecret, string endpointKey)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(sealedSecret);
        ArgumentNullException.ThrowIfNull(endpointKey);
        if (!ring.TryGetKey(sealedSecret.KeyId, out var key))
        {
            throw new WebhookSecretUnreadableException(SecretUnreadableReason.UnknownKey, sealedSecret.KeyId);
        }

        var plain = new byte[sealedSecret.Ciphertext?.Length ?? 0];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(sealedSecret.Nonce ?? [], sealedSecret.Ciphertext ?? [], sealedSecret.Tag ?? [], plain, AssociatedData(sealedSecret.KeyId, endpointKey));
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // AuthenticationTagMismatchException (a CryptographicException), or a nonce or tag of the wrong size.
            throw new WebhookSecretUnreadableException(SecretUnreadableReason.Tampered, sealedSecret.KeyId, e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>
    /// <paramref name="secrets"/> as they are written (before every write of the outbox): no plain text — a plain secret of a
    /// state written before the secrets were sealed is sealed now — and every sealed secret under the ring's current key (one
    /// sealed with an older key that still opens is sealed again; one that does not open is kept as it is). Returns the same
    /// instance when nothing changes.
    /// </summary>
    public static WebhookSecrets ForWrite(WebhookSecrets secrets, WebhookSecretKeyRing ring, string endpointKey)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(ring);
        var current = Resealed(secrets.SealedCurrent, secrets.PlainCurrent, ring, endpointKey);
        var previous = Resealed(secrets.SealedPrevious, secrets.PlainPrevious, ring, endpointKey);
        return ReferenceEquals(current, secrets.SealedCurrent) && ReferenceEquals(previous, secrets.SealedPrevious)
               && string.IsNullOrEmpty(secrets.PlainCurrent) && secrets.PlainPrevious is null
            ? secrets
            : secrets with { SealedCurrent = current, SealedPrevious = previous, PlainCurrent = "", PlainPrevious = null };
    }

    /// <summary>
    /// The secrets that sign at <paramref name="now"/>, opened: the current one, then the previous one while its overlap lasts
    /// (<see cref="WebhookSecrets.PreviousSignsAt"/>). A plain secret of an old state is taken as it is.
    /// </summary>
    /// <exception cref="WebhookSecretUnreadableException">A secret that signs now does not open.</exception>
    /// <exception cref="InvalidOperationException">The endpoint has no secret.</exception>
    public static IReadOnlyList<string> SigningAt(WebhookSecrets secrets, DateTimeOffset now, WebhookSecretKeyRing ring, string endpointKey)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var current = OpenOne(secrets.SealedCurrent, secrets.PlainCurrent, ring, endpointKey) ?? throw new InvalidOperationException("The webhook has no signing secret.");
        return secrets.PreviousSignsAt(now) && OpenOne(secrets.SealedPrevious, secrets.PlainPrevious, ring, endpointKey) is { } previous
            ? [current, previous]
            : [current];
    }

    /// <summary>The current secret sealed, whether stored sealed or (an old state) plain; null when there is none.</summary>
    public static SealedSecret? CurrentSealed(WebhookSecrets secrets, WebhookSecretKeyRing ring, string endpointKey)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        return Resealed(secrets.SealedCurrent, secrets.PlainCurrent, ring, endpointKey);
    }

    private static string? OpenOne(SealedSecret? sealedSecret, string? plain, WebhookSecretKeyRing ring, string endpointKey) =>
        sealedSecret is not null ? Open(ring, sealedSecret, endpointKey) : string.IsNullOrEmpty(plain) ? null : plain;

    private static SealedSecret? Resealed(SealedSecret? sealedSecret, string? plain, WebhookSecretKeyRing ring, string endpointKey)
    {
        if (sealedSecret is null)
        {
            return string.IsNullOrEmpty(plain) ? null : Seal(ring, plain, endpointKey);
        }

        if (string.Equals(sealedSecret.KeyId, ring.CurrentKeyId, StringComparison.OrdinalIgnoreCase))
        {
            return sealedSecret;
        }

        try
        {
            return Seal(ring, Open(ring, sealedSecret, endpointKey), endpointKey);
        }
        catch (WebhookSecretUnreadableException)
        {
            return sealedSecret; // Kept as it is: its key may come back to the ring; signing with it fails clearly meanwhile.
        }
    }

    private static byte[] AssociatedData(string keyId, string endpointKey) =>
        Encoding.UTF8.GetBytes("caregrid/webhook-secret/v1\n" + keyId + "\n" + endpointKey + "\n");
}
