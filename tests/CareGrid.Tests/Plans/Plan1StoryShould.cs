using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using static CareGrid.Tests.Plans.PlanStory;

namespace CareGrid.Tests.Plans;

/// <summary>
/// Plan 1's main flow in <c>demo-district</c> (docs/demo.md): a grid worker reports a resident in home quarantine (R-1.5); the
/// subdistrict's responsible official takes it (R-1.3, R-1.5); a high risk brings the mental health centre's professional in
/// with the protocol's tasks (R-1.6, R-1.10), who acts only after the person consents (R-1.7) and guides the person to a
/// psychiatric institution (R-1.5); the quarantine site's counsellor logs counselling on a frontline worker's case, credited to
/// the site (R-1.6, R-1.12). Each step is a method; add a step by adding one and a line to the story.
/// </summary>
[Trait("tier", "api")]
[Collection(PlanStoriesCollection.Name)]
public sealed class Plan1StoryShould(CareGridApiFactory factory)
{
    private const string Tenant = "demo-district";
    private const string CaseFields = "id status riskLevel escalationLevel assigneeId tasks { kind status dueAt } contacts { by channel durationMinutes }";

    [Fact]
    public async Task Walk_from_a_grid_workers_report_to_professional_intervention_referral_and_quarantine_site_counselling()
    {
        var story = new PlanStory(factory, Tenant);
        await GridWorkerReportsAResidentToTheSubdistrict(story);
        await SubdistrictOfficialTakesTheCase(story);
        await HighRiskBringsInTheMentalHealthCentre(story);
        await ProfessionalActsOnlyAfterConsent(story);
        await ProfessionalGuidesToThePsychiatricInstitution(story);
        await QuarantineSiteCounsellingIsLoggedOnTheCaseAndCreditedToTheSite(story);
    }

    private static async Task GridWorkerReportsAResidentToTheSubdistrict(PlanStory s)
    {
        var reported = await s.ReportAsync(s.As("gridworker@demo-district", Roles.Caseworker), "resident-001",
            "Home visit: tenth day of home quarantine, not sleeping, says the family would be better off without him.", "MODERATE");
        Assert.Equal(("REPORTED", 1, "queue:level-2"), (Str(reported, "status"), reported["escalationLevel"]!.GetValue<int>(), Str(reported, "assigneeId")));
    }

    private static async Task SubdistrictOfficialTakesTheCase(PlanStory s)
    {
        var taken = await s.OnCaseAsync(s.As("coordinator@demo-district", Roles.Coordinator), "takeCase", "", CaseFields);
        Assert.Equal("coordinator@demo-district", Str(taken, "assigneeId"));

        // Another community's staff may not open it: the grid worker of the quarantine site is not on the case (docs/access.md).
        await s.RefusedAsync("FORBIDDEN", s.As("caseworker@demo-district", Roles.Caseworker), $"{{ case(id: \"{s.Recall("case")}\") {{ id }} }}");
    }

    private static async Task HighRiskBringsInTheMentalHealthCentre(PlanStory s)
    {
        var high = await s.OnCaseAsync(s.As("coordinator@demo-district", Roles.Coordinator), "assessRisk", "riskLevel: HIGH, reason: \"talks of ending his life\"", CaseFields);
        Assert.Equal(("HIGH", 3), (Str(high, "riskLevel"), high["escalationLevel"]!.GetValue<int>()));
        Assert.Equal(["NOTIFY_FAMILY_EMERGENCY_CONTACT", "PROFESSIONAL_CRISIS_INTERVENTION", "RAISE_VISIT_FREQUENCY", "GUIDE_TO_PSYCHIATRIC_INSTITUTION"], Each(high["tasks"], "kind"));

        // The mental health centre's professional serves East Subdistrict and now sees the case at level 3 (R-1.3, R-1.6).
        var seen = await s.CaseAsync(s.As("clinician@demo-district", Roles.Clinician), "id escalationLevel");
        Assert.Equal(3, seen["escalationLevel"]!.GetValue<int>());
    }

