using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using static CareGrid.Tests.Domain.CaseWorkFixtures;

namespace CareGrid.Tests.Domain;

/// <summary>The <c>availableActions</c> of a case (<see cref="CaseActions"/>): only what the machines, the roles and consent permit .</summary>
[Trait("tier", "domain")]
public class CaseActionsShould
{
    private static IReadOnlyList<string> For(CaseState s, Actor viewer, ConsentSnapshot consent) => CaseActions.For(At(s), viewer, consent);

    [Fact]
    public void Offer_a_counsellor_on_an_Active_case_with_consent_what_the_machines_permit()
    {
        Assert.Equal(["startIntervention", "proposeReferral", "startFollowUp", "closeCase", "assessRisk", "recordScreening", "logContact", "scheduleFollowUp", "escalateCase"],
            For(Case(), Counsellor, Granted));
    }

    [Fact]
    public void Follow_the_open_referral_through_its_machine()
    {
        var s = Case();
        var referrals = new CaseReferrals(At(s), "case-1");
        referrals.Propose("Centre", "assessment", Counsellor, Granted, null);
        var proposed = For(s, Counsellor, Granted);
        Assert.Contains("sendReferral", proposed);
        Assert.DoesNotContain("proposeReferral", proposed);
        Assert.DoesNotContain("acceptReferral", proposed);

        referrals.Send(Counsellor, Granted, "Li Wei", null);
        var sent = For(s, Counsellor, Granted);
        Assert.Equal(["acceptReferral", "declineReferral"], sent.Where(a => a.EndsWith("Referral", StringComparison.Ordinal)));
        Assert.DoesNotContain("startFollowUp", sent);

        referrals.Respond(true, null, Counsellor);
        Assert.Equal(["completeReferral"], For(s, Counsellor, Granted).Where(a => a.EndsWith("Referral", StringComparison.Ordinal)));
        Assert.DoesNotContain(For(s, Homeroom, Granted), a => a.EndsWith("Referral", StringComparison.Ordinal));
    }

