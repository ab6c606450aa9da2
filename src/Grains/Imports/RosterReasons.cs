using System.Text.RegularExpressions;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;

namespace CareGrid.Grains.Imports;

/// <summary>
/// Every reason a roster row is refused or not written (<see cref="ImportRowError.Reason"/>), in English then Simplified
/// Chinese (<see cref="Bilingual.Join"/>): a teacher reading the refused rows of her roster reads the Chinese, an API client
/// or an operator the English. The Chinese names the column as a school roster does (<see cref="RosterColumns.ChineseName"/>:
/// 学号, 姓名, 性别, 出生日期 …). No reason echoes a cell's value (docs/rosters.md).
/// </summary>
public static partial class RosterReasons
{
    /// <summary>The date forms of <see cref="RosterCsv.DateForms"/>, as a Chinese reader is shown them.</summary>
    private const string DateFormsChinese = "年份在前，如 2013-05-09、2013/5/9、2013.5.9、2013年5月9日 或 20130509";

    /// <summary>A required text cell (<c>externalId</c>, <c>displayName</c>) that is empty, too long or holds a control character.</summary>
    public static string Required(string column, int maxLength) => Bilingual.Join(
        $"{column} is required: 1–{maxLength} characters without control characters.",
        $"{Zh(column)}为必填项：1–{maxLength} 个字符，不含控制字符。");

    /// <summary>A <c>sex</c> cell that is none of <see cref="RosterCsv.SexForms"/>.</summary>
    public static string Sex() => Bilingual.Join(
        $"sex is {RosterCsv.SexForms}.",
        "性别请填“男”或“女”（也可填 男性/女性、男生/女生、M/F、male/female、boy/girl）；不详时填“未知”“未说明”、U 或留空。不接受 1/2、0/1 这样的数字代码。");

    /// <summary>A <c>birthYear</c> cell that is not a year from 1900 to <paramref name="thisYear"/>.</summary>
    public static string BirthYear(int thisYear) => Bilingual.Join(
        $"birthYear is a year from 1900 to {thisYear}, or empty.",
        $"出生年份应为 1900 至 {thisYear} 之间的四位年份，或留空。");

    /// <summary>A <c>dateOfBirth</c> cell that is no date or year and month in the accepted forms, or outside 1900 to <paramref name="thisYear"/>.</summary>
    public static string DateOfBirth(int thisYear) => Bilingual.Join(
        $"dateOfBirth is a date from 1900 to {thisYear} written year first as {RosterCsv.DateForms}, a year and month as {RosterCsv.YearMonthForms}, or empty.",
        $"出生日期应为 1900 至 {thisYear} 年之间的日期，{DateFormsChinese}；也可只填年月，如 2013-05、2013.5、2013年5月 或 201305；或留空。不接受日在前或月在前的写法（如 10/5/2013）和两位年份。");

    /// <summary>A <c>dateOfBirth</c> whose year differs from a filled <c>birthYear</c>.</summary>
    public static string DateOfBirthDisagrees() => Bilingual.Join(
        "The year of dateOfBirth must equal birthYear when both columns are filled: correct one of them, or leave birthYear empty.",
        "出生日期的年份与出生年份不一致：请改正其中一个，或将出生年份留空。");

    /// <summary>
    /// A <c>targetGroups</c> cell holding a part that is neither a code nor a name of one (<see cref="RosterTargetGroups"/>);
    /// lists the catalogued codes with their names (<see cref="Statistics.TargetGroupCatalog.Accepted"/>).
    /// </summary>
    public static string TargetGroups() => Bilingual.Join(
        "targetGroups are codes of 1–64 letters and digits or the names of target groups, separated by ';', '、', ',' or spaces (R-1.2). "
        + $"Codes and names: {Statistics.TargetGroupCatalog.Accepted()}.",
        "目标群体（人群类别）请填下列代码或名称，多个之间用“、”“；”“，”或空格分隔；也可填其他由 1–64 个字母或数字组成的代码。"
        + $"代码及名称：{Statistics.TargetGroupCatalog.Accepted()}。");

