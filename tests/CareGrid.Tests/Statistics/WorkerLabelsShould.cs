using CareGrid.Grains.Cases;
using CareGrid.Grains.Statistics;
using CareGrid.Grains.Statistics.Sections;

namespace CareGrid.Tests.Statistics;

/// <summary>
/// The caseload table's worker cells (console, CSV and XLSX) name a queue in the report's language (round 22 new-user trial:
/// a Chinese report listed <c>queue:level-3</c> and <c>queue:supervisor</c>); a staff login stays as it is, and the overdue
/// board uses the same names.
/// </summary>
[Trait("tier", "domain")]
public sealed class WorkerLabelsShould
{
    [Theory]
    [InlineData(CaseQueues.Level1, "一级预警队列（queue:level-1）", "Level-1 queue (queue:level-1)")]
    [InlineData(CaseQueues.Level2, "二级预警队列（queue:level-2）", "Level-2 queue (queue:level-2)")]
    [InlineData(CaseQueues.Level3, "三级预警队列（queue:level-3）", "Level-3 queue (queue:level-3)")]
    [InlineData(CaseQueues.Supervisor, "督导队列（queue:supervisor）", "Supervision queue (queue:supervisor)")]
    [InlineData("psych@demo-school", "psych@demo-school", "psych@demo-school")]
    [InlineData(null, "未分派", "Unassigned")]
    public void Name_queues_in_the_report_language_and_keep_logins(string? worker, string chinese, string english)
    {
        Assert.Equal(chinese, CoreLabels.Worker(worker, ReportLanguage.ZhHans));
        Assert.Equal(english, CoreLabels.Worker(worker, ReportLanguage.En));
    }
}
