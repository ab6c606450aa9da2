using System.CommandLine;
using CareGrid.Grains.Imports;
using CareGrid.Silo.Cli;

namespace CareGrid.Tests.Cli;

/// <summary>
/// The verbs' own texts a person reads (<c>--help</c> of <c>import</c> and <c>token</c>, their usage errors) are in
/// Simplified Chinese and English (<see cref="Bilingual.ChineseFirst"/>), in process: no service is started.
/// </summary>
[Trait("tier", "domain")]
public sealed class VerbTextsShould
{
    private static (CommandLineOutcome Outcome, string Stdout, string Stderr) Parse(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var outcome = CareGridCommandLine.Parse(args, stdout, stderr);
        return (outcome, stdout.ToString(), stderr.ToString());
    }

    public static TheoryData<string> Verbs() => ["import", "token"];

    [Theory]
    [MemberData(nameof(Verbs))]
    public void Describe_the_verb_and_every_option_in_Chinese_then_English(string verb)
    {
        var command = verb == "import"
            ? ImportVerb.Create(() => throw new InvalidOperationException("no token is issued for help"))
            : TokenVerb.Create(() => throw new InvalidOperationException("no token is issued for help"));
        var described = new[] { (Name: command.Name, command.Description) }
            .Concat(command.Options.Where(o => o.Name is not ("--help" or "-h" or "-?")).Select(o => (o.Name, o.Description)))
            .ToList();
        Assert.True(described.Count > 3, "the verb has options");
        Assert.All(described, d =>
        {
            var text = d.Description ?? "";
            var at = text.IndexOf(Bilingual.Separator, StringComparison.Ordinal);
            Assert.True(at > 0, $"{verb} {d.Name}: no \"中文 / English\": {text}");
            Assert.True(text[..at].Count(Bilingual.IsIdeograph) >= 2, $"{verb} {d.Name}: the Chinese comes first: {text}");
            Assert.True(text[(at + Bilingual.Separator.Length)..].Count(char.IsAsciiLetter) >= 4, $"{verb} {d.Name}: the English follows: {text}");
        });

        var (outcome, stdout, _) = Parse(verb, "--help");
        Assert.Equal(CareGridCommandLine.Ok, outcome.ExitCode);
        Assert.Contains(verb == "import" ? "把人员或教职工的 CSV 名单导入" : "只打印一个开发令牌", stdout, StringComparison.Ordinal);
        Assert.Contains(verb == "import" ? "Import a CSV roster of people or staff" : "Print a development token", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuse_a_bad_token_request_in_Chinese_and_English()
    {
        var (outcome, stdout, stderr) = Parse("token", "--role", "Headmaster", "--tenant", "demo-school");
        Assert.Equal(CareGridCommandLine.Usage, outcome.ExitCode);
        Assert.Empty(stdout);
        Assert.Contains("未知角色“Headmaster”。", stderr, StringComparison.Ordinal);
        Assert.Contains(" / Unknown role 'Headmaster'.", stderr, StringComparison.Ordinal);

        (outcome, _, stderr) = Parse("token", "--role", "Caseworker");
        Assert.Equal(CareGridCommandLine.Usage, outcome.ExitCode);
        Assert.Contains("租户角色必须填写 --tenant", stderr, StringComparison.Ordinal);
        Assert.Contains("--tenant is required for tenant roles", stderr, StringComparison.Ordinal);
    }
}
