using CareGrid.Grains.Errors;
using CareGrid.Grains.Imports;
using CareGrid.Grains.People;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>
/// A contact's phone is a number a person can be called on: 7–15 digits, 20 with an extension (a local landline without its area code is 7 digits
/// in China; ITU-T E.164 allows at most 15, and an extension adds a few) — round-34 leftover: five digits were accepted, so a guardian's mistyped
/// number was kept and found wrong only when the family had to be told. <c>PersonValidation.Contact</c>, shared by
/// the API and roster imports.
/// </summary>
[Trait("tier", "domain")]
public sealed class ContactPhoneShould
{
    private static PersonContact Guardian(string phone) => new(ContactKind.Guardian, "林建国", "父亲", phone, null);

    [Theory]
    [InlineData("13800000000")]
    [InlineData("138 0000 0000")]
    [InlineData("+86 138-0000-0000")]
    [InlineData("(0571) 8888 8888")]
    [InlineData("8888888")]                 // a local landline, 7 digits
    [InlineData("+44 20 7946 0958")]
    [InlineData("+123456789012345")]        // 15 digits, E.164's most
    [InlineData("0571-88888888-8001")]      // a landline with its extension, 16 digits (round-36 red team)
    [InlineData("0086-0571-88888888")]
    public void Keep_a_number_a_person_can_be_called_on(string phone) =>
        Assert.Equal(phone, PersonValidation.Contact(Guardian(phone), "contacts[0]").Phone);

    /// <summary>Round-36 leftovers: a number typed on a Chinese phone or exported from Excel was refused with a message about
    /// its number of digits. It is made plain and kept (<c>PersonValidation.PhoneAsWritten</c>).</summary>
    [Theory]
    [InlineData("１３８００００００００", "13800000000")]                 // full-width digits
    [InlineData("138\u00A00000\u00A00000", "138 0000 0000")]           // no-break spaces
    [InlineData("138\u30000000\u30000000", "138 0000 0000")]           // ideographic spaces
    [InlineData("138\u200B0000\u200B0000", "138 0000 0000")]            // zero-width spaces pasted in
    [InlineData("0571-88888888 分机号：8001", "0571-88888888-8001")]     // round-37 red team: other ways to write an extension
    [InlineData("0571-88888888 Ext:8001", "0571-88888888-8001")]
    [InlineData("0571-88888888#8001", "0571-88888888-8001")]
    [InlineData("138–0000–0000", "138-0000-0000")]                       // en dashes
    [InlineData("'13800000000", "13800000000")]                          // Excel's text marker (round-37 re-check)
    [InlineData("0571-88888888转8001", "0571-88888888-8001")]           // an extension written 转
    [InlineData("0571-88888888 分机 8001", "0571-88888888-8001")]
    [InlineData("0571 8888 8888 ext. 8001", "0571 8888 8888-8001")]
    [InlineData("（0571）8888 8888", "(0571)8888 8888")]
    [InlineData("(+86) 138 0000 0000", "+86 138 0000 0000")]
    [InlineData("  13800000000  ", "13800000000")]
    [InlineData("0571-88888888（分机8001）", "0571-88888888-8001")]      // round 38: an extension in brackets at the end
    [InlineData("0571-88888888 (8001)", "0571-88888888-8001")]
    [InlineData("0571 8888 8888（转 8001）", "0571 8888 8888-8001")]
    [InlineData("02-2345-6789 轉 123", "02-2345-6789-123")]                // round-38 red team: traditional extension words
    [InlineData("+886 2 2345 6789 分機 123", "+886 2 2345 6789-123")]
    [InlineData("0571-88888888 分机号码：8001", "0571-88888888-8001")]
    [InlineData("+14155550123 x12", "+14155550123-12")]                     // another country's number is no mainland mobile
    [InlineData("+1 415 555 0123 x12", "+1 415 555 0123-12")]
    [InlineData("0571.8888.8888", "0571-8888-8888")]                  // 2026-12-06 phone re-check: dots between groups
    [InlineData("0571。8888。8888", "0571-8888-8888")]
    [InlineData("0571−88888888", "0571-88888888")]                     // the minus sign U+2212
    [InlineData("0571-88888888,8001", "0571-88888888-8001")]            // a comma before the extension, as a phone dials it
    [InlineData("0571-88888888，8001", "0571-88888888-8001")]
    [InlineData("0571-88888888，转8001", "0571-88888888-8001")]
    [InlineData("0571-88888888内线号8001", "0571-88888888-8001")]        // 内线号, and simplified and traditional mixed
    [InlineData("0571-88888888轉分机8001", "0571-88888888-8001")]
    [InlineData("0571-88888888转分機8001", "0571-88888888-8001")]
    [InlineData("0571-88888888转内线8001", "0571-88888888-8001")]
    [InlineData("0571-88888888（内线号8001）", "0571-88888888-8001")]
    [InlineData("0571－88888888", "0571-88888888")]                    // read until the 2026-12-06 phone re-check too: kept so
    [InlineData("0571——88888888", "0571--88888888")]
    [InlineData("(0571)88888888-8001", "(0571)88888888-8001")]
    [InlineData("+86-571-88888888", "+86-571-88888888")]
    [InlineData("+86 (0)571 8888 8888", "+86 571 8888 8888")]           // round 40: the trunk 0 in brackets after a country code
    [InlineData("+86(0)571-88888888", "+86 571-88888888")]
    [InlineData("+44 (0)20 7946 0958", "+44 20 7946 0958")]
    [InlineData("(+86) (0)571 8888 8888", "+86 571 8888 8888")]
    [InlineData("0086 (0)571 8888 8888", "0086 571 8888 8888")]
    [InlineData("＋86（0）571 8888 8888", "+86 571 8888 8888")]
    [InlineData("0571-88888888（分机1）", "0571-88888888-1")]            // a one-digit extension with its word is read
    public void Keep_a_number_as_typed_made_plain(string typed, string kept) =>
        Assert.Equal(kept, PersonValidation.Contact(Guardian(typed), "contacts[0]").Phone);

