using System.Text;

namespace CareGrid.Grains.Imports;

/// <summary>
/// One roster column: its specified (English) name, which rosters have it, and the other header names that mean it
/// (the Chinese names school and town systems and their Excel templates export, a few English variants).
/// </summary>
/// <param name="Name">The specified name, e.g. <c>externalId</c>; row errors always name this one.</param>
/// <param name="People">True when a people roster has the column.</param>
/// <param name="Staff">True when a staff roster has the column.</param>
/// <param name="Synonyms">Other header names meaning the column, Chinese first.</param>
public sealed record RosterColumn(string Name, bool People, bool Staff, IReadOnlyList<string> Synonyms)
{
    /// <summary>True when a roster of <paramref name="kind"/> has the column.</summary>
    public bool In(RosterKind kind) => kind == RosterKind.Staff ? Staff : People;
}

/// <summary>
/// The one table of roster header names (docs/rosters.md): every column the import understands, by its English name
/// and its common Chinese names. The Chinese names follow the exports of the national student registration system
/// (全国中小学生学籍信息管理系统: 学籍号/学籍辅号, 姓名, 性别, 出生日期), school Excel rosters (学号, 学生姓名, 监护人…)
/// and the left-behind children rosters of R-6.2 (外出务工家长, 务工地点). Headers are matched after
/// <see cref="Normalize"/>. No name maps a column that would store more personal data than the import stores
/// (identity-card numbers and, in a school, phones that do not say whose are refused with their reason, <see cref="NotColumns"/>;
/// a town or district reads those as the resident's own, <see cref="BarePhones"/>). A people roster's
/// <c>unit</c> (班级) and <c>grade</c> (年级) place each row in a unit under the one the import names (<see cref="RosterUnits"/>);
/// a staff roster lands in the import's unit and refuses them, as both refuse 学校.
/// </summary>
public static partial class RosterColumns
{
    /// <summary>Every column, in the order of the specification (required columns first).</summary>
    public static readonly IReadOnlyList<RosterColumn> All =
    [
        new("externalId", true, true, ["学号", "学籍号", "全国学籍号", "学籍辅号", "校内学号", "学生编号", "编号", "居民编号", "档案编号", "人员编号", "工号", "教职工号", "职工号", "studentId"]),
        new("displayName", true, true, ["姓名", "学生姓名", "居民姓名", "教师姓名", "教职工姓名", "name"]),
        new("sex", true, true, ["性别", "gender"]),
        new("birthYear", true, true, ["出生年份", "出生年"]),
        new("dateOfBirth", true, true, ["出生日期", "出生年月", "出生年月日", "生日", "birthDate"]),
        new("unit", true, false, ["班级", "班级名称", "所在班级", "班别", "所属村（社区）", "村（社区）", "所属村", "所属社区", "村/社区", "村居", "网格", "class", "organization"]),
        new("grade", true, false, ["年级", "所在年级"]),
        new("targetGroups", true, false, ["目标群体", "重点人群", "人群类别"]),
        // 家长 (a parent) is the guardian: parents are their minor children's guardians (Civil Code of the PRC art. 27), and
        // 家长姓名 / 家长电话 are the columns most Chinese class lists have; a parent working away is 务工家长 (parentName).
        new("guardianName", true, false, ["监护人", "监护人姓名", "家长", "家长姓名"]),
        new("guardianRelationship", true, false, ["监护人关系", "与学生关系", "监护人与学生关系", "家长关系", "与学生的关系", "亲属关系"]),
        new("guardianPhone", true, false, ["监护人电话", "监护人联系电话", "监护人手机", "监护人手机号", "监护人手机号码", "监护人联系方式", "家长电话", "家长联系电话", "家长手机", "家长手机号", "家长手机号码", "家长联系方式"]),
        // a second guardian (家长2…, 家长二…, 监护人2…, 第二监护人…: two parents written as 家长1/家长2), a guardian contact beside the first
        // (the person keeps several, as 父亲/母亲 are): read, not refused, so neither parent's phone is lost (round-40 leftover).
        // The numbered forms are read by the number (Find, Numbered); these names are the ones shown.
        new("guardian2Name", true, false, ["监护人2姓名", "家长2姓名", "家长二姓名", "第二监护人姓名", "第二监护人"]),
        new("guardian2Relationship", true, false, ["监护人2关系", "家长2关系", "家长二关系", "第二监护人关系"]),
        new("guardian2Phone", true, false, ["监护人2电话", "家长2电话", "家长电话2", "家长二电话", "第二监护人电话"]),
        new("parentName", true, false, ["外出务工家长", "外出务工家长姓名", "务工家长姓名"]),
        new("parentWorkplace", true, false, ["务工地点", "外出务工地点", "务工单位"]),
        new("parentPhone", true, false, ["务工家长电话", "外出务工家长电话", "务工家长联系电话"]),
        // the pupil's own phone only where the header says 本人 (学生本人电话): 学生电话 and 联系电话（学生） may be the family's phone
        // the school calls about the pupil, and are refused (StudentPhones; round-40 leftover)
        new("ownPhone", true, false, [.. PhonesOf("本人"), .. PhonesOf("居民"), .. PhonesOf("学生本人")]),
        // a father's and a mother's columns, as most class lists have both: each a guardian contact (Civil Code art. 27) with its
        // relationship, so two parents are two contacts and neither phone is dropped or given to the other
        new("fatherName", true, false, ["父亲姓名", "父亲", "爸爸姓名", "爸爸"]),
        new("fatherPhone", true, false, [.. PhonesOf("父亲"), .. PhonesOf("爸爸")]),
        new("motherName", true, false, ["母亲姓名", "母亲", "妈妈姓名", "妈妈"]),
        new("motherPhone", true, false, [.. PhonesOf("母亲"), .. PhonesOf("妈妈")]),
        new("emergencyContactName", true, false, ["紧急联系人", "紧急联系人姓名"]),
        new("emergencyContactPhone", true, false, [.. PhonesOf("紧急联系人"), "紧急联系电话", "紧急联系方式"]),
        // the emergency contact's relationship to the person (舅舅, 邻居): a contact keeps one (round-40 leftover: refused as unknown)
        new("emergencyContactRelationship", true, false, ["紧急联系人关系", "紧急联系人与学生关系", "紧急联系人与本人关系"]),
        new("roles", false, true, ["角色", "岗位角色"]),
        new("qualifications", false, true, ["资质", "资格证书"]),
        new("subject", false, true, ["登录账号", "账号", "登录名"]),
    ];

