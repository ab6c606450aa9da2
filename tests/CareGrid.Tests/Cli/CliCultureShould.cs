using System.Globalization;
using System.Runtime.Loader;
using CareGrid.Silo.Cli;

namespace CareGrid.Tests.Cli;

/// <summary>
/// <c>--help</c>'s own headings ("Usage:", "Options:") follow the locale: the service runs with invariant globalization, so
/// <see cref="CliCulture"/> takes the UI culture from <c>LC_ALL</c> / <c>LC_MESSAGES</c> / <c>LANG</c> and System.CommandLine
/// reads its zh-Hans satellite resources (round 16 new-user test: a Chinese user saw English headings only).
/// </summary>
[Trait("tier", "domain")]
public sealed class CliCultureShould
{
    [Theory]
    [InlineData(null, null, "zh_CN.UTF-8", "zh-Hans")]
    [InlineData(null, null, "zh_SG", "zh-Hans")]
    [InlineData(null, null, "zh_TW.UTF-8", "zh-Hant")]
    [InlineData(null, null, "zh_HK.Big5", "zh-Hant")]
    [InlineData(null, null, "de_DE.UTF-8", "de-DE")]
    [InlineData("", "zh_CN.UTF-8", "en_US.UTF-8", "zh-Hans")]
    [InlineData("en_GB.UTF-8", null, "zh_CN.UTF-8", "en-GB")]
    [InlineData(null, null, "C.UTF-8", null)]
    [InlineData(null, null, "POSIX", null)]
    [InlineData(null, null, null, null)]
    public void Name_the_UI_culture_of_the_POSIX_locale(string? lcAll, string? lcMessages, string? lang, string? expected) =>
        Assert.Equal(expected, CliCulture.UiCultureName(lcAll, lcMessages, lang));

    [Fact]
    public void Print_the_help_headings_in_Chinese_under_a_Chinese_locale()
    {
        var before = CultureInfo.CurrentUICulture;
        AssemblyLoadContext.Default.Resolving += CliCulture.ResolveSatellite;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(CliCulture.UiCultureName(null, null, "zh_CN.UTF-8")!);
            var stdout = new StringWriter();

            var outcome = CareGridCommandLine.Parse(["--help"], stdout, new StringWriter());

            Assert.Equal(CareGridCommandLine.Ok, outcome.ExitCode);
            Assert.Contains("用法:", stdout.ToString());
            Assert.Contains("选项:", stdout.ToString());
            Assert.DoesNotContain("Usage:", stdout.ToString());
        }
        finally
        {
            AssemblyLoadContext.Default.Resolving -= CliCulture.ResolveSatellite;
            CultureInfo.CurrentUICulture = before;
        }
    }
}