    [Fact]
    public void Import_a_full_width_number_from_a_roster()
    {
        var parse = RosterCsv.Parse("学号,姓名,监护人,监护人电话\nS1,林小雨,林建国,１３８　００００　００００\n", RosterKind.People, "class-1", 2026, _ => null);

        Assert.Equal("138 0000 0000", Assert.Single(Assert.Single(parse.Rows).Person.Contacts).Phone);
    }

    [Theory]
    [InlineData("12345")]                   // five digits: a mistyped number or a service line
    [InlineData("123456")]
    [InlineData("12356")]                   // the national psychological support line is no one's contact
    [InlineData("13800000000 13900000000")] // two mobile numbers in one cell, 22 digits
    [InlineData("13800000000 88888888")]    // two numbers within 20 digits (round-36 re-check)
    [InlineData("13800000000-88888888")]
    [InlineData("8888888 6666666")]
    [InlineData("13800000000 612345")]      // past 15 digits, the last group is no extension
    [InlineData("123456789012345678901")]   // 21 digits
    [InlineData("8888888\u200B6666666")]    // round-37 red team: two numbers joined by a zero-width space
    [InlineData("13800000000\n8001")]       // a second line may be another number
    [InlineData("0571-88888888转8001转8002")] // two extensions
    [InlineData("138x0000x0000")]
    [InlineData("0571-88888888转8001 8002")] // round-37 re-check: two extensions written apart
    [InlineData("0571-88888888-8001-8002")]
    [InlineData("13800000000 8001")]         // round 38: a mobile number has no extension
    [InlineData("13800000000（8001）")]
    [InlineData("8888888 123456")]           // an extension has at most 5 digits
    [InlineData("0571-88888888（分机8001）（分机8002）")]
    [InlineData("138 0000 0000 8001")]       // round-38 red team: a mobile written in groups, then more
    [InlineData("138-0000-0000 转 8001")]
    [InlineData("+86 138 0000 0000 (8001)")]
    [InlineData("138 0000 0000 8888 8888")]
    [InlineData("88888888 (0571)")]          // an area code written last is no extension
    [InlineData("88888888（021）")]
    [InlineData("86 13800000000 8001")]      // round-38 re-check: a mobile after 86, +86 run together, or 0
    [InlineData("(86) 13800000000 8001")]
    [InlineData("+8613800000000 8001")]
    [InlineData("013800000000 8001")]
    [InlineData("8888 8888 6666 6666")]      // 2026-12-06 phone re-check: two numbers in groups, within 20 digits
    [InlineData("8888-8888-6666-6666")]
    [InlineData("0571 8888 8888 8765 4321")]
    [InlineData("8888 888 6666 666")]
    [InlineData("8888 8888 转 6666 6666")]
    [InlineData("8888 8888，6666 6666")]
    [InlineData("8888 8888 8001 6666 6666")]
    [InlineData("8888 8888 138 0000 0000")]
    [InlineData("8888 8888 0571 8888 8888")]
    [InlineData("+86 8888 8888 6666 6666")]
    [InlineData("00 86 8888 8888 6666 6666")] // round-39 red team: 00 and 86 written apart
    [InlineData("00-86-8888-8888-6666-6666")]
    [InlineData("00 86 138 0000 0000 8001")]
    [InlineData("88888888。000")]             // an "extension" of zeros: a decimal a program wrote
    [InlineData("0571-88888888。000")]
    [InlineData("88888888,00")]
    [InlineData("0571-88888888,0")]
    [InlineData("057188888888,0")]
    [InlineData("400-888-8888 8888 8888")]    // a 400 service line and a landline
    [InlineData("1234 5678 9012 3456 7890")] // 16 digits before the extension
    [InlineData("13800000000,13900000000")]  // a comma between two numbers, not before an extension
    [InlineData("13800000000，13900000000")]
    [InlineData("8888888,6666666")]
    [InlineData("0571-88888888,8001,8002")]
    [InlineData("13800000000.0")]            // a decimal a program wrote, not a number with dots
    [InlineData("8888888.000")]
    public void Refuse_too_few_or_too_many_digits_in_both_languages(string phone) => RefuseInBothLanguages(phone);