    /// <summary>A contact's other columns filled without its name (<paramref name="prefix"/> <c>guardian</c>, <c>parent</c>, <c>father</c>, <c>mother</c> or <c>emergencyContact</c>).</summary>
    public static string ContactNameRequired(string prefix) => Bilingual.Join(
        $"{prefix}Name is required when other {prefix} columns are filled.",
        $"填写了{prefix switch { "guardian" => "监护人", "guardian2" => "第二位监护人", "father" => "父亲", "mother" => "母亲", "emergencyContact" => "紧急联系人", _ => "外出务工家长" }}的其他信息时，{Zh(prefix + "Name")}为必填项。");

    /// <summary>
    /// A contact cell the person rules refuse (<c>PersonValidation.Contact</c>): <paramref name="english"/> is that rule's
    /// message for <paramref name="column"/> (e.g. <c>guardianPhone</c>); kept as it is when it already has its Chinese
    /// (an identity number, <see cref="Validation.ResidentIdNumber.Problem"/>), else joined to the Chinese of the rule.
    /// </summary>
    public static string Contact(string column, string english)
    {
        var phone = column.EndsWith("Phone", StringComparison.Ordinal) && english.Contains("phone number", StringComparison.Ordinal);
        if (phone)
        {
            english = Bilingual.Split(english).English; // the column's own Chinese below names it, where the rule's does not
        }
        else if (Bilingual.HasChinese(english))
        {
            return english;
        }

        var chinese = phone
            ? $"{Zh(column)}不是有效的电话号码：应为 7–15 位数字（带分机号时最多 20 位，分机号最多 5 位，手机号没有分机号），可含 +、空格、- 和括号，最多 25 个字符；每格只填一个号码。"
            : english.Contains("at least one letter", StringComparison.Ordinal)
                ? $"{Zh(column)}须至少含一个文字（不可见字符不算）：请填写监护人的真实姓名。"
                : CharacterProblem(column, english) ?? $"{Zh(column)}过长或含有控制字符：姓名与务工地点最多 200 个字符，关系最多 64 个字符。";
        return Bilingual.Join(english, chinese);
    }

    /// <summary>A staff row without a role.</summary>
    public static string RolesMissing() => Bilingual.Join(
        "A staff row needs at least one role (codes separated by ';').",
        "教职工每行至少要有一个角色（多个角色代码之间用英文分号“;”分隔）。");

    /// <summary>
    /// The role check of a staff roster landing in a unit of <paramref name="kind"/> under <paramref name="template"/>:
    /// null when the role fits (<see cref="OrganizationGrain.EnsureRoleFits"/>, the rule of <c>addOrganizationMember</c>),
    /// else that rule's English message joined to its Chinese — a role code that is no code, one the template does not
    /// name (the codes it does are listed), or one held in other kinds of unit.
    /// </summary>
    public static Func<string, string?> RoleCheck(JurisdictionTemplate? template, OrganizationKind kind) => role =>
    {
        try
        {
            OrganizationGrain.EnsureRoleFits(template, role, kind);
            return null;
        }
        catch (CareGridException e)
        {
            // round-26 trial: 角色 = 班主任 read "角色代码应为 1–64 个字母或数字", which a Chinese name seems to be; say what a code is and list them.
            // A cell that is no code reached here as a name no role has (RoleCodeOf maps the names roles do have).
            var english = template is not null && !JurisdictionTemplateCatalog.IsCode(role)
                ? $"'{role}' is neither a role code nor a role's name in this tenant's template; separate several roles with ';'. Roles: {string.Join(", ", template.Roles.Select(r => r.NamesZh is [var n, ..] ? $"{r.Code} ({n})" : r.Code))}."
                : e.Message;
            return Bilingual.Join(english,
                template is null ? "角色请填写角色代码（1–64 个英文字母或数字），例如 HomeroomTeacher。"
                : !JurisdictionTemplateCatalog.IsCode(role) ? $"角色请填写角色代码或其中文名称，例如班主任填 HomeroomTeacher 或“班主任”，多个角色之间用英文分号“;”分隔。本租户可用的角色：{string.Join("、", template.Roles.Select(r => r.NamesZh is [var zh, ..] ? $"{r.Code}（{zh}）" : r.Code))}。"
                : template.Role(role) is not { } known ? $"本租户的模板中没有这个角色代码。可用的角色：{string.Join("、", template.Roles.Select(r => r.Code))}。"
                : $"这个角色只能在 {string.Join("、", known.OrganizationKinds)} 类单位中担任，不能在本单位（{kind}）担任。");
        }
    };