    /// <summary>
    /// Header names accepted and not read: a running number (序号, never taken as the person's id: it numbers the rows of one
    /// export and changes when a row is added or sorted, so the same resident would get another id next month, the first column of many Excel rosters) and the class's
    /// homeroom teacher (班主任, in most Chinese class lists: round-33 trial, the whole file was refused for it). A homeroom
    /// teacher is staff — imported with a staff roster into the class, role 班主任 — and nothing of them is stored from a
    /// pupil's row; the organization health check names a class that has none (R-4.3).
    /// </summary>
    public static readonly IReadOnlyList<string> Ignored = ["序号", "No.", "班主任", "班主任姓名", "班主任（姓名）", "班主任(姓名)", "班主任老师", "班主任电话", "班主任联系电话", "班主任手机", "班主任手机号", "班主任手机号码"];

    /// <summary>
    /// Phone headers that do not say whose (联系电话, 电话, 手机, 手机号, 手机号码, 联系方式, 电话号码, 联系号码). In a town's or district's people
    /// roster they are read as <c>ownPhone</c>, the resident's own phone (<see cref="BarePhoneIsOwnIn"/>: adults there are called
    /// directly, R-6.2 "know how to reach them"); in a school's they stay refused with <see cref="RosterHeaderHint.WhosePhone"/>,
    /// as a pupil's 联系电话 is usually a parent's. 家庭电话 (a household's phone) is refused everywhere.
    /// </summary>
    public static readonly IReadOnlyList<string> BarePhones = ["联系电话", "电话", "手机", "手机号", "手机号码", "联系方式", "电话号码", "联系号码"];

