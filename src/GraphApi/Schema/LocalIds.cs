using System.Text.RegularExpressions;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Tenancy;

namespace CareGrid.GraphApi.Schema;

/// <summary>Local ids of tenant records: 1–64 characters of <c>[A-Za-z0-9_-]</c>, so a key can never name another tenant.</summary>
public static partial class LocalIds
{
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>The id when well formed; <c>VALIDATION_FAILED</c> for <paramref name="field"/> otherwise.</summary>
    public static string Check(string? id, string field) =>
        id is not null && Pattern().IsMatch(id) ? id : throw CareGridException.Validation(field, "An id is 1–64 characters of letters, digits, '_' and '-'.");

    /// <summary>True when well formed (an id that is not cannot exist, so lookups answer NOT_FOUND).</summary>
    public static bool IsWellFormed(string? id) => id is not null && Pattern().IsMatch(id);

    /// <summary>The given id (checked) or a new time-ordered one with <paramref name="prefix"/>.</summary>
    public static string OrNew(string? id, string prefix, string field) => id is null ? TenantIds.NewLocalId(prefix) : Check(id, field);
}
