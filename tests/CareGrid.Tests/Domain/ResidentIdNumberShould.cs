using CareGrid.Grains.Errors;
using CareGrid.Grains.Imports;
using CareGrid.Grains.People;
using CareGrid.Grains.People.Domain;
using CareGrid.Grains.Validation;

namespace CareGrid.Tests.Domain;

/// <summary>
/// No resident identity-card numbers are stored (data minimisation, PIPL art. 6; docs/rosters.md): the rule
/// (<see cref="ResidentIdNumber"/>) with valid fictional numbers (<see cref="FictionalIdNumbers"/>) and 18-digit values that
/// are not identity numbers, then the two places it guards without a silo — person input and roster rows.
/// </summary>
[Trait("tier", "domain")]
public sealed class ResidentIdNumberShould
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("20130509", "123")]
    [InlineData("20000229", "001")]
    [InlineData("19010101", "999")]
    [InlineData("20991231", "500")]
    [InlineData("19800731", "042")]
    public void Recognize_a_number_with_a_valid_check_character_and_birth_date(string birth, string sequence)
    {
        var number = FictionalIdNumbers.Valid(birth, sequence);
        Assert.True(ResidentIdNumber.IsValid(number));
        Assert.True(ResidentIdNumber.Embeds(number));
        Assert.False(ResidentIdNumber.IsValid(FictionalIdNumbers.WrongCheck(birth, sequence)));
    }

    [Fact]
    public void Recognize_the_check_character_X_in_either_case()
    {
        var number = FictionalIdNumbers.EndingInX();
        Assert.True(ResidentIdNumber.IsValid(number));
        Assert.True(ResidentIdNumber.IsValid(number[..17] + "x"));
        Assert.False(ResidentIdNumber.IsValid(number[..17] + "Y"));
    }

    /// <summary>
    /// One mistyped digit of a real-looking number (a province code, a birth date) leaves a wrong check character, and the
    /// number still points at one pupil: it is refused as an identity number (round-34 new-user trial: stored as a roster
    /// number). No real person holds a number with a wrong check character, so these test values are nobody's.
    /// </summary>
    [Theory]
    [InlineData("440106", "20130509", "123")] // Guangdong
    [InlineData("110101", "20090101", "001")] // Beijing
    [InlineData("820000", "19800731", "042")] // Macao
    public void Refuse_a_number_mistyped_in_its_check_character_that_begins_with_a_province_code(string region, string birth, string sequence)
    {
        var first17 = region + birth + sequence;
        var right = FictionalIdNumbers.Check(first17);
        var mistyped = first17 + (right == '0' ? '1' : '0');

        Assert.True(ResidentIdNumber.Embeds(mistyped));
        Assert.True(ResidentIdNumber.Embeds("G" + mistyped));
        Assert.NotNull(ResidentIdNumber.Problem(mistyped, "externalId", externalId: true));
        Assert.False(ResidentIdNumber.Embeds(region + "20131309" + sequence + right)); // no real date: not an identity number
        Assert.False(ResidentIdNumber.Embeds("99" + mistyped[2..])); // no province code and a wrong check: accepted as before
    }

    public static TheoryData<string> Embedding() => new()
    {
        "G" + FictionalIdNumbers.Valid(),
        "L" + FictionalIdNumbers.Valid("20120101", "456"),
        "J" + FictionalIdNumbers.Valid("20110315", "789"),
        "g" + FictionalIdNumbers.EndingInX().ToLowerInvariant(),
        FictionalIdNumbers.Valid()[..6] + " " + FictionalIdNumbers.Valid()[6..14] + " " + FictionalIdNumbers.Valid()[14..],
        FictionalIdNumbers.Valid()[..6] + "-" + FictionalIdNumbers.Valid()[6..],
        string.Concat(FictionalIdNumbers.Valid().Select(c => char.IsAsciiDigit(c) ? (char)(c - '0' + '\uFF10') : '\uFF38')),
        "S2024-" + FictionalIdNumbers.Valid(),
        "12" + FictionalIdNumbers.Valid() + "34",
        "林小雨" + FictionalIdNumbers.Valid(),
    };

    [Theory]
    [MemberData(nameof(Embedding))]
    public void Find_a_number_alone_after_a_letter_in_groups_full_width_or_inside_other_text(string value)
    {
        Assert.True(ResidentIdNumber.Embeds(value));
        var problem = ResidentIdNumber.Problem(value, "externalId", externalId: true)!;
        Assert.StartsWith("externalId is or contains a resident identity-card number", problem, StringComparison.Ordinal);
        Assert.Contains("PIPL art. 6", problem, StringComparison.Ordinal);
        Assert.Contains("学号", problem, StringComparison.Ordinal);
        Assert.Contains("本系统不保存身份证号", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(FictionalIdNumbers.Valid()[6..14], problem, StringComparison.Ordinal);
    }

    public static TheoryData<string?> NotEmbedding() => new()
    {
        null,
        "",
        FictionalIdNumbers.WrongCheck(),
        "G" + FictionalIdNumbers.WrongCheck(),
        FictionalIdNumbers.WrongCheck("20000229", "001"),
        "99000020131309123" + FictionalIdNumbers.Check("99000020131309123"),
        "99000020130230123" + FictionalIdNumbers.Check("99000020130230123"),
        "99000018991231123" + FictionalIdNumbers.Check("99000018991231123"),
        FictionalIdNumbers.Valid()[..17],
        "S2024-0211",
        "G2024080112",
        "13900000101",
        "林小雨",
    };

    [Theory]
    [MemberData(nameof(NotEmbedding))]
    public void Accept_values_that_are_not_identity_numbers_such_as_18_digits_failing_the_check_or_the_date(string? value)
    {
        Assert.False(ResidentIdNumber.Embeds(value));
        Assert.Null(ResidentIdNumber.Problem(value, "externalId", externalId: true));
        Assert.Equal(value, ResidentIdNumber.Ensure(value, "externalId", externalId: true));
    }

    [Fact]
    public void Refuse_an_identity_number_as_external_id_or_name_of_a_registration_and_an_update()
    {
        var register = new RegisterPerson("林小雨", "class-8-2", Sex.Female, 2013, "G" + FictionalIdNumbers.Valid(), [], null);
        AssertRefused(() => PersonInput.Registration(register, Now), "externalId");
        AssertRefused(() => PersonInput.Registration(register with { ExternalId = "S1", DisplayName = "林小雨 " + FictionalIdNumbers.Valid() }, Now), "displayName");
        var update = new UpdatePerson("林小雨", "class-8-2", Sex.Female, 2013, FictionalIdNumbers.EndingInX(), null);
        AssertRefused(() => PersonInput.Profile(update, new PersonState(), Now), "externalId");
        AssertRefused(() => PersonValidation.Contact(new PersonContact(ContactKind.Guardian, "林奶奶", null, FictionalIdNumbers.Valid(), null), "contacts[0]"), "contacts[0].phone");

        Assert.Equal(FictionalIdNumbers.WrongCheck(), PersonInput.Registration(register with { ExternalId = FictionalIdNumbers.WrongCheck() }, Now).ExternalId);
        Assert.Equal("G" + FictionalIdNumbers.WrongCheck(), PersonInput.Profile(update with { ExternalId = "G" + FictionalIdNumbers.WrongCheck() }, new PersonState(), Now).ExternalId);
    }

    private static void AssertRefused(Action act, string field)
    {
        var e = Assert.Throws<CareGridException>(act);
        Assert.Equal((ErrorCodes.ValidationFailed, field), (e.Code, e.Details["field"]));
        Assert.Contains("身份证号", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuse_a_roster_row_whose_学籍号_embeds_an_identity_number_naming_the_column_and_the_fix()
    {
        var csv = $"学籍号,姓名,性别\nG{FictionalIdNumbers.Valid()},林小雨,女\n{FictionalIdNumbers.WrongCheck()},王小明,男\nS2024-0213,张小红,女\n";
        var parse = RosterCsv.Parse(csv, RosterKind.People, "class-8-2", 2026, _ => null);

        var error = Assert.Single(parse.Errors);
        Assert.Equal((2, "externalId"), (error.Row, error.Column));
        Assert.StartsWith("externalId is or contains a resident identity-card number", error.Reason, StringComparison.Ordinal);
        Assert.Contains("use the school's own student number (学号)", error.Reason, StringComparison.Ordinal);
        Assert.Contains("请改用学校自己的学号", error.Reason, StringComparison.Ordinal);
        Assert.Equal([FictionalIdNumbers.WrongCheck(), "S2024-0213"], parse.Rows.Select(r => r.Person.Profile.ExternalId));
    }

    [Fact]
    public void Refuse_a_roster_row_with_an_identity_number_in_a_name_or_a_guardian_phone()
    {
        var csv = $"学号,姓名,监护人,监护人电话\nS1,林小雨{FictionalIdNumbers.Valid()},林奶奶,13900000101\nS2,王小明,王奶奶,{FictionalIdNumbers.Valid()}\n";
        var parse = RosterCsv.Parse(csv, RosterKind.People, "class-8-2", 2026, _ => null);

        Assert.Equal([(2, "displayName"), (3, "guardianPhone")], parse.Errors.Select(e => (e.Row, e.Column)));
        Assert.All(parse.Errors, e => Assert.Contains("本系统不保存身份证号", e.Reason, StringComparison.Ordinal));
        Assert.Empty(parse.Rows);
    }
}
