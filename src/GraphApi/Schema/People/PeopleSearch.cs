using CareGrid.Grains.Errors;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;

namespace CareGrid.GraphApi.Schema;

/// <summary>Checks the search members of <see cref="PeopleFilter"/> (docs/search.md).</summary>
public static class PeopleSearch
{
    /// <summary>Longest name prefix sent, in characters.</summary>
    public const int MaxNameLength = 64;

    /// <summary>
    /// The normalized name prefix (<see cref="PersonNameKeys.Normalize"/>), or null when <paramref name="name"/> is null.
    /// <c>VALIDATION_FAILED</c> (field <c>filter.name</c>) when blank, longer than <see cref="MaxNameLength"/> or not valid text.
    /// </summary>
    public static string? NamePrefix(string? name)
    {
        if (name is null)
        {
            return null;
        }

        if (name.Length > MaxNameLength || !PersonNameKeys.TryNormalize(name, out var prefix) || prefix.Length == 0)
        {
            throw CareGridException.Validation("filter.name", $"filter.name is 1–{MaxNameLength} characters of a name's beginning, e.g. \"张\" or \"Zhang\".");
        }

        return prefix;
    }

    /// <summary>
    /// The external id in its stored form (<see cref="PersonExternalId.Normalize"/>: full-width digits and letters read as
    /// ASCII, trimmed), or null when <paramref name="externalId"/> is null. <c>VALIDATION_FAILED</c> (field
    /// <c>filter.externalId</c>) when blank or longer than <see cref="PersonIds.MaxExternalIdLength"/>.
    /// </summary>
    public static string? ExternalId(string? externalId)
    {
        if (externalId is null)
        {
            return null;
        }

        var trimmed = PersonExternalId.Normalize(externalId)!;
        return trimmed.Length is > 0 and <= PersonIds.MaxExternalIdLength
            ? trimmed
            : throw CareGridException.Validation("filter.externalId", $"filter.externalId is 1–{PersonIds.MaxExternalIdLength} characters, as in the roster.");
    }
}
