using System.Security.Cryptography;

namespace CareGrid.Grains.Webhooks;

/// <summary>
/// Signing secrets in the Standard Webhooks form (docs/webhooks.md "Secrets"): <c>whsec_</c> followed by the base64 of 32
/// random bytes from the operating system's cryptographic generator; the HMAC key is the decoded bytes.
/// </summary>
public static class WebhookSecret
{
    /// <summary>The prefix of every secret.</summary>
    public const string Prefix = "whsec_";

    /// <summary>Random bytes per secret (256 bits, the HMAC-SHA256 block's key strength).</summary>
    public const int KeyBytes = 32;

    /// <summary>A new secret.</summary>
    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>The HMAC key of <paramref name="secret"/>: the base64 after the prefix, decoded.</summary>
    /// <exception cref="FormatException">When <paramref name="secret"/> lacks the prefix or is not base64.</exception>
    public static byte[] KeyOf(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new FormatException("A webhook secret starts with " + Prefix + ".");
        }

        return Convert.FromBase64String(secret[Prefix.Length..]);
    }
}
