using System.Text.RegularExpressions;
using CareGrid.Grains.Errors;

namespace CareGrid.Grains.Tenancy;

/// <summary>
/// Tenant ids and tenant-scoped grain keys. A tenant id is a lowercase slug of 3–63 characters from
/// <c>[a-z0-9-]</c> that starts and ends with a letter or digit (so it is also a valid DNS label for
/// host-name resolution, docs/architecture.md "Tenancy"). Tenant-scoped grain keys are <c>"{tenantId}/{localId}"</c>.
/// </summary>
public static partial class TenantIds
{
    /// <summary>The separator between the tenant id and the local id in a grain key.</summary>
    public const char Separator = '/';

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    /// <summary>The id of the platform's own audit log; no tenant may take it.</summary>
    public const string Platform = "platform";

    /// <summary>Ids no tenant may take (they name platform resources or would confuse routes and host names).</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal) { Platform, "graphql", "health", "admin", "api", "www" };

    /// <summary>True when <paramref name="id"/> is a well-formed tenant id.</summary>
    public static bool IsValid(string? id) => id is not null && SlugPattern().IsMatch(id);

    /// <summary>Throws <see cref="ErrorCodes.ValidationFailed"/> (field <paramref name="field"/>) unless the id is well formed.</summary>
    /// <exception cref="CareGridException">The id is not a slug of 3–63 characters from [a-z0-9-].</exception>
    public static void EnsureValid(string? id, string field = "id")
    {
        if (!IsValid(id))
        {
            throw CareGridException.Validation(field,
                "A tenant id is 3–63 characters of lowercase letters, digits and '-', starting and ending with a letter or digit.");
        }
    }

    /// <summary>Like <see cref="EnsureValid"/>, and also refuses the <see cref="Reserved"/> ids (for onboarding).</summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> for a malformed or reserved id.</exception>
    public static void EnsureAvailable(string? id, string field = "id")
    {
        EnsureValid(id, field);
        if (Reserved.Contains(id!))
        {
            throw CareGridException.Validation(field, $"'{id}' is reserved; choose another tenant id.");
        }
    }

    /// <summary>Builds the grain key <c>"{tenantId}/{localId}"</c>.</summary>
    public static string Key(string tenantId, string localId) => string.Concat(tenantId, "/", localId);

    /// <summary>
    /// The tenant a grain key belongs to: the part before the first '/', or the whole key when it has
    /// none (the <see cref="ITenantGrain"/> is keyed by the bare tenant id).
    /// </summary>
    public static string TenantOf(string grainKey)
    {
        var i = grainKey.IndexOf(Separator);
        return i < 0 ? grainKey : grainKey[..i];
    }

    /// <summary>The local id of a tenant-scoped grain key (the part after the first '/').</summary>
    public static string LocalOf(string grainKey)
    {
        var i = grainKey.IndexOf(Separator);
        return i < 0 ? string.Empty : grainKey[(i + 1)..];
    }

    /// <summary>A new local id: <paramref name="prefix"/> followed by a time-ordered (UUID v7) hex string, so ids sort by creation time.</summary>
    public static string NewLocalId(string prefix) => string.Concat(prefix, "-", Guid.CreateVersion7().ToString("N"));
}
