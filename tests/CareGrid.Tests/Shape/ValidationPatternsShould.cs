using System.Text.RegularExpressions;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Shape;

/// <summary>
/// Whole-value validation patterns end with <c>\z</c>, never <c>$</c>: in .NET <c>$</c> also matches before a final
/// line break, so <c>"case-1\n"</c> passed the id check, and a development sign-in sub <c>"counsellor@demo-school\n"</c>
/// was accepted and written to the audit log as an actor that looks like a real staff member.
/// </summary>
[Trait("tier", "domain")]
public sealed partial class ValidationPatternsShould
{
    [Theory]
    [InlineData("case-1\n")]
    [InlineData("case-1\r\n")]
    [InlineData("case-1\n\n")]
    public void Refuse_an_id_with_a_trailing_line_break(string id)
    {
        Assert.False(LocalIds.IsWellFormed(id));
        Assert.False(TenantIds.IsValid("demo-school" + id[^1..]));
        Assert.True(LocalIds.IsWellFormed(id.TrimEnd()));
    }

    [Fact]
    public void Anchor_every_generated_pattern_in_src_at_the_end_of_the_value()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => EndAnchoredWithDollar().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(RepoPaths.Root, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "Use \\z, not $, to end a whole-value pattern:" + Environment.NewLine + string.Join(Environment.NewLine, offenders));
    }

    // A GeneratedRegex or Regex pattern literal that ends with an unescaped $ before its closing quote.
    [GeneratedRegex(@"(GeneratedRegex|Regex)\(@?""[^""]*[^\\]\$""")]
    private static partial Regex EndAnchoredWithDollar();
}
