using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Validation;

namespace CareGrid.Tests.Domain;

/// <summary>
/// Every free-text reason, note and summary stored on a case or person refuses bidirectional controls and invisible
/// characters that no text needs (<see cref="StoredText"/> multi-line mode, docs/roster-encoding.md), through each way the
/// domain takes one: <see cref="CaseAggregate.OptionalText"/> (reasons of escalate, assess, activate, take, review, close,
/// reopen, reassign; task, referral and contact notes) and <see cref="WrittenReason"/> (break-the-glass, consent override) —
/// <c>VALIDATION_FAILED</c> naming the field, state unchanged (a concern's summary: <c>FreeTextReasonsApiShould</c>).
/// </summary>
[Trait("tier", "domain")]
public sealed class FreeTextReasonsShould
{
    public static TheoryData<string> Hostile => new()
    {
        "\u202eevil\u200b because the student asked", "plan \u202a embedded", "plan \u2066 isolated\u2069", "zero\u200bwidth space in a long enough reason",
        "word\u2060joiner in a long enough reason", "invisible\u2062times in a long enough reason", "stray \uFEFF byte order mark in a reason", "filler \u3164 in a long reason",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Refuse_it_in_every_reason_and_note_field(string text)
    {
        foreach (var field in new[] { "reason", "note", "notes", "institution" })
        {
            Assert.Equal(field, Assert.Throws<CareGridException>(() => CaseAggregate.OptionalText(text, field)).Details["field"]);
        }

        foreach (var field in new[] { "reason", "consentOverrideReason" })
        {
            var error = Assert.Throws<CareGridException>(() => WrittenReason.Ensure(text, field, "Breaking the glass"));
            Assert.Equal((ErrorCodes.ValidationFailed, field), (error.Code, error.Details["field"]));
        }
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Refuse_it_in_an_assessment_or_escalation_reason_and_leave_the_case_unchanged(string text)
    {
        var c = CaseDomain.Reported().Then();
        Assert.Equal("reason", CaseDomain.Refused(c, ErrorCodes.ValidationFailed, () => c.AssessRisk(RiskLevel.Moderate, text, CaseDomain.Psych)).Details["field"]);
        Assert.Equal("reason", CaseDomain.Refused(c, ErrorCodes.ValidationFailed, () => c.Escalate(2, text, CaseDomain.Homeroom)).Details["field"]);
    }

    [Fact]
    public void Keep_line_breaks_emoji_sequences_and_mixed_script_marks_in_notes()
    {
        const string note = "第一行\r\n\tLine 2 👨\u200D👩\u200D👧 ok\u200E مرحبا\u200F";
        Assert.Equal(note, CaseAggregate.OptionalText(note, "note"));
        Assert.Equal("covering the night shift\nsecond line", WrittenReason.Ensure("covering the night shift\nsecond line", "reason", "Breaking the glass"));
    }

    [Theory]
    [InlineData("班主任需要了解情况")] // a full sentence of nine ideographs
    [InlineData("学生自伤风险")]
    [InlineData("自杀风险")] // round-28 red team: four ideographs, refused while one weighed 2
    [InlineData("𠀀𠀁𠀂𠀃")]
    [InlineData("covering the night shift")]
    [InlineData("𠀀𠀁𠀂𠀃𠀄")] // CJK Extension B, outside the Basic Multilingual Plane: letters, as the console counts them (round-28 red team)
    public void Take_a_short_chinese_sentence_as_a_reason(string reason) =>
        Assert.Equal(reason, WrittenReason.Ensure(reason, "reason", "Breaking the glass"));

    [Theory]
    [InlineData("aaaaaaaaaa")] // round-26 red team: accepted as a consent override's justification
    [InlineData("哈哈哈哈哈")]
    [InlineData("AaAaAaAaAa bB")] // case does not make a letter different
    [InlineData("abc abc abc abc")]
    [InlineData("\u6A02\uF914\uF95C\uF9BF")] // round-29 red team: 樂 four times, three in compatibility forms
    [InlineData("ゝゞヽヾ")] // kana iteration marks only
    [InlineData("abcd\U000E0061\U000E0062\U000E0063")] // tag characters outside the BMP are invisible format characters
    [InlineData("abcd\u3099\u3099")] // combining marks weigh as any character
    [InlineData("abcd\U0003FFF0\U0003FFF1")] // unassigned code points are no ideographs
    public void Refuse_a_reason_that_repeats_a_few_letters(string reason)
    {
        foreach (var field in new[] { "reason", "consentOverrideReason" })
        {
            var error = Assert.Throws<CareGridException>(() => WrittenReason.Ensure(reason, field, "A duty-of-care consent override"));
            Assert.Equal((ErrorCodes.ValidationFailed, field), (error.Code, error.Details["field"]));
            Assert.Contains("至少包含 4 个不同的字", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("有风险")] // three ideographs: less than a phrase
    [InlineData("need info")]
    [InlineData("１２３４５６７８９０")]
    [InlineData("abcd......")] // round-32 red team: only letters and digits weigh, so padding does not make four letters ten
    [InlineData("ab      cd")]
    [InlineData("a\n\nb\n\nc\n\nd")]
    [InlineData("abcd\uFE0F\uFE0F\uFE0F\uFE0F\uFE0F\uFE0F")] // variation selectors
    [InlineData("abcd\u2800\u2800\u2800\u2800\u2800\u2800")] // blank Braille cells
    [InlineData("a\u034F\u034F\u034F\u034F\u034F\u034Fbcd")] // combining grapheme joiners
    [InlineData("abcd\u17B4\u17B4\u17B4\u17B4\u17B4\u17B4")] // Khmer inherent vowels
    [InlineData("abcd\U000E0100\U000E0100\U000E0100")] // variation selectors outside the BMP
    [InlineData("abcd\u3164\u3164\u3164\u3164\u3164\u3164")] // Hangul fillers: letters that show as nothing
    [InlineData("abcd\U0001F600\U0001F600\U0001F600")] // emoji
    [InlineData("\U0001D41A\U0001D41B\U0001D41C\U0001D41D\U0001D41E")] // five mathematical bold letters are five, not ten
    public void Refuse_a_reason_too_short_in_any_script(string reason)
    {
        var error = Assert.Throws<CareGridException>(() => WrittenReason.Ensure(reason, "reason", "Breaking the glass"));
        Assert.Equal((ErrorCodes.ValidationFailed, "reason"), (error.Code, error.Details["field"]));
        Assert.Contains("至少 4 个汉字", error.Message, StringComparison.Ordinal);
    }
}
