using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using static CareGrid.Tests.Plans.PlanStory;

namespace CareGrid.Tests.Plans;

/// <summary>
/// Plan 2's main flow in <c>demo-town</c> (docs/demo.md): village staff visit a recovered patient's family and log it on his case
/// (R-2.2); the social affairs office takes the case (R-2.2, R-2.8) and sends his hardship to civil affairs for material aid
/// (proposeAidRequest → sendAidRequest → recordAidProvided, R-2.2, R-1.8, docs/aid.md); the town health centre's specialist is
/// brought in at level 3, assesses with K10 and schedules the next visit on the case's visit interval (R-2.6); the town's
/// quarantine site counsels a returning worker, logged on his case and credited to the site (R-1.6, R-1.12); the district's
/// mental health centre discharges a recovered patient: the primary health institution receives the hand-over (due in 5 working
/// days), the village checks it with the community, the family doctor enters the health record, signs the service agreement and
/// moves her into key-population follow-up (R-2.4, R-2.5, R-2.6, docs/discharge.md). Each step is a method; add a step by adding
/// one and a line to the story.
/// </summary>
[Trait("tier", "api")]
[Collection(PlanStoriesCollection.Name)]
public sealed class Plan2StoryShould(CareGridApiFactory factory)
{
    private const string Tenant = "demo-town";

    [Fact]
    public async Task Walk_from_a_village_visit_to_material_aid_a_level_3_assessment_quarantine_site_counselling_and_a_discharge_hand_over()
    {
        var story = new PlanStory(factory, Tenant);
        story.Remember("case", "case-town-1");
        await VillageStaffLogTheirHomeVisitOnTheSeededCase(story);
        await SocialAffairsOfficeTakesTheCase(story);
        await HardshipGoesToCivilAffairsForMaterialAid(story);
        await TownHealthCentreAssessesAndSchedulesTheNextVisit(story);
        await QuarantineSiteCounsellingIsLoggedOnTheCaseAndCreditedToTheSite(story);
        await HospitalRecordsADischargeAndThePrimaryHealthInstitutionReceivesIt(story);
        await TheVillageChecksTheDischargeWithTheCommunity(story);
        await FamilyDoctorEntersTheRecordSignsTheAgreementAndMovesHimIntoKeyPopulationFollowUp(story);
    }

    private static async Task VillageStaffLogTheirHomeVisitOnTheSeededCase(PlanStory s)
    {
        var visit = await s.OnCaseAsync(s.As("villagestaff@demo-town", Roles.Caseworker), "logContact",
            "channel: HOME_VISIT, durationMinutes: 40, notes: \"family visit: rent arrears since discharge\"", "status assigneeId contacts { by channel }");
        Assert.Equal(("TRIAGE", "queue:level-2"), (Str(visit, "status"), Str(visit, "assigneeId")));
        Assert.Equal(["villagestaff@demo-town:HOME_VISIT"], visit["contacts"]!.AsArray().Select(c => $"{Str(c!, "by")}:{Str(c!, "channel")}"));

        // South Village's staff do not reach a North Village case (need-to-know by organization, docs/access.md).
        await s.RefusedAsync("FORBIDDEN", s.As("caseworker@demo-town", Roles.Caseworker), "{ case(id: \"case-town-1\") { id } }");
    }

    private static async Task SocialAffairsOfficeTakesTheCase(PlanStory s)
    {
        var taken = await s.OnCaseAsync(s.As("coordinator@demo-town", Roles.Coordinator), "takeCase", "", "assigneeId");
        Assert.Equal("coordinator@demo-town", Str(taken, "assigneeId"));
        var active = await s.OnCaseAsync(s.As("coordinator@demo-town", Roles.Coordinator), "activateCase", "assigneeId: \"coordinator@demo-town\"", "status");
        Assert.Equal("ACTIVE", Str(active, "status"));
    }

    private static async Task HardshipGoesToCivilAffairsForMaterialAid(PlanStory s)
    {
        // The town's social affairs office is its civil-affairs unit (R-1.8, R-2.2, docs/aid.md): proposed → sent → provided on the case.
        var officer = s.As("coordinator@demo-town", Roles.Coordinator);
        await s.OkAsync(officer, "mutation { recordConsent(personId: \"recovered-001\", purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED, givenBy: SELF) { id } }");
        var caseId = s.Recall("case");
        var proposed = (await s.OkAsync(officer, $"mutation {{ proposeAidRequest(caseId: \"{caseId}\", providerOrganizationId: \"social-affairs-office\", need: \"rent arrears and a living allowance\") {{ id status }} }}"))["proposeAidRequest"]!;
        Assert.Equal("PROPOSED", Str(proposed, "status"));
        var aid = Str(proposed, "id");
        // He gave his INFORMATION_SHARING consent (the seed), so his need may go to the provider (R-1.7).
        var sent = (await s.OkAsync(officer, $"mutation {{ sendAidRequest(caseId: \"{caseId}\", aidId: \"{aid}\") {{ status }} }}"))["sendAidRequest"]!;
        Assert.Equal("SENT", Str(sent, "status"));
        var provided = (await s.OkAsync(officer, $"mutation {{ recordAidProvided(caseId: \"{caseId}\", aidId: \"{aid}\", note: \"living allowance approved\") {{ status }} }}"))["recordAidProvided"]!;
        Assert.Equal("PROVIDED", Str(provided, "status"));

        var counts = await s.OkAsync(s.As("supervisor@demo-town", Roles.Supervisor), "{ aidByProvider { providerOrganizationId provided } }");
        Assert.Contains(counts["aidByProvider"]!.AsArray(), r => Str(r!, "providerOrganizationId") == "social-affairs-office" && r!["provided"]!.GetValue<int>() >= 1);
    }

