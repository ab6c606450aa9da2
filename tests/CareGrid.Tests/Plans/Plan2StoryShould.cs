using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using static CareGrid.Tests.Plans.PlanStory;

namespace CareGrid.Tests.Plans;

/// <summary>
/// Plan 2's main flow in <c>demo-town</c> (docs/demo.md): village staff visit a recovered patient's family and log it on his case
/// (R-2.2); the social affairs office takes the case (R-2.2, R-2.8) and sends his hardship to civil affairs for material aid
/// (R-2.2, R-1.8); the town health centre's specialist is brought in at level 3, assesses with K10 and schedules the next visit
/// on the case's visit interval (R-2.6); the town's quarantine site counsels a returning worker, logged on his case and
/// credited to the site (R-1.6, R-1.12). Each step is a method; add a step (the discharge hand-over of R-2.4 when it exists)
/// by adding one and a line to the story.
/// </summary>
[Trait("tier", "api")]
[Collection(PlanStoriesCollection.Name)]
public sealed class Plan2StoryShould(CareGridApiFactory factory)
{
    private const string Tenant = "demo-town";

    [Fact]
    public async Task Walk_from_a_village_visit_to_material_aid_a_level_3_assessment_and_quarantine_site_counselling()
    {
        var story = new PlanStory(factory, Tenant);
        story.Remember("case", "case-town-1");
        await VillageStaffLogTheirHomeVisitOnTheSeededCase(story);
        await SocialAffairsOfficeTakesTheCase(story);
        await HardshipGoesToCivilAffairsForMaterialAid(story);
        await TownHealthCentreAssessesAndSchedulesTheNextVisit(story);
        await QuarantineSiteCounsellingIsLoggedOnTheCaseAndCreditedToTheSite(story);
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
        var officer = s.As("coordinator@demo-town", Roles.Coordinator);
        await s.OkAsync(officer, "mutation { recordConsent(personId: \"recovered-001\", purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED, givenBy: SELF) { id } }");
        await s.OnCaseAsync(officer, "proposeReferral", "institution: \"District Civil Affairs Bureau\", reason: \"material aid: rent and living allowance\"", "id");
        var sent = await s.OnCaseAsync(officer, "sendReferral", "", "status referrals { institution status sharedFields }");
        Assert.Equal("REFERRED", Str(sent, "status"));
        Assert.Equal("District Civil Affairs Bureau:SENT", $"{Str(sent["referrals"]![0]!, "institution")}:{Str(sent["referrals"]![0]!, "status")}");
        await s.OnCaseAsync(officer, "acceptReferral", "note: \"living allowance approved\"", "id");
        var done = await s.OnCaseAsync(officer, "completeReferral", "", "status referrals { status }");
        Assert.Equal(("FOLLOW_UP", "COMPLETED"), (Str(done, "status"), Str(done["referrals"]![0]!, "status")));
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
}