    /// <summary>
    /// Phone headers that name the pupil's record, not whose phone it is: 学生电话, 学生联系电话, 学生手机, …, and 联系电话（学生）,
    /// 手机（学生）, … In a school list they are often the family's phone the school calls about the pupil, so reading them as the
    /// pupil's own (<c>ownPhone</c>) could send a crisis call to a child's phone instead of the guardian's (round-40 leftover:
    /// 联系电话（学生） was read so). Refused everywhere with <see cref="RosterHeaderHint.WhosePhone"/>; the pupil's own phone
    /// is 本人电话 or 学生本人电话, the guardian's 监护人电话.
    /// </summary>
    public static readonly IReadOnlyList<string> StudentPhones = [.. PhonesOf("学生"), .. BarePhones.Select(p => p + "(学生)")];

    /// <summary>Header names schools export that are not columns, and why (<see cref="RosterHeaderHint"/>).</summary>
    public static readonly IReadOnlyDictionary<string, RosterHeaderHint> NotColumns = new Dictionary<string, RosterHeaderHint>
    {
        ["身份证号"] = RosterHeaderHint.IdentityNumber, ["身份证件号"] = RosterHeaderHint.IdentityNumber, ["身份证号码"] = RosterHeaderHint.IdentityNumber,
        ["公民身份号码"] = RosterHeaderHint.IdentityNumber, ["证件号码"] = RosterHeaderHint.IdentityNumber,
        ["班级"] = RosterHeaderHint.Unit, ["年级"] = RosterHeaderHint.Unit, ["班级名称"] = RosterHeaderHint.Unit, ["学校"] = RosterHeaderHint.Unit,
        ["所属村（社区）"] = RosterHeaderHint.Unit, ["村（社区）"] = RosterHeaderHint.Unit, ["所属村"] = RosterHeaderHint.Unit, ["所属社区"] = RosterHeaderHint.Unit,
        ["村/社区"] = RosterHeaderHint.Unit, ["村居"] = RosterHeaderHint.Unit, ["网格"] = RosterHeaderHint.Unit,
        ["家庭电话"] = RosterHeaderHint.WhosePhone, // a household's phone: whose, in any roster
    }.Concat(BarePhones.Select(p => KeyValuePair.Create(p, RosterHeaderHint.WhosePhone))) // refused where not ownPhone
        .Concat(StudentPhones.Select(p => KeyValuePair.Create(p, RosterHeaderHint.WhosePhone))).ToDictionary();

    /// <summary>
    /// True when a people roster of a tenant of <paramref name="tenant"/> reads <see cref="BarePhones"/> as <c>ownPhone</c>: a
    /// town or a district (its residents are adults called on their own phone); false for a school.
    /// </summary>
    public static bool BarePhoneIsOwnIn(Tenancy.TenantKind tenant) => tenant is Tenancy.TenantKind.Town or Tenancy.TenantKind.District;

    /// <summary>
    /// A header cell as it is matched: a byte-order mark and the required-column marks <c>*</c> and <c>★</c> of Excel
    /// templates removed, full-width forms made half-width (<see cref="FoldWidth(string)"/>), white space, <c>_</c> and <c>-</c>
    /// removed, lower case (invariant). So <c>学号</c>, <c> 学号 </c>, <c>*学号</c>, <c>ＥｘｔｅｒｎａｌＩＤ</c> and
    /// <c>external_id</c> match.
    /// </summary>
    public static string Normalize(string header)
    {
        var text = FoldWidth(header.Replace("\uFEFF", "", StringComparison.Ordinal));
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && c is not ('_' or '-' or '*' or '★'))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// NFKC's width folding: the full-width forms of ASCII (U+FF01–U+FF5E, e.g. <c>Ｆ</c>, <c>２</c>) become ASCII and the
    /// ideographic space U+3000 a space, then NFKC where the runtime has it. Done by hand because CareGrid runs with
    /// invariant globalization (Directory.Build.props), where <see cref="string.Normalize(NormalizationForm)"/> leaves
    /// non-ASCII text unchanged. Used for header names and for the cells read as codes (sex), never for names.
    /// </summary>
    public static string FoldWidth(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = FoldWidth(chars[i]);
        }

