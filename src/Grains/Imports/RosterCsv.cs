using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CareGrid.Grains.Errors;
using CareGrid.Grains.People;
using CareGrid.Grains.Validation;
using CsvHelper;

namespace CareGrid.Grains.Imports;

/// <summary>What a roster file lists.</summary>
public enum RosterKind
{
    /// <summary>People served (students, residents, recovered patients).</summary>
    People = 0,
    /// <summary>Staff with their roles in the unit (and qualifications, R-1.4, R-7.7).</summary>
    Staff = 1,
}

/// <summary>A refused roster row: its row number, the column at fault (null for the row as a whole) and why.</summary>
/// <param name="Row">The row number as a spreadsheet shows it: the header is row 1, the first data row is row 2.</param>
/// <param name="Column">The column name as in the header specification (e.g. <c>birthYear</c>), or null.</param>
/// <param name="Reason">Why the row was refused (never echoes the cell's value).</param>
[GenerateSerializer, Alias("CareGrid.ImportRowError")]
public sealed record ImportRowError([property: Id(0)] int Row, [property: Id(1)] string? Column, [property: Id(2)] string Reason);

/// <summary>A valid roster row, ready to apply.</summary>
/// <param name="Row">Row number (header = 1).</param>
/// <param name="PersonId">The person's local id, derived from the external id (<see cref="RosterCsv.PersonIdFor"/>).</param>
/// <param name="Person">What to apply to the person grain.</param>
/// <param name="Roles">Roles to give in the unit (staff rosters).</param>
public sealed record RosterRow(int Row, string PersonId, PersonImport Person, IReadOnlyList<string> Roles);

/// <summary>The rows of a roster file: the valid ones, the errors of the invalid ones, and the number of data rows.</summary>
/// <param name="Rows">Valid rows in file order.</param>
/// <param name="Errors">Errors, by row (a row may have several).</param>
/// <param name="Total">Data rows in the file (valid and invalid).</param>
public sealed record RosterParse(IReadOnlyList<RosterRow> Rows, IReadOnlyList<ImportRowError> Errors, int Total)
{
    /// <summary>Number of distinct invalid rows.</summary>
    public int InvalidRows => Errors.Select(e => e.Row).Distinct().Count();
}

/// <summary>
/// Parses roster CSV files (RFC 4180, comma-separated, UTF-8, header row required, column names case-insensitive, blank
/// lines ignored). Limits: <see cref="MaxChars"/> characters and <see cref="MaxRows"/> data rows. People rosters have
/// <c>externalId</c>*, <c>displayName</c>*, <c>sex</c>, <c>birthYear</c>, <c>dateOfBirth</c> (year first, see <see cref="DateForms"/>; its year must equal
/// <c>birthYear</c> when both are given; a year-only row keeps a known date), <c>targetGroups</c> (codes separated by ';'),
/// <c>guardianName</c>, <c>guardianRelationship</c>, <c>guardianPhone</c>, <c>parentName</c>, <c>parentWorkplace</c>,
/// <c>parentPhone</c> (R-6.2); staff rosters have <c>externalId</c>*, <c>displayName</c>*, <c>sex</c>, <c>birthYear</c>,
/// <c>dateOfBirth</c>, <c>roles</c>* (template role codes separated by ';'), <c>qualifications</c> (<c>code</c> or <c>code:date</c>, a date as in <see cref="DateForms"/>
/// separated by ';', R-7.7), <c>subject</c> (login sub). * = required.
/// </summary>
public static partial class RosterCsv
{
    /// <summary>Largest roster accepted: 4 MiB of text (4,194,304 characters).</summary>
    public const int MaxChars = 4 * 1024 * 1024;

    /// <summary>Most data rows accepted in one file: 20,000.</summary>
    public const int MaxRows = 20_000;

    /// <summary>Columns of a people roster (required first).</summary>
    public static readonly IReadOnlyList<string> PeopleColumns =
        ["externalId", "displayName", "sex", "birthYear", "dateOfBirth", "targetGroups", "guardianName", "guardianRelationship", "guardianPhone", "parentName", "parentWorkplace", "parentPhone"];

    /// <summary>Columns of a staff roster (required first).</summary>
    public static readonly IReadOnlyList<string> StaffColumns =
        ["externalId", "displayName", "sex", "birthYear", "dateOfBirth", "roles", "qualifications", "subject"];

