using System.Text.RegularExpressions;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Validation;

namespace CareGrid.Grains.People;

/// <summary>Checks of person data shared by the person grain and the roster import (field names as in the API).</summary>
public static partial class PersonValidation
{
    /// <summary>Most contacts a person keeps.</summary>
    public const int MaxContacts = 10;
    /// <summary>Most qualifications a person keeps.</summary>
    public const int MaxQualifications = 20;

    [GeneratedRegex("^[A-Za-z0-9]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{3,23}[0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    /// <summary>True for a target group or qualification code: 1–64 letters and digits.</summary>
    public static bool IsCode(string? code) => code is not null && CodePattern().IsMatch(code);

    /// <summary>True for a phone number: digits with optional '+', spaces, '-', '(' and ')', 5–25 characters.</summary>
    public static bool IsPhone(string? phone) => phone is not null && PhonePattern().IsMatch(phone);

    /// <summary>
    /// Trimmed single-line text of 1–<paramref name="max"/> characters that <see cref="StoredText"/> accepts (no
    /// U+FFFD, unpaired surrogates, control characters, ...), or a <c>VALIDATION_FAILED</c> on <paramref name="field"/>.
    /// </summary>
    public static string Text(string? value, string field, int max)
    {
        var t = value?.Trim() ?? "";
        if (t.Length == 0 || t.Length > max)
        {
            throw CareGridException.Validation(field, $"{field} is 1–{max} characters without control characters.");
        }

        StoredText.Ensure(t, field);
        return t;
    }

    /// <summary>Like <see cref="Text"/> but null or blank gives null.</summary>
    public static string? OptionalText(string? value, string field, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : Text(value, field, max);

    /// <summary>A checked contact (trimmed), or a <c>VALIDATION_FAILED</c> on <c>{prefix}.name</c>, <c>.phone</c>, ….</summary>
    public static PersonContact Contact(PersonContact c, string prefix)
    {
        if (!Enum.IsDefined(c.Kind))
        {
            throw CareGridException.Validation(prefix + ".kind", "Unknown contact kind.");
        }

        var phone = string.IsNullOrWhiteSpace(c.Phone) ? null : c.Phone.Trim();
        if (phone is not null && !IsPhone(phone))
        {
            throw CareGridException.Validation(prefix + ".phone", "A phone number is 5–25 of digits, '+', spaces, '-', '(' and ')'.");
        }

        return new PersonContact(c.Kind, Text(c.Name, prefix + ".name", 200), OptionalText(c.Relationship, prefix + ".relationship", 64),
            phone, OptionalText(c.Workplace, prefix + ".workplace", 200));
    }

    /// <summary>A checked list of contacts.</summary>
    public static List<PersonContact> Contacts(IReadOnlyList<PersonContact>? contacts, string field = "contacts")
    {
        contacts ??= [];
        if (contacts.Count > MaxContacts)
        {
            throw CareGridException.Validation(field, $"At most {MaxContacts} contacts.");
        }

        return contacts.Select((c, i) => Contact(c, $"{field}[{i}]")).ToList();
    }

    /// <summary>A checked list of qualifications (codes unique).</summary>
    public static List<Qualification> Qualifications(IReadOnlyList<Qualification>? qualifications, string field = "qualifications")
    {
        qualifications ??= [];
        if (qualifications.Count > MaxQualifications)
        {
            throw CareGridException.Validation(field, $"At most {MaxQualifications} qualifications.");
        }

        for (var i = 0; i < qualifications.Count; i++)
        {
            if (!IsCode(qualifications[i].Code))
            {
                throw CareGridException.Validation($"{field}[{i}].code", "A qualification code is 1–64 letters and digits.");
            }
        }

        if (qualifications.Select(q => q.Code).Distinct(StringComparer.Ordinal).Count() != qualifications.Count)
        {
            throw CareGridException.Validation(field, "A qualification is listed twice.");
        }

        return [.. qualifications];
    }
}
