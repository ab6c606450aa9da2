using System.Security.Cryptography;
using CareGrid.Grains.Imports;

namespace CareGrid.Grains.Webhooks;

/// <summary>
/// The keys that encrypt the webhook signing secrets at rest (docs/webhooks.md "Secrets"): key id → 32-byte AES-256 key, one
/// of them current. New records are sealed with the current key and carry its id; a record sealed with an older key is
/// opened with the key of the id it carries, as long as the ring still holds it. From <see cref="WebhookOptions.SecretKeys"/>
/// and <see cref="WebhookOptions.CurrentSecretKey"/>, or, when none is configured and the host allows it (the embedded
/// default, whose state lives in the process), one random key made at start and kept in this process only
/// (<see cref="ProcessKeyId"/>).
/// </summary>
public sealed class WebhookSecretKeyRing
{
    /// <summary>Bytes per key (AES-256).</summary>
    public const int KeyBytes = 32;

    /// <summary>The id of the per-process random key of the embedded default.</summary>
    public const string ProcessKeyId = "process";

    /// <summary>Longest key id.</summary>
    public const int MaxKeyIdLength = 32;

    private readonly Dictionary<string, byte[]> _keys;

    /// <summary>A ring of <paramref name="keys"/> (each <see cref="KeyBytes"/> long, ids as <see cref="IsKeyId"/>) whose current key is <paramref name="currentKeyId"/>.</summary>
    /// <exception cref="ArgumentException">An id or key is malformed, or <paramref name="currentKeyId"/> is not among the keys.</exception>
    public WebhookSecretKeyRing(IReadOnlyDictionary<string, byte[]> keys, string currentKeyId)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, key) in keys)
        {
            if (!IsKeyId(id) || key is not { Length: KeyBytes })
            {
                throw new ArgumentException($"Key '{id}' needs an id of letters, digits, '.', '_' or '-' (1–{MaxKeyIdLength}) and {KeyBytes} bytes.", nameof(keys));
            }

            _keys[id] = [.. key];
        }

        if (currentKeyId is null || !_keys.ContainsKey(currentKeyId))
        {
            throw new ArgumentException($"The current key '{currentKeyId}' is not in the ring.", nameof(currentKeyId));
        }

        CurrentKeyId = currentKeyId;
    }

    /// <summary>The id of the key that seals new records.</summary>
    public string CurrentKeyId { get; }

    /// <summary>The key ids of the ring.</summary>
    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    /// <summary>The key of <paramref name="keyId"/> (ids compare case-insensitively, as configuration keys do).</summary>
    public bool TryGetKey(string? keyId, out byte[] key)
    {
        if (keyId is not null && _keys.TryGetValue(keyId, out var found))
        {
            key = found;
            return true;
        }

        key = [];
        return false;
    }

    /// <summary>A ring of one random key, <see cref="ProcessKeyId"/>: what the embedded default uses when no key is configured.</summary>
    public static WebhookSecretKeyRing ForProcess() =>
        new(new Dictionary<string, byte[]> { [ProcessKeyId] = RandomNumberGenerator.GetBytes(KeyBytes) }, ProcessKeyId);

    /// <summary>
    /// The ring of <paramref name="options"/>: the configured keys, or <see cref="ForProcess"/> when none is configured and
    /// <see cref="WebhookOptions.SecretKeysRequired"/> is off.
    /// </summary>
    /// <exception cref="InvalidOperationException">The keys fail <see cref="Check"/> (the start-up check reports the same).</exception>
    public static WebhookSecretKeyRing From(WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Check(options) is [var first, ..])
        {
            throw new InvalidOperationException(first);
        }

        if (options.SecretKeys.Count == 0)
        {
            return ForProcess();
        }

        return new WebhookSecretKeyRing(
            options.SecretKeys.ToDictionary(k => k.Key.Trim(), k => Convert.FromBase64String(k.Value.Trim()), StringComparer.OrdinalIgnoreCase),
            options.CurrentSecretKey.Trim());
    }

    /// <summary>
    /// The problems of the key settings of <paramref name="options"/>, each in English and Simplified Chinese
    /// (<see cref="Bilingual.Join"/>), naming the key and never showing a key's value; empty when they are good. Rules: no key
    /// and no <c>CurrentSecretKey</c> is good unless keys are required (durable storage); otherwise every id is 1–32 letters,
    /// digits, '.', '_' or '-', every value the base64 of exactly 32 bytes, and <c>CurrentSecretKey</c> names one of them.
    /// </summary>
    public static IReadOnlyList<string> Check(WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Keys = WebhookOptions.Section + ":SecretKeys";
        const string Current = WebhookOptions.Section + ":CurrentSecretKey";
        var problems = new List<string>();
        if (options.SecretKeys.Count == 0 && string.IsNullOrWhiteSpace(options.CurrentSecretKey))
        {
            if (options.SecretKeysRequired)
            {
                problems.Add(Bilingual.Join(
                    $"{Keys} must be set on durable storage (Storage:Provider=AzureTable): {Keys}:<id> = the base64 of 32 random bytes, and {Current} = that <id>; "
                    + "they encrypt the webhook signing secrets at rest (docs/webhooks.md \"Secrets\") (was empty).",
                    $"使用持久存储（Storage:Provider=AzureTable）时必须设置 {Keys}：{Keys}:<标识> = 32 个随机字节的 base64，{Current} = 该 <标识>；"
                    + "它们用于加密存储中的 Webhook 签名密钥（见 docs/webhooks.md “Secrets”）（当前为空）。"));
            }

            return problems;
        }

        foreach (var (id, value) in options.SecretKeys)
        {
            if (!IsKeyId(id.Trim()))
            {
                problems.Add(Bilingual.Join(
                    $"{Keys}:{id} must have an id of 1–{MaxKeyIdLength} letters, digits, '.', '_' or '-'.",
                    $"{Keys}:{id} 的标识必须由 1–{MaxKeyIdLength} 个字母、数字、“.”、“_”或“-”组成。"));
            }

            if (!IsKey(value))
            {
                problems.Add(Bilingual.Join(
                    $"{Keys}:{id} must be the base64 of exactly {KeyBytes} bytes (was not shown).",
                    $"{Keys}:{id} 必须是恰好 {KeyBytes} 个字节的 base64（值不显示）。"));
            }
        }

        if (string.IsNullOrWhiteSpace(options.CurrentSecretKey) || !options.SecretKeys.Keys.Any(k => string.Equals(k.Trim(), options.CurrentSecretKey.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add(Bilingual.Join(
                $"{Current} must name one of the keys of {Keys} (was '{options.CurrentSecretKey}').",
                $"{Current} 必须是 {Keys} 中某个密钥的标识（当前为“{options.CurrentSecretKey}”）。"));
        }

        return problems;
    }

    /// <summary>True for 1–<see cref="MaxKeyIdLength"/> ASCII letters, digits, '.', '_' or '-'.</summary>
    public static bool IsKeyId(string? id) =>
        id is { Length: > 0 and <= MaxKeyIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static bool IsKey(string? value)
    {
        var buffer = new byte[KeyBytes + 3];
        return value is not null && Convert.TryFromBase64String(value.Trim(), buffer, out var written) && written == KeyBytes;
    }
}
