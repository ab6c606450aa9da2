using System.Globalization;
using CareGrid.Grains.Errors;
using CareGrid.Grains.People;
using CareGrid.Grains.Validation;

namespace CareGrid.Grains.Imports;

/// <summary>
/// What a roster row is read against: people or staff, the unit the rows land in, the current year (birth years run
/// 1900 to it), the role check (why a role code cannot be held in the unit, or null) and, for a people roster with a
/// <c>unit</c> (班级) or <c>grade</c> (年级) column, the units under <see cref="OrganizationId"/> its cells name (null: none known).
/// </summary>
internal sealed record RosterRowContext(RosterKind Kind, string OrganizationId, int ThisYear, Func<string, string?> CheckRole, RosterUnits? Units = null,
    Func<string, string>? RoleCodeOf = null);

/// <summary>
/// Reads one roster record of safe cells into a <see cref="RosterRow"/> (<see cref="RosterCsv"/> lists the columns),
/// adding every problem of the row to <c>errors</c> in column order; the row is null when any was found.
/// </summary>
internal sealed class RosterRowReader(RosterCells cells, int row, List<ImportRowError> errors)
{
    /// <summary>The row, or null (with its errors added) when a cell is invalid.</summary>
    public RosterRow? Read(RosterRowContext context)
    {
        var externalId = WithoutIdNumber("externalId", Required("externalId", 64, PersonExternalId.Normalize), externalId: true);
        var displayName = WithoutIdNumber("displayName", Required("displayName", 200), externalId: false);
        var sex = ReadSex();
        var birthYear = ReadBirthYear(context.ThisYear);
        var (dateOfBirth, yearOfBirth) = RosterCsv.ParseDateOfBirth(cells["dateOfBirth"], birthYear, context.ThisYear, Error);
        birthYear ??= dateOfBirth is null ? yearOfBirth : null;
        var groups = ReadTargetGroups();
        var contacts = context.Kind == RosterKind.People ? ReadContacts(displayName) : [];
        var organizationId = ReadUnit(context);
        var roles = new List<string>();
        var qualifications = new List<Qualification>();
        string? subject = null;
        if (context.Kind == RosterKind.Staff)
        {
            roles = ReadRoles(context.CheckRole, context.RoleCodeOf);
            qualifications = ReadQualifications();
            subject = ReadSubject();
        }

        if (errors.Count > 0)
        {
            return null;
        }

        return new RosterRow(row, RosterCsv.PersonIdFor(externalId!),
            new PersonImport(new UpdatePerson(displayName!, organizationId, sex, birthYear, externalId, dateOfBirth), groups, contacts, qualifications, subject),
            roles);
    }

    private void Error(string column, string reason) => errors.Add(new ImportRowError(row, column, reason));

    /// <summary>
    /// The unit the row lands in: the import's own, or — when the roster has a <c>unit</c> (班级) or <c>grade</c> (年级) column —
    /// the unit under it that the row's cells name (<see cref="RosterUnits.Resolve"/>; a file with only a 年级 column names
    /// grade units). A cell that names none, or more than one, is an error on the <c>unit</c> column.
    /// </summary>
    private string ReadUnit(RosterRowContext context)
    {
        var hasUnit = cells.Has("unit");
        if (!hasUnit && !cells.Has("grade"))
        {
            return context.OrganizationId;
        }

        var (unit, grade) = hasUnit ? (cells["unit"], cells["grade"]) : (cells["grade"], null);
        var (id, reason) = context.Units?.Resolve(unit, grade)
            ?? (null, string.IsNullOrWhiteSpace(unit) ? RosterReasons.UnitBlank() : RosterReasons.UnitNotFound(unit, grade, context.OrganizationId, []));
        if (reason is not null)
        {
            Error("unit", reason);
        }

        return id ?? context.OrganizationId;
    }

    /// <summary>
    /// A required text cell of 1 to <paramref name="maxLength"/> characters without control characters, after
    /// <paramref name="normalize"/> when given (the external id: <see cref="PersonExternalId.Normalize"/>).
    /// </summary>
    private string? Required(string column, int maxLength, Func<string?, string?>? normalize = null)
    {
        var value = normalize is null ? cells[column] : normalize(cells[column]);
        if (string.IsNullOrEmpty(value) || value.Length > maxLength || value.Any(char.IsControl))
        {
            Error(column, RosterReasons.Required(column, maxLength));
        }

        return value;
    }

