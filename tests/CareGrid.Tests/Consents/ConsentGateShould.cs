using CareGrid.Grains.Cases;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;

namespace CareGrid.Tests.Consents;

/// <summary>The consent rule of professional case actions, without a silo.</summary>
[Trait("tier", "domain")]
public class ConsentGateShould
{
    private static readonly string[] Counsellor = [Roles.Counsellor];
    private static readonly string[] Clinician = [Roles.Clinician];
    private static readonly string[] Homeroom = [Roles.Caseworker];
    private static readonly string[] Coordinator = [Roles.Coordinator];

    private static ConsentSnapshot Pi(ConsentStatus status, ConsentStatus sharing = ConsentStatus.Granted) => new(status, sharing);

    [Theory]
    [InlineData(GatedAction.StartIntervention)]
    [InlineData(GatedAction.RecordScreening)]
    [InlineData(GatedAction.LogContact)]
    [InlineData(GatedAction.ScheduleFollowUp)]
    [InlineData(GatedAction.ProposeReferral)]
    [InlineData(GatedAction.SendReferral)]
    public void Refuse_every_professional_action_once_consent_is_withdrawn_and_name_the_purpose(GatedAction action)
    {
        foreach (var risk in new[] { RiskLevel.Low, RiskLevel.Moderate, RiskLevel.High })
        {
            // a written reason counts only from OverrideFrom's risk (High for the three continuing actions, else Imminent)
            var decision = ConsentGate.Decide(action, Counsellor, risk, Pi(ConsentStatus.Withdrawn), risk >= ConsentGate.OverrideFrom(action) ? null : "written reason");
            Assert.False(decision.Allowed);
            Assert.Equal((ConsentPurpose.ProfessionalIntervention, ConsentStatus.Withdrawn), decision.Lacking[0]);
            var error = ConsentGate.Refusal(action, decision, risk);
            Assert.Equal("CONSENT_REQUIRED", error.Code);
            Assert.Equal("PROFESSIONAL_INTERVENTION", error.Details["purpose"]);
            Assert.Equal("WITHDRAWN", error.Details["status"]);
            Assert.Equal("recordConsent", error.Details["grantedBy"]);
            Assert.Contains("recordConsent(purpose: PROFESSIONAL_INTERVENTION", error.Message);
            Assert.Equal(risk >= ConsentGate.OverrideFrom(action), ConsentGate.Offers(action, Counsellor, risk, Pi(ConsentStatus.Withdrawn)));
        }
    }

    [Theory]
    [InlineData(GatedAction.StartIntervention)]
    [InlineData(GatedAction.ProposeReferral)]
    [InlineData(GatedAction.SendReferral)]
    public void Let_a_written_override_pass_only_at_Imminent_risk(GatedAction action)
    {
        var passed = ConsentGate.Decide(action, Clinician, RiskLevel.Imminent, Pi(ConsentStatus.Withdrawn), "  about to jump; guardian unreachable ");
        Assert.True(passed.Allowed);
        Assert.True(passed.Overridden);
        Assert.Equal("about to jump; guardian unreachable", passed.OverrideReason);
        Assert.Contains("PROFESSIONAL_INTERVENTION consent (WITHDRAWN)", ConsentGate.OverrideNote(action, passed, RiskLevel.Imminent));

        Assert.False(ConsentGate.Decide(action, Clinician, RiskLevel.Imminent, Pi(ConsentStatus.Withdrawn), "   ").Allowed);
        Assert.False(ConsentGate.Decide(action, Clinician, RiskLevel.Imminent, Pi(ConsentStatus.Withdrawn), null).Allowed);
        Assert.False(ConsentGate.Decide(action, Clinician, RiskLevel.High, Pi(ConsentStatus.Withdrawn), "written").Allowed);
        Assert.True(ConsentGate.Offers(action, Clinician, RiskLevel.Imminent, Pi(ConsentStatus.Withdrawn)));
    }