        return new string(chars).Normalize(NormalizationForm.FormKC);
    }

    /// <summary>
    /// The width fold of one character: a full-width form of ASCII (U+FF01–U+FF5E) becomes its ASCII character, the
    /// ideographic space U+3000 a space; any other character is returned as it is. Shared by <see cref="FoldWidth(string)"/>,
    /// external ids (<see cref="People.PersonExternalId"/>) and the mailbox's word flag.
    /// </summary>
    public static char FoldWidth(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u3000' => ' ',
        _ => c,
    };

    /// <summary>
    /// The column a header cell means in a roster of <paramref name="kind"/>, or null. With <paramref name="barePhoneIsOwn"/>
    /// (a town's or district's people roster, <see cref="BarePhoneIsOwnIn"/>) a <see cref="BarePhones"/> header means <c>ownPhone</c>.
    /// A header numbered 1 (家长电话1, 监护人1姓名, 家长电话（1）, 家长一电话) means its column; a guardian's column numbered 2
    /// (家长电话2, 家长二姓名, 第二监护人电话) the second guardian's (<c>guardian2Name</c>, …); one numbered otherwise means none
    /// (<see cref="HintFor(string, RosterKind, bool)"/>). A bracket repeating whose column it is (监护人电话（家长）) is the column.
    /// </summary>
    public static RosterColumn? Find(string header, RosterKind kind, bool barePhoneIsOwn = false)
    {
        var key = Canonical(Normalize(header));
        return Numbered(key) is { } numbered
            ? numbered.Number switch
            {
                1 => FindKey(numbered.Key, kind, barePhoneIsOwn),
                2 => SecondGuardian(FindKey(numbered.Key, kind, barePhoneIsOwn)),
                _ => null,
            }
            : FindKey(key, kind, barePhoneIsOwn);
    }

    /// <summary>The column a canonical header key without a number means (<see cref="Find"/>), or null.</summary>
    private static RosterColumn? FindKey(string key, RosterKind kind, bool barePhoneIsOwn) =>
        Named(key, kind)
            ?? (barePhoneIsOwn && kind == RosterKind.People && BarePhones.Any(p => Normalize(p) == key) ? All.First(c => c.Name == "ownPhone") : null)
            ?? (kind == RosterKind.People ? PhoneOf(key) ?? SamePersonQualified(key, kind) : null);

    /// <summary>The column of <paramref name="kind"/> whose English name or a synonym is <paramref name="key"/>, or null.</summary>
    private static RosterColumn? Named(string key, RosterKind kind) =>
        All.FirstOrDefault(c => c.In(kind) && (Normalize(c.Name) == key || c.Synonyms.Any(s => Normalize(s) == key)));

    /// <summary>
    /// A normalized header with the brackets exports use made round (【家长】, [家长], 〔家长〕, 「家长」, 《家长》 as (家长)) and
    /// the guardian written as both words made 监护人 (家长/监护人电话, 监护人/家长姓名, 家长(监护人), 家长、监护人): the same
    /// column, as class lists write it (round-36 leftovers). Beside a working-away parent's column only the bracket form says
    /// whose it is (<see cref="NamesTheGuardian"/>).
    /// </summary>
    private static string Canonical(string key)
    {
        var round = Round(key);
        foreach (var both in GuardianWrittenTwice)
        {
            round = round.Replace(both, "监护人", StringComparison.Ordinal);
        }

        return round;
    }

    private static string Round(string key) => key.Replace('【', '(').Replace('】', ')').Replace('〔', '(').Replace('〕', ')')
        .Replace('[', '(').Replace(']', ')').Replace('「', '(').Replace('」', ')').Replace('《', '(').Replace('》', ')');

    /// <summary>The ways a header names the guardian as parent and guardian at once (<see cref="Canonical"/>).</summary>
    private static readonly string[] GuardianWrittenTwice =
        ["家长/监护人", "监护人/家长", "家长(监护人)", "监护人(家长)", "家长或监护人", "监护人或家长", "家长、监护人", "监护人、家长", "家长及监护人", "家长和监护人", "家长\\监护人", "监护人\\家长"];

    /// <summary>
    /// True when a header that says 家长 still names the guardian beyond doubt: the guardian is the bracketed explanation
    /// of 家长 or the other way round (家长（监护人）电话, 监护人【家长】, 监护人电话（家长）, 家长电话（监护人）). 家长/监护人 and 家长或监护人 ("a parent or the
    /// guardian") may mean the parent working away as well, so beside such a column they are refused as 家长 is (round-37
    /// red team: 联系电话（家长或监护人） gave the working father's number to the grandmother).
    /// </summary>
    public static bool NamesTheGuardian(string header) =>
        Round(Normalize(header)) is var key && (key.Contains("家长(监护人)", StringComparison.Ordinal) || key.Contains("监护人(家长)", StringComparison.Ordinal)
            || (key.StartsWith("监护人", StringComparison.Ordinal) && key.EndsWith("(家长)", StringComparison.Ordinal))
            || (key.StartsWith("家长", StringComparison.Ordinal) && key.EndsWith("(监护人)", StringComparison.Ordinal)));

    /// <summary>Whose phone a header names in brackets after a <see cref="BarePhones"/> name: 手机号码（本人）, 联系电话(家长).</summary>
    private static readonly IReadOnlyDictionary<string, string> PhoneWhose = new Dictionary<string, string>
    {
        ["本人"] = "ownPhone", ["居民"] = "ownPhone", ["学生本人"] = "ownPhone", ["监护人"] = "guardianPhone", ["家长"] = "guardianPhone",
        ["务工家长"] = "parentPhone", ["外出务工家长"] = "parentPhone",
    };

    /// <summary>
    /// The phone column of a normalized header of the form "phone (whose)" — a <see cref="BarePhones"/> name followed by whose
    /// phone it is in brackets (<see cref="PhoneWhose"/>), as many exports write it: 手机号码（本人）, 联系电话（家长）; else null.
    /// </summary>
    private static RosterColumn? PhoneOf(string key)
    {
        var open = key.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || !key.EndsWith(')'))
        {
            return null;
        }

        var phone = key[..open];
        var whose = key[(open + 1)..^1];
        return BarePhones.Any(p => Normalize(p) == phone) && PhoneWhose.TryGetValue(whose, out var column) ? All.First(c => c.Name == column) : null;
    }

    /// <summary>True for a running-number header (<see cref="Ignored"/>).</summary>
    public static bool IsIgnored(string header) => Ignored.Any(i => Normalize(i) == Normalize(header));

    /// <summary>
    /// Headers of a free-text notes column (备注, 说明, Remarks, …), which most class lists carry: accepted and not read, and
    /// named in the import's message (<see cref="NotesNotice"/>). A note about a pupil ("父母离异，跟随奶奶生活") is sensitive
    /// and has no column in a person's record; refusing the whole file for it (round-40 new-user trial) made the teacher
    /// delete it by hand, and reading it silently would lose it without a word.
    /// </summary>
    public static readonly IReadOnlyList<string> Notes = ["备注", "备注信息", "备注说明", "说明", "其他说明", "Remarks", "Remark", "Notes", "Note", "Comments"];

    /// <summary>True for a free-text notes header (<see cref="Notes"/>).</summary>
    public static bool IsNotes(string header) => Notes.Any(n => Normalize(n) == Normalize(header));

    /// <summary>
    /// The import's notice that notes columns were not imported, naming each (its 1-based number and header as written), in
    /// English and Simplified Chinese; null when <paramref name="header"/> has none.
    /// </summary>
    public static (string English, string Chinese)? NotesNotice(IReadOnlyList<string> header)
    {
        var notes = header.Select((h, i) => (Number: i + 1, Shown: h.Trim().Replace("\uFEFF", "", StringComparison.Ordinal)))
            .Where(c => IsNotes(c.Shown)).ToList();
        if (notes.Count == 0)
        {
            return null;
        }

        var english = string.Join(", ", notes.Select(c => $"column {c.Number} ('{c.Shown}')"));
        var chinese = string.Join("、", notes.Select(c => $"第 {c.Number} 列“{c.Shown}”"));
        return ($"Free-text notes are not imported from a roster: {english} was not read. If a note tells of a concern, report it (reportConcern) or record it in the case.",
            $"名单中的自由填写备注不随文件导入：{chinese}未读取。如备注中有需要关注的情况，请通过“上报关注”或在个案中记录。");
    }

    /// <summary>Why a header that is not a column is refused (<see cref="NotColumns"/>), or null.</summary>
    public static RosterHeaderHint? HintFor(string header) =>
        NotColumns.Where(n => Round(Normalize(n.Key)) == Round(Normalize(header))).Select(n => (RosterHeaderHint?)n.Value).FirstOrDefault();

    /// <summary>The columns of a roster of <paramref name="kind"/>, required first.</summary>
    public static IReadOnlyList<RosterColumn> Of(RosterKind kind) => All.Where(c => c.In(kind)).ToList();

    /// <summary>The required columns of a roster of <paramref name="kind"/>: externalId, displayName (and roles for staff).</summary>
    public static IReadOnlyList<string> Required(RosterKind kind) =>
        kind == RosterKind.Staff ? ["externalId", "displayName", "roles"] : ["externalId", "displayName"];

    /// <summary>
    /// The accepted header names of a roster of <paramref name="kind"/> in both languages, as
    /// <c>externalId (学号, 学籍号, …); displayName (姓名, …); …</c>: the English name, then its synonyms.
    /// </summary>
    public static string Accepted(RosterKind kind) =>
        string.Join("; ", Of(kind).Select(c => $"{c.Name} ({string.Join(", ", c.Synonyms)})"));

    /// <summary>
    /// The Chinese name a roster row error uses for <paramref name="column"/>: its first Chinese header name (<c>sex</c> →
    /// 性别, <c>externalId</c> → 学号, <c>dateOfBirth</c> → 出生日期), or the name itself for a column that has none.
    /// </summary>
    public static string ChineseName(string column) =>
        All.FirstOrDefault(c => c.Name == column)?.Synonyms.FirstOrDefault(Bilingual.HasChinese) ?? column;

    /// <summary>One column's accepted names, as <c>externalId (学号, 学籍号, …)</c>.</summary>
    public static string Describe(string column) =>
        All.FirstOrDefault(c => c.Name == column) is { } c ? $"{c.Name} ({string.Join(", ", c.Synonyms)})" : column;
}

