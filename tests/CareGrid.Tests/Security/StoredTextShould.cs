using CareGrid.Grains.Errors;
using CareGrid.Grains.Validation;

namespace CareGrid.Tests.Security;

/// <summary>The one rule for stored text: what a decoding failure or an unsafe character looks like, and what real names look like.</summary>
[Trait("tier", "domain")]
public sealed class StoredTextShould
{
    [Fact]
    public void Accept_real_names_in_many_scripts_and_free_text_with_line_breaks()
    {
        string[] names = ["张伟", "欧阳修", "𠀋宝", "O'Brien-Smith", "José Ünal", "Ⅻ 班", "阿依古丽·买买提", "ئايگۈل", "Łukasz", "\uE000", "李 娜"];
        foreach (var name in names)
        {
            Assert.True(StoredText.IsSafe(name), name);
        }

        Assert.True(StoredText.IsSafe("第一行\r\n\t第二行", multiline: true));
        Assert.True(StoredText.IsSafe("Line 1\r\n\tLine 2", multiline: true));

        // Free text keeps emoji sequences (ZWJ, variation selector, tags) and direction marks; names keep variation
        // selectors (an ideographic variation sequence spells a rare character) and U+180E inside a Mongolian word.
        Assert.True(StoredText.IsSafe("家庭 👨\u200D👩\u200D👧 ❤\uFE0F 🏴\U000E0067\U000E0062\U000E007F ok\u200E", multiline: true));
        Assert.True(StoredText.IsSafe("葛\U000E0100优"));
        Assert.True(StoredText.IsSafe("\u1828\u1820\u1872\u180E\u1820"));
        Assert.True(StoredText.IsSafe(null));
        Assert.True(StoredText.IsSafe(""));
    }

    [Fact]
    public void Refuse_decoding_failures_and_unsafe_characters_with_the_position_and_the_fix()
    {
        (string Text, bool Multiline, string Expected)[] refused =
        [
            ("张\uFFFD", false, "contains the replacement character U+FFFD (character 2): the text was probably decoded with the wrong encoding (e.g. a GBK file read as UTF-8); save the file as UTF-8"),
            ("Wang\uD800", false, "contains an unpaired surrogate U+D800 (character 5)"),
            ("\uDC00Wang", true, "contains an unpaired surrogate U+DC00 (character 1)"),
            ("Wang\uDBFF\uDBFF\uDC00", false, "contains an unpaired surrogate U+DBFF (character 5)"),
            ("Li\u0000", true, "contains the control character U+0000 (character 3)"),
            ("Li\u007F", true, "contains the control character U+007F"),
            ("Ã¥\u0080", true, "contains the control character U+0080 (character 3): the text was probably decoded with the wrong encoding"),
            ("Li\u009F", false, "contains the control character U+009F"),
            ("Li\tNa", false, "contains a tab (U+0009)"),
            ("Li\nNa", false, "contains a line break (U+000A)"),
            ("a\u2028b", false, "contains a line separator (U+2028) (character 2): this single-line field does not allow it"),
            ("a\u2029b", false, "contains a paragraph separator (U+2029)"),
            ("\uFEFFLi", false, "contains a byte-order mark U+FEFF"),
            ("Li\u202EaN", false, "contains the bidirectional control U+202E"),
            ("Li\u2067Na", false, "contains the bidirectional control U+2067"),
            ("Li\uFFFF", true, "contains the noncharacter U+FFFF"),
            ("Li\uFDD0", false, "contains the noncharacter U+FDD0"),
            ("Li\U0001FFFE", true, "contains the noncharacter U+1FFFE (character 3)"),
            ("张\u200B伟", false, "contains the invisible character U+200B (character 2): it is invisible and can make two different names look the same; remove it"),
            ("张\u200C伟", false, "contains the invisible character U+200C"),
            ("张\u200D伟", false, "contains the invisible character U+200D"),
            ("Li\u200ENa", false, "contains the invisible character U+200E (character 3)"),
            ("Li\u200FNa", false, "contains the invisible character U+200F"),
            ("ئايگۈل\u061C", false, "contains the invisible character U+061C (character 7)"),
            ("Li\u2060Na", false, "contains the invisible character U+2060"),
            ("Li\u2061Na", false, "contains the invisible character U+2061"),
            ("Li\u2062Na", false, "contains the invisible character U+2062"),
            ("Li\u2063Na", false, "contains the invisible character U+2063"),
            ("Li\u2064Na", false, "contains the invisible character U+2064"),
            ("Li\u206ANa", false, "contains the invisible character U+206A"),
            ("Li\u00ADNa", false, "contains the invisible character U+00AD"),
            ("Li\u034FNa", false, "contains the invisible character U+034F"),
            ("\u3164", false, "contains the invisible character U+3164 (character 1)"),
            ("Li\uFFA0", false, "contains the invisible character U+FFA0"),
            ("Li\u115FNa", false, "contains the invisible character U+115F"),
            ("Li\u17B4Na", false, "contains the invisible character U+17B4"),
            ("Li\u180ENa", false, "contains the invisible character U+180E outside a Mongolian word (character 3)"),
            ("\u180E\u1820", false, "contains the invisible character U+180E outside a Mongolian word (character 1)"),
            ("Li\U000E0041", false, "contains the invisible character U+E0041 (character 3)"),
            ("Li\U0001D173", false, "contains the invisible character U+1D173 (character 3)"),
        ];
        foreach (var (text, multiline, expected) in refused)
        {
            var problem = StoredText.Problem(text, multiline);
            Assert.True(problem is not null && problem.StartsWith(expected, StringComparison.Ordinal), $"{Escape(text)}: {problem}");
        }

        var e = Assert.Throws<CareGridException>(() => StoredText.Ensure("张\uFFFD", "displayName"));
        Assert.Equal((ErrorCodes.ValidationFailed, "displayName"), (e.Code, e.Details["field"]));
        Assert.StartsWith("displayName contains the replacement character U+FFFD", e.Message);
        Assert.DoesNotContain("张", e.Message);
    }

    private static string Escape(string s) => string.Concat(s.Select(c => c < 0x7F && c >= 0x20 ? c.ToString() : $"\\u{(int)c:X4}"));
}
