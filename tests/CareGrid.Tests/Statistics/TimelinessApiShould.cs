using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using CareGrid.Tests.PeopleDirectory;

namespace CareGrid.Tests.Statistics;

/// <summary>
/// <c>statistics { timeliness }</c> through GraphQL with the fake domain clock (docs/statistics.md "Timeliness"): a high-risk
/// report, a professional's call and crisis intervention move the durations, the R-1.10 protocol turns from pending to
/// missed when the clock passes a deadline, and service volume counts for the case's unit; the tables in Simplified Chinese.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class TimelinessApiShould(CareGridApiFactory factory)
{
    private const string Fields = "timeliness { firstProfessionalContact { measured waiting medianHours p90Hours medianWorkingDays p90WorkingDays } "
        + "crisisIntervention { measured waiting medianHours medianWorkingDays } highRiskProtocol { episodes met missed pending metShare } "
        + "serviceVolume { organizationId contacts minutes } referralsByOutcome { status count } dischargeHandOvers { doneInTime overdue } }";

    private readonly DirectoryApi _api = new(factory);

    private string Token(string tenant, string sub, string role) => factory.TokenFor($"{sub}@{tenant}", tenant, role);

    /// <summary>Moves the shared fake clock forward to the next Monday 09:00 in Shanghai at least a week ahead, so weekdays are fixed.</summary>
    private DateTimeOffset NextMondayMorning()
    {
        var now = factory.Clock.GetUtcNow();
        var monday = now.UtcDateTime.Date.AddDays(7 + ((8 - (int)now.UtcDateTime.DayOfWeek) % 7));
        var at = new DateTimeOffset(monday.AddHours(1), TimeSpan.Zero); // 09:00 in Asia/Shanghai
        factory.Clock.SetUtcNow(at);
        return at;
    }

    private async Task<JsonNode> TimelinessAsync(string tenant, string args = "") =>
        (await _api.OkAsync(tenant, $"{{ statistics{args} {{ {Fields} }} }}", token: Token(tenant, "principal", Roles.Supervisor)))["statistics"]!["timeliness"]!;

    [Fact]
    public async Task Measure_first_contact_and_crisis_intervention_and_miss_the_protocol_when_the_clock_passes_a_deadline()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "timely");
        await _api.OkAsync(tenant, "mutation { createOrganization(input: { id: \"class-8-1\", name: \"8-1\", kind: CLASS, parentId: \"school\", escalationLevel: 1 }) { id } }");
        foreach (var p in new[] { "p1", "p2" })
        {
            await _api.OkAsync(tenant, $"mutation {{ registerPerson(input: {{ id: \"{p}\", displayName: \"学生 {p}\", organizationId: \"class-8-1\", sex: FEMALE, birthYear: 2009 }}) {{ id }} }}");
        }

        await StaffMembers.SchoolPsychologistAsync(factory, _api.Client, tenant, $"psych@{tenant}"); // stays on the case they report (RT17-7)
        var psych = Token(tenant, "psych", Roles.Counsellor);
        var t0 = NextMondayMorning();
        var reported = (await _api.OkAsync(tenant, "mutation { reportConcern(input: { personId: \"p1\", summary: \"Wrote a goodbye letter\", riskLevel: HIGH }) { id tasks { id kind } } }", token: psych))["reportConcern"]!;
        var caseId = reported["id"]!.GetValue<string>();
        await _api.OkAsync(tenant, "mutation { reportConcern(input: { personId: \"p2\", summary: \"Cries in class\", riskLevel: LOW }) { id } }", token: Token(tenant, "homeroom", Roles.Caseworker));

        var before = await TimelinessAsync(tenant);
        Assert.Equal((0, 2), (before["firstProfessionalContact"]!["measured"]!.GetValue<int>(), before["firstProfessionalContact"]!["waiting"]!.GetValue<int>()));
        Assert.Equal((1, 1), (before["highRiskProtocol"]!["episodes"]!.GetValue<int>(), before["highRiskProtocol"]!["pending"]!.GetValue<int>()));

        factory.Clock.SetUtcNow(t0.AddMinutes(90));
        await _api.OkAsync(tenant, $"mutation {{ logContact(id: \"{caseId}\", channel: PHONE, durationMinutes: 30) {{ id }} }}", token: psych);
        factory.Clock.SetUtcNow(t0.AddHours(3)); // past the 2-hour family-contact deadline, which is still open
        await _api.OkAsync(tenant, "mutation { recordConsent(personId: \"p1\", purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED, givenBy: SELF) { id } }", token: psych);
        var crisisTask = reported["tasks"]!.AsArray().Single(t => t!["kind"]!.GetValue<string>() == "PROFESSIONAL_CRISIS_INTERVENTION")!["id"]!.GetValue<string>();
        await _api.OkAsync(tenant, $"mutation {{ completeTask(id: \"{caseId}\", taskId: \"{crisisTask}\", note: \"crisis session held\") {{ id }} }}", token: psych);

        var after = await TimelinessAsync(tenant);
        var first = after["firstProfessionalContact"]!;
        Assert.Equal((1, 1, 1.5m, 1.5m, 0.06m, 0.06m), (first["measured"]!.GetValue<int>(), first["waiting"]!.GetValue<int>(), first["medianHours"]!.GetValue<decimal>(),
            first["p90Hours"]!.GetValue<decimal>(), first["medianWorkingDays"]!.GetValue<decimal>(), first["p90WorkingDays"]!.GetValue<decimal>()));
        var crisis = after["crisisIntervention"]!;
        Assert.Equal((1, 0, 3m, 0.13m), (crisis["measured"]!.GetValue<int>(), crisis["waiting"]!.GetValue<int>(), crisis["medianHours"]!.GetValue<decimal>(), crisis["medianWorkingDays"]!.GetValue<decimal>()));
        var protocol = after["highRiskProtocol"]!;
        Assert.Equal((1, 0, 1, 0, 0m), (protocol["episodes"]!.GetValue<int>(), protocol["met"]!.GetValue<int>(), protocol["missed"]!.GetValue<int>(),
            protocol["pending"]!.GetValue<int>(), protocol["metShare"]!.GetValue<decimal>()));
        var service = Assert.Single(after["serviceVolume"]!.AsArray())!;
        // Credited to the psychology teacher's own unit, the counselling centre (docs/statistics.md "Service volume").
        Assert.Equal(("counselling-centre", 1, 30), (service["organizationId"]!.GetValue<string>(), service["contacts"]!.GetValue<int>(), service["minutes"]!.GetValue<int>()));
        Assert.All(after["referralsByOutcome"]!.AsArray(), r => Assert.Equal(0, r!["count"]!.GetValue<int>()));

        // A unit outside the figures counts nothing; a later period does not hold these cases.
        var elsewhere = await TimelinessAsync(tenant, "(organizationId: \"school\", includeSubtree: false)");
        Assert.Equal(0, elsewhere["firstProfessionalContact"]!["measured"]!.GetValue<int>());
        var monday = DateOnly.FromDateTime(t0.UtcDateTime).AddDays(7);
        var later = await TimelinessAsync(tenant, $"(period: {{ from: \"{monday:yyyy-MM-dd}\", to: \"{monday.AddDays(6):yyyy-MM-dd}\" }})");
        Assert.Equal((0, 0), (later["firstProfessionalContact"]!["waiting"]!.GetValue<int>(), later["highRiskProtocol"]!["episodes"]!.GetValue<int>()));
    }

    /// <summary>At <paramref name="at"/>, the psychologist reassesses the case (still HIGH), triages, guides the pupil to the clinic and closes it.</summary>
    private async Task CloseAsync(string tenant, string psych, string caseId, DateTimeOffset at)
    {
        factory.Clock.SetUtcNow(at);
        await _api.OkAsync(tenant, $"mutation {{ assessRisk(id: \"{caseId}\", riskLevel: HIGH, reason: \"met her, still high\") {{ id }} }}", token: psych);
        await _api.OkAsync(tenant, $"mutation {{ triageCase(id: \"{caseId}\", reason: \"triaged\") {{ id }} }}", token: psych);
        var open = await _api.OkAsync(tenant, $"{{ case(id: \"{caseId}\") {{ tasks {{ id kind status }} }} }}", token: psych);
        var guide = open["case"]!["tasks"]!.AsArray().First(t => t!["kind"]!.GetValue<string>() == "GUIDE_TO_PSYCHIATRIC_INSTITUTION" && t["status"]!.GetValue<string>() == "OPEN")!["id"]!.GetValue<string>();
        await _api.OkAsync(tenant, $"mutation {{ completeTask(id: \"{caseId}\", taskId: \"{guide}\", note: \"taken to the clinic\") {{ id }} }}", token: psych); // the crisis worked (R-1.10)
        await _api.OkAsync(tenant, $"mutation {{ closeCase(id: \"{caseId}\", reason: \"handed over\") {{ id }} }}", token: psych);
    }

    /// <summary>A school tenant, its psychologist's token, and a case reported HIGH by them at the next Monday morning (the clock set there).</summary>
    private async Task<(string Tenant, string Psych, DateTimeOffset T0, string CaseId)> HighRiskCaseAsync(string name)
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", name);
        await _api.OkAsync(tenant, "mutation { createOrganization(input: { id: \"class-8-2\", name: \"8-2\", kind: CLASS, parentId: \"school\", escalationLevel: 1 }) { id } }");
        await _api.OkAsync(tenant, "mutation { registerPerson(input: { id: \"p1\", displayName: \"学生 p1\", organizationId: \"class-8-2\", sex: MALE, birthYear: 2009 }) { id } }");
        await StaffMembers.SchoolPsychologistAsync(factory, _api.Client, tenant, $"psych@{tenant}");
        var psych = Token(tenant, "psych", Roles.Counsellor);
        var t0 = NextMondayMorning();
        var caseId = (await _api.OkAsync(tenant, "mutation { reportConcern(input: { personId: \"p1\", summary: \"Talked about ending it\", riskLevel: HIGH }) { id } }", token: psych))["reportConcern"]!["id"]!.GetValue<string>();
        return (tenant, psych, t0, caseId);
    }

    [Fact]
    public async Task Keep_a_missed_protocol_deadline_when_the_risk_is_lowered_and_raised_again()
    {
        var (tenant, psych, t0, caseId) = await HighRiskCaseAsync("timelyepisodes");
        await _api.OkAsync(tenant, "mutation { recordConsent(personId: \"p1\", purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED, givenBy: SELF) { id } }", token: psych);

        // Every protocol task done, the family told an hour after its 2-hour deadline: the episode missed it.
        factory.Clock.SetUtcNow(t0.AddHours(3));
        var tasks = (await _api.OkAsync(tenant, $"{{ case(id: \"{caseId}\") {{ tasks {{ id status }} }} }}", token: psych))["case"]!["tasks"]!.AsArray();
        foreach (var task in tasks.Where(t => t!["status"]!.GetValue<string>() == "OPEN"))
        {
            await _api.OkAsync(tenant, $"mutation {{ completeTask(id: \"{caseId}\", taskId: \"{task!["id"]!.GetValue<string>()}\", note: \"done as planned\") {{ id }} }}", token: psych);
        }

        var missed = (await TimelinessAsync(tenant))["highRiskProtocol"]!;
        Assert.Equal((1, 1, 0), (missed["episodes"]!.GetValue<int>(), missed["missed"]!.GetValue<int>(), missed["pending"]!.GetValue<int>()));

        // Lowered and raised again the next day: a new episode, and the miss of the first stays in the figures.
        factory.Clock.SetUtcNow(t0.AddHours(5));
        await _api.OkAsync(tenant, $"mutation {{ assessRisk(id: \"{caseId}\", riskLevel: LOW, reason: \"calm, safety plan agreed\") {{ id }} }}", token: psych);
        factory.Clock.SetUtcNow(t0.AddDays(1));
        await _api.OkAsync(tenant, $"mutation {{ assessRisk(id: \"{caseId}\", riskLevel: HIGH, reason: \"new threats in a chat\") {{ id }} }}", token: psych);
        var both = (await TimelinessAsync(tenant))["highRiskProtocol"]!;
        Assert.Equal((2, 0, 1, 1), (both["episodes"]!.GetValue<int>(), both["met"]!.GetValue<int>(), both["missed"]!.GetValue<int>(), both["pending"]!.GetValue<int>()));
        var crisis = (await TimelinessAsync(tenant))["crisisIntervention"]!;
        Assert.Equal((1, 1), (crisis["measured"]!.GetValue<int>(), crisis["waiting"]!.GetValue<int>())); // the first episode's, and the new one waiting

        // Round-28 red team: 17 more lowerings and raisings at one instant pushed the miss out of the kept episodes. Episodes
        // in which nothing was done or due count nowhere and are not kept, and a missed one leaves last.
        for (var i = 0; i < 17; i++)
        {
            await _api.OkAsync(tenant, $"mutation {{ assessRisk(id: \"{caseId}\", riskLevel: LOW, reason: \"calmer now {i}\") {{ id }} }}", token: psych);
            await _api.OkAsync(tenant, $"mutation {{ assessRisk(id: \"{caseId}\", riskLevel: HIGH, reason: \"worse again {i}\") {{ id }} }}", token: psych);
        }

        var after = (await TimelinessAsync(tenant))["highRiskProtocol"]!;
        Assert.Equal((2, 1, 1), (after["episodes"]!.GetValue<int>(), after["missed"]!.GetValue<int>(), after["pending"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Count_a_deadline_missed_when_the_case_was_closed_and_reopened_just_before_it()
    {
        // Round-28 red team: closed at 1 h 50 min and reopened at 1 h 55 min of the family notice's 2-hour deadline, the case
        // got a new 2-hour deadline and its figures said "cancelled". The reopened task keeps the deadline closing stopped.
        var (tenant, psych, t0, caseId) = await HighRiskCaseAsync("timelyreopen");
        await CloseAsync(tenant, psych, caseId, t0.AddHours(1).AddMinutes(50));
        factory.Clock.SetUtcNow(t0.AddHours(1).AddMinutes(55));
        var reopened = (await _api.OkAsync(tenant, $"mutation {{ reopenCase(id: \"{caseId}\", reason: \"not handed over after all\") {{ tasks {{ kind status dueAt }} }} }}", token: psych))["reopenCase"]!;

        var notify = reopened["tasks"]!.AsArray().Single(t => t!["kind"]!.GetValue<string>() == "NOTIFY_FAMILY_EMERGENCY_CONTACT" && t["status"]!.GetValue<string>() == "OPEN")!;
        Assert.Equal(t0.AddHours(2), DateTimeOffset.Parse(notify["dueAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        factory.Clock.SetUtcNow(t0.AddHours(2).AddMinutes(1));
        var protocol = (await TimelinessAsync(tenant))["highRiskProtocol"]!;
        Assert.Equal((1, 0), (protocol["missed"]!.GetValue<int>(), protocol["pending"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Keep_the_stopped_deadline_when_a_new_report_follows_the_closing_instead_of_a_reopening()
    {
        // Round-29 red team (second round): closed at 1 h 50 min, then reported anew at 1 h 55 min: the new case got fresh
        // deadlines. The person keeps what their last closing stopped, and a new case takes it.
        var (tenant, psych, t0, caseId) = await HighRiskCaseAsync("timelyanew");
        await CloseAsync(tenant, psych, caseId, t0.AddHours(1).AddMinutes(50));
        factory.Clock.SetUtcNow(t0.AddHours(1).AddMinutes(55));
        var reported = (await _api.OkAsync(tenant, "mutation { reportConcern(input: { personId: \"p1\", summary: \"Talking about it again\", riskLevel: HIGH }) { id tasks { kind status dueAt } } }", token: psych))["reportConcern"]!;

        Assert.NotEqual(caseId, reported["id"]!.GetValue<string>());
        var notify = reported["tasks"]!.AsArray().Single(t => t!["kind"]!.GetValue<string>() == "NOTIFY_FAMILY_EMERGENCY_CONTACT" && t["status"]!.GetValue<string>() == "OPEN")!;
        Assert.Equal(t0.AddHours(2), DateTimeOffset.Parse(notify["dueAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        factory.Clock.SetUtcNow(t0.AddHours(2).AddMinutes(1));
        Assert.Equal(1, (await TimelinessAsync(tenant))["highRiskProtocol"]!["missed"]!.GetValue<int>());
    }

    [Fact]
    public async Task Meet_the_family_notice_by_a_call_that_told_the_family()
    {
        // Round-29 new-user trial: the psychology teacher phoned the father, and the family notice stayed open.
        var (tenant, psych, t0, caseId) = await HighRiskCaseAsync("timelyfamily");
        await _api.OkAsync(tenant, "mutation { recordConsent(personId: \"p1\", purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED, givenBy: SELF) { id } }", token: psych);
        factory.Clock.SetUtcNow(t0.AddMinutes(40));
        var logged = (await _api.OkAsync(tenant, $"mutation {{ logContact(id: \"{caseId}\", channel: PHONE, durationMinutes: 10, notes: \"已电话联系父亲\", familyNotified: true) {{ tasks {{ kind status }} }} }}", token: psych))["logContact"]!;

        Assert.Equal("DONE", logged["tasks"]!.AsArray().Single(t => t!["kind"]!.GetValue<string>() == "NOTIFY_FAMILY_EMERGENCY_CONTACT")!["status"]!.GetValue<string>());
        factory.Clock.SetUtcNow(t0.AddHours(3)); // past the family notice's 2 hours: not missed, the other tasks still pending
        var protocol = (await TimelinessAsync(tenant))["highRiskProtocol"]!;
        Assert.Equal((0, 1), (protocol["missed"]!.GetValue<int>(), protocol["pending"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Give_the_timeliness_tables_in_simplified_chinese()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "timelyzh");
        var tables = (await _api.OkAsync(tenant, "{ statistics(language: ZH_HANS) { tables { key title columns rows { text number } } } }",
            token: Token(tenant, "principal", Roles.Supervisor)))["statistics"]!["tables"]!.AsArray();
        var durations = tables.Single(t => t!["key"]!.GetValue<string>() == "timeliness-durations")!;
        Assert.Equal("响应时间（统计期内）", durations["title"]!.GetValue<string>());
        Assert.Equal("从报告到首次专业接触", durations["rows"]![0]![0]!["text"]!.GetValue<string>());
        Assert.Contains(tables, t => t!["key"]!.GetValue<string>() == "service-volume-by-unit");
    }
}
