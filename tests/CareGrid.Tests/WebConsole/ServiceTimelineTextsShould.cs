using System.Text.Json;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;
using static CareGrid.Tests.Domain.CaseDomain;

namespace CareGrid.Tests.WebConsole;

/// <summary>
/// The console renders the service's own timeline wording in the UI language by recognising it
/// (<c>src/Web/src/pages/cases/timelineText.ts</c>, docs/console-cases.md). The texts the case rules write for a school's
/// high-risk case are kept in <c>src/Web/tests/fixtures/service-timeline.json</c>, which the console's vitest checks
/// every one of is recognised; this test fails when the rules write something else, so the two change together.
/// Set <c>CAREGRID_UPDATE_TIMELINE_SAMPLES=1</c> to rewrite the file, then run <c>npm test</c> in src/Web.
/// </summary>
[Trait("tier", "domain")]
public sealed class ServiceTimelineTextsShould
{
    private static string FixturePath => Path.Combine(RepoPaths.Root, "src", "Web", "tests", "fixtures", "service-timeline.json");

    [Fact]
    public void Be_the_texts_the_console_recognises()
    {
        var school = Shanghai with { Intake = IntakeRule.Professionals };
        var c = CaseAggregate.Open("student-1", "class-1", "上课时哭泣", Homeroom, school, Friday);
        c.RaiseRisk(RiskLevel.Low, Homeroom, "班主任初步判断");
        c.Then(Friday, school).Escalate(2, "家长联系不上", Homeroom);
        c = c.Then(Friday.AddMinutes(5), school);
        c.AssessRisk(RiskLevel.High, "谈到自伤", Homeroom);
        c = c.Then(Friday.AddHours(3), school);
        c.CheckDeadlines();
        c.Then(Friday.AddHours(4), school).Take(Psych);

        // A report whose words suggest a crisis, sent ungraded, then one graded by a Counsellor (docs/protocol.md "Crisis words").
        var words = CaseAggregate.Open("student-2", "class-1", "说不想活了", Homeroom, school, Friday);
        words.FlagCrisisWords(CrisisWords.Find("说不想活了"), null, Homeroom);
        words.MarkUngraded();
        var unsure = CaseAggregate.Open("student-4", "class-1", "睡不好", Homeroom, school, Friday);
        unsure.MarkUngraded();
        unsure.Then(Friday.AddHours(2), school).FlagCrisisWords(CrisisWords.Find("说今晚要跳楼"), null, Homeroom);
        var stands = CaseAggregate.Open("student-3", "class-1", "说不想活了", Psych, school, Friday);
        stands.RaiseRisk(RiskLevel.Moderate, Psych, "面谈后判断");
        stands.FlagCrisisWords(CrisisWords.Find("说不想活了"), RiskLevel.Moderate, Psych);

        var samples = c.State.Timeline.Concat(words.State.Timeline).Concat(unsure.State.Timeline).Concat(stands.State.Timeline).Where(e => e.Reason is not null && e.Action != "Report")
            .Select(e => new Sample(e.Action, e.Reason!)).Distinct().ToList();
        var json = JsonSerializer.Serialize(samples, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        if (Environment.GetEnvironmentVariable("CAREGRID_UPDATE_TIMELINE_SAMPLES") == "1")
        {
            File.WriteAllText(FixturePath, json);
        }

        Assert.Contains(samples, s => s.Action == "TaskOverdue");
        Assert.True(File.Exists(FixturePath) && File.ReadAllText(FixturePath).ReplaceLineEndings("\n") == json,
            "The case rules now write other timeline texts than src/Web/tests/fixtures/service-timeline.json: rewrite it with "
            + "CAREGRID_UPDATE_TIMELINE_SAMPLES=1, then make src/Web/src/pages/cases/timelineText.ts recognise them (npm test in src/Web).\n" + json);
    }

    private sealed record Sample(string Action, string Reason)
    {
        [System.Text.Json.Serialization.JsonPropertyName("action")] public string Action { get; } = Action;
        [System.Text.Json.Serialization.JsonPropertyName("reason")] public string Reason { get; } = Reason;
    }
}
