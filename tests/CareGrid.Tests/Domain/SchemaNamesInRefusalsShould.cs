using System.Text.RegularExpressions;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Census;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.People.Domain;
using CareGrid.Grains.Tenancy;
using static CareGrid.Tests.Domain.CaseWorkFixtures;

namespace CareGrid.Tests.Domain;

/// <summary>
/// Refusals speak the schema (docs/api.md "Errors"): each machine's unpermitted-trigger refusal and the case rules' refusals
/// name mutations (<c>closeCase</c>) and enum values as the schema spells them (<c>REPORTED</c>, <c>PROFESSIONAL_INTERVENTION</c>),
/// never internal triggers or states, through the one table <see cref="SchemaNames"/>.
/// </summary>
[Trait("tier", "domain")]
public partial class SchemaNamesInRefusalsShould
{
    [GeneratedRegex(@"\b(Triage|Activate|StartIntervention|Refer|ReferralDeclined|StartFollowUp|FollowUp|Close|Reopen|Reported|Active|Referred|Closed|Send|Accept|Decline|Complete|Cancel|Done|Cancelled|Proposed|Sent|Accepted|Declined|Completed|Pending|Granted|Refused|Withdrawn|ProfessionalIntervention|InformationSharing|ProfessionalCrisisIntervention|None|Tracking|StepDown|StartTracking|Suspend|Suspended|Offboard|Offboarding)\b")]
    private static partial Regex InternalName();

    private static void AssertSchemaNames(CareGridException error, string expected)
    {
        Assert.Equal(expected, error.Message);
        Assert.DoesNotMatch(InternalName(), error.Message);
        foreach (var value in error.Details.Values)
        {
            Assert.DoesNotMatch(InternalName(), value);
        }
    }

    [Fact]
    public void Map_every_trigger_of_every_machine_to_a_mutation()
    {
        var triggerEnums = typeof(SchemaNames).Assembly.GetTypes().Where(t => t.IsEnum && t.Name.EndsWith("Trigger", StringComparison.Ordinal));
        Assert.All(triggerEnums, t => Assert.Contains(t, SchemaNames.TriggerTypes));
        foreach (var type in SchemaNames.TriggerTypes)
        {
            Assert.All(Enum.GetValues(type).Cast<Enum>(), v => Assert.True(SchemaNames.HasAction(v), $"{type.Name}.{v} has no mutation in SchemaNames"));
        }
    }

    [Theory]
    [InlineData(typeof(CaseStatus))]
    [InlineData(typeof(ReferralStatus))]
    [InlineData(typeof(CaseTaskStatus))]
    [InlineData(typeof(CaseTaskKind))]
    [InlineData(typeof(RiskLevel))]
    [InlineData(typeof(ConsentStatus))]
    [InlineData(typeof(ConsentPurpose))]
    [InlineData(typeof(MonitoringLevel))]
    [InlineData(typeof(MonitoringTrigger))]
    [InlineData(typeof(CensusRoundStatus))]
    [InlineData(typeof(TenantStatus))]
    [InlineData(typeof(OrganizationStatus))]
    [InlineData(typeof(CareGrid.Grains.Activities.ActivityStatus))]
    public void Spell_each_enum_value_as_the_GraphQL_schema_does(Type enumType)
    {
        var graphType = (GraphQL.Types.EnumerationGraphType)Activator.CreateInstance(typeof(GraphQL.Types.EnumerationGraphType<>).MakeGenericType(enumType))!;
        Assert.All(graphType.Values, v => Assert.Equal(v.Name, SchemaNames.Value(v.Value!)));
    }

    [Fact]
    public void Name_the_case_machine_refusals_by_mutation_and_status()
    {
        var reported = At(Case(CaseStatus.Reported));
        AssertSchemaNames(Refused(() => reported.PrepareTransition(CaseTrigger.Close, new CaseCommand("why"), Counsellor)),
            "closeCase is not possible while the case is REPORTED. Possible now: startIntervention, triageCase.");
        AssertSchemaNames(Refused(() => new CaseContacts(At(Case(CaseStatus.Closed))).CheckLog(ContactChannel.Phone, 5, null, Homeroom, null)),
            "logContact is not possible while the case is CLOSED. Possible now: reopenCase.");
        AssertSchemaNames(Refused(() => At(Case(CaseStatus.Active)).PrepareTransition(CaseTrigger.Close, new CaseCommand(null), Counsellor)),
            "closeCase needs a reason.");
        AssertSchemaNames(Refused(() => At(Case(CaseStatus.Triage)).PrepareTransition(CaseTrigger.StartIntervention, new CaseCommand(null), Homeroom)),
            "Your roles do not allow you to call startIntervention on this case; it takes one of the roles Counsellor, Clinician.");
        AssertSchemaNames(Refused(() => At(Case(risk: RiskLevel.High)).PrepareTransition(CaseTrigger.Close, new CaseCommand("why"), Counsellor)),
            "A HIGH or IMMINENT case closes only after a level-3 reassessment since its risk rose: a Counsellor or Clinician calls assessRisk first, confirming or lowering the risk (R-4.3, R-1.10). Nothing was changed. / "
            + "风险为“高”或“紧急”的个案，须在风险升高后由三级人员（心理咨询师或临床医生）重新评估、确认或降低风险后才能结案。未作任何更改。");
    }