    [Theory]
    [InlineData(GatedAction.RecordScreening)]
    [InlineData(GatedAction.LogContact)]
    [InlineData(GatedAction.ScheduleFollowUp)]
    public void Let_a_professional_record_their_own_work_on_a_high_risk_case_with_a_written_reason_after_a_withdrawal(GatedAction action)
    {
        // round-26 new-user trial: the psychology teacher of a HIGH-risk pupil could not log her call to the parent
        var passed = ConsentGate.Decide(action, Counsellor, RiskLevel.High, Pi(ConsentStatus.Withdrawn), "家长撤回同意后仍需每日电话确认学生安全");
        Assert.True(passed.Overridden);
        Assert.EndsWith("at High risk (duty of care, R-1.7): 家长撤回同意后仍需每日电话确认学生安全", ConsentGate.OverrideNote(action, passed, RiskLevel.High), StringComparison.Ordinal);
        Assert.False(ConsentGate.Decide(action, Counsellor, RiskLevel.High, Pi(ConsentStatus.Withdrawn), null).Allowed);
        Assert.False(ConsentGate.Decide(action, Counsellor, RiskLevel.Moderate, Pi(ConsentStatus.Withdrawn), "家长撤回同意后仍需每日电话确认学生安全").Allowed);
        Assert.Contains("at HIGH or IMMINENT risk give a written consentOverrideReason",
            ConsentGate.Refusal(action, ConsentGate.Decide(action, Counsellor, RiskLevel.High, Pi(ConsentStatus.Withdrawn), null), RiskLevel.High).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GatedAction.RecordScreening)]
    [InlineData(GatedAction.LogContact)]
    [InlineData(GatedAction.ScheduleFollowUp)]
    public void Never_gate_a_level_1_roles_own_contact_screening_or_follow_up(GatedAction action)
    {
        Assert.False(ConsentGate.IsProfessional(action, Homeroom));
        Assert.False(ConsentGate.IsProfessional(action, Coordinator));
        Assert.True(ConsentGate.IsProfessional(action, Counsellor));
        Assert.True(ConsentGate.IsProfessional(action, [Roles.Caseworker, Roles.Clinician]));
        foreach (var status in Enum.GetValues<ConsentStatus>())
        {
            Assert.Same(ConsentDecision.Granted, ConsentGate.Decide(action, Homeroom, RiskLevel.High, Pi(status), null));
        }
    }

    [Fact]
    public void Need_granted_consent_to_start_intervention_but_only_no_refusal_for_continuing_actions()
    {
        Assert.False(ConsentGate.Decide(GatedAction.StartIntervention, Counsellor, RiskLevel.High, Pi(ConsentStatus.Pending), null).Allowed);
        Assert.False(ConsentGate.Decide(GatedAction.StartIntervention, Counsellor, RiskLevel.High, Pi(ConsentStatus.Refused), null).Allowed);
        Assert.True(ConsentGate.Decide(GatedAction.StartIntervention, Counsellor, RiskLevel.High, Pi(ConsentStatus.Granted), null).Allowed);

        Assert.True(ConsentGate.Decide(GatedAction.LogContact, Counsellor, RiskLevel.High, Pi(ConsentStatus.Pending), null).Allowed);
        Assert.True(ConsentGate.Decide(GatedAction.ProposeReferral, Coordinator, RiskLevel.Low, Pi(ConsentStatus.Pending), null).Allowed);
        Assert.False(ConsentGate.Decide(GatedAction.ProposeReferral, Coordinator, RiskLevel.Low, Pi(ConsentStatus.Refused), null).Allowed);
        Assert.False(ConsentGate.Decide(GatedAction.RecordScreening, Counsellor, RiskLevel.Moderate, Pi(ConsentStatus.Refused), null).Allowed);
    }

    [Fact]
    public void Need_both_professional_intervention_and_information_sharing_to_send_a_referral()
    {
        var noSharing = ConsentGate.Decide(GatedAction.SendReferral, Counsellor, RiskLevel.High, Pi(ConsentStatus.Granted, ConsentStatus.Pending), null);
        Assert.False(noSharing.Allowed);
        Assert.Equal("INFORMATION_SHARING", ConsentGate.Refusal(GatedAction.SendReferral, noSharing, RiskLevel.High).Details["purpose"]);

        var withdrawn = ConsentGate.Decide(GatedAction.SendReferral, Counsellor, RiskLevel.High, Pi(ConsentStatus.Withdrawn, ConsentStatus.Granted), null);
        Assert.Equal("PROFESSIONAL_INTERVENTION", ConsentGate.Refusal(GatedAction.SendReferral, withdrawn, RiskLevel.High).Details["purpose"]);

        var both = ConsentGate.Decide(GatedAction.SendReferral, Counsellor, RiskLevel.Imminent, Pi(ConsentStatus.Withdrawn, ConsentStatus.Refused), "danger to life");
        Assert.True(both.Overridden);
        Assert.Equal(2, both.Lacking.Count);
        Assert.True(ConsentGate.Decide(GatedAction.SendReferral, Counsellor, RiskLevel.Low, Pi(ConsentStatus.Granted, ConsentStatus.Granted), null).Allowed);
    }

    [Fact]
    public void Spell_purposes_as_the_schema_does()
    {
        Assert.Equal("PROFESSIONAL_INTERVENTION", ConsentGate.SchemaName(ConsentPurpose.ProfessionalIntervention));
        Assert.Equal("INFORMATION_SHARING", ConsentGate.SchemaName(ConsentPurpose.InformationSharing));
        Assert.Equal("SERVICES", ConsentGate.SchemaName(ConsentPurpose.Services));
        Assert.Equal("logContact", ConsentGate.MutationName(GatedAction.LogContact));
    }
}
