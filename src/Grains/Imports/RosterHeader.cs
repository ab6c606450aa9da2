using System.Globalization;
using CareGrid.Grains.Errors;

namespace CareGrid.Grains.Imports;

/// <summary>What is wrong with a roster's header row.</summary>
[GenerateSerializer, Alias("CareGrid.RosterHeaderProblemKind")]
public enum RosterHeaderProblemKind
{
    /// <summary>A header cell names no column of this roster (<see cref="RosterColumns"/>).</summary>
    Unknown = 0,
    /// <summary>Two header cells mean the same column (e.g. <c>学号</c> and <c>externalId</c>).</summary>
    Duplicate = 1,
    /// <summary>A required column is missing.</summary>
    Missing = 2,
    /// <summary>A guardian's or working-away parent's phone column without the name column it needs (the phone is kept with
    /// the name only).</summary>
    NameMissing = 3,
}

/// <summary>
/// A refused header row, with everything needed to say why in Simplified Chinese and in English
/// (<see cref="English"/>, <see cref="Chinese"/>; the service answers the English, the <c>import</c> verb prints both).
/// </summary>
/// <param name="Kind">Unknown, duplicate or missing.</param>
/// <param name="Roster">People or staff.</param>
/// <param name="ColumnNumber">1-based position of the header cell at fault (the second of a duplicate; 0 when missing).</param>
/// <param name="Header">The header cell as written, shortened to 40 characters (the missing column's name when missing).</param>
/// <param name="Column">The column meant (duplicate, missing), or null.</param>
/// <param name="FirstColumnNumber">For a duplicate, the position of the first cell meaning the column.</param>
/// <param name="Hint">For an unknown header schools often export, why it is not a column.</param>
/// <param name="Others">The header row's other problems, after this first one: all are named in one refusal (new-user trial
/// 2026-12-06: a town roster was refused five times, one header at a time).</param>
public sealed record RosterHeaderProblem(RosterHeaderProblemKind Kind, RosterKind Roster, int ColumnNumber, string Header, string? Column,
    int FirstColumnNumber = 0, RosterHeaderHint? Hint = null, IReadOnlyList<RosterHeaderProblem>? Others = null)
{
    /// <summary>This problem and the <see cref="Others"/>, in the order of the header row (missing columns last).</summary>
    public IReadOnlyList<RosterHeaderProblem> All => [this, .. Others ?? []];

    private string Number => ColumnNumber.ToString(CultureInfo.InvariantCulture);

    /// <summary>The accepted names of this roster's columns in both languages (<see cref="RosterColumns.Accepted"/>).</summary>
    public string AcceptedColumns => RosterColumns.Accepted(Roster);

    /// <summary>
    /// The English message (the service's error message): this problem's, or with <see cref="Others"/> each problem in short,
    /// numbered, then the accepted names once.
    /// </summary>
    public string English => Others is { Count: > 0 }
        ? $"The header row has {All.Count} problems: {string.Join(" ", All.Select((p, i) => $"({i + 1}) {p.BriefEnglish}"))} Columns of a {RosterName} roster, by English or Chinese name: {AcceptedColumns}."
        : OneEnglish;

    /// <summary>
    /// The Simplified Chinese message (printed by the <c>import</c> verb before the English): this problem's, or with
    /// <see cref="Others"/> each problem in short, numbered, then the accepted names once.
    /// </summary>
    public string Chinese => Others is { Count: > 0 }
        ? $"表头有 {All.Count} 处问题：{string.Join("", All.Select((p, i) => $"（{i + 1}）{p.BriefChinese}"))}{(Roster == RosterKind.Staff ? "教职工" : "人员")}名单可用的列名（英文名或中文名）：{AcceptedColumns}。"
        : OneChinese;

    private string RosterName => Roster.ToString().ToLowerInvariant();

    private string BriefEnglish => Kind switch
    {
        RosterHeaderProblemKind.Duplicate => $"The columns {FirstColumnNumber} and {Number} ('{Header}') both mean {Column}: keep one of them.",
        RosterHeaderProblemKind.Missing => $"The required column {RosterColumns.Describe(Column!)} is missing.",
        RosterHeaderProblemKind.NameMissing => NameMissingEnglish,
        _ => $"Unknown column '{Header}' (column {Number}). {HintEnglish}{(Hint is null ? "Rename or delete the column." : "")}".TrimEnd(),
    };

    private string BriefChinese => Kind switch
    {
        RosterHeaderProblemKind.Duplicate => $"第 {FirstColumnNumber} 列和第 {Number} 列（“{Header}”）都表示 {Column}：请只保留一列。",
        RosterHeaderProblemKind.Missing => $"缺少必填列 {RosterColumns.Describe(Column!)}。",
        RosterHeaderProblemKind.NameMissing => NameMissingChinese,
        _ => $"无法识别第 {Number} 列“{Header}”。{HintChinese}{(Hint is null ? "请改名或删除该列。" : "")}",
    };

    private string OneEnglish => Kind switch
    {
        RosterHeaderProblemKind.Duplicate =>
            $"The columns {FirstColumnNumber} and {Number} ('{Header}') both mean {Column}: keep one of them. Accepted names: {RosterColumns.Describe(Column!)}.",
        RosterHeaderProblemKind.Missing =>
            $"The required column {RosterColumns.Describe(Column!)} is missing. Required: {string.Join(", ", RosterColumns.Required(Roster))}.",
        RosterHeaderProblemKind.NameMissing => NameMissingEnglish,
        _ => $"Unknown column '{Header}' (column {Number}). {HintEnglish}Columns of a {RosterName} roster, by English or Chinese name: {AcceptedColumns}. Rename or delete the column.",
    };

    private string OneChinese => Kind switch
    {
        RosterHeaderProblemKind.Duplicate =>
            $"第 {FirstColumnNumber} 列和第 {Number} 列（“{Header}”）都表示 {Column}：请只保留一列。可用列名：{RosterColumns.Describe(Column!)}。",
        RosterHeaderProblemKind.Missing =>
            $"缺少必填列 {RosterColumns.Describe(Column!)}。必填列：{string.Join("、", RosterColumns.Required(Roster))}。",
        RosterHeaderProblemKind.NameMissing => NameMissingChinese,
        _ => $"无法识别第 {Number} 列“{Header}”。{HintChinese}{(Roster == RosterKind.Staff ? "教职工" : "人员")}名单可用的列名（英文名或中文名）：{AcceptedColumns}。请改名或删除该列。",
    };

    private string NameMissingEnglish =>
        $"The column '{Header}' (column {Number}) holds phones, but the roster has no column of whose they are: add {RosterColumns.Describe(Column!)} beside it (a phone is kept with its person's name), or delete the column.";

    private string NameMissingChinese =>
        $"第 {Number} 列“{Header}”是电话，但名单中没有写明是谁的电话的姓名列：请在旁边加上 {RosterColumns.Describe(Column!)} 列（电话须与其本人姓名一起保存），或删除该列。";

    private string HintEnglish => Hint switch
    {
        RosterHeaderHint.IdentityNumber => "CareGrid does not store identity-card numbers (data minimisation, PIPL art. 6): delete the column. ",
        RosterHeaderHint.Unit when Roster == RosterKind.People =>
            "Rows land in the unit the import names (organizationId, --organization), or, with a 班级 (unit) column, in that class under it: import the file into the school and delete this column. ",
        RosterHeaderHint.Unit => "A staff roster's rows land in the unit the import names (organizationId, --organization): import one file per unit and delete the column. ",
        RosterHeaderHint.WhosePhone =>
            "Say whose phone it is: rename it 监护人电话 (guardianPhone), 务工家长电话 (parentPhone) or 本人电话 (ownPhone, the person's own phone); a town's or district's roster reads 联系电话 as the person's own. 学生电话 and 联系电话（学生） may be the family's phone the school calls about the pupil: the pupil's own is 学生本人电话. ",
        RosterHeaderHint.WhichParent =>
            "This roster also names the parent working away, so 家长 may mean either parent: rename the column 监护人… (the guardian at home, e.g. 监护人电话) or 务工家长… (the parent working away, e.g. 务工家长电话). ",
        RosterHeaderHint.Numbered =>
            "Only a column numbered 1 is read (家长电话1 as 家长电话), and a guardian's numbered 2 as the second guardian's (家长电话2, 家长二姓名): a contact keeps one phone and a roster one set of each contact's columns, so this one cannot be stored. Delete the column, or, if it is another adult's, name that adult's columns 父亲姓名 and 父亲电话, 母亲姓名 and 母亲电话, or 紧急联系人 and 紧急联系人电话. ",
        _ => "",
    };

    private string HintChinese => Hint switch
    {
        RosterHeaderHint.IdentityNumber => "本系统不保存身份证号（数据最小化，《个人信息保护法》第六条）：请删除该列。",
        RosterHeaderHint.Unit when Roster == RosterKind.People =>
            "各行导入到导入时指定的单位（organizationId、--organization），有“班级”列时导入到其下的该班级：请把文件导入到学校，并删除该列。",
        RosterHeaderHint.Unit => "教职工名单的各行导入到导入时指定的单位（organizationId、--organization）：请每个单位分别导入一个文件，并删除该列。",
        RosterHeaderHint.WhosePhone =>
            "请写明是谁的电话：改名为“监护人电话”（guardianPhone）、“务工家长电话”（parentPhone）或“本人电话”（ownPhone，本人的电话）；镇（街道）和区的名单把“联系电话”读作本人电话。“学生电话”“联系电话（学生）”可能是学校联系学生家庭的电话：学生本人的电话请写“学生本人电话”。",
        RosterHeaderHint.WhichParent =>
            "该名单还填写了外出务工家长，“家长”可能指任一位家长：请改名为“监护人……”（在家的监护人，如“监护人电话”）或“务工家长……”（外出务工的家长，如“务工家长电话”）。",
        RosterHeaderHint.Numbered =>
            "带编号的列只读取编号为 1 的一列（“家长电话1”即“家长电话”），监护人（家长）编号为 2 的列读作第二位监护人（“家长电话2”“家长二姓名”）：每位联系人只保存一个电话，每类联系人的列在名单中只读一组，该列无法保存。请删除该列；如是另一位成年人的，请改用其列名：“父亲姓名”和“父亲电话”、“母亲姓名”和“母亲电话”，或“紧急联系人”和“紧急联系人电话”。",
        _ => "",
    };

    /// <summary>
    /// The service's error: <c>VALIDATION_FAILED</c>, field <c>csv</c>, with <c>column</c>, <c>columnNumber</c>,
    /// <c>acceptedColumns</c> and, for a column CareGrid knows the meaning of, <c>hint</c> (<c>IDENTITY_NUMBER</c>, <c>UNIT</c>,
    /// <c>WHOSE_PHONE</c>, <c>WHICH_PARENT</c>, <c>NUMBERED</c>); the message in English and Chinese (round-26 trial: the console showed a generic "rename or
    /// delete it" and dropped the reason, e.g. that a 班级 column means one file per class).
    /// </summary>
    public CareGridException ToException()
    {
        var details = new Dictionary<string, string>
        {
            ["field"] = "csv",
            ["column"] = Header,
            ["columnNumber"] = Number,
            ["acceptedColumns"] = AcceptedColumns,
        };
        if (Hint is { } hint)
        {
            details["hint"] = Hosting.SchemaNames.Value(hint);
        }

        return new(ErrorCodes.ValidationFailed, Bilingual.Join(English, Chinese), details);
    }
}