    [GeneratedRegex("^[A-Za-z0-9_-]{1,60}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainIdPattern();

    /// <summary>
    /// The person's local id for an external (roster) id, the same on every import: <c>ext-{externalId}</c> when the
    /// external id is 1–60 of [A-Za-z0-9_-], otherwise <c>exth-</c> and the first 32 hex digits of its SHA-256 (UTF-8).
    /// </summary>
    public static string PersonIdFor(string externalId) => PlainIdPattern().IsMatch(externalId)
        ? "ext-" + externalId
        : "exth-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(externalId)))[..32];

    /// <summary>
    /// Parses and checks a roster for <paramref name="organizationId"/>. File-level problems (empty, too large, no
    /// header, missing or unknown columns, a header cell <see cref="StoredText"/> refuses) are a <c>VALIDATION_FAILED</c>
    /// on field <c>csv</c>; row-level problems (including any cell <see cref="StoredText"/> refuses, e.g. U+FFFD) are
    /// returned in <see cref="RosterParse.Errors"/>.
    /// </summary>
    /// <param name="csv">The file's text.</param>
    /// <param name="kind">People or staff.</param>
    /// <param name="organizationId">The unit the rows land in.</param>
    /// <param name="thisYear">The current year (birth years run 1900 to this year).</param>
    /// <param name="checkRole">Returns why a role code cannot be held in the unit, or null when it can.</param>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> on field <c>csv</c>.</exception>
    public static RosterParse Parse(string csv, RosterKind kind, string organizationId, int thisYear, Func<string, string?> checkRole)
    {
        if (string.IsNullOrWhiteSpace(csv))
        {
            throw CareGridException.Validation("csv", "The roster is empty: it needs a header row and at least one data row.");
        }

        if (csv.Length > MaxChars)
        {
            throw CareGridException.Validation("csv", $"The roster is larger than {MaxChars} characters (4 MiB): split it into several files.");
        }

        var columns = kind == RosterKind.Staff ? StaffColumns : PeopleColumns;
        var malformed = new HashSet<long>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            AllowLineBreaksInQuotes = false,
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = m => malformed.Add(m.RecordNumber),
            IncludeValuesInExceptions = false,
        };
        using var reader = CsvReader.FromText(csv.TrimStart('\uFEFF'), options);
        var header = reader.Headers;
        if (header is not { Count: > 0 } || header.All(string.IsNullOrWhiteSpace))
        {
            throw CareGridException.Validation("csv", "The roster has no header row.");
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            if (StoredText.Problem(header[i]) is { } problem)
            {
                throw CareGridException.Validation("csv", $"The header row (column {i + 1}) {problem}");
            }

            var name = columns.FirstOrDefault(c => string.Equals(c, header[i].Trim(), StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                throw CareGridException.Validation("csv", $"Unknown column '{Shorten(header[i])}' (column {i + 1}). Columns of a {kind.ToString().ToLowerInvariant()} roster: {string.Join(", ", columns)}.");
            }

            if (!index.TryAdd(name, i))
            {
                throw CareGridException.Validation("csv", $"The column '{name}' appears twice.");
            }
        }

        var required = kind == RosterKind.Staff ? new[] { "externalId", "displayName", "roles" } : ["externalId", "displayName"];
        if (required.FirstOrDefault(r => !index.ContainsKey(r)) is { } missing)
        {
            throw CareGridException.Validation("csv", $"The required column '{missing}' is missing. Required: {string.Join(", ", required)}.");
        }

        var rows = new List<RosterRow>();
        var errors = new List<ImportRowError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        while (reader.Read())
        {
            var record = new string[reader.FieldCount];
            for (var i = 0; i < record.Length; i++)
            {
                record[i] = reader.GetString(i) ?? "";
            }

            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            total++;
            if (total > MaxRows)
            {
                throw CareGridException.Validation("csv", $"The roster has more than {MaxRows} data rows: split it into several files.");
            }

            var rowNumber = checked((int)reader.RowNumber + 1);
            var rowErrors = new List<ImportRowError>();
            if (malformed.Contains(rowNumber))
            {
                rowErrors.Add(new ImportRowError(rowNumber, null, "Malformed CSV: a stray or unclosed quote, or a line break inside quotes."));
            }
            else if (record.Length > header.Count)
            {
                rowErrors.Add(new ImportRowError(rowNumber, null, $"The row has {record.Length} fields; the header has {header.Count}."));
            }
            else if (UnsafeCells(record, index, rowNumber) is { Count: > 0 } unsafeCells)
            {
                rowErrors.AddRange(unsafeCells);
            }
            else
            {
                var row = ParseRow(new Cells(record, index), rowNumber, kind, organizationId, thisYear, checkRole, rowErrors);
                if (row is not null && rowErrors.Count == 0)
                {
                    var externalId = row.Person.Profile.ExternalId!;
                    if (seen.TryGetValue(externalId, out var first))
                    {
                        rowErrors.Add(new ImportRowError(rowNumber, "externalId", $"Duplicate externalId: the same id is on row {first}."));
                    }
                    else
                    {
                        seen[externalId] = rowNumber;
                        rows.Add(row);
                    }
                }
            }

            errors.AddRange(rowErrors);
        }

        if (total == 0)
        {
            throw CareGridException.Validation("csv", "The roster has a header but no data rows.");
        }

        return new RosterParse(rows, errors, total);
    }

    private static RosterRow? ParseRow(Cells cells, int row, RosterKind kind, string organizationId, int thisYear,
        Func<string, string?> checkRole, List<ImportRowError> errors)
    {
        void Error(string column, string reason) => errors.Add(new ImportRowError(row, column, reason));

        var externalId = cells["externalId"];
        if (externalId is null || externalId.Length > 64 || externalId.Any(char.IsControl))
        {
            Error("externalId", "externalId is required: 1–64 characters without control characters.");
        }

        var displayName = cells["displayName"];
        if (displayName is null || displayName.Length > 200 || displayName.Any(char.IsControl))
        {
            Error("displayName", "displayName is required: 1–200 characters without control characters.");
        }

        var sex = Sex.Unspecified;
        switch (cells["sex"]?.ToLowerInvariant())
        {
            case null or "u" or "unspecified": break;
            case "f" or "female" or "girl" or "女": sex = Sex.Female; break;
            case "m" or "male" or "boy" or "男": sex = Sex.Male; break;
            default: Error("sex", "sex is F, M, female, male or empty."); break;
        }

        int? birthYear = null;
        if (cells["birthYear"] is { } by)
        {
            if (int.TryParse(by, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y >= 1900 && y <= thisYear)
            {
                birthYear = y;
            }
            else
            {
                Error("birthYear", $"birthYear is a year from 1900 to {thisYear}, or empty.");
            }
        }

        var dateOfBirth = ParseDateOfBirth(cells["dateOfBirth"], birthYear, thisYear, Error);
        var groups = Split(cells["targetGroups"]);
        if (groups.Any(g => !PersonValidation.IsCode(g)))
        {
            Error("targetGroups", "targetGroups are codes of 1–64 letters and digits separated by ';' (R-1.2).");
        }

        var contacts = new List<PersonContact>();
        if (kind == RosterKind.People)
        {
            Contact(ContactKind.Guardian, cells["guardianName"], cells["guardianRelationship"], cells["guardianPhone"], null, "guardian", nameRequired: true);
            Contact(ContactKind.Parent, cells["parentName"], null, cells["parentPhone"], cells["parentWorkplace"], "parent", nameRequired: false);
        }

        var roles = new List<string>();
        var qualifications = new List<Qualification>();
        string? subject = null;
        if (kind == RosterKind.Staff)
        {
            roles = Split(cells["roles"]);
            if (roles.Count == 0)
            {
                Error("roles", "A staff row needs at least one role (codes separated by ';').");
            }

            foreach (var reason in roles.Select(checkRole).OfType<string>().Take(1))
            {
                Error("roles", reason);
            }

            foreach (var q in Split(cells["qualifications"]))
            {
                var parts = q.Split(':', 2, StringSplitOptions.TrimEntries);
                DateOnly? until = null;
                if (parts.Length == 2)
                {
                    if (TryParseDate(parts[1], out var d))
                    {
                        until = d;
                    }
                    else
                    {
                        Error("qualifications", $"A qualification is code or code:date, the date (its expiry) written year first as {DateForms}.");
                        continue;
                    }
                }

                if (!PersonValidation.IsCode(parts[0]) || qualifications.Any(x => x.Code == parts[0]))
                {
                    Error("qualifications", "A qualification code is 1–64 letters and digits, listed once.");
                    continue;
                }

                qualifications.Add(new Qualification(parts[0], until));
            }

            subject = cells["subject"];
            if (subject is not null && (subject.Length > 200 || subject.Any(char.IsControl)))
            {
                Error("subject", "subject is at most 200 characters.");
            }
        }

        if (errors.Count > 0)
        {
            return null;
        }

        return new RosterRow(row, PersonIdFor(externalId!),
            new PersonImport(new UpdatePerson(displayName!, organizationId, sex, birthYear, externalId, dateOfBirth), groups, contacts, qualifications, subject),
            roles);

        void Contact(ContactKind contactKind, string? name, string? relationship, string? phone, string? workplace, string prefix, bool nameRequired)
        {
            if (name is null && relationship is null && phone is null && workplace is null)
            {
                return;
            }

            if (name is null && nameRequired)
            {
                Error(prefix + "Name", $"{prefix}Name is required when other {prefix} columns are filled.");
                return;
            }

            try
            {
                contacts.Add(PersonValidation.Contact(new PersonContact(contactKind, name ?? "Parent", relationship, phone, workplace), prefix));
            }
            catch (CareGridException e)
            {
                var field = e.Details.GetValueOrDefault("field") ?? prefix;
                Error(prefix + char.ToUpperInvariant(field[(field.IndexOf('.') + 1)]) + field[(field.IndexOf('.') + 2)..], e.Message.Replace(field, prefix + "…", StringComparison.Ordinal));
            }
        }
    }

    /// <summary>
    /// The cells of a record that <see cref="StoredText"/> refuses (U+FFFD from a wrong decoding, unpaired surrogates,
    /// control characters, ...), one error per cell naming its column; the row is then refused whole.
    /// </summary>
    private static List<ImportRowError> UnsafeCells(string[] record, Dictionary<string, int> index, int row)
    {
        var errors = new List<ImportRowError>();
        foreach (var (column, i) in index.OrderBy(c => c.Value))
        {
            if (i < record.Length && StoredText.Problem(record[i].Trim()) is { } problem)
            {
                errors.Add(new ImportRowError(row, column, $"{column} {problem}"));
            }
        }

        return errors;
    }

    private static List<string> Split(string? value) =>
        value is null ? [] : value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;

    /// <summary>The cells of one record by column name; blank cells read as null.</summary>
    /// <summary>
    /// The date forms a roster cell may use, all year first so no date is ambiguous: <c>yyyy-M-d</c> (which includes
    /// <c>yyyy-MM-dd</c>), <c>yyyy/M/d</c> (what Excel on Chinese Windows saves), <c>yyyy.M.d</c> and <c>yyyy年M月d日</c>.
    /// Month and day take one or two digits; the year takes four.
    /// </summary>
    public const string DateForms = "yyyy-MM-dd, yyyy-M-d, yyyy/M/d, yyyy.M.d or yyyy年M月d日 (e.g. 2013-05-09, 2013/5/9, 2013年5月9日)";

    private static readonly string[] DateFormats = ["yyyy'-'M'-'d", "yyyy'/'M'/'d", "yyyy'.'M'.'d", "yyyy'年'M'月'd'日'"];

    /// <summary>
    /// Reads a roster date written in one of the <see cref="DateForms"/> (invariant culture, exact: no day-first or
    /// month-first form, no time, no two-digit year). False for anything else, including impossible dates (2013-2-30).
    /// </summary>
    public static bool TryParseDate(string? text, out DateOnly date)
    {
        date = default;
        return text is not null && DateShape().IsMatch(text)
            && DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>Four ASCII digits, a separator, one or two digits, a separator, one or two digits (and 日): no spaces, no time.</summary>
    [GeneratedRegex(@"^[0-9]{4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?\z", RegexOptions.CultureInvariant)]
    private static partial Regex DateShape();

    /// <summary>
    /// The <c>dateOfBirth</c> cell: empty, or a date in one of the <see cref="DateForms"/> from 1900 to
    /// <paramref name="thisYear"/>, whose year equals <paramref name="birthYear"/> when that column is filled too.
    /// </summary>
    private static DateOnly? ParseDateOfBirth(string? cell, int? birthYear, int thisYear, Action<string, string> error)
    {
        if (cell is null)
        {
            return null;
        }

        if (!TryParseDate(cell, out var date) || date.Year < 1900 || date.Year > thisYear)
        {
            error("dateOfBirth", $"dateOfBirth is a date from 1900 to {thisYear} written year first as {DateForms}, or empty.");
            return null;
        }

        if (birthYear is not null && birthYear != date.Year)
        {
            error("dateOfBirth", "The year of dateOfBirth must equal birthYear when both columns are filled: correct one of them, or leave birthYear empty.");
            return null;
        }

        return date;
    }

    private readonly struct Cells(string[] record, Dictionary<string, int> index)
    {
        public string? this[string column] =>
            index.TryGetValue(column, out var i) && i < record.Length && !string.IsNullOrWhiteSpace(record[i]) ? record[i].Trim() : null;
    }
}
