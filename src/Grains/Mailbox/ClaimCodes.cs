using System.Security.Cryptography;
using System.Text;

namespace CareGrid.Grains.Mailbox;

/// <summary>
/// A claim code of the anonymous worry mailbox (R-5.2, docs/mailbox.md): the only key a writer holds to their thread.
/// 38 symbols of Crockford base32 — a 12-symbol locator (60 random bits: which thread) and a 26-symbol secret (130
/// random bits: the proof) — shown once, grouped by four with dashes (<c>ABCD-EFGH-…</c>).
/// </summary>
/// <param name="Locator">The thread's locator: 12 symbols of <see cref="ClaimCodes.Alphabet"/>.</param>
/// <param name="Secret">The secret: 26 symbols of <see cref="ClaimCodes.Alphabet"/>.</param>
public sealed record ClaimCode(string Locator, string Secret)
{
    /// <summary>The thread id counsellors see: <c>wm-</c> and the locator in lower case (never the secret).</summary>
    public string ThreadId => ClaimCodes.ThreadIdOf(Locator);

    /// <summary>The code as shown to the writer: locator and secret, 38 symbols in groups of four joined by dashes.</summary>
    public override string ToString()
    {
        var all = Locator + Secret;
        var groups = Enumerable.Range(0, (all.Length + 3) / 4).Select(i => all.Substring(i * 4, Math.Min(4, all.Length - (i * 4))));
        return string.Join('-', groups);
    }
}

/// <summary>
/// Issues, parses and checks claim codes (R-5.2, docs/mailbox.md "Claim codes"). The secret is never stored: a thread
/// keeps a random 16-byte salt of its own and HMAC-SHA-256(salt, secret); a check recomputes it and compares in constant
/// time (<see cref="CryptographicOperations.FixedTimeEquals"/>). A 130-bit random secret needs no slow password hash:
/// it cannot be guessed, and the salt stops one table from serving many threads.
/// </summary>
public static class ClaimCodes
{
    /// <summary>Crockford's base32 alphabet (no I, L, O, U), so a code read aloud or retyped survives.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>Symbols of the locator (60 bits).</summary>
    public const int LocatorLength = 12;

    /// <summary>Symbols of the secret (130 bits, at least the 128 of docs/mailbox.md).</summary>
    public const int SecretLength = 26;

    /// <summary>Bytes of a thread's salt.</summary>
    public const int SaltLength = 16;

    /// <summary>A new code from the operating system's cryptographic random number generator.</summary>
    public static ClaimCode Issue() =>
        new(RandomNumberGenerator.GetString(Alphabet, LocatorLength), RandomNumberGenerator.GetString(Alphabet, SecretLength));

    /// <summary>The thread id of <paramref name="locator"/>: <c>wm-</c> and the locator in lower case.</summary>
    public static string ThreadIdOf(string locator) => "wm-" + locator.ToLowerInvariant();

    /// <summary>
    /// Reads a code as a writer may type it: case-insensitive, dashes and white space ignored, O read as 0 and I or L as 1
    /// (Crockford). Null when it is not 38 symbols of the alphabet after that — the caller answers exactly as for an
    /// unknown code, so the shape of a wrong code tells nothing.
    /// </summary>
    public static ClaimCode? Parse(string? text)
    {
        if (text is null || text.Length > 100)
        {
            return null;
        }

        var symbols = new StringBuilder(LocatorLength + SecretLength);
        foreach (var raw in text)
        {
            if (raw == '-' || char.IsWhiteSpace(raw))
            {
                continue;
            }

            var c = char.ToUpperInvariant(raw) switch { 'O' => '0', 'I' or 'L' => '1', var other => other };
            if (!Alphabet.Contains(c, StringComparison.Ordinal) || symbols.Length == LocatorLength + SecretLength)
            {
                return null;
            }

            symbols.Append(c);
        }

        return symbols.Length == LocatorLength + SecretLength
            ? new ClaimCode(symbols.ToString(0, LocatorLength), symbols.ToString(LocatorLength, SecretLength))
            : null;
    }

    /// <summary>A new random salt of <see cref="SaltLength"/> bytes.</summary>
    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltLength);

    /// <summary>HMAC-SHA-256 of the secret's symbols (ASCII) keyed by <paramref name="salt"/>: 32 bytes.</summary>
    public static byte[] Hash(byte[] salt, string secret) => HMACSHA256.HashData(salt, Encoding.ASCII.GetBytes(secret));

    /// <summary>True when <paramref name="secret"/> hashes to <paramref name="expected"/> under <paramref name="salt"/>; the comparison takes the same time wherever the bytes differ.</summary>
    public static bool Matches(byte[] salt, byte[] expected, string secret) =>
        CryptographicOperations.FixedTimeEquals(Hash(salt, secret), expected);
}