/// <summary>Maps a roster's header row to its columns (<see cref="RosterColumns"/>).</summary>
public static class RosterHeader
{
    /// <summary>
    /// Each column's position by its specified name, or the header's problems, all of them, the first carrying the others
    /// (<see cref="RosterHeaderProblem.Others"/>): unknown headers (a running number such as 序号, and a notes column such as 备注, are accepted and not read),
    /// two cells meaning one column, missing required columns. <paramref name="barePhoneIsOwn"/>: a town's or district's roster,
    /// which reads 联系电话 and the other <see cref="RosterColumns.BarePhones"/> as <c>ownPhone</c>.
    /// </summary>
    public static (Dictionary<string, int>? Index, RosterHeaderProblem? Problem) Read(IReadOnlyList<string> header, RosterKind kind, bool barePhoneIsOwn = false)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<RosterHeaderProblem>();
        for (var i = 0; i < header.Count; i++)
        {
            var shown = header[i].Trim().Replace("\uFEFF", "", StringComparison.Ordinal);
            shown = shown.Length > 40 ? shown[..40] + "…" : shown;
            if (RosterColumns.IsIgnored(header[i]) || RosterColumns.IsNotes(header[i]))
            {
                continue;
            }

            if (RosterColumns.Find(header[i], kind, barePhoneIsOwn) is not { } column)
            {
                problems.Add(new RosterHeaderProblem(RosterHeaderProblemKind.Unknown, kind, i + 1, shown, null, Hint: RosterColumns.HintFor(header[i], kind, barePhoneIsOwn)));
            }
            else if (!index.TryAdd(column.Name, i))
            {
                problems.Add(new RosterHeaderProblem(RosterHeaderProblemKind.Duplicate, kind, i + 1, shown, column.Name, index[column.Name] + 1));
            }
        }