    [Fact]
    public void Name_the_consent_gate_refusal_by_purpose_and_status_as_recordConsent_takes_them()
    {
        var c = At(Case(CaseStatus.Triage));
        AssertSchemaNames(Refused(() => CaseConsent.Gate(c, GatedAction.StartIntervention, Counsellor, Pending, null)),
            "startIntervention needs the person's PROFESSIONAL_INTERVENTION consent, which is PENDING. Record it with recordConsent(purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED); "
            + "a duty-of-care consentOverrideReason is accepted only at IMMINENT risk (R-1.7).");
        var both = Refused(() => CaseConsent.Gate(c, GatedAction.SendReferral, Counsellor, new ConsentSnapshot(ConsentStatus.Pending, ConsentStatus.Refused), null));
        Assert.Equal(("PROFESSIONAL_INTERVENTION", "PROFESSIONAL_INTERVENTION,INFORMATION_SHARING", "PENDING"), (both.Details["purpose"], both.Details["purposes"], both.Details["status"]));
        Assert.Contains("and INFORMATION_SHARING consent, which is REFUSED", both.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_the_guardian_in_the_consent_fix_for_a_minor()
    {
        var c = At(Case(CaseStatus.Triage));
        var minor = Refused(() => CaseConsent.Gate(c, GatedAction.StartIntervention, Counsellor, Pending with { GuardianDecides = true }, null));
        Assert.Contains("recordConsent(purpose: PROFESSIONAL_INTERVENTION, decision: GRANTED, givenBy: GUARDIAN)", minor.Message, StringComparison.Ordinal);
        var adult = Refused(() => CaseConsent.Gate(c, GatedAction.StartIntervention, Counsellor, Pending, null));
        Assert.DoesNotContain("givenBy", adult.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_the_referral_machine_refusals_by_mutation_and_status()
    {
        AssertSchemaNames(Refused(() => ReferralStateMachine.Next(ReferralStatus.Declined, ReferralTrigger.Send)),
            "sendReferral is not possible while the referral is DECLINED. No action changes a DECLINED referral.");
        AssertSchemaNames(Refused(() => ReferralStateMachine.Next(ReferralStatus.Sent, ReferralTrigger.Complete)),
            "completeReferral is not possible while the referral is SENT. Possible now: acceptReferral, declineReferral.");
    }

    [Fact]
    public void Name_the_consent_and_monitoring_machine_refusals_by_the_mutation_and_its_argument()
    {
        AssertSchemaNames(Refused(() => ConsentStateMachine.Next(ConsentStatus.Pending, ConsentStatus.Withdrawn)),
            "recordConsent(decision: WITHDRAWN) is not possible while the consent is PENDING. Possible now: recordConsent(decision: GRANTED), recordConsent(decision: REFUSED).");
        var person = new PersonRecord(new PersonState { Exists = true, Monitoring = MonitoringLevel.None }, Now);
        AssertSchemaNames(Refused(() => person.ChangeMonitoring(MonitoringTrigger.StepDown, null, "homeroom-1")),
            "changeMonitoringLevel(action: STEP_DOWN) is not possible while the person's monitoring level is NONE. "
            + "Possible now: changeMonitoringLevel(action: OPEN_INDIVIDUAL_CASE), changeMonitoringLevel(action: START_TRACKING), recordCensus.");
    }

    [Fact]
    public void Name_the_census_tenant_and_organization_machine_refusals_by_mutation_and_status()
    {
        AssertSchemaNames(Transitions.Invalid(CensusRoundStatus.Closed, CensusRoundTrigger.Close, Array.Empty<CensusRoundTrigger>()),
            "closeCensusRound is not possible while the census round is CLOSED. No action changes a CLOSED census round.");
        AssertSchemaNames(Transitions.Invalid(TenantStatus.Offboarding, TenantTrigger.Suspend, [TenantTrigger.Delete]),
            "suspendTenant is not possible while the tenant is OFFBOARDING. Possible now: deleteTenant.");
        AssertSchemaNames(Transitions.Invalid(OrganizationStatus.Suspended, OrganizationTrigger.Suspend, [OrganizationTrigger.Activate, OrganizationTrigger.Close]),
            "suspendOrganization is not possible while the organization is SUSPENDED. Possible now: activateOrganization, closeOrganization.");
    }
}
