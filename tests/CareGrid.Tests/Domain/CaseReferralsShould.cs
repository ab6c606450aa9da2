using CareGrid.Grains.Hosting;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.People;
using static CareGrid.Tests.Domain.CaseWorkFixtures;

namespace CareGrid.Tests.Domain;

/// <summary>The referral rules of a case (R-1.5, R-1.8, R-1.10; consent ), on a plain <see cref="CaseState"/>.</summary>
[Trait("tier", "domain")]
public class CaseReferralsShould
{
    private static CaseReferrals Referrals(CaseState s) => new(At(s), "case-1");

    private static CaseState Proposed(RiskLevel risk = RiskLevel.Moderate)
    {
        var s = Case(risk: risk);
        Referrals(s).Propose(" City mental health centre ", " needs a psychiatric assessment ", Counsellor, Granted, null);
        return s;
    }

    private static CaseState Sent()
    {
        var s = Proposed();
        Referrals(s).Send(Counsellor, Granted, "Li Wei", null);
        return s;
    }

    [Fact]
    public void Walk_a_referral_through_its_lifecycle_and_move_the_case_with_it()
    {
        var s = Proposed();
        var proposed = Assert.Single(s.Referrals);
        Assert.Equal(("r1", ReferralStatus.Proposed, "City mental health centre", "needs a psychiatric assessment", Now),
            (proposed.Id, proposed.Status, proposed.Institution, proposed.Reason, proposed.ProposedAt));
        Assert.Equal(CaseStatus.Active, s.Status);

        var completes = Referrals(s).Send(Coordinator, Granted, "Li Wei", null);
        Assert.Equal(CaseStatus.Referred, s.Status);
        Assert.Equal(ReferralStatus.Sent, s.Referrals[0].Status);
        Assert.Equal(new TaskCompletion(CaseTaskKind.GuideToPsychiatricInstitution, "referred to City mental health centre", "sendReferral"), Assert.Single(completes));
        Assert.Equal(("Refer", CaseStatus.Active, CaseStatus.Referred), (s.Timeline[^1].Action, s.Timeline[^1].FromStatus, s.Timeline[^1].ToStatus));

        Referrals(s).Respond(accepted: true, "  admitted ", Clinician);
        Assert.Equal((ReferralStatus.Accepted, "admitted", (DateTimeOffset?)Now), (s.Referrals[0].Status, s.Referrals[0].Note, s.Referrals[0].RespondedAt));
        Assert.Equal(CaseStatus.Referred, s.Status);

        Referrals(s).Complete(null, Counsellor);
        Assert.Equal((ReferralStatus.Completed, "admitted"), (s.Referrals[0].Status, s.Referrals[0].Note));
        Assert.Equal(CaseStatus.FollowUp, s.Status);
        Assert.Equal(["ReferralCompleted", "StartFollowUp"], s.Timeline.TakeLast(2).Select(e => e.Action));
        Assert.Null(At(s).OpenReferral);
    }

    /// <summary>Round-31 trial: withdrawing the sharing consent after the referral was sent changed nothing on the referral.</summary>
    [Fact]
    public void Mark_a_sent_referral_when_sharing_is_withdrawn_and_leave_one_not_yet_sent_alone()
    {
        var s = Sent();
        var withdrawn = new ConsentChange(ConsentPurpose.InformationSharing, ConsentStatus.Withdrawn, ConsentGivenBy.Guardian, "psych@t", Granted);

        Assert.True(CaseConsent.RecordChange(At(s), withdrawn));

        Assert.Equal(Now, s.Referrals[0].ConsentWithdrawnAt);
        var entry = s.Timeline[^1];
        Assert.Equal(CaseConsent.SharedBeforeWithdrawalAction, entry.Action);
        Assert.Equal("r1 City mental health centre: shared caseId, riskLevel, reason, personDisplayName before INFORMATION_SHARING was withdrawn; tell the institution (R-1.7)", entry.Reason);

        // once: a second withdrawal (after a new grant) does not mark it again; other purposes and a proposed referral are left
        var count = s.Timeline.Count;
        CaseConsent.RecordChange(At(s), withdrawn);
        Assert.Equal(count + 1, s.Timeline.Count); // the consent entry only
        var proposed = Proposed();
        CaseConsent.RecordChange(At(proposed), withdrawn);
        Assert.Null(proposed.Referrals[0].ConsentWithdrawnAt);
        var other = Sent();
        CaseConsent.RecordChange(At(other), withdrawn with { Purpose = ConsentPurpose.FamilyContact });
        Assert.Null(other.Referrals[0].ConsentWithdrawnAt);
    }