        problems.AddRange(AmbiguousParents(header, index, kind));
        problems.AddRange(RosterColumns.Required(kind).Where(r => !index.ContainsKey(r)).Select(missing => new RosterHeaderProblem(RosterHeaderProblemKind.Missing, kind, 0, missing, missing)));
        // A guardian's or working-away parent's phone is kept with a name only (a row without it is refused): a file with the
        // phone column but no name column would refuse every pupil who has a phone and import the others, so it is refused
        // once (round-36 red team: 学号,姓名,家长手机号码).
        problems.AddRange(new[] { ("guardianName", "guardianPhone"), ("guardian2Name", "guardian2Phone"), ("parentName", "parentPhone"), ("fatherName", "fatherPhone"), ("motherName", "motherPhone"), ("emergencyContactName", "emergencyContactPhone") }
            .Where(n => index.ContainsKey(n.Item2) && !index.ContainsKey(n.Item1))
            .Select(n => new RosterHeaderProblem(RosterHeaderProblemKind.NameMissing, kind, index[n.Item2] + 1, header[index[n.Item2]].Trim(), n.Item1)));
        return problems.Count == 0 ? (index, null) : (null, problems[0] with { Others = problems[1..] });
    }

    /// <summary>
    /// The 家长 columns read as the guardian's (<see cref="RosterColumns.Find"/>: 家长姓名, 家长电话, 联系电话（家长）) in a roster that
    /// also has a working-away parent's column (<c>parentName</c>, <c>parentWorkplace</c>, <c>parentPhone</c>), each refused with
    /// <see cref="RosterHeaderHint.WhichParent"/> and taken out of <paramref name="index"/>.
    /// </summary>
    private static List<RosterHeaderProblem> AmbiguousParents(IReadOnlyList<string> header, Dictionary<string, int> index, RosterKind kind)
    {
        if (!index.Keys.Any(k => k.StartsWith("parent", StringComparison.Ordinal)))
        {
            return [];
        }

        var ambiguous = index.Where(e => e.Key.StartsWith("guardian", StringComparison.Ordinal)
            && RosterColumns.Normalize(header[e.Value]).Contains("家长", StringComparison.Ordinal)
            && !RosterColumns.NamesTheGuardian(header[e.Value])).ToList(); // 家长（监护人）电话 says whose; 家长/监护人 does not
        foreach (var e in ambiguous)
        {
            index.Remove(e.Key);
        }

        return [.. ambiguous.Select(e => new RosterHeaderProblem(RosterHeaderProblemKind.Unknown, kind, e.Value + 1, header[e.Value].Trim(), null, Hint: RosterHeaderHint.WhichParent))];
    }
}
