using CareGrid.Grains.Cases;
using CareGrid.Grains.Security;
using static CareGrid.Tests.Domain.CaseWorkFixtures;

namespace CareGrid.Tests.Domain;

/// <summary>The <c>availableActions</c> of a case (<see cref="CaseActions"/>): only what the machines, the roles and consent permit .</summary>
[Trait("tier", "domain")]
public class CaseActionsShould
{
    /// <summary>The case's own rules as the grain gives them: roles of the trigger (level 3 to start an intervention).</summary>
    private static Func<CaseTrigger, bool> RolesOf(Actor viewer) =>
        t => viewer.HasAny(t == CaseTrigger.StartIntervention ? Roles.Level3 : Roles.CaseStaff);

    private static IReadOnlyList<string> For(CaseState s, Actor viewer, ConsentSnapshot consent) => CaseActions.For(s, viewer, consent, RolesOf(viewer));

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
        var referrals = new CareGrid.Grains.Cases.Referrals.CaseReferrals(s, Now, "case-1");
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
        new CareGrid.Grains.Cases.Referrals.CaseReferrals(s, Now, "case-1").Propose("Centre", "assessment", Counsellor, Granted, null);
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
        var s = Case();
        Assert.DoesNotContain("closeCase", CaseActions.For(s, Counsellor, Granted, t => t != CaseTrigger.Close));
        s.Status = CaseStatus.Closed;
        Assert.Equal(["reopenCase"], For(s, Counsellor, Granted));
        Assert.Empty(For(s, Reporter, Granted));
    }
}