    private static async Task TownHealthCentreAssessesAndSchedulesTheNextVisit(PlanStory s)
    {
        var officer = s.As("coordinator@demo-town", Roles.Coordinator);
        var escalated = await s.OnCaseAsync(officer, "escalateCase", "level: 3, reason: \"withdrawn, avoids neighbours: needs the town's specialist\"", "escalationLevel");
        Assert.Equal(3, escalated["escalationLevel"]!.GetValue<int>());

        // The town health centre keeps every recovered patient's archive (R-2.6): its specialist sees and assesses the case.
        var specialist = s.As("counsellor@demo-town", Roles.Counsellor);
        var screened = await s.OnCaseAsync(specialist, "recordScreening", "instrument: K10, answers: [3,3,2,2,3,2,2,2,3,2]", "riskLevel screenings { result { totalScore band } }");
        Assert.Equal(24, screened["screenings"]![0]!["result"]!["totalScore"]!.GetValue<int>());

        var scheduled = await s.OnCaseAsync(specialist, "scheduleFollowUp", "", "visitEveryHours tasks { kind status dueAt }");
        var visit = scheduled["tasks"]!.AsArray().Single(t => Str(t!, "kind") == "FOLLOW_UP_VISIT" && Str(t!, "status") == "OPEN")!;
        Assert.Equal(s.Factory.Clock.GetUtcNow().AddHours(scheduled["visitEveryHours"]!.GetValue<int>()), visit["dueAt"]!.GetValue<DateTimeOffset>());
    }

    private static async Task QuarantineSiteCounsellingIsLoggedOnTheCaseAndCreditedToTheSite(PlanStory s)
    {
        // A worker back from a high-risk area is in the town's central quarantine site (R-1.6, the town template's QuarantineSite).
        var admin = s.As("admin@demo-town", Roles.TenantAdmin);
        await s.OkAsync(admin, "mutation { registerPerson(input: { id: \"returnee-001\", displayName: \"Mr Deng (returning worker, central quarantine)\", organizationId: \"town-quarantine-site\", sex: MALE, birthYear: 1988 }) { id } }");
        var site = s.As("sitecounsellor@demo-town", Roles.Caseworker);
        await s.ReportAsync(site, "returnee-001", "Day 5 of central quarantine: panics about his children, not eating.", "MODERATE", key: "site-case");
        var logged = await s.OnCaseAsync(site, "logContact", "channel: IN_PERSON, durationMinutes: 45, notes: \"counselling at the site\"", "contacts { by durationMinutes providerUnitId }", key: "site-case");
        Assert.Equal(["sitecounsellor@demo-town:45:town-quarantine-site"], logged["contacts"]!.AsArray().Select(c => $"{Str(c!, "by")}:{c!["durationMinutes"]}:{c["providerUnitId"]}"));

        var stats = await s.OkAsync(admin, "{ statistics { timeliness { serviceVolume { organizationId contacts minutes } } } }");
        var volume = stats["statistics"]!["timeliness"]!["serviceVolume"]!.AsArray().Single(v => v!["organizationId"]?.GetValue<string>() == "town-quarantine-site")!;
        Assert.Equal((1L, 45L), (volume["contacts"]!.GetValue<long>(), volume["minutes"]!.GetValue<long>()));
    }

