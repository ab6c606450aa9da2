using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using static CareGrid.Tests.Plans.PlanStory;

namespace CareGrid.Tests.Plans;

/// <summary>
/// Plan 5's main flow in <c>demo-primary-school</c> (阳光路小学, docs/demo.md): a member of the emergency volunteer team under
/// the counselling centre finds a pupil in distress, reports him and logs the counselling she gives on his case (R-5.3); the
/// psychology teacher on the 24-hour line talks to the grandmother that night (R-5.1); the counselling centre takes the case and
/// schedules a follow-up, which the volunteer's next session completes; the service volume is credited to each provider unit
/// (R-1.12). Each step is a method; add a step (the hotline call log, the worry mailbox of R-5.2 when they exist) by adding one
/// and a line to the story.
/// </summary>
[Trait("tier", "api")]
[Collection(PlanStoriesCollection.Name)]
public sealed class Plan5StoryShould(CareGridApiFactory factory)
{
    private const string Tenant = "demo-primary-school";
    private const string Volunteer = "volunteer@demo-primary-school";

    [Fact]
    public async Task Walk_from_the_emergency_volunteers_report_to_the_counselling_centre_with_every_session_on_the_case()
    {
        var story = new PlanStory(factory, Tenant);
        await EmergencyVolunteerReportsAndCounselsOnTheCase(story);
        await PsychologyTeacherOnThe24HourLineTalksToTheGuardian(story);
        await CounsellingCentreTakesTheCaseAndSchedulesAFollowUp(story);
        await VolunteersNextSessionCompletesTheFollowUp(story);
        await ServiceVolumeIsCreditedToEachProviderUnit(story);
    }

    private static async Task EmergencyVolunteerReportsAndCounselsOnTheCase(PlanStory s)
    {
        // A part-time psychology teacher of the emergency volunteer team (R-5.3, access role Volunteer) reports: she gets the case,
        // not a receipt, and it goes to the counselling centre's level-3 queue at once (the school's intake rule, R-4.3).
        var reported = await s.ReportAsync(s.As(Volunteer, Roles.Volunteer), "pupil-4203", "应急志愿者：得知爸爸确诊后躲在操场角落哭，说怕爸爸回不来。", "MODERATE");
        Assert.Equal(("REPORTED", "queue:level-3"), (Str(reported, "status"), Str(reported, "assigneeId")));

        var logged = await s.OnCaseAsync(s.As(Volunteer, Roles.Volunteer), "logContact", "channel: IN_PERSON, durationMinutes: 30, notes: \"现场安抚，陪同回教室\"", "contacts { by channel durationMinutes providerUnitId }");
        Assert.Equal([$"{Volunteer}:IN_PERSON:30:emergency-volunteers"], logged["contacts"]!.AsArray().Select(c => $"{Str(c!, "by")}:{Str(c!, "channel")}:{c!["durationMinutes"]}:{c["providerUnitId"]}"));

        // Another volunteer of the team, who did not report it, is not on the case (need-to-know).
        await s.RefusedAsync("FORBIDDEN", s.As("volunteer2@demo-primary-school", Roles.Volunteer),
            $"mutation {{ logContact(id: \"{s.Recall("case")}\", channel: PHONE, durationMinutes: 5) {{ id }} }}");
    }

    private static async Task PsychologyTeacherOnThe24HourLineTalksToTheGuardian(PlanStory s)
    {
        // The second psychology teacher holds the level-3 queue that owns the new case, so she may act on it at night (R-5.1).
        var hotline = await s.OnCaseAsync(s.As("hotline@demo-primary-school", Roles.Counsellor), "logContact",
            "channel: HOTLINE, durationMinutes: 20, notes: \"24小时热线：奶奶来电，孩子夜里惊醒\"", "contacts { by channel providerUnitId }");
        Assert.Contains(hotline["contacts"]!.AsArray(), c => Str(c!, "by") == "hotline@demo-primary-school" && Str(c!, "channel") == "HOTLINE" && Str(c!, "providerUnitId") == "counselling-centre");
    }

    private static async Task CounsellingCentreTakesTheCaseAndSchedulesAFollowUp(PlanStory s)
    {
        var counsellor = s.As("counsellor@demo-primary-school", Roles.Counsellor);
        var taken = await s.OnCaseAsync(counsellor, "takeCase", "", "assigneeId");
        Assert.Equal("counsellor@demo-primary-school", Str(taken, "assigneeId"));
        var scheduled = await s.OnCaseAsync(counsellor, "scheduleFollowUp", "", "visitEveryHours tasks { kind status dueAt }");
        var visit = scheduled["tasks"]!.AsArray().Single(t => Str(t!, "kind") == "FOLLOW_UP_VISIT")!;
        var due = s.Factory.Clock.GetUtcNow().AddHours(scheduled["visitEveryHours"]!.GetValue<int>());
        Assert.Equal((due, "OPEN"), (visit["dueAt"]!.GetValue<DateTimeOffset>(), Str(visit, "status")));
    }

    private static async Task VolunteersNextSessionCompletesTheFollowUp(PlanStory s)
    {
        var session = await s.OnCaseAsync(s.As(Volunteer, Roles.Volunteer), "logContact", "channel: IN_PERSON, durationMinutes: 40, notes: \"沙盘游戏辅导\"", "tasks { kind status }");
        Assert.Equal("DONE", Str(session["tasks"]!.AsArray().Single(t => Str(t!, "kind") == "FOLLOW_UP_VISIT")!, "status"));
    }

    private static async Task ServiceVolumeIsCreditedToEachProviderUnit(PlanStory s)
    {
        var stats = await s.OkAsync(s.As("supervisor@demo-primary-school", Roles.Supervisor), "{ statistics { timeliness { serviceVolume { organizationId contacts minutes } } } }");
        var volume = stats["statistics"]!["timeliness"]!["serviceVolume"]!.AsArray()
            .ToDictionary(v => v!["organizationId"]?.GetValue<string>() ?? "(none)", v => (v!["contacts"]!.GetValue<long>(), v["minutes"]!.GetValue<long>()));
        Assert.Equal((2L, 70L), volume["emergency-volunteers"]);
        Assert.Equal((1L, 20L), volume["counselling-centre"]);
    }
}
