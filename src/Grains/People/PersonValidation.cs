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

    [GeneratedRegex("^[A-Za-z0-9]{1,64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    /// <summary>True for a target group or qualification code: 1–64 letters and digits.</summary>
    public static bool IsCode(string? code) => code is not null && CodePattern().IsMatch(code);

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

    /// <summary>
    /// A staff record's sign-in id (<c>staffSubject</c>): optional text of at most 200 characters (field <c>subject</c>), and
    /// never a reserved subject (<see cref="Security.ReservedSubjects"/>: a queue name, <c>system</c>, <c>anonymous</c>), which
    /// would tie the record to a queue's work or to the service (round-31 red team). <c>VALIDATION_FAILED</c> otherwise.
    /// </summary>
    public static string? StaffSubject(string? value)
    {
        var subject = OptionalText(value, "subject", 200);
        return Security.ReservedSubjects.IsReserved(subject)
            ? throw CareGridException.Validation("subject", Security.ReservedSubjects.Explain(subject!))
            : subject;
    }

    /// <summary>
    /// Checked birth data at <paramref name="now"/>: <paramref name="birthYear"/> 1900 to this year (field <c>birthYear</c>);
    /// <paramref name="dateOfBirth"/> 1900-01-01 to today anywhere on earth (field <c>dateOfBirth</c>), whose year must equal
    /// <paramref name="birthYear"/> when both are given. A date alone also sets the year. <c>VALIDATION_FAILED</c> otherwise.
    /// </summary>
    public static (int? BirthYear, DateOnly? DateOfBirth) Birth(int? birthYear, DateOnly? dateOfBirth, DateTimeOffset now)
    {
        var thisYear = now.UtcDateTime.Year;
        if (birthYear is { } y && (y < 1900 || y > thisYear))
        {
            throw CareGridException.Validation("birthYear", $"The birth year is between 1900 and {thisYear}.");
        }

        if (dateOfBirth is not { } date)
        {
            return (birthYear, null);
        }

        var latest = DateOnly.FromDateTime(now.UtcDateTime.AddHours(14));
        if (date < new DateOnly(1900, 1, 1) || date > latest)
        {
            throw CareGridException.Validation("dateOfBirth", $"The date of birth is between 1900-01-01 and today ({latest:yyyy-MM-dd}).");
        }

        if (birthYear is { } year && year != date.Year)
        {
            throw CareGridException.Validation("dateOfBirth", $"dateOfBirth ({date:yyyy-MM-dd}) and birthYear ({year}) disagree: give one, or the same year in both.");
        }

        return (date.Year, date);
    }

    /// <summary>
    /// A checked contact (trimmed), or a <c>VALIDATION_FAILED</c> on <c>{prefix}.name</c>, <c>.phone</c>, …. A guardian's
    /// name contains at least one letter after removing format characters (Unicode Cf), since a named guardian may decide
    /// on consent (docs/consent.md); every other contact's name at least a letter or digit (someone is called on it). Neither name nor phone may hold a resident identity-card number
    /// (<see cref="ResidentIdNumber"/>: CareGrid stores none, PIPL art. 6).
    /// </summary>
    public static PersonContact Contact(PersonContact c, string prefix)
    {
        if (!Enum.IsDefined(c.Kind))
        {
            throw CareGridException.Validation(prefix + ".kind", "Unknown contact kind.");
        }

        var phone = string.IsNullOrWhiteSpace(c.Phone) ? null : PhoneAsWritten(c.Phone);
        ResidentIdNumber.Ensure(phone, prefix + ".phone", externalId: false); // first: an identity number is told as one, not as too many digits
        if (phone is not null && HasBracketedDigit(phone))
        {
            // round-40 leftover: 0571-88888888(1) was read as the extension 1; a bracketed digit numbers or marks, it is not dialled
            throw Refused(prefix + ".phone", "phone-bracketed-digit",
                "One digit alone in brackets after the number, as in 0571-88888888(1), may number the family's phones or mark a note: it is not read as an extension. Delete the bracket; an extension of one digit is written after 转 or ext (0571-88888888转1).",
                "号码后括号中的单个数字（如 0571-88888888(1)）可能是电话的序号或备注，不作为分机号读取：请删除括号；一位数的分机号请写在“转”或 ext 之后（如 0571-88888888转1）。");
        }

        if (phone is not null && HasBracketedZero(phone))
        {
            throw Refused(prefix + ".phone", "phone-bracketed-zero",
                "A 0 in brackets inside the number, as in 0571 (0) 88888888 or +86 (010) 8888 8888, leaves unclear which digits are dialled: write it as dialled in China (0571 8888 8888, 010 8888 8888), or from abroad without the 0 (+86 10 8888 8888).",
                "号码中间括号里的 0（如 0571 (0) 88888888、+86 (010) 8888 8888）使拨打的号码不明确：请按国内拨打的写法填写（0571 8888 8888、010 8888 8888），或按国际写法去掉 0（+86 10 8888 8888）。");
        }

        if (phone is not null && !IsPhone(phone))
        {
            throw CareGridException.Validation(prefix + ".phone", Imports.Bilingual.Join(
                $"A phone number is {MinPhoneDigits}–15 digits, or up to {MaxPhoneDigits} with an extension of at most 5 digits (a mobile number has none), with '+', spaces, '-', '(' and ')' allowed, at most 25 characters: one number per contact.",
                $"电话号码应为 {MinPhoneDigits}–15 位数字（带分机号时最多 {MaxPhoneDigits} 位，分机号最多 5 位，手机号没有分机号），可含 +、空格、- 和括号，最多 25 个字符；每位联系人只填一个号码。"));
        }

        var name = ResidentIdNumber.Ensure(Text(c.Name, prefix + ".name", 200), prefix + ".name", externalId: false)!;
        if (c.Kind == ContactKind.Guardian && !WrittenReason.HasLetter(name))
        {
            // A guardian decides on consent below the age of consent (docs/consent.md): "." or "\u200b" names nobody.
            throw CareGridException.Validation(prefix + ".name", "A guardian's name must contain at least one letter (invisible format characters do not count): write the guardian's real name.");
        }

        if (!name.Any(char.IsLetterOrDigit))
        {
            // Someone is called on this contact in a crisis: a blank-looking name such as U+2800 names nobody (round-24
            // red team); a number such as 110 (the police) does.
            throw CareGridException.Validation(prefix + ".name", "A contact's name must contain at least one letter or digit (blank symbols such as U+2800 do not count): write whom to call.");
        }

        var contact = new PersonContact(c.Kind, name, OptionalText(c.Relationship, prefix + ".relationship", 64),
            phone, OptionalText(c.Workplace, prefix + ".workplace", 200));
        return contact.Kind == ContactKind.Self ? OwnContact(contact, prefix) : contact;
    }

    /// <summary>
    /// The person's own contact (<see cref="ContactKind.Self"/>) as it is kept: a name and a phone, nothing else (R-6.2 "know how
    /// to reach them"; data minimisation, PIPL art. 6). <c>VALIDATION_FAILED</c> with <c>rule</c> <c>self-contact-phone-only</c>
    /// on <c>{prefix}.phone</c> when the phone is missing, on <c>{prefix}.relationship</c> or <c>{prefix}.workplace</c> when given.
    /// </summary>
    private static PersonContact OwnContact(PersonContact c, string prefix)
    {
        var (field, english, chinese) = c switch
        {
            { Phone: null } => (".phone", "The person's own contact (SELF) is their phone: give the phone number.", "本人联系方式即本人电话：请填写电话号码。"),
            { Relationship: not null } => (".relationship", "The person's own contact (SELF) keeps only a name and a phone: leave the relationship empty.", "本人联系方式只保存姓名和电话：关系请留空。"),
            { Workplace: not null } => (".workplace", "The person's own contact (SELF) keeps only a name and a phone: leave the workplace empty.", "本人联系方式只保存姓名和电话：工作地点请留空。"),
            _ => ("", "", ""),
        };
        return field.Length == 0 ? c : throw Refused(prefix + field, "self-contact-phone-only", english, chinese);
    }

    private static CareGridException Refused(string field, string rule, string english, string chinese) =>
        new(ErrorCodes.ValidationFailed, Imports.Bilingual.Join(english, chinese), new Dictionary<string, string> { ["field"] = field, ["rule"] = rule });

    /// <summary>
    /// A checked list of contacts (<see cref="Contact"/>): at most <see cref="MaxContacts"/> (<c>VALIDATION_FAILED</c> on
    /// <paramref name="field"/>, <c>rule</c> <c>contacts-limit</c>, in English and Chinese), and at most one of kind
    /// <see cref="ContactKind.Self"/> (the person has one own contact; <c>VALIDATION_FAILED</c> on <c>{field}[i].kind</c> of the
    /// second, <c>rule</c> <c>one-self-contact</c>).
    /// </summary>
    public static List<PersonContact> Contacts(IReadOnlyList<PersonContact>? contacts, string field = "contacts")
    {
        contacts ??= [];
        if (contacts.Count > MaxContacts)
        {
            throw Refused(field, "contacts-limit",
                $"A person keeps at most {MaxContacts} contacts ({contacts.Count} given; a roster row replaces only the kinds of contact it carries, the others stay): remove contacts no longer needed first.",
                $"每人最多保存 {MaxContacts} 条联系人（此处为 {contacts.Count} 条；名单中的一行只替换同类联系人，其他联系人保留）：请先删除不再需要的联系人。");
        }

        var checkedList = contacts.Select((c, i) => Contact(c, $"{field}[{i}]")).ToList();
        var first = checkedList.FindIndex(c => c.Kind == ContactKind.Self);
        var second = first < 0 ? -1 : checkedList.FindIndex(first + 1, c => c.Kind == ContactKind.Self);
        if (second >= 0)
        {
            throw Refused($"{field}[{second}].kind", "one-self-contact",
                "A person has at most one contact of kind SELF (their own phone): keep one, or add the other number as an emergency contact.",
                "每人最多一条“本人”联系方式：请只保留一条，其他号码可作为紧急联系人添加。");
        }

        return checkedList;
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