    private static async Task ProfessionalActsOnlyAfterConsent(PlanStory s)
    {
        var clinician = s.As("clinician@demo-district", Roles.Clinician);
        var refused = await s.RefusedAsync("CONSENT_REQUIRED", clinician, $"mutation {{ startIntervention(id: \"{s.Recall("case")}\") {{ status }} }}");
        Assert.Equal("PROFESSIONAL_INTERVENTION", refused.Errors![0]!["extensions"]!["purpose"]!.GetValue<string>());

        await s.OkAsync(clinician, "mutation { recordConsent(personId: \"resident-001\", purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED, givenBy: SELF) { id } }");
        var active = await s.OnCaseAsync(clinician, "startIntervention", "reason: \"crisis session at home\"", CaseFields);
        Assert.Equal(("ACTIVE", "clinician@demo-district"), (Str(active, "status"), Str(active, "assigneeId")));
        Assert.Contains(active["tasks"]!.AsArray(), t => Str(t!, "kind") == "PROFESSIONAL_CRISIS_INTERVENTION" && Str(t!, "status") == "DONE");
    }

    private static async Task ProfessionalGuidesToThePsychiatricInstitution(PlanStory s)
    {
        var clinician = s.As("clinician@demo-district", Roles.Clinician);
        await s.OnCaseAsync(clinician, "proposeReferral", "institution: \"City Psychiatric Hospital\", reason: \"assessment for treatment\"", "id");
        await s.OkAsync(clinician, "mutation { recordConsent(personId: \"resident-001\", purpose: INFORMATION_SHARING, decision: GRANTED, givenBy: SELF) { id } }");
        var sent = await s.OnCaseAsync(clinician, "sendReferral", "", "status referrals { institution status } tasks { kind status }");
        Assert.Equal("REFERRED", Str(sent, "status"));
        Assert.Equal(["City Psychiatric Hospital:SENT"], sent["referrals"]!.AsArray().Select(r => $"{Str(r!, "institution")}:{Str(r!, "status")}"));
        Assert.Contains(sent["tasks"]!.AsArray(), t => Str(t!, "kind") == "GUIDE_TO_PSYCHIATRIC_INSTITUTION" && Str(t!, "status") == "DONE");
    }

    private static async Task QuarantineSiteCounsellingIsLoggedOnTheCaseAndCreditedToTheSite(PlanStory s)
    {
        // The Harbour Hotel site's counsellor (R-1.6) reports a frontline nurse at the site and logs the counselling she gives.
        var site = s.As("caseworker@demo-district", Roles.Caseworker);
        await s.ReportAsync(site, "worker-001", "Nurse at the site: exhausted after three weeks of shifts, startles at night.", "LOW", key: "site-case");
        var logged = await s.OnCaseAsync(site, "logContact", "channel: IN_PERSON, durationMinutes: 50, notes: \"individual counselling at the site\"",
            "contacts { by channel durationMinutes providerUnitId }", key: "site-case");
        Assert.Equal(["caseworker@demo-district:IN_PERSON:50:harbour-hotel-site"],
            logged["contacts"]!.AsArray().Select(c => $"{Str(c!, "by")}:{Str(c!, "channel")}:{c!["durationMinutes"]}:{c["providerUnitId"]}"));

        // The service volume is credited to the site, the provider unit (R-1.12), not to the subdistrict or the case's reporter.
        var stats = await s.OkAsync(s.As("admin@demo-district", Roles.TenantAdmin), "{ statistics { timeliness { serviceVolume { organizationId contacts minutes } } } }");
        var volume = stats["statistics"]!["timeliness"]!["serviceVolume"]!.AsArray().Single(v => v!["organizationId"]?.GetValue<string>() == "harbour-hotel-site")!;
        Assert.Equal((1L, 50L), (volume["contacts"]!.GetValue<long>(), volume["minutes"]!.GetValue<long>()));
    }
}