    /// <summary>
    /// The role code a staff roster's role cell means under <paramref name="template"/>: the cell itself when it is a code,
    /// else the code of the template role one of whose Chinese names (<see cref="TemplateRole.NamesZh"/>, e.g. 班主任,
    /// 心理老师) or whose English name it is, compared as headers are (<see cref="RosterColumns.Normalize"/>); a cell no role
    /// is named by is returned as it is, for <see cref="RoleCheck"/> to refuse with the codes listed (round-33 trial: a staff
    /// roster with 角色 = 班主任, as the console itself names the role, was refused row by row).
    /// </summary>
    public static Func<string, string> RoleCodeOf(JurisdictionTemplate? template) => cell =>
    {
        if (template is null)
        {
            return cell;
        }

        if (JurisdictionTemplateCatalog.IsCode(cell))
        {
            // a code in other letter case (homeroomteacher) is that code, as a header is matched (round-33 re-check F4)
            return template.Roles.FirstOrDefault(r => string.Equals(r.Code, cell, StringComparison.OrdinalIgnoreCase))?.Code ?? cell;
        }

        var key = RosterColumns.Normalize(cell);
        return template.Roles.FirstOrDefault(r => RosterColumns.Normalize(r.Name) == key
            || (r.NamesZh ?? []).Any(n => RosterColumns.Normalize(n) == key))?.Code ?? cell;
    };

    /// <summary>A qualification written neither as <c>code</c> nor as <c>code:date</c> with a date in the accepted forms.</summary>
    public static string QualificationForm() => Bilingual.Join(
        $"A qualification is code or code:date, the date (its expiry) written year first as {RosterCsv.DateForms}.",
        $"资质请写成“代码”或“代码:到期日期”，日期{DateFormsChinese}。");

    /// <summary>A qualification code that is no code or is listed twice.</summary>
    public static string QualificationCode() => Bilingual.Join(
        "A qualification code is 1–64 letters and digits, listed once.",
        "资质代码应为 1–64 个字母或数字，同一资质只写一次。");

    /// <summary>A <c>subject</c> (login) cell that is too long or holds a control character.</summary>
    public static string Subject() => Bilingual.Join(
        "subject is at most 200 characters.",
        "登录账号最多 200 个字符，不含控制字符。");

    /// <summary>An <c>externalId</c> already on an earlier row of the file.</summary>
    public static string DuplicateExternalId(int firstRow) => Bilingual.Join(
        $"Duplicate externalId: the same id is on row {firstRow}.",
        $"学号重复：第 {firstRow} 行已有相同的学号。");

    /// <summary>A record the CSV reader could not read (a stray or unclosed quote, a line break inside quotes).</summary>
    public static string Malformed() => Bilingual.Join(
        "Malformed CSV: a stray or unclosed quote, or a line break inside quotes.",
        "该行不是有效的 CSV：有多余或未闭合的引号，或引号内有换行。");

    /// <summary>A record with more fields than the header has columns.</summary>
    public static string TooManyFields(int fields, int headerCount) => Bilingual.Join(
        $"The row has {fields} fields; the header has {headerCount}.",
        $"该行有 {fields} 个字段，而表头只有 {headerCount} 列：请检查多余的逗号。");