    [Fact]
    public void Return_the_case_to_Active_when_the_institution_declines()
    {
        var s = Sent();
        Referrals(s).Respond(accepted: false, "no beds", Counsellor);
        Assert.Equal((ReferralStatus.Declined, CaseStatus.Active), (s.Referrals[0].Status, s.Status));
        Assert.Equal(("ReferralDeclined", "r1 City mental health centre: no beds"), (s.Timeline[^1].Action, s.Timeline[^1].Reason));
        Referrals(s).Propose("Civil affairs office", "material aid (R-1.8)", Counsellor, Granted, null);
        Assert.Equal("r2", At(s).OpenReferral!.Id);
    }

    [Theory]
    [InlineData(CaseStatus.Reported)]
    [InlineData(CaseStatus.Triage)]
    [InlineData(CaseStatus.FollowUp)]
    [InlineData(CaseStatus.Closed)]
    public void Refuse_a_proposal_unless_the_case_is_Active(CaseStatus status)
    {
        var s = Case(status);
        var error = Refused(() => Referrals(s).Propose("Centre", "why", Counsellor, Granted, null));
        Assert.Equal(("INVALID_TRANSITION", SchemaNames.Value(status), "proposeReferral"), (error.Code, error.Details["state"], error.Details["trigger"]));
        Assert.Empty(s.Referrals);
    }

    [Fact]
    public void Refuse_each_transition_the_referral_machine_does_not_permit_and_change_nothing()
    {
        var none = Case();
        var error = Refused(() => Referrals(none).Send(Counsellor, Granted, "Li Wei", null));
        Assert.Equal(("INVALID_TRANSITION", "", "The case has no open referral to sendReferral; proposeReferral starts one on an ACTIVE case."), (error.Code, error.Details["permittedTriggers"], error.Message));

        var proposed = Proposed();
        var before = Snapshot(proposed);
        Assert.Equal(("INVALID_TRANSITION", "PROPOSED", "sendReferral"), Codes(Refused(() => Referrals(proposed).Respond(true, null, Counsellor))));
        Assert.Equal(("INVALID_TRANSITION", "PROPOSED", "sendReferral"), Codes(Refused(() => Referrals(proposed).Complete(null, Counsellor))));
        Assert.Equal(("INVALID_TRANSITION", "PROPOSED", "sendReferral"), Codes(Refused(() => Referrals(proposed).Propose("Other", "why", Counsellor, Granted, null))));
        Assert.Equal(before, Snapshot(proposed));

        var sent = Sent();
        Assert.Equal(("INVALID_TRANSITION", "SENT", "acceptReferral,declineReferral"), Codes(Refused(() => Referrals(sent).Complete(null, Counsellor))));
        Assert.Equal(("INVALID_TRANSITION", "SENT", "acceptReferral,declineReferral"), Codes(Refused(() => Referrals(sent).Send(Counsellor, Granted, "Li Wei", null))));
    }

    [Fact]
    public void Declare_the_referral_machine_once_with_its_permitted_triggers()
    {
        Assert.Equal([ReferralTrigger.Send], ReferralStateMachine.Permitted(ReferralStatus.Proposed));
        Assert.Equal([ReferralTrigger.Accept, ReferralTrigger.Decline], ReferralStateMachine.Permitted(ReferralStatus.Sent));
        Assert.Equal([ReferralTrigger.Complete], ReferralStateMachine.Permitted(ReferralStatus.Accepted));
        Assert.Empty(ReferralStateMachine.Permitted(ReferralStatus.Declined));
        Assert.Empty(ReferralStateMachine.Permitted(ReferralStatus.Completed));
        Assert.Equal(ReferralStatus.Declined, ReferralStateMachine.Next(ReferralStatus.Sent, ReferralTrigger.Decline));
    }

    [Fact]
    public void Refuse_roles_that_do_not_refer()
    {
        var s = Proposed();
        foreach (var actor in new[] { Homeroom, Volunteer, Reporter })
        {
            var error = Refused(() => Referrals(s).Send(actor, Granted, "Li Wei", null));
            Assert.Equal(("FORBIDDEN", "Counsellor,Clinician,Coordinator"), (error.Code, error.Details["requiredRoles"]));
        }

        Assert.Equal(ReferralStatus.Proposed, s.Referrals[0].Status);
    }

