using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CareGrid.Grains.Errors;

namespace CareGrid.Grains.Idempotency;

/// <summary>
/// The client's idempotency key of a write (docs/idempotency.md): 1–100 characters of <c>[A-Za-z0-9._:-]</c>, chosen by
/// the client once per intended write and sent again, unchanged, with every retry of it. A key is scoped to the caller
/// (tenant and token subject): two callers' equal keys never meet. A retry with the same key and the same request
/// answers the first result without writing again; the same key with a different request is refused with
/// <see cref="ErrorCodes.IdempotencyKeyReused"/>.
/// </summary>
public static partial class IdempotencyKey
{
    /// <summary>The GraphQL argument / input field that carries the key.</summary>
    public const string Field = "idempotencyKey";

    /// <summary>Longest key, characters.</summary>
    public const int MaxLength = 100;

    /// <summary>
    /// The key, or null when none was given (the argument or field is absent or null). <c>VALIDATION_FAILED</c> (field
    /// <see cref="Field"/>) when it is empty or only white space (an empty key is not "no key": a client that sends one
    /// expects its retry to be recognised, docs/idempotency.md), longer than <see cref="MaxLength"/> or holds a character
    /// outside <c>[A-Za-z0-9._:-]</c>.
    /// </summary>
    public static string? Check(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(raw))
        {
            throw CareGridException.Validation(Field,
                $"An idempotency key cannot be empty or white space: send 1–{MaxLength} characters of A–Z, a–z, 0–9, '.', '_', ':' and '-' (a UUID fits), or leave idempotencyKey out for a write without one.");
        }

        if (!Pattern().IsMatch(raw))
        {
            throw CareGridException.Validation(Field,
                $"An idempotency key is 1–{MaxLength} characters of A–Z, a–z, 0–9, '.', '_', ':' and '-' (a UUID fits); choose one per write and send it again with each retry.");
        }

        return raw;
    }

    /// <summary>
    /// A local id derived from (tenant, caller, key): <c>{prefix}-k{32 hex}</c> (the first 128 bits of SHA-256), so a retry
    /// of a create addresses the same grain as the first attempt. At most 64 characters for a prefix of up to 29.
    /// </summary>
    public static string DeriveId(string prefix, string tenantId, string subject, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', "id", prefix, tenantId, subject, key)));
        return string.Concat(prefix, "-k", Convert.ToHexStringLower(hash.AsSpan(0, 16)));
    }

    /// <summary>
    /// The fingerprint of a request: SHA-256 (hex, 64 characters) over the operation name and the JSON form of each
    /// argument. Two requests with equal fingerprints are treated as the same request.
    /// </summary>
    public static string Fingerprint(string operation, params object?[] arguments)
    {
        var text = new StringBuilder(operation);
        foreach (var argument in arguments)
        {
            text.Append('\n').Append(argument is null ? "null" : JsonSerializer.Serialize(argument, argument.GetType()));
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The refusal of a key sent again with a different request: <c>IDEMPOTENCY_KEY_REUSED</c>, field <see cref="Field"/>.</summary>
    public static CareGridException Reused(string operation) =>
        new(ErrorCodes.IdempotencyKeyReused,
            $"This idempotency key was already used by you for a different {operation} request; nothing was written. Send a retry unchanged, or use a new key for a new request.",
            new Dictionary<string, string> { ["field"] = Field });

    [GeneratedRegex(@"^[A-Za-z0-9._:-]{1,100}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
