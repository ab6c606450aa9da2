using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
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
        Assert.Equal(["startIntervention", "proposeReferral", "startFollowUp", "closeCase", "assessRisk", "recordScreening", "logContact", "scheduleFollowUp"],
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
        Assert.Contains("sendReferral", For(s, Counsellor, Withdrawn));
    }

    [Fact]
    public void Leave_out_closing_when_the_case_rules_refuse_it_and_offer_reopening_a_closed_case()
    {
        var high = Case(risk: RiskLevel.High);
        Assert.DoesNotContain("closeCase", For(high, Counsellor, Granted)); // no level-3 reassessment yet
        high.Level3ReassessedAt = Now;
        Assert.Contains("closeCase", For(high, Counsellor, Granted));
        Assert.DoesNotContain("closeCase", For(high, Homeroom, Granted)); // only level 3 closes a High case
        var s = Case();
        s.Status = CaseStatus.Closed;
        Assert.Equal(["reopenCase"], For(s, Counsellor, Granted));
        Assert.Empty(For(s, Reporter, Granted));
    }
}