    /// <summary>Round-38 red team: a cell of spaces in brackets took the extension pattern 83 s at 32,000 characters; a cell
    /// longer than any number is refused as it is.</summary>
    [Fact]
    public void Refuse_a_long_cell_as_it_is() => RefuseInBothLanguages("88888888 (" + new string(' ', 32_000) + ")");

    private static void RefuseInBothLanguages(string phone)
    {
        var e = Assert.Throws<CareGridException>(() => PersonValidation.Contact(Guardian(phone), "contacts[0]"));

        Assert.Equal((ErrorCodes.ValidationFailed, "contacts[0].phone"), (e.Code, e.Details["field"]));
        Assert.Contains("7–15 digits, or up to 20 with an extension", e.Message, StringComparison.Ordinal);
        Assert.Contains("7–15 位数字（带分机号时最多 20 位，分机号最多 5 位", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_the_roster_column_in_chinese_when_a_row_holds_a_short_number()
    {
        var parse = RosterCsv.Parse("学号,姓名,监护人,监护人电话\nS1,林小雨,林建国,12345\n", RosterKind.People, "class-1", 2026, _ => null);

        var reason = Assert.Single(parse.Errors).Reason;
        Assert.Contains("监护人电话不是有效的电话号码：应为 7–15 位数字（带分机号时最多 20 位，分机号最多 5 位", reason, StringComparison.Ordinal);
        Assert.Contains("7–15 digits, or up to 20 with an extension", reason, StringComparison.Ordinal);
        Assert.Empty(parse.Rows);
    }

    [Fact]
    public void Name_the_roster_column_when_a_cell_holds_two_numbers_in_groups()
    {
        var parse = RosterCsv.Parse("学号,姓名,监护人,监护人电话\nS1,林小雨,林建国,8888 8888 6666 6666\n", RosterKind.People, "class-1", 2026, _ => null);

        var reason = Assert.Single(parse.Errors).Reason;
        Assert.Contains("监护人电话不是有效的电话号码", reason, StringComparison.Ordinal);
        Assert.Contains("one number", reason, StringComparison.Ordinal);
        Assert.Contains("每格只填一个号码", reason, StringComparison.Ordinal);
        Assert.Empty(parse.Rows);
    }

    /// <summary>Round 40: a digit alone in brackets after a whole number numbers or marks (电话(1)), it was read as the extension 1.</summary>
    [Theory]
    [InlineData("0571-88888888(1)")]
    [InlineData("0571-88888888（2）")]
    [InlineData("88888888 (1)")]
    [InlineData("13800000000(1)")]
    public void Refuse_a_digit_alone_in_brackets_after_the_number_in_both_languages(string phone)
    {
        var e = Assert.Throws<CareGridException>(() => PersonValidation.Contact(Guardian(phone), "contacts[0]"));

        Assert.Equal((ErrorCodes.ValidationFailed, "contacts[0].phone", "phone-bracketed-digit"), (e.Code, e.Details["field"], e.Details["rule"]));
        Assert.Contains("it is not read as an extension", e.Message, StringComparison.Ordinal);
        Assert.Contains("不作为分机号读取", e.Message, StringComparison.Ordinal);
        Assert.False(PersonValidation.IsPhone(PersonValidation.PhoneAsWritten(phone)));
        var parse = RosterCsv.Parse($"学号,姓名,监护人,监护人电话\nS1,林小雨,林建国,{phone}\n", RosterKind.People, "class-1", 2026, _ => null);
        Assert.Equal(("guardianPhone", e.Message), (Assert.Single(parse.Errors).Column, Assert.Single(parse.Errors).Reason));
    }

    /// <summary>Round-40 red team: a 0 in brackets inside the number was stored as written, the 0 then dialled.</summary>
    [Theory]
    [InlineData("0571 (0) 88888888")]
    [InlineData("+86 (010) 8888 8888")]
    [InlineData("+86 (0)(0)571 8888 8888")]
    [InlineData("0086（010）88888888")]
    public void Refuse_a_zero_in_brackets_inside_the_number_in_both_languages(string phone)
    {
        var e = Assert.Throws<CareGridException>(() => PersonValidation.Contact(Guardian(phone), "contacts[0]"));

        Assert.Equal((ErrorCodes.ValidationFailed, "contacts[0].phone", "phone-bracketed-zero"), (e.Code, e.Details["field"], e.Details["rule"]));
        Assert.Contains("leaves unclear which digits are dialled", e.Message, StringComparison.Ordinal);
        Assert.Contains("使拨打的号码不明确", e.Message, StringComparison.Ordinal);
        Assert.False(PersonValidation.IsPhone(PersonValidation.PhoneAsWritten(phone)));
        var parse = RosterCsv.Parse($"学号,姓名,监护人,监护人电话\nS1,林小雨,林建国,{phone}\n", RosterKind.People, "class-1", 2026, _ => null);
        Assert.Equal(("guardianPhone", e.Message), (Assert.Single(parse.Errors).Column, Assert.Single(parse.Errors).Reason));
    }

    [Theory]
    [InlineData("(0571) 8888 8888")]
    [InlineData("+86 (0)571 8888 8888")]
    [InlineData("(+86)(0)571 8888 8888")]
    public void Still_read_an_area_code_in_brackets_first_and_the_trunk_zero_after_a_country_code(string phone) =>
        Assert.Equal(phone.Contains("86", StringComparison.Ordinal) ? "+86 571 8888 8888" : "(0571) 8888 8888",
            PersonValidation.Contact(Guardian(phone), "contacts[0]").Phone);

    [Fact]
    public void Tell_an_identity_number_in_the_phone_as_one_not_as_too_many_digits()
    {
        var e = Assert.Throws<CareGridException>(() => PersonValidation.Contact(Guardian("11010519491231002X"), "contacts[0]"));

        Assert.Contains("identity", e.Message, StringComparison.OrdinalIgnoreCase);
    }
}