    /// <summary>
    /// A cell <see cref="Validation.StoredText"/> refuses; <paramref name="problem"/> is its English fragment (e.g.
    /// "contains the replacement character U+FFFD (character 3): …").
    /// </summary>
    public static string UnsafeCell(string column, string problem) =>
        Bilingual.Join($"{column} {problem}", CharacterProblem(column, problem) ?? $"{Zh(column)}含有无法保存的字符：请删除该字符。");

    /// <summary>A header cell (column <paramref name="number"/>, 1-based) <see cref="Validation.StoredText"/> refuses: the whole file is refused.</summary>
    public static string UnsafeHeader(int number, string problem) =>
        Bilingual.Join($"The header row (column {number}) {problem}",
            CharacterProblem($"表头第 {number} 列", problem) ?? $"表头第 {number} 列含有无法保存的字符：请删除该字符。");

    /// <summary>A row that could not be written after <paramref name="tries"/> tries on transient failures (retryable).</summary>
    public static string NotWritten(int tries) => Bilingual.Join(
        $"Not written: the service was busy or a server was unavailable on each of {tries} tries. Import the same file again to land it.",
        $"未写入：已尝试 {tries} 次，服务一直繁忙或服务器暂时不可用。请再次导入同一文件（已导入的行不会改变）。");

    /// <summary>
    /// A row whose external id is already another person's under another name (<c>EXTERNAL_ID_CONFLICT</c>, a mistyped 学号
    /// would otherwise rename and move that person): says so and how to fix it, never naming the other person (the importer may
    /// not see them, docs/access.md). The row is named by the error's <c>row</c> (the file's line, also when the <c>import</c>
    /// verb or the console sends the file in parts, so the text carries no number that could be a part's).
    /// </summary>
    public static string ExternalIdConflict() => Bilingual.Join(
        "This row's externalId already belongs to another person registered in this tenant, whose name differs from this row's. "
        + "Nothing was imported from the row and the other person was not changed. Check the number (a typo?); if it is the same person "
        + "and the name changed, correct the name on the person's record first, then import again.",
        "该行的学号已属于本租户中登记的另一个人，其姓名与本行不同（可能是学号填错了）。该行没有导入，另一人的记录也没有改变。"
        + "请核对学号；如果确是同一人且姓名有变，请先在此人的档案中改正姓名，再重新导入。");

    /// <summary>
    /// A row whose person (same number, same name) is registered in unit <paramref name="unit"/> (its name and id, or null when
    /// unknown) and the import did not allow moves (<c>PERSON_IN_OTHER_UNIT</c>): says where the person is, that nothing changed,
    /// and the two ways on — the file belongs to another class, or the move is meant and must be asked for.
    /// </summary>
    public static string InOtherUnit(string? unit) => Bilingual.Join(
        $"This person (same externalId and name) is registered in another unit{(unit is null ? "" : $", {unit}")}, and this import does not allow moves: "
        + "nothing was changed. If the file is another class's, import it into that class. If the person really changed class, import again with "
        + "moves allowed (allowMoves: true; the import verb's --allow-moves; the console's box “Move people already registered in another unit into this one”).",
        $"此人（学号和姓名都相同）已在另一单位{(unit is null ? "" : $"“{unit}”")}登记，本次导入未允许调入：此人的记录没有改变。"
        + "如果这是另一个班级的名单，请导入到那个班级；如果此人确实已调班，请勾选“允许调入其他单位的人员”后重新导入。");

    /// <summary>A row of a whole-school roster (a <c>unit</c> column, 班级) whose class cell is blank.</summary>
    public static string UnitBlank() => Bilingual.Join(
        "The class (unit) cell is empty: fill in the row's class, as the school's units are named. Nothing was imported from the row. "
        + "A merged class cell in Excel keeps its name in the first row only: unmerge it and fill every row, or import each class's list into its class.",
        "班级为空：请填写该行的班级（与系统中的单位名称一致）。该行没有导入。"
        + "Excel 中合并的班级单元格只在第一行保留班级名称：请取消合并并填满每一行，或把各班的名单分别导入到该班级。");

