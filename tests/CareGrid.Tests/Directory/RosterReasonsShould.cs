using CareGrid.Grains.Errors;
using CareGrid.Grains.Imports;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.Validation;
using CareGrid.Tests.Domain;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>
/// Every reason a roster row is refused is in English and Simplified Chinese (<see cref="RosterReasons"/>, docs/rosters.md
/// "Row errors"): a psychology teacher reading the refused rows of her roster reads the Chinese. One bad row per column
/// rule, read by the real roster reader (<see cref="RosterCsv.Parse"/>, with the import's real role check), so a new
/// English-only message fails here.
/// </summary>
[Trait("tier", "domain")]
public sealed class RosterReasonsShould
{
    private const int ThisYear = 2026;

    private static readonly string[] PeopleHeader =
        ["externalId", "displayName", "sex", "birthYear", "dateOfBirth", "targetGroups", "guardianName", "guardianRelationship", "guardianPhone", "parentName", "parentWorkplace", "parentPhone"];

    /// <summary>A people row: the named cells filled, the others empty (the id and name default to a fine pupil's).</summary>
    private static string Row(string id, Dictionary<string, string>? cells = null) =>
        string.Join(",", PeopleHeader.Select(c => cells?.GetValueOrDefault(c) ?? c switch { "externalId" => id, "displayName" => "林小雨", _ => "" }));

    /// <summary>One bad people row per rule, with the column its error names (null: the row as a whole).</summary>
    private static readonly (string Rule, string Row, string? Column)[] PeopleRows =
    [
        ("externalId required", Row("", new() { ["externalId"] = "" }), "externalId"),
        ("externalId identity number", Row("G" + FictionalIdNumbers.Valid()), "externalId"),
        ("displayName required", Row("P3", new() { ["displayName"] = new string('名', 201) }), "displayName"),
        ("displayName identity number", Row("P4", new() { ["displayName"] = "林小雨" + FictionalIdNumbers.Valid("20120101", "456") }), "displayName"),
        ("sex numeric code", Row("P5", new() { ["sex"] = "2" }), "sex"),
        ("birthYear range", Row("P6", new() { ["birthYear"] = "1800" }), "birthYear"),
        ("dateOfBirth day first", Row("P7", new() { ["dateOfBirth"] = "10/5/2013" }), "dateOfBirth"),
        ("dateOfBirth disagrees with birthYear", Row("P8", new() { ["birthYear"] = "2012", ["dateOfBirth"] = "2013-05-09" }), "dateOfBirth"),
        ("targetGroups codes", Row("P9", new() { ["targetGroups"] = "left behind" }), "targetGroups"),
        ("guardianName required", Row("P10", new() { ["guardianPhone"] = "13800000000" }), "guardianName"),
        ("guardianName letter", Row("P11", new() { ["guardianName"] = "12345" }), "guardianName"),
        ("guardianRelationship length", Row("P12", new() { ["guardianName"] = "王芳", ["guardianRelationship"] = new string('亲', 65) }), "guardianRelationship"),
        ("guardianPhone form", Row("P13", new() { ["guardianName"] = "王芳", ["guardianPhone"] = "call me" }), "guardianPhone"),
        ("guardianPhone identity number", Row("P14", new() { ["guardianName"] = "王芳", ["guardianPhone"] = FictionalIdNumbers.Valid("19850101", "789") }), "guardianPhone"),
        ("parentWorkplace length", Row("P15", new() { ["parentName"] = "林建国", ["parentWorkplace"] = new string('厂', 201) }), "parentWorkplace"),
        ("unsafe cell U+FFFD", Row("P16", new() { ["displayName"] = "林\uFFFD雨" }), "displayName"),
        ("unsafe cell control character", Row("P17", new() { ["parentWorkplace"] = "Fac\u0085tory" }), "parentWorkplace"),
        ("too many fields", Row("P18") + ",extra", null),
        ("duplicate externalId", Row("P5b") + "\n" + Row("P5b"), "externalId"),
        ("malformed", "P19,\"林小雨,,,,,,,,,,", null),
    ];

    private static readonly JurisdictionTemplate School = JurisdictionTemplateCatalog.Load(JurisdictionTemplateCatalog.DefaultFolder).Find("school")!;

