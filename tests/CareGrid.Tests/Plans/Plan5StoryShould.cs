using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using static CareGrid.Tests.Plans.PlanStory;

namespace CareGrid.Tests.Plans;

/// <summary>
/// Plan 5's main flow in <c>demo-primary-school</c> (阳光路小学, docs/demo.md): a member of the emergency volunteer team under
/// the counselling centre finds a pupil in distress and reports him (R-5.3), answered with a receipt since her team does not
/// cover his class (round 17 red team RT17-7); the psychology teacher on the 24-hour line talks to the grandmother that night
/// (R-5.1); the counselling centre takes the case and schedules a follow-up, which its next session completes; the service volume is credited to each provider unit
/// (R-1.12); a grandmother's call on the 24-hour line is logged and becomes a concern in one step (R-5.1, docs/intake.md); a homeroom
/// teacher's appointment request to the counselling centre is scheduled and held; a pupil's anonymous message in the worry mailbox
/// is flagged urgent and the counsellor's reply is read with the claim code alone (R-5.2, R-1.10, docs/mailbox.md). Each step is a
/// method; add a step by adding one and a line to the story.
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
        await CentresNextSessionCompletesTheFollowUp(story);
        await ServiceVolumeIsCreditedToEachProviderUnit(story);
        await A24HourLineCallIsLoggedAndBecomesAConcern(story);
        await AHomeroomTeachersAppointmentRequestIsScheduledAndHeld(story);
        await APupilsAnonymousWorryIsFlaggedUrgentAndTheReplyReadWithTheClaimCode(story);
    }

    private static async Task EmergencyVolunteerReportsAndCounselsOnTheCase(PlanStory s)
    {
        // A part-time psychology teacher of the emergency volunteer team (R-5.3, access role Volunteer) reports. Volunteer is a
        // front-line role, so her team's membership covers the team, not the pupil's class: she is answered with a receipt,
        // as any reporter outside the pupil's units (round 17 red team RT17-7, docs/access.md "Receipts for reporters"), and
        // the case goes to the counselling centre's level-3 queue at once (the school's intake rule, R-4.3).
        var receipt = await s.ReportAsync(s.As(Volunteer, Roles.Volunteer), "pupil-4203", "应急志愿者：得知爸爸确诊后躲在操场角落哭，说怕爸爸回不来。", "MODERATE",
            key: "receipt", fields: "id reportOutcome");
        Assert.Equal("RECEIVED", Str(receipt, "reportOutcome"));
        Assert.StartsWith("rcpt-", Str(receipt, "id"), StringComparison.Ordinal);
        var hotline = s.As("hotline@demo-primary-school", Roles.Counsellor);
        var row = (await s.OkAsync(hotline, "{ cases(filter: { person: \"pupil-4203\", open: true }) { nodes { id status assigneeId } } }"))["cases"]!["nodes"]!.AsArray().Single()!;
        Assert.Equal(("REPORTED", "queue:level-3"), (Str(row, "status"), Str(row, "assigneeId")));
        s.Remember("case", Str(row, "id"));

        // So neither she nor another volunteer of the team is on the case (need-to-know): the centre logs the counselling.
        foreach (var volunteer in new[] { Volunteer, "volunteer2@demo-primary-school" })
        {
            await s.RefusedAsync("FORBIDDEN", s.As(volunteer, Roles.Volunteer),
                $"mutation {{ logContact(id: \"{s.Recall("case")}\", channel: PHONE, durationMinutes: 5) {{ id }} }}");
        }
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

    private static async Task CentresNextSessionCompletesTheFollowUp(PlanStory s)
    {
        var session = await s.OnCaseAsync(s.As("counsellor@demo-primary-school", Roles.Counsellor), "logContact", "channel: IN_PERSON, durationMinutes: 40, notes: \"沙盘游戏辅导\"", "tasks { kind status }");
        Assert.Equal("DONE", Str(session["tasks"]!.AsArray().Single(t => Str(t!, "kind") == "FOLLOW_UP_VISIT")!, "status"));
    }

    private static async Task ServiceVolumeIsCreditedToEachProviderUnit(PlanStory s)
    {
        var stats = await s.OkAsync(s.As("supervisor@demo-primary-school", Roles.Supervisor), "{ statistics { timeliness { serviceVolume { organizationId contacts minutes } } } }");
        var volume = stats["statistics"]!["timeliness"]!["serviceVolume"]!.AsArray()
            .ToDictionary(v => v!["organizationId"]?.GetValue<string>() ?? "(none)", v => (v!["contacts"]!.GetValue<long>(), v["minutes"]!.GetValue<long>()));
        Assert.Equal((2L, 60L), volume["counselling-centre"]);
        Assert.False(volume.ContainsKey("emergency-volunteers"));
    }

    private static async Task A24HourLineCallIsLoggedAndBecomesAConcern(PlanStory s)
    {
        // A grandmother rings the 24-hour line at night (R-5.1); she does not give her name: an anonymous caller, about pupil 黄子墨.
        var hotline = s.As("hotline@demo-primary-school", Roles.Counsellor);
        var call = (await s.OkAsync(hotline, "mutation { logCall(input: { channel: TWENTY_FOUR_HOUR_LINE, summary: \"奶奶来电：孙子这几天不吃饭，说活着没意思\", riskCheck: { thoughtsOfDeath: true }, riskLevel: MODERATE, idempotencyKey: \"story-5-call\" }) { id answeredBy riskLevel caseId } }"))["logCall"]!;
        Assert.Equal(("hotline@demo-primary-school", "MODERATE"), (Str(call, "answeredBy"), Str(call, "riskLevel")));
        Assert.Null(call["caseId"]);

        var converted = (await s.OkAsync(hotline, $"mutation {{ convertCallToConcern(id: \"{Str(call, "id")}\", personId: \"pupil-4102\") {{ caseId concernPersonId }} }}"))["convertCallToConcern"]!;
        Assert.Equal("pupil-4102", Str(converted, "concernPersonId"));
        s.Remember("call-case", Str(converted, "caseId"));
        var opened = await s.CaseAsync(hotline, "personId riskLevel summary", key: "call-case");
        Assert.Equal(("pupil-4102", "MODERATE"), (Str(opened, "personId"), Str(opened, "riskLevel")));
    }

    private static async Task AHomeroomTeachersAppointmentRequestIsScheduledAndHeld(PlanStory s)
    {
        var teacher = s.As("homeroom-4-1@demo-primary-school", Roles.Caseworker);
        var requested = (await s.OkAsync(teacher, "mutation { requestAppointment(input: { personId: \"pupil-4101\", reason: \"考试前紧张，睡不好\", preferredTimes: \"周三下午\" }) { id status } }"))["requestAppointment"]!;
        Assert.Equal("REQUESTED", Str(requested, "status"));
        var id = Str(requested, "id");

        var counsellor = s.As("counsellor@demo-primary-school", Roles.Counsellor);
        var at = s.Factory.Clock.GetUtcNow().AddDays(1);
        var scheduled = (await s.OkAsync(counsellor, $"mutation {{ scheduleAppointment(id: \"{id}\", at: \"{at:O}\", note: \"心理辅导室\") {{ status }} }}"))["scheduleAppointment"]!;
        Assert.Equal("SCHEDULED", Str(scheduled, "status"));

        s.Factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));
        var held = (await s.OkAsync(counsellor, $"mutation {{ recordAppointmentOutcome(id: \"{id}\", outcome: HELD, note: \"谈了四十分钟\") {{ status }} }}"))["recordAppointmentOutcome"]!;
        Assert.Equal("HELD", Str(held, "status"));
    }

    private static async Task APupilsAnonymousWorryIsFlaggedUrgentAndTheReplyReadWithTheClaimCode(PlanStory s)
    {
        // No token, no name: the public route of the worry mailbox (R-5.2, docs/mailbox.md).
        using var http = s.Factory.CreateClient();
        var posted = await MailboxAsync(http, s.Tenant, "post", new System.Text.Json.Nodes.JsonObject { ["text"] = "我每天都很难过，有时候想死，不敢告诉妈妈。" });
        Assert.Equal(System.Net.HttpStatusCode.Created, posted.Status);
        var code = Str(posted.Body!, "claimCode");
        var threadId = CareGrid.Grains.Mailbox.ClaimCodes.Parse(code)!.ThreadId;

        // Words of self-harm (R-1.10): the thread is flagged and listed first for the counsellors.
        var counsellor = s.As("counsellor@demo-primary-school", Roles.Counsellor);
        var queue = (await s.OkAsync(counsellor, "{ mailboxThreads(status: OPEN) { id urgent } }"))["mailboxThreads"]!.AsArray();
        Assert.Equal((threadId, true), (Str(queue[0]!, "id"), queue[0]!["urgent"]!.GetValue<bool>()));
        await s.OkAsync(counsellor, "mutation($id: ID!) { replyToMailboxThread(id: $id, text: \"谢谢你告诉我们。你不是一个人，明天中午来心理辅导室好吗？\") { id } }", new { id = threadId });

        var read = await MailboxAsync(http, s.Tenant, "read", new System.Text.Json.Nodes.JsonObject { ["claimCode"] = code });
        Assert.Equal(System.Net.HttpStatusCode.OK, read.Status);
        Assert.Equal("ANSWERED", Str(read.Body!, "status"));
        Assert.Equal(("COUNSELLOR", "谢谢你告诉我们。你不是一个人，明天中午来心理辅导室好吗？"), (Str(read.Body!["messages"]![1]!, "from"), Str(read.Body!["messages"]![1]!, "text")));
    }

    private static async Task<(System.Net.HttpStatusCode Status, System.Text.Json.Nodes.JsonNode? Body)> MailboxAsync(HttpClient http, string tenant, string action, System.Text.Json.Nodes.JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri($"/t/{tenant}/worry-mailbox/{action}", UriKind.Relative), content);
        var raw = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, raw.Length > 0 ? System.Text.Json.Nodes.JsonNode.Parse(raw) : null);
    }
}