    /// <summary>
    /// A blank class cell in a class's import below a cell naming <paramref name="unit"/>, which is no class of the import: a
    /// merged cell spans the rows below it, so the row is that class's pupil, not this one's.
    /// </summary>
    public static string UnitBlankBelowOther(string unit) => Bilingual.Join(
        $"The class (unit) cell is empty below a row whose class is '{unit}', not the class this list is imported into; a merged class cell "
        + "in Excel names every row it spans, so the row may be that class's pupil. Nothing was imported from the row: unmerge the cell and "
        + "fill in every row's class, or import each class's list into its class.",
        $"班级为空，而上方的行填写的班级是“{unit}”，不是本次导入的班级；Excel 中合并的班级单元格对其覆盖的每一行都有效，该行可能是那个班级的学生。"
        + "该行没有导入：请取消合并并填满每一行的班级，或把各班的名单分别导入到该班级。");

    /// <summary>
    /// A blank class cell in a class's import at the top of a later part of a file sent in parts, when the earlier parts' rows
    /// are not known (the service restarted between the parts, or they came out of order): a merged class cell above the cut
    /// may name another class, so the row is not guessed into this one.
    /// </summary>
    public static string UnitBlankAboveUnknown() => Bilingual.Join(
        "The class (unit) cell is empty at the top of a part of the file, and the rows of the parts before it are not known to this "
        + "import (the service restarted between the parts), so a merged class cell above it may name another class. Nothing was "
        + "imported from the row: import the whole file again, or fill in every row's class.",
        "该行位于文件某一部分的开头，班级为空，而本次导入不知道前面各部分的行（两部分之间服务重新启动了），上方合并的班级单元格可能是另一个班级。"
        + "该行没有导入：请重新导入整个文件，或填满每一行的班级。");

    /// <summary>
    /// A row whose class cell (<paramref name="unit"/>, in grade <paramref name="grade"/> when the file has a 年级 column) names no
    /// unit at or under <paramref name="root"/> that takes people; <paramref name="units"/> are the units a class cell may name
    /// (the first <see cref="RosterUnits.NamesShown"/> are listed), <paramref name="suggestion"/> the one it probably meant.
    /// Worded for every tenant kind (单位, not 班级): a town's roster names villages and communities.
    /// </summary>
    public static string UnitNotFound(string unit, string? grade, string root, IReadOnlyList<string> units, string? suggestion = null) => Bilingual.Join(
        $"No unit '{unit}'{(grade is null ? "" : $" in grade '{grade}'")} under {root}.{(suggestion is null ? "" : $" Did you mean {suggestion}?")} "
        + "Check the name, or create the unit first (console: Organization tree), then import again."
        + (units.Count == 0 ? " There are no units under it." : $" Units to choose from: {Listed(units, ", ")}{More(units, $", and {units.Count - RosterUnits.NamesShown} more")}."),
        $"在“{root}”下{(grade is null ? "" : $"的年级“{grade}”中")}没有单位“{unit}”。{(suggestion is null ? "" : $"是否指“{suggestion}”？")}"
        + "请核对单位名称，或先创建该单位（控制台“组织架构”），再重新导入。"
        + (units.Count == 0 ? "其下没有单位。" : $"可选的单位有：{Listed(units, "、")}{More(units, $"等（另有 {units.Count - RosterUnits.NamesShown} 个）")}。"));

    /// <summary>A row whose class cell (in grade <paramref name="grade"/>, when given) names more than one unit (<paramref name="units"/>: each as name and id).</summary>
    public static string UnitAmbiguous(string unit, string? grade, IReadOnlyList<string> units) => Bilingual.Join(
        $"'{unit}'{(grade is null ? "" : $" in grade '{grade}'")} names more than one unit: {Listed(units, ", ")}{More(units, $", and {units.Count - RosterUnits.NamesShown} more")}. "
        + "Write the class's full name or its id, or add a 年级 (grade) column.",
        $"{(grade is null ? "" : $"年级“{grade}”中的")}“{unit}”对应多个单位：{Listed(units, "、")}{More(units, $"等（另有 {units.Count - RosterUnits.NamesShown} 个）")}。请写班级全称或单位编号，或增加“年级”列。");