    /// <summary>One bad staff row per staff rule: externalId,displayName,roles,qualifications,subject.</summary>
    private static readonly (string Rule, string Row, string Column)[] StaffRows =
    [
        ("roles required", "T1,李老师,,,", "roles"),
        ("role unknown to the template", "T2,李老师,Headmaster,,", "roles"),
        ("role no code", "T3,李老师,head master!,,", "roles"),
        ("role by a Chinese name the template does not give", "T3b,李老师,校医,,", "roles"),
        ("role held in another kind of unit", "T4,李老师,GradeLeader,,", "roles"),
        ("qualification date", "T5,李老师,HomeroomTeacher,CounsellingCertificate:30/6/2027,", "qualifications"),
        ("qualification code", "T6,李老师,HomeroomTeacher,Counselling Certificate,", "qualifications"),
        ("subject length", $"T7,李老师,HomeroomTeacher,,{new string('a', 201)}", "subject"),
    ];

    [Fact]
    public void Give_every_refused_people_row_its_reason_in_English_and_Chinese()
    {
        var csv = string.Join(",", PeopleHeader) + "\n" + string.Join("\n", PeopleRows.Select(r => r.Row)) + "\n";
        var parse = RosterCsv.Parse(csv, RosterKind.People, "class-1", ThisYear, _ => null);

        // Every rule refused its row, naming the expected column (so no rule is left out of the check below).
        Assert.Equal(PeopleRows.Select(r => r.Column), parse.Errors.Select(e => e.Column));
        AssertBilingual(parse.Errors);
    }

    [Fact]
    public void Give_every_refused_staff_row_its_reason_in_English_and_Chinese_with_the_imports_role_check()
    {
        var csv = "externalId,displayName,roles,qualifications,subject\n" + string.Join("\n", StaffRows.Select(r => r.Row)) + "\n";
        var parse = RosterCsv.Parse(csv, RosterKind.Staff, "class-1", ThisYear, RosterReasons.RoleCheck(School, OrganizationKind.Class));

        Assert.Equal(StaffRows.Select(r => r.Column), parse.Errors.Select(e => e.Column));
        AssertBilingual(parse.Errors);
        Assert.Contains("HomeroomTeacher", parse.Errors[1].Reason, StringComparison.Ordinal);
        // round-26 trial: 班主任 was told "1–64 letters or digits", which it seems to be; now the codes are named, each with its Chinese name
        Assert.Contains("角色请填写角色代码或其中文名称", parse.Errors[3].Reason, StringComparison.Ordinal);
        Assert.Contains("HomeroomTeacher（班主任）", parse.Errors[3].Reason, StringComparison.Ordinal);
        Assert.Contains("neither a role code nor a role's name", parse.Errors[3].Reason, StringComparison.Ordinal); // the English half agrees (round-33 re-check F4)
    }

    [Fact]
    public void Read_a_role_given_by_its_Chinese_name_as_the_template_role_it_names()
    {
        // round-33 trial: a staff roster with 角色 = 班主任 / 心理老师, the names the console itself shows, was refused row by row
        const string Csv = "工号,姓名,角色\nT1,李老师,班主任\nT2,王老师, 班主任老师 ;HomeroomTeacher\nT3,赵老师,Homeroom teacher\nT3c,孙老师,homeroomteacher\n";
        var parse = RosterCsv.Parse(Csv, RosterKind.Staff, "class-1", ThisYear, RosterReasons.RoleCheck(School, OrganizationKind.Class), roleCodeOf: RosterReasons.RoleCodeOf(School));
        Assert.Empty(parse.Errors);
        Assert.All(parse.Rows, r => Assert.Equal(["HomeroomTeacher"], r.Roles));

        var centre = RosterCsv.Parse("工号,姓名,角色\nT4,周老师,心理老师\n", RosterKind.Staff, "counselling-centre", ThisYear,
            RosterReasons.RoleCheck(School, OrganizationKind.CounsellingCentre), roleCodeOf: RosterReasons.RoleCodeOf(School));
        Assert.Equal(["PsychologyTeacher"], Assert.Single(centre.Rows).Roles);

        // A name held elsewhere is still refused where it cannot be held: 年级组长 in a class.
        var misplaced = RosterCsv.Parse("工号,姓名,角色\nT5,钱老师,年级组长\n", RosterKind.Staff, "class-1", ThisYear,
            RosterReasons.RoleCheck(School, OrganizationKind.Class), roleCodeOf: RosterReasons.RoleCodeOf(School));
        Assert.Equal("roles", Assert.Single(misplaced.Errors).Column);
    }

