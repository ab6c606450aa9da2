using CareGrid.Grains.ReadModel;

namespace CareGrid.Tests.Domain;

/// <summary>How names are normalized and escaped for the people search (docs/search.md).</summary>
[Trait("tier", "domain")]
public sealed class PersonNameKeysShould
{
    [Theory]
    [InlineData("  张伟 ", "张伟")]
    [InlineData("ＺＨＡＮＧ　Ｗｅｉ", "zhang wei")]
    [InlineData("Zhang \t  Wei", "zhang wei")]
    [InlineData("Ｓ２０２４", "s2024")]
    [InlineData("阿卜杜・热合曼", "阿卜杜·热合曼")]
    [InlineData("𠀀明", "𠀀明")]
    [InlineData("", "")]
    public void Normalize_names_with_NFKC_collapsed_white_space_and_lower_case(string name, string normalized) =>
        Assert.Equal(normalized, PersonNameKeys.Normalize(name));

    /// <summary>
    /// Excel rosters pad a two-character Chinese name to the width of three (<c>王  芳</c>); the new-user trial of round 40
    /// imported <c>刘 梓萱</c>, then found nobody searching <c>刘梓</c> and had next month's <c>刘梓萱</c> refused as another person.
    /// </summary>
    [Theory]
    [InlineData("刘 梓萱", "刘梓萱")]
    [InlineData("王  芳", "王芳")]
    [InlineData("王　　芳", "王芳")]
    [InlineData(" 赵 雨 桐 ", "赵雨桐")]
    [InlineData("阿卜杜 · 热合曼", "阿卜杜·热合曼")]
    [InlineData("𠀀 明", "𠀀明")]
    [InlineData("张 Wei", "张 wei")]
    [InlineData("Li 小明", "li 小明")]
    public void Drop_white_space_between_Chinese_characters_and_keep_it_beside_Latin_words(string name, string normalized) =>
        Assert.Equal(normalized, PersonNameKeys.Normalize(name));

    [Fact]
    public void Refuse_text_that_is_not_valid_UTF16() =>
        Assert.False(PersonNameKeys.TryNormalize("\uD800x", out _));

    [Fact]
    public void Escape_row_key_characters_so_that_a_prefix_stays_a_prefix()
    {
        var name = PersonNameKeys.Escape("a/b#c?d\\e%f|g");

        Assert.Equal("a%002Fb%0023c%003Fd%005Ce%0025f%007Cg", name);
        Assert.StartsWith(PersonNameKeys.Escape("a/b#"), name, StringComparison.Ordinal);
        Assert.Equal(PersonNameKeys.MaxKeyChars, PersonNameKeys.Escape(new string('张', 100)).Length);
    }

    [Fact]
    public void Bound_a_prefix_range_above_every_key_that_starts_with_it()
    {
        Assert.Equal("n张x", PersonNameKeys.UpperBound("n张w"));
        Assert.Null(PersonNameKeys.UpperBound("n\uD840\uDC00"));
        Assert.True(string.CompareOrdinal("n张伟|ext-1", PersonNameKeys.UpperBound("n张")) < 0);
    }
}