/// <summary>Why a header schools often export is not a roster column.</summary>
[GenerateSerializer, Alias("CareGrid.RosterHeaderHint")]
public enum RosterHeaderHint
{
    /// <summary>An identity-card number: CareGrid does not store one (data minimisation, PIPL art. 6).</summary>
    IdentityNumber = 0,
    /// <summary>
    /// A school (any roster), or a class or grade in a staff roster: the rows land in the unit the import names
    /// (<c>organizationId</c>, <c>--organization</c>); a people roster places rows by its 班级 column instead.
    /// </summary>
    Unit = 1,
    /// <summary>
    /// A phone that does not say whose, in a school's roster (or 家庭电话 in any): the guardian's (<c>guardianPhone</c>), the
    /// parent's working away (<c>parentPhone</c>) or the person's own (<c>ownPhone</c>). A town's or district's people roster
    /// reads 联系电话 and the other <see cref="RosterColumns.BarePhones"/> as <c>ownPhone</c>.
    /// </summary>
    WhosePhone = 2,
    /// <summary>
    /// A 家长 (parent) column in a roster that also names the parent working away (外出务工家长, 务工地点, 务工家长电话): there
    /// 家长 may mean either parent, so it is not read as the guardian's (round-36 red team: 监护人 奶奶 was given the working
    /// father's 家长电话). Rename it 监护人… or 务工家长….
    /// </summary>
    WhichParent = 3,
    /// <summary>
    /// A numbered column other than the first (家长电话2, 监护人2电话, 父亲电话2): only a column numbered 1 is read as the column,
    /// as a contact keeps one phone and a roster one set of each contact's columns; a second is refused, not dropped. Delete it,
    /// or give another adult's columns that adult's names (父亲…, 母亲…, 紧急联系人…).
    /// </summary>
    Numbered = 4,
}