    [Fact]
    public void Give_rows_refused_or_not_written_by_the_service_their_reason_in_English_and_Chinese()
    {
        var refusals = new[]
        {
            new CareGridException(ErrorCodes.AlreadyExists, "externalId 'S1' is already the externalId of another person in this tenant.", new Dictionary<string, string> { ["field"] = "externalId" }),
            new CareGridException(ErrorCodes.AlreadyExists, "The login sub 'x' is already the staffSubject of another person.", new Dictionary<string, string> { ["field"] = "staffSubject" }),
            CareGridException.Validation("organizationId", "The organization is closed."),
            CareGridException.Validation("birthYear", "The birth year is between 1900 and 2026."),
            new CareGridException(ErrorCodes.MemberHasOpenWork, "The person owns open work."),
            CareGridException.NotFound("Organization", "class-9"),
            new CareGridException(ErrorCodes.Forbidden, "You may not import into this unit."),
            new CareGridException(ErrorCodes.StorageLimit, "The unit's stored state is full."),
        };
        var reasons = refusals.Select(e => new ImportRowError(2, e.Details.GetValueOrDefault("field"), RosterReasons.Refused(e, e.Details.GetValueOrDefault("field"))))
            .Append(new ImportRowError(3, null, RosterReasons.NotWritten(3), true))
            .Append(new ImportRowError(4, null, RosterReasons.InternalError(), true))
            .ToList();

        AssertBilingual(reasons);
        Assert.All(reasons.Take(refusals.Length).Zip(refusals), p => Assert.StartsWith(p.Second.Message, p.First.Reason, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "名单是空的")]
    [InlineData("externalId,displayName\n", "名单只有表头，没有数据行")]
    [InlineData("externalId,display\uFFFDName\nF7,Ann\n", "表头第 2 列第 8 个字符是无法保存的字符 U+FFFD")]
    public void Refuse_a_file_in_English_and_Chinese(string csv, string chinese)
    {
        var e = Assert.Throws<CareGridException>(() => RosterCsv.Parse(csv, RosterKind.People, "class-1", ThisYear, _ => null));
        Assert.Equal((ErrorCodes.ValidationFailed, "csv"), (e.Code, e.Details["field"]));
        var (english, zh) = Bilingual.Split(e.Message);
        Assert.True(english.Count(char.IsAsciiLetter) >= 10, e.Message);
        Assert.Contains(chinese, zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Keep_a_reason_that_already_has_its_Chinese_as_it_is()
    {
        var error = CareGridException.Validation("externalId", ResidentIdNumber.Problem("G" + FictionalIdNumbers.Valid(), "externalId", externalId: true)!);
        Assert.Equal(error.Message, RosterReasons.Refused(error, "externalId"));
    }

    /// <summary>
    /// Each reason is <c>English / 中文</c> (<see cref="Bilingual.Join"/>): an English part with Latin words, then after
    /// the first " / " a Chinese part with Chinese words (at least six ideographs). Never the cell's value.
    /// </summary>
    private static void AssertBilingual(IReadOnlyList<ImportRowError> errors)
    {
        Assert.NotEmpty(errors);
        Assert.All(errors, e =>
        {
            var at = e.Reason.IndexOf(Bilingual.Separator, StringComparison.Ordinal);
            Assert.True(at > 0, $"row {e.Row} {e.Column}: no Chinese part after \"{Bilingual.Separator}\": {e.Reason}");
            var (english, chinese) = (e.Reason[..at], e.Reason[(at + Bilingual.Separator.Length)..]);
            Assert.True(english.Count(char.IsAsciiLetter) >= 10, $"row {e.Row} {e.Column}: no English part: {e.Reason}");
            var ideographs = chinese.Count(Bilingual.IsIdeograph);
            Assert.True(ideographs >= 6, $"row {e.Row} {e.Column}: the Chinese part is not Chinese: {chinese}");
            Assert.DoesNotContain("call me", e.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain(FictionalIdNumbers.Valid(), e.Reason, StringComparison.Ordinal);
        });
    }

    // New-user trial (a town in Chinese): a village the roster names but the tree lacks was refused with "没有班级或单位“北村”…
    // 请先创建该班级". The reason is worded for every tenant kind.
    [Fact]
    public void Name_a_missing_unit_without_school_words()
    {
        var reason = RosterReasons.UnitNotFound("北村", null, "石桥镇 (town)", ["张家村", "幸福社区"], "张家村");

        Assert.Contains("No unit '北村' under 石桥镇 (town). Did you mean 张家村? Check the name, or create the unit first", reason, StringComparison.Ordinal);
        Assert.Contains("在“石桥镇 (town)”下没有单位“北村”。是否指“张家村”？请核对单位名称，或先创建该单位（控制台“组织架构”）", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("班级", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("class", reason, StringComparison.OrdinalIgnoreCase);
    }
}
