using CareGrid.GraphApi.Exports;

namespace CareGrid.Tests.Exports;

/// <summary>The download header of exports: an ASCII fallback and the UTF-8 name per RFC 5987/8187 (docs/statistics.md "Exports").</summary>
[Trait("tier", "domain")]
public sealed class ContentDispositionShould
{
    [Fact]
    public void Percent_encode_a_Chinese_name_as_UTF8_and_keep_an_ASCII_fallback()
    {
        var header = ContentDisposition.Attachment("统计报表_demo-school.csv", "statistics_demo-school.csv");

        Assert.Equal("attachment; filename=\"statistics_demo-school.csv\"; filename*=UTF-8''%E7%BB%9F%E8%AE%A1%E6%8A%A5%E8%A1%A8_demo-school.csv", header);
        var parsed = System.Net.Http.Headers.ContentDispositionHeaderValue.Parse(header);
        Assert.Equal("统计报表_demo-school.csv", parsed.FileNameStar);
    }

    [Theory]
    [InlineData("a b\"c\\d;e'f%g", "a%20b%22c%5Cd%3Be%27f%25g")]
    [InlineData("x\r\ny", "x%0D%0Ay")]
    public void Encode_every_character_outside_attr_char(string name, string encoded) =>
        Assert.Equal(encoded, ContentDisposition.Encode(name));

    [Fact]
    public void Keep_quotes_and_controls_out_of_the_fallback() =>
        Assert.StartsWith("attachment; filename=\"a_b_c_\";", ContentDisposition.Attachment("x", "a\"b\\c\n"));
}