    [Fact]
    public void Offer_no_professional_action_once_consent_is_withdrawn_below_Imminent()
    {
        var s = Case(risk: RiskLevel.High);
        new CaseReferrals(At(s), "case-1").Propose("Centre", "assessment", Counsellor, Granted, null);
        var actions = For(s, Counsellor, Withdrawn);
        foreach (var gated in new[] { "startIntervention", "sendReferral", "recordScreening", "logContact", "scheduleFollowUp" })
        {
            Assert.DoesNotContain(gated, actions);
        }

        Assert.Contains("assessRisk", actions);
        Assert.Contains("logContact", For(s, Homeroom, Withdrawn));
        s.RiskLevel = RiskLevel.Imminent;
        Assert.DoesNotContain("sendReferral", For(s, Counsellor, Withdrawn)); // refused as called without an override reason
        var send = Assert.Single(CaseActions.Next(At(s), Counsellor, Withdrawn), a => a.Action == "sendReferral");
        Assert.Equal((false, "CONSENT_REQUIRED", ConsentPurpose.ProfessionalIntervention, true), (send.Allowed, send.Code, send.Purpose, send.AllowedWithConsentOverride));
        Assert.Contains("consentOverrideReason", send.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_a_startIntervention_blocked_by_missing_consent_with_the_purpose_as_recordConsent_takes_it()
    {
        var s = Case(CaseStatus.Triage);
        var start = Assert.Single(CaseActions.Next(At(s), Counsellor, Pending), a => a.Action == "startIntervention");
        Assert.Equal((false, "CONSENT_REQUIRED", ConsentPurpose.ProfessionalIntervention, false), (start.Allowed, start.Code, start.Purpose, start.AllowedWithConsentOverride));
        Assert.Contains("recordConsent(purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED)", start.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("startIntervention", For(s, Counsellor, Pending));
        Assert.True(Assert.Single(CaseActions.Next(At(s), Counsellor, Granted), a => a.Action == "startIntervention").Allowed);
        Assert.Contains("startIntervention", For(s, Counsellor, Granted));
    }

    [Fact]
    public void Say_why_a_sendReferral_is_refused_naming_the_sharing_consent()
    {
        var s = Case();
        new CaseReferrals(At(s), "case-1").Propose("Centre", "assessment", Counsellor, Granted, null);
        var send = Assert.Single(CaseActions.Next(At(s), Counsellor, NoSharing), a => a.Action == "sendReferral");
        Assert.Equal((false, "CONSENT_REQUIRED", ConsentPurpose.InformationSharing), (send.Allowed, send.Code, send.Purpose));
        Assert.Contains("recordConsent(purpose: INFORMATION_SHARING, decision: GRANTED)", send.Reason, StringComparison.Ordinal);
        var homeroom = Assert.Single(CaseActions.Next(At(s), Homeroom, Granted), a => a.Action == "sendReferral");
        Assert.Equal("FORBIDDEN", homeroom.Code);
        Assert.Equal(["Counsellor", "Clinician", "Coordinator"], homeroom.RequiredRoles);
    }

    [Fact]
    public void List_completeTask_and_cancelTask_per_open_task_with_its_id_and_the_roles_that_may_cancel()
    {
        var s = Case(risk: RiskLevel.High);
        s.Tasks.Add(new CaseTask("t1", CaseTaskKind.NotifyFamilyEmergencyContact, "queue:level-3", CaseTaskStatus.Open, Now, Now.AddHours(2), 0, null, null, null, null, null));
        s.Tasks.Add(new CaseTask("t2", CaseTaskKind.RaiseVisitFrequency, "queue:level-3", CaseTaskStatus.Done, Now, Now.AddHours(2), 0, null, null, Now, "counsellor-1", null, "logContact"));
        var counsellor = CaseActions.Next(At(s), Counsellor, Granted).Where(a => a.TaskId is not null).ToList();
        Assert.Equal([("completeTask", "t1", true), ("cancelTask", "t1", true)], counsellor.Select(a => (a.Action, a.TaskId!, a.Allowed)));
        Assert.Contains("cancelTask", For(s, Counsellor, Granted));
        var cancel = Assert.Single(CaseActions.Next(At(s), Homeroom, Granted), a => a.Action == "cancelTask");
        Assert.Equal((false, "FORBIDDEN", "t1"), (cancel.Allowed, cancel.Code, cancel.TaskId));
        Assert.Equal(["Counsellor", "Clinician", "Coordinator", "Supervisor", "TenantAdmin"], cancel.RequiredRoles);
    }

    [Fact]
    public void Show_a_closeCase_that_waits_for_a_level3_reassessment_with_its_code()
    {
        var close = Assert.Single(CaseActions.Next(At(Case(risk: RiskLevel.High)), Counsellor, Granted), a => a.Action == "closeCase");
        Assert.Equal((false, "REASSESSMENT_REQUIRED"), (close.Allowed, close.Code));
        Assert.Contains("assessRisk", close.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Leave_out_closing_when_the_case_rules_refuse_it_and_offer_reopening_a_closed_case()
    {
        var high = Case(risk: RiskLevel.High);
        Assert.DoesNotContain("closeCase", For(high, Counsellor, Granted)); // no level-3 reassessment yet
        high.Level3ReassessedAt = Now;
        Assert.DoesNotContain("closeCase", For(high, Counsellor, Granted)); // reassessed, but the crisis not yet worked
        high.Tasks.Add(new CaseTask("t9", CaseTaskKind.ProfessionalCrisisIntervention, "counsellor-1", CaseTaskStatus.Done, Now, Now, 0, null, null, Now, "counsellor-1", "crisis session held"));
        Assert.Contains("closeCase", For(high, Counsellor, Granted));
        Assert.DoesNotContain("closeCase", For(high, Homeroom, Granted)); // only level 3 closes a High case
        var s = Case();
        s.Status = CaseStatus.Closed;
        Assert.Equal(["reopenCase"], For(s, Counsellor, Granted));
        Assert.Empty(For(s, Reporter, Granted));
    }
}