    /// <summary>
    /// The cell, with an error when it is or embeds a resident identity-card number (a 学籍号 is often G + the number):
    /// CareGrid stores none (<see cref="ResidentIdNumber"/>, PIPL art. 6, docs/rosters.md).
    /// </summary>
    private string? WithoutIdNumber(string column, string? value, bool externalId)
    {
        if (ResidentIdNumber.Problem(value, column, externalId) is { } problem)
        {
            Error(column, problem);
        }

        return value;
    }

    private Sex ReadSex()
    {
        if (RosterCsv.TryParseSex(cells["sex"]) is { } sex)
        {
            return sex;
        }

        Error("sex", RosterReasons.Sex());
        return Sex.Unspecified;
    }

    private int? ReadBirthYear(int thisYear)
    {
        if (cells["birthYear"] is not { } text)
        {
            return null;
        }

        // full-width digits (２０１３) read as half-width, as in dates
        if (int.TryParse(RosterCsv.FoldFullWidth(text), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= 1900 && year <= thisYear)
        {
            return year;
        }

        Error("birthYear", RosterReasons.BirthYear(thisYear));
        return null;
    }

    private List<string> ReadTargetGroups()
    {
        if (RosterTargetGroups.Read(cells["targetGroups"]) is { } groups)
        {
            return groups;
        }

        Error("targetGroups", RosterReasons.TargetGroups());
        return [];
    }

    /// <summary>
    /// The guardian, a second guardian (家长2…, 家长二…) and the parent working away, each when any of its columns is filled, the father and the mother
    /// (guardians, relationship 父亲 / 母亲) and the emergency contact when their name or phone is, and the person's own phone
    /// (<c>ownPhone</c>, a contact of kind <see cref="ContactKind.Self"/> named as the person) when its cell holds one.
    /// </summary>
    private List<PersonContact> ReadContacts(string? displayName)
    {
        var contacts = new List<PersonContact>();
        AddContact(contacts, ContactKind.Guardian, cells["guardianName"], cells["guardianRelationship"], cells["guardianPhone"], null, "guardian", nameRequired: true);
        AddContact(contacts, ContactKind.Guardian, cells["guardian2Name"], cells["guardian2Relationship"], cells["guardian2Phone"], null, "guardian2", nameRequired: true);
        AddContact(contacts, ContactKind.Parent, cells["parentName"], null, cells["parentPhone"], cells["parentWorkplace"], "parent", nameRequired: false);
        AddNamedContact(contacts, ContactKind.Guardian, "father", "父亲");
        AddNamedContact(contacts, ContactKind.Guardian, "mother", "母亲");
        AddNamedContact(contacts, ContactKind.EmergencyContact, "emergencyContact", null);
        AddOwnPhone(contacts, displayName);
        return contacts;
    }

    /// <summary>
    /// The <c>ownPhone</c> cell as the person's own contact (name: the row's name, only a name and a phone, PIPL art. 6); a cell
    /// that only says "nobody" (无, /, …) is empty; a cell that is no phone number is an error on <c>ownPhone</c>.
    /// </summary>
    private void AddOwnPhone(List<PersonContact> contacts, string? displayName)
    {
        var phone = cells["ownPhone"];
        if (phone is null || displayName is null || IsPlaceholder(phone))
        {
            return;
        }

        try
        {
            contacts.Add(PersonValidation.Contact(new PersonContact(ContactKind.Self, displayName, null, phone, null), "ownPhone"));
        }
        catch (CareGridException e)
        {
            Error("ownPhone", RosterReasons.Contact("ownPhone", e.Message.Replace("ownPhone.phone", "ownPhone", StringComparison.Ordinal)));
        }
    }

    /// <summary>
    /// The contact of the <c>{prefix}Name</c>, <c>{prefix}Phone</c> and (the emergency contact's) <c>{prefix}Relationship</c>
    /// columns (father, mother, emergency contact), with the relationship written, else <paramref name="relationship"/>, when
    /// any of them is filled (a name is required, as a guardian's is: a relationship alone is refused on the name, not dropped).
    /// </summary>
    private void AddNamedContact(List<PersonContact> contacts, ContactKind kind, string prefix, string? relationship)
    {
        var (name, phone, written) = (cells[prefix + "Name"], cells[prefix + "Phone"], cells[prefix + "Relationship"]);
        if ((name is null || IsPlaceholder(name)) && phone is null && written is null)
        {
            return;
        }

        AddContact(contacts, kind, name, written ?? relationship, phone, null, prefix, nameRequired: true);
    }

    /// <summary>The name of a working-away parent whose roster row gives only where they work (务工地点), in both languages
    /// (round-37 re-check: it was the English word "Parent" on a Chinese console).</summary>
    public const string UnnamedParent = "外出务工家长 / parent working away";

    private void AddContact(List<PersonContact> contacts, ContactKind kind, string? name, string? relationship, string? phone, string? workplace,
        string prefix, bool nameRequired)
    {
        name = IsPlaceholder(name) ? null : name;
        // without a name, relationship and phone cells that only say "nobody" (/, 无) are no contact: a family with one parent
        // fills the second's columns so (red team, round 40: 家长2姓名/关系/电话 of "/" refused the pupil's whole row). With a
        // name they are read as before (a phone of 无 is refused, never taken as "no phone" to drop the stored one).
        if (name is null && (relationship is null || IsPlaceholder(relationship)) && (phone is null || IsPlaceholder(phone)) && workplace is null)
        {
            return;
        }

        if (name is null && nameRequired)
        {
            Error(prefix + "Name", RosterReasons.ContactNameRequired(prefix));
            return;
        }

        try
        {
            contacts.Add(PersonValidation.Contact(new PersonContact(kind, name ?? UnnamedParent, relationship, phone, workplace), prefix));
        }
        catch (CareGridException e)
        {
            var field = e.Details.GetValueOrDefault("field") ?? prefix;
            var column = prefix + char.ToUpperInvariant(field[(field.IndexOf('.') + 1)]) + field[(field.IndexOf('.') + 2)..];
            Error(column, RosterReasons.Contact(column, e.Message.Replace(field, prefix + "…", StringComparison.Ordinal)));
        }
    }

    /// <summary>
    /// True for a cell that only says "nobody" — <c>/</c>, <c>-</c>, <c>—</c>, <c>无</c>, <c>暂无</c>, <c>N/A</c>, … — as
    /// spreadsheet exports fill an empty guardian or parent column; read as empty, so no contact is made up from it (round 24:
    /// a contact's name needs a letter or digit).
    /// </summary>
    private static bool IsPlaceholder(string? name) =>
        name is not null && (!name.Any(char.IsLetterOrDigit) || Placeholders.Contains(name.Trim()));

    private static readonly HashSet<string> Placeholders = new(["无", "暂无", "没有", "N/A", "NA", "none", "null"], StringComparer.OrdinalIgnoreCase);

    private List<string> ReadRoles(Func<string, string?> checkRole, Func<string, string>? codeOf)
    {
        // a role may be named as the console names it (班主任): read as its code (RosterReasons.RoleCodeOf)
        var roles = RosterCsv.Split(cells["roles"]).Select(r => codeOf?.Invoke(r) ?? r).Distinct(StringComparer.Ordinal).ToList();
        if (roles.Count == 0)
        {
            Error("roles", RosterReasons.RolesMissing());
        }

        foreach (var reason in roles.Select(checkRole).OfType<string>().Take(1))
        {
            Error("roles", reason);
        }

        return roles;
    }

    /// <summary>The <c>qualifications</c> cell: <c>code</c> or <c>code:date</c> (the expiry) separated by ';' .</summary>
    private List<Qualification> ReadQualifications()
    {
        var qualifications = new List<Qualification>();
        foreach (var q in RosterCsv.Split(cells["qualifications"]))
        {
            var parts = q.Split(':', 2, StringSplitOptions.TrimEntries);
            DateOnly? until = null;
            if (parts.Length == 2)
            {
                if (!RosterCsv.TryParseDate(parts[1], out var date))
                {
                    Error("qualifications", RosterReasons.QualificationForm());
                    continue;
                }

                until = date;
            }

            if (!PersonValidation.IsCode(parts[0]) || qualifications.Any(x => x.Code == parts[0]))
            {
                Error("qualifications", RosterReasons.QualificationCode());
                continue;
            }

            qualifications.Add(new Qualification(parts[0], until));
        }

        return qualifications;
    }

    private string? ReadSubject()
    {
        var subject = cells["subject"];
        if (subject is not null && (subject.Length > 200 || subject.Any(char.IsControl)))
        {
            Error("subject", RosterReasons.Subject());
        }

        return subject;
    }
}
