using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Validation;
using CsvHelper;

namespace CareGrid.Grains.Imports;

/// <summary>
/// Parses roster CSV files (RFC 4180, comma-separated, UTF-8, header row required; blank rows — empty or only separators,
/// as Excel writes an empty row — are skipped and counted (<see cref="RosterParse.Blank"/>); rows are numbered by their
/// line in the file, header = line 1, as Excel and a text editor show them; each column
/// named in English or Chinese, <see cref="RosterColumns"/>, docs/rosters.md). Limits: <see cref="MaxChars"/> characters and <see cref="MaxRows"/> data rows. People rosters have
/// <c>externalId</c>*, <c>displayName</c>*, <c>sex</c> (<see cref="SexForms"/>), <c>birthYear</c>, <c>dateOfBirth</c> (year first, see <see cref="DateForms"/>; its year must equal
/// <c>birthYear</c> when both are given; a year-only row keeps a known date), <c>targetGroups</c> (codes or their names, <see cref="RosterTargetGroups"/>),
/// <c>guardianName</c>, <c>guardianRelationship</c>, <c>guardianPhone</c>, <c>parentName</c>, <c>parentWorkplace</c>,
/// <c>parentPhone</c> (R-6.2), <c>fatherName</c>, <c>fatherPhone</c>, <c>motherName</c>, <c>motherPhone</c> (guardians),
/// <c>emergencyContactName</c>, <c>emergencyContactPhone</c>, <c>ownPhone</c> (the person's own phone; a town's or district's roster also reads 联系电话 so,
/// <see cref="RosterColumns.BarePhones"/>); staff rosters have <c>externalId</c>*, <c>displayName</c>*, <c>sex</c>, <c>birthYear</c>,
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
        [.. RosterColumns.Of(RosterKind.People).Select(c => c.Name)];

    /// <summary>Columns of a staff roster (required first).</summary>
    public static readonly IReadOnlyList<string> StaffColumns =
        [.. RosterColumns.Of(RosterKind.Staff).Select(c => c.Name)];

    [GeneratedRegex("^[A-Za-z0-9_-]{1,60}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PlainIdPattern();

    /// <summary>
    /// The person's local id for an external (roster) id, the same on every import: the id is first normalized
    /// (<see cref="People.PersonExternalId.Normalize"/>: full-width digits and letters read as ASCII, trimmed), so
    /// <c>２０２６７１０９</c> and <c>20267109</c> name one person; then <c>ext-{externalId}</c> when it is 1–60 of
    /// [A-Za-z0-9_-], otherwise <c>exth-</c> and the first 32 hex digits of its SHA-256 (UTF-8).
    /// </summary>
    public static string PersonIdFor(string externalId)
    {
        var id = People.PersonExternalId.Normalize(externalId) ?? throw new ArgumentNullException(nameof(externalId));
        return PlainIdPattern().IsMatch(id)
            ? "ext-" + id
            : "exth-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..32];
    }

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
    /// <param name="units">For a people roster with a <c>unit</c> (班级) or <c>grade</c> (年级) column, the units under
    /// <paramref name="organizationId"/> its rows may name (<see cref="RosterUnits.Under"/>); without it each such row is refused.</param>
    /// <param name="roleCodeOf">For a staff roster: the role code a role cell means (<see cref="RosterReasons.RoleCodeOf"/>: 班主任 →
    /// <c>HomeroomTeacher</c>); null: cells are codes.</param>
    /// <param name="barePhoneIsOwn">True for a town's or district's roster (<see cref="RosterColumns.BarePhoneIsOwnIn"/>): 联系电话,
    /// 电话, 手机, … are read as <c>ownPhone</c>; false (a school's): they are refused with their hint.</param>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> on field <c>csv</c>.</exception>
    public static RosterParse Parse(string csv, RosterKind kind, string organizationId, int thisYear, Func<string, string?> checkRole, RosterUnits? units = null,
        Func<string, string>? roleCodeOf = null, bool barePhoneIsOwn = false)
    {
        if (string.IsNullOrWhiteSpace(csv))
        {
            throw CareGridException.Validation("csv", Bilingual.Join("The roster is empty: it needs a header row and at least one data row.", "名单是空的：需要一行表头和至少一行数据。"));
        }

        if (csv.Length > MaxChars)
        {
            throw CareGridException.Validation("csv", Bilingual.Join($"The roster is larger than {MaxChars} characters (4 MiB): split it into several files.", $"名单超过 {MaxChars} 个字符（4 MiB）：请拆分成几个文件。"));
        }

        var malformed = new HashSet<long>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            AllowLineBreaksInQuotes = false,
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = m => malformed.Add(m.LineNumber),
            IncludeValuesInExceptions = false,
            TrackLineNumbers = true, // rows are numbered by their line in the file (header = 1), blank lines included
        };
        var (text, title) = WithoutTitleRows(csv.TrimStart('\uFEFF'), kind);
        using var reader = CsvReader.FromText(text, options);
        var header = reader.Headers;
        if (header is not { Count: > 0 } || header.All(string.IsNullOrWhiteSpace))
        {
            throw CareGridException.Validation("csv", Bilingual.Join("The roster has no header row.", "名单没有表头行：第一行应为列名（如 学号,姓名）。"));
        }

        var index = IndexHeader(header, kind, barePhoneIsOwn);
        return ReadRows(reader, reader.LineNumber, header.Count, index, malformed, new RosterRowContext(kind, organizationId, thisYear, checkRole, units, roleCodeOf))
            with { Title = title, NotesNotice = RosterColumns.NotesNotice(header) };
    }

    /// <summary>
    /// Each column's position by its specified name (<see cref="RosterHeader"/>: English or Chinese names,
    /// <see cref="RosterColumns.Normalize"/>); refuses an unsafe header cell, an unknown or repeated column and a missing
    /// required one (<c>VALIDATION_FAILED</c> on field <c>csv</c>; <see cref="RosterHeaderProblem.ToException"/>).
    /// </summary>
    private static Dictionary<string, int> IndexHeader(IReadOnlyList<string> header, RosterKind kind, bool barePhoneIsOwn)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (StoredText.Problem(header[i].Replace("\uFEFF", "", StringComparison.Ordinal)) is { } problem)
            {
                throw CareGridException.Validation("csv", RosterReasons.UnsafeHeader(i + 1, problem));
            }
        }

        var (index, refused) = RosterHeader.Read(header, kind, barePhoneIsOwn);
        return index ?? throw refused!.ToException();
    }

    /// <summary>
    /// Checks only the header row of <paramref name="csv"/>, below any title rows (<see cref="WithoutTitleRows"/>; the <c>import</c> verb does, to refuse a file in both
    /// languages before sending it): the problem, or null when the header is fine or absent (the service then says why).
    /// <paramref name="barePhoneIsOwn"/> as in <see cref="Parse"/>.
    /// </summary>
    public static RosterHeaderProblem? CheckHeader(string csv, RosterKind kind, bool barePhoneIsOwn = false) =>
        HeaderRow(csv, kind) is { Count: > 0 } header ? RosterHeader.Read(header, kind, barePhoneIsOwn).Problem : null;

    /// <summary>
    /// The header cell as written of each column whose header is not its English name (e.g. <c>sex</c> → <c>性别</c>), so
    /// the <c>import</c> verb can name a refused row's column as the file does; empty when the header is refused.
    /// </summary>
    public static IReadOnlyDictionary<string, string> HeadersAsWritten(string csv, RosterKind kind, bool barePhoneIsOwn = false)
    {
        var header = HeaderRow(csv, kind) ?? [];
        return RosterHeader.Read(header, kind, barePhoneIsOwn).Index is { } index
            ? index.Where(c => header[c.Value].Trim() != c.Key).ToDictionary(c => c.Key, c => header[c.Value].Trim().Replace("\uFEFF", "", StringComparison.Ordinal))
            : new Dictionary<string, string>();
    }

    private static IReadOnlyList<string>? HeaderRow(string csv, RosterKind kind)
    {
        using var reader = CsvReader.FromText(WithoutTitleRows(csv.TrimStart('\uFEFF'), kind).Csv, new CsvReaderOptions { Separator = ',', HasHeader = true, TrimWhitespace = true, SkipEmptyLines = true });
        return reader.Headers?.ToList();
    }

    /// <summary>A cell's codes separated by ';', trimmed, without empty or repeated ones (none for a blank cell).</summary>
    internal static List<string> Split(string? value) =>
        value is null ? [] : value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();

}