    private static string Listed(IReadOnlyList<string> names, string separator) => string.Join(separator, names.Take(RosterUnits.NamesShown));

    private static string More(IReadOnlyList<string> names, string more) => names.Count > RosterUnits.NamesShown ? more : "";

    /// <summary>A row that failed on an internal error (retryable).</summary>
    public static string InternalError() => Bilingual.Join(
        "Not written: an internal error. Import the same file again; if the row fails again, report it to the operator.",
        "未写入：内部错误。请再次导入同一文件；如果该行仍然失败，请报告系统管理员。");

    /// <summary>
    /// A row the person or unit refused when it was written (<paramref name="error"/>, e.g. an <c>externalId</c> that is another
    /// person's): the service's message, joined to the Chinese of its kind; kept as it is when it already has its Chinese.
    /// </summary>
    public static string Refused(CareGridException error, string? column)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (Bilingual.HasChinese(error.Message))
        {
            return error.Message;
        }

        var where = column is null ? "该行" : Zh(column);
        var chinese = (error.Code, column) switch
        {
            (ErrorCodes.AlreadyExists, "externalId") => "该学号已是本租户中另一个人的学号或人员编号：请核对学号，或先改正另一人的记录。",
            (ErrorCodes.AlreadyExists, "staffSubject" or "subject") => "该登录账号已属于另一个人（一个账号只属于一个人）：请为此人另设账号，或先修改另一人的登录账号。",
            (ErrorCodes.AlreadyExists, _) => $"{where}与已有记录冲突：请核对后再导入。",
            (ErrorCodes.MemberHasOpenWork, _) => "此人还有未结束的个案或任务，不能修改其登录账号：请先移交这些工作。",
            (ErrorCodes.NotFound, _) => "该行引用的记录（单位或人员）不存在：请核对后再导入。",
            (ErrorCodes.ValidationFailed, "organizationId") => "该单位已关闭，不再接收新的人员。",
            (ErrorCodes.ValidationFailed, _) => $"{where}的内容不符合要求（原因见英文说明）：请改正后再导入。",
            (ErrorCodes.Forbidden, _) => "您无权导入该行：请联系本租户的管理员。",
            _ => "该行未能导入（原因见英文说明）：请改正后再导入。",
        };
        return Bilingual.Join(error.Message, chinese);
    }

    /// <summary>The Chinese of a refused character, from the English of <see cref="Validation.StoredText.Problem"/>: which character and what to do; null when the English names none.</summary>
    private static string? CharacterProblem(string column, string english)
    {
        var m = CodePoint().Match(english);
        if (!m.Success)
        {
            return null;
        }

        var position = m.Groups["at"].Success ? $"第 {m.Groups["at"].Value} 个字符" : "";
        var advice = english.Contains("U+FFFD", StringComparison.Ordinal) || english.Contains("wrong encoding", StringComparison.Ordinal)
            ? "文件的编码可能不对（例如 GBK 文件被当作 UTF-8 读取）：请在 Excel 中另存为“CSV UTF-8 (逗号分隔)(*.csv)”后重新导入。"
            : "这是看不见的或控制字符，可能让两个不同的内容看起来一样：请删除该字符。";
        return $"{Zh(column)}{position}是无法保存的字符 {m.Groups["cp"].Value}：{advice}";
    }

    /// <summary>A code point as StoredText names it (<c>U+FFFD</c>) and, when given, its 1-based position (<c>(character 3)</c>).</summary>
    [GeneratedRegex(@"(?<cp>U\+[0-9A-F]{4,6})(?:.*?\(character (?<at>[0-9]+)\))?", RegexOptions.CultureInvariant)]
    private static partial Regex CodePoint();

    /// <summary>The column's Chinese name (<see cref="RosterColumns.ChineseName"/>).</summary>
    private static string Zh(string column) => RosterColumns.ChineseName(column);
}
