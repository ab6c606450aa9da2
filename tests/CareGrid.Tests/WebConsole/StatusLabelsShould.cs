using System.Text.RegularExpressions;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Statistics;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.WebConsole;

/// <summary>
/// A case status, risk level or task kind reads the same on every page: the console's one set of labels
/// (<c>src/Web/src/i18n/strings/labels.ts</c>) and the statistics tables, overdue board and exports
/// (<see cref="StatisticsLabels"/>) give every value the same words in both languages (round 16 new-user test: a case
/// was 已上报/处理中 on one page and 已报告/干预中 on another).
/// </summary>
[Trait("tier", "domain")]
public sealed partial class StatusLabelsShould
{
    private static readonly (Dictionary<string, string> En, Dictionary<string, string> Zh) Console = ReadConsoleLabels();

    [Fact]
    public void Match_the_statistics_labels_for_every_case_status() =>
        AssertSame("cases.status", Enum.GetValues<CaseStatus>(), v => StatisticsLabels.Status(v));

    [Fact]
    public void Match_the_statistics_labels_for_every_risk_level() =>
        AssertSame("cases.risk", Enum.GetValues<RiskLevel>(), v => StatisticsLabels.Risk(v));

    [Fact]
    public void Match_the_statistics_labels_for_every_task_kind() =>
        AssertSame("cases.task", Enum.GetValues<CaseTaskKind>(), v => StatisticsLabels.Kind(v));

    private static void AssertSame<T>(string prefix, IEnumerable<T> values, Func<T, LocalizedText> server)
        where T : struct, Enum
    {
        foreach (var value in values)
        {
            var key = $"{prefix}.{SchemaNames.Value(value)}";
            Assert.True(Console.En.ContainsKey(key) && Console.Zh.ContainsKey(key), $"labels.ts has no {key}");
            Assert.Equal(server(value).En, Console.En[key]);
            Assert.Equal(server(value).Zh, Console.Zh[key]);
        }
    }

    private static (Dictionary<string, string>, Dictionary<string, string>) ReadConsoleLabels()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "Web", "src", "i18n", "strings", "labels.ts"));
        var zhAt = text.IndexOf("\n  zh: {", StringComparison.Ordinal);
        Assert.True(zhAt > 0, "labels.ts has no zh section");
        return (Entries(text[..zhAt]), Entries(text[zhAt..]));
    }

    private static Dictionary<string, string> Entries(string section) =>
        Entry().Matches(section).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    [GeneratedRegex(@"^\s*'([\w.]+)': '([^']*)',", RegexOptions.Multiline)]
    private static partial Regex Entry();
}
