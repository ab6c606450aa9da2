using CareGrid.Grains.Errors;
using CareGrid.Grains.Validation;

namespace CareGrid.Grains.People.Domain;

/// <summary>
/// Checks and normalizes what a caller sends about a person, before the grain looks the unit up and applies it
/// (<see cref="PersonRecord"/>). Every refusal is <c>VALIDATION_FAILED</c> naming the field; nothing is changed.
/// </summary>
public static class PersonInput
{
    /// <summary>
    /// A registration (<c>registerPerson</c>): display name 1–200 characters, external id ≤ 64, neither holding a resident
    /// identity-card number (<see cref="ResidentIdNumber"/>: CareGrid stores none, PIPL art. 6), a known sex, birth data
    /// (<see cref="PersonValidation.Birth"/>), target group codes ≤ 64 characters (R-1.2, distinct, blanks dropped), a unit id.
    /// Returns the input trimmed and normalized (the external id by <see cref="PersonExternalId.Normalize"/>: full-width digits read as ASCII).
    /// </summary>
    public static RegisterPerson Registration(RegisterPerson input, DateTimeOffset now)
    {
        var name = input.DisplayName?.Trim() ?? "";
        if (name.Length is 0 or > 200)
        {
            throw CareGridException.Validation("displayName", "A display name is 1–200 characters.");
        }

        StoredText.Ensure(name, "displayName");
        ResidentIdNumber.Ensure(name, "displayName", externalId: false);
        var externalId = ResidentIdNumber.Ensure(PersonValidation.OptionalText(PersonExternalId.Normalize(input.ExternalId), "externalId", 64), "externalId", externalId: true);
        if (!Enum.IsDefined(input.Sex))
        {
            throw CareGridException.Validation("sex", "Unknown sex value.");
        }

        var (birthYear, dateOfBirth) = PersonValidation.Birth(input.BirthYear, input.DateOfBirth, now);
        var groups = (input.TargetGroups ?? []).Select(g => g.Trim()).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (groups.Any(g => g.Length > 64))
        {
            throw CareGridException.Validation("targetGroups", "A target group code is at most 64 characters.");
        }

        groups.ForEach(g => StoredText.Ensure(g, "targetGroups"));
        if (string.IsNullOrWhiteSpace(input.OrganizationId))
        {
            throw CareGridException.Validation("organizationId", "A person belongs to an organization.");
        }

        return input with { DisplayName = name, ExternalId = externalId, BirthYear = birthYear, DateOfBirth = dateOfBirth, TargetGroups = groups };
    }

    /// <summary>
    /// Identifying data (<c>updatePerson</c>, a roster row): display name, a known sex, birth data, external id, a unit id;
    /// neither name nor external id may hold a resident identity-card number (<see cref="ResidentIdNumber"/>, PIPL art. 6).
    /// The external id is normalized (<see cref="PersonExternalId.Normalize"/>). A year-only value equal to the year of the date stored in <paramref name="current"/> keeps that date (docs/consent.md).
    /// </summary>
    public static UpdatePerson Profile(UpdatePerson input, PersonState current, DateTimeOffset now)
    {
        var name = PersonValidation.Text(input.DisplayName, "displayName", 200);
        ResidentIdNumber.Ensure(name, "displayName", externalId: false);
        if (!Enum.IsDefined(input.Sex))
        {
            throw CareGridException.Validation("sex", "Unknown sex value.");
        }

        var (birthYear, dateOfBirth) = PersonValidation.Birth(input.BirthYear, input.DateOfBirth, now);
        if (dateOfBirth is null && current is { Exists: true, DateOfBirth: { } known } && known.Year == birthYear)
        {
            dateOfBirth = known; // a year-only row or update does not erase a known date of that year
        }

        var externalId = ResidentIdNumber.Ensure(PersonValidation.OptionalText(PersonExternalId.Normalize(input.ExternalId), "externalId", 64), "externalId", externalId: true);
        if (string.IsNullOrWhiteSpace(input.OrganizationId))
        {
            throw CareGridException.Validation("organizationId", "A person belongs to an organization.");
        }

        return new UpdatePerson(name, input.OrganizationId, input.Sex, birthYear, externalId, dateOfBirth);
    }

    /// <summary>Target group codes of a roster row: trimmed, blanks dropped, distinct; each 1–64 letters and digits .</summary>
    public static List<string> Codes(IReadOnlyList<string>? codes, string field)
    {
        var list = (codes ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (list.Any(c => !PersonValidation.IsCode(c)))
        {
            throw CareGridException.Validation(field, "A target group code is 1–64 letters and digits (R-1.2).");
        }

        return list;
    }
}