    [Theory]
    [InlineData(null, "reason", "institution")]
    [InlineData("Centre", "   ", "reason")]
    public void Refuse_a_proposal_without_institution_or_reason(string? institution, string? reason, string field)
    {
        var s = Case();
        var error = Refused(() => Referrals(s).Propose(institution, reason, Counsellor, Granted, null));
        Assert.Equal(("VALIDATION_FAILED", field), (error.Code, error.Details["field"]));
        Assert.Empty(s.Referrals);
    }

    [Theory]
    [InlineData(ConsentStatus.Withdrawn, ConsentStatus.Granted, "PROFESSIONAL_INTERVENTION", "WITHDRAWN")]
    [InlineData(ConsentStatus.Pending, ConsentStatus.Granted, "PROFESSIONAL_INTERVENTION", "PENDING")]
    [InlineData(ConsentStatus.Granted, ConsentStatus.Refused, "INFORMATION_SHARING", "REFUSED")]
    [InlineData(ConsentStatus.Granted, ConsentStatus.Pending, "INFORMATION_SHARING", "PENDING")]
    public void Require_both_consents_to_send_and_name_the_one_missing(ConsentStatus intervention, ConsentStatus sharing, string purpose, string status)
    {
        var s = Proposed(RiskLevel.High);
        var before = Snapshot(s);
        var error = Refused(() => Referrals(s).Send(Counsellor, new ConsentSnapshot(intervention, sharing), "Li Wei", DutyOfCare));
        Assert.Equal(("CONSENT_REQUIRED", purpose, status), (error.Code, error.Details["purpose"], error.Details["status"]));
        Assert.Equal(before, Snapshot(s));
    }

    [Fact]
    public void Accept_the_written_override_at_Imminent_risk_and_record_it()
    {
        var s = Proposed(RiskLevel.Imminent);
        Referrals(s).Send(Clinician, NoSharing, "Li Wei", "  " + DutyOfCare + " ");
        var sent = s.Referrals[0];
        Assert.Equal((ReferralStatus.Sent, DutyOfCare), (sent.Status, sent.ConsentOverrideReason));
        var overrideEntry = Assert.Single(s.Timeline, e => e.Action == "DutyOfCareOverride");
        Assert.Contains("INFORMATION_SHARING consent (REFUSED)", overrideEntry.Reason);
        Assert.EndsWith(DutyOfCare, overrideEntry.Reason);
        Assert.Equal(CaseStatus.Referred, s.Status);
    }

    [Fact]
    public void Record_no_override_when_the_consents_are_granted()
    {
        var s = Proposed(RiskLevel.Imminent);
        Referrals(s).Send(Clinician, Granted, "Li Wei", DutyOfCare);
        Assert.Null(s.Referrals[0].ConsentOverrideReason);
        Assert.DoesNotContain(s.Timeline, e => e.Action == "DutyOfCareOverride");
    }

    [Fact]
    public void Share_only_the_minimal_fields_and_the_name()
    {
        var s = Sent();
        var sent = s.Referrals[0];
        Assert.Equal([.. CaseReferrals.MinimalFields, "personDisplayName"], sent.SharedFields);
        Assert.Equal(new Dictionary<string, string>
        {
            ["caseId"] = "case-1",
            ["riskLevel"] = "Moderate",
            ["reason"] = "needs a psychiatric assessment",
            ["personDisplayName"] = "Li Wei",
        }, sent.SharedData);
        Assert.Equal(Now, sent.SentAt);
    }

    [Fact]
    public void Refuse_a_proposal_once_consent_is_withdrawn_but_allow_it_while_pending()
    {
        var s = Case();
        Assert.Equal("CONSENT_REQUIRED", Refused(() => Referrals(s).Propose("Centre", "why", Coordinator, Withdrawn, null)).Code);
        Assert.Empty(s.Referrals);
        Referrals(s).Propose("Centre", "why", Coordinator, Pending, null);
        Assert.Single(s.Referrals);
    }

    private static (string Code, string State, string Permitted) Codes(CareGrid.Grains.Errors.CareGridException e) =>
        (e.Code, e.Details["state"], e.Details["permittedTriggers"]);
}