    private static async Task HospitalRecordsADischargeAndThePrimaryHealthInstitutionReceivesIt(PlanStory s)
    {
        // Ms Huang leaves the District Mental Health Centre; its doctor records the discharge (R-2.4, docs/discharge.md): a case in
        // her village with the hand-over due in 5 working days, owned by the primary health institution's queue (level 3).
        var dischargedAt = s.Factory.Clock.GetUtcNow().AddHours(-2);
        var receipt = (await s.OkAsync(s.As("doctor@demo-town", Roles.Clinician), "mutation($in: RecordDischargeInput!) { recordDischarge(input: $in) { id reportOutcome } }",
            new { @in = new { personId = "recovered-002", hospitalOrganizationId = "town-hospital", residenceOrganizationId = "south-village", primaryHealthOrganizationId = "primary-health",
                dischargedAt, note = "Recovered; stable on medication. Lives with her sister." } }))["recordDischarge"]!;
        // The hospital is not her village: its doctor is answered with a receipt, as any reporter outside the person's units
        // (round 17 red team RT17-7); the primary health institution's family doctor finds the hand-over among their tasks.
        Assert.Equal("RECEIVED", Str(receipt, "reportOutcome"));
        Assert.StartsWith("rcpt-", Str(receipt, "id"), StringComparison.Ordinal);
        var familyDoctor = s.As("clinician@demo-town", Roles.Clinician);
        var caseId = Str((await s.OkAsync(familyDoctor, "{ myTasks(first: 100) { nodes { caseId kind } } }"))["myTasks"]!["nodes"]!.AsArray()
            .Single(n => Str(n!, "kind") == "DISCHARGE_HAND_OVER")!, "caseId");
        var recorded = (await s.OkAsync(familyDoctor, "query($id: ID!) { case(id: $id) { id organizationId escalationLevel tasks { kind ownerId dueAt status } discharges { id } } }",
            new { id = caseId }))["case"]!;
        Assert.Equal(("south-village", 3), (Str(recorded, "organizationId"), recorded["escalationLevel"]!.GetValue<int>()));
        var handOver = recorded["tasks"]!.AsArray().Single(t => Str(t!, "kind") == "DISCHARGE_HAND_OVER")!;
        var calendar = new CareGrid.Grains.Calendar.WorkingCalendar("Asia/Shanghai");
        Assert.Equal(("queue:level-3", calendar.AddWorkingDays(dischargedAt, 5)), (Str(handOver, "ownerId"), handOver["dueAt"]!.GetValue<DateTimeOffset>()));
        s.Remember("discharge-case", Str(recorded, "id"));
        s.Remember("discharge", Str(recorded["discharges"]![0]!, "id"));

        var received = await StepAsync(s, "clinician@demo-town", Roles.Clinician, "HAND_OVER_RECEIVED", "entered in the town archive");
        Assert.Equal("DONE", Str(TaskOf(received, "DISCHARGE_HAND_OVER"), "status"));
        Assert.Equal(("queue:level-1", "OPEN"), (Str(TaskOf(received, "DISCHARGE_COMMUNITY_CHECK"), "ownerId"), Str(TaskOf(received, "DISCHARGE_COMMUNITY_CHECK"), "status")));
    }

    private static async Task TheVillageChecksTheDischargeWithTheCommunity(PlanStory s)
    {
        // South Village's staff now reach the case through its community check task (R-2.4: checked with the community in 5 working days).
        var checkedByVillage = await StepAsync(s, "caseworker@demo-town", Roles.Caseworker, "COMMUNITY_CHECKED", "lives with her sister at the registered address");
        Assert.Equal("DONE", Str(TaskOf(checkedByVillage, "DISCHARGE_COMMUNITY_CHECK"), "status"));
    }

    private static async Task FamilyDoctorEntersTheRecordSignsTheAgreementAndMovesHimIntoKeyPopulationFollowUp(PlanStory s)
    {
        await StepAsync(s, "clinician@demo-town", Roles.Clinician, "HEALTH_RECORD_ENTERED", null);
        await StepAsync(s, "clinician@demo-town", Roles.Clinician, "FAMILY_DOCTOR_AGREEMENT", "signed with Dr Pan");
        var done = await StepAsync(s, "clinician@demo-town", Roles.Clinician, "KEY_POPULATION_FOLLOW_UP", null);
        Assert.Equal(["HAND_OVER_RECEIVED", "COMMUNITY_CHECKED", "HEALTH_RECORD_ENTERED", "FAMILY_DOCTOR_AGREEMENT", "KEY_POPULATION_FOLLOW_UP"],
            Each(done["discharges"]![0]!["steps"], "step"));

        // Grid management of a key population (R-2.5): she is tracked now.
        var person = await s.OkAsync(s.As("clinician@demo-town", Roles.Clinician), "{ person(id: \"recovered-002\") { monitoringLevel } }");
        Assert.Equal("TRACKING", Str(person["person"]!, "monitoringLevel"));
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> StepAsync(PlanStory s, string sub, string role, string step, string? note) =>
        (await s.OkAsync(s.As(sub, role), "mutation($id: ID!, $d: ID!, $s: DischargeStep!, $n: String) { recordDischargeStep(id: $id, dischargeId: $d, step: $s, note: $n) { tasks { kind ownerId status } discharges { steps { step } } } }",
            new { id = s.Recall("discharge-case"), d = s.Recall("discharge"), s = step, n = note }))["recordDischargeStep"]!;

    private static System.Text.Json.Nodes.JsonNode TaskOf(System.Text.Json.Nodes.JsonNode c, string kind) => c["tasks"]!.AsArray().Single(t => Str(t!, "kind") == kind)!;
}
