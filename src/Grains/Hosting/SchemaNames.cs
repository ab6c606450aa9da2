using System.Text;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Census;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Hosting;

/// <summary>
/// The one place that turns internal names into the GraphQL schema's (docs/api.md "Errors"): a state-machine trigger into
/// the mutation a client calls (<c>CaseTrigger.Close</c> → <c>closeCase</c>), a state or enum value into its schema
/// spelling (<c>FollowUp</c> → <c>FOLLOW_UP</c>), a state type into the record it belongs to (<c>CaseStatus</c> → <c>case</c>).
/// Every refusal message and extension uses it, so a client never sees a trigger or state name it cannot send.
/// </summary>
public static class SchemaNames
{
    /// <summary>The mutation (with its selecting argument where one mutation fires several triggers) of each trigger of every machine.</summary>
    private static readonly Dictionary<Enum, string> Actions = new()
    {
        [CaseTrigger.Triage] = "triageCase",
        [CaseTrigger.Activate] = "activateCase",
        [CaseTrigger.StartIntervention] = "startIntervention",
        [CaseTrigger.Refer] = "sendReferral",
        [CaseTrigger.ReferralDeclined] = "declineReferral",
        [CaseTrigger.StartFollowUp] = "startFollowUp",
        [CaseTrigger.Close] = "closeCase",
        [CaseTrigger.Reopen] = "reopenCase",
        [ReferralTrigger.Send] = "sendReferral",
        [ReferralTrigger.Accept] = "acceptReferral",
        [ReferralTrigger.Decline] = "declineReferral",
        [ReferralTrigger.Complete] = "completeReferral",
        [ConsentStatus.Pending] = "recordConsent(decision: PENDING)",
        [ConsentStatus.Granted] = "recordConsent(decision: GRANTED)",
        [ConsentStatus.Refused] = "recordConsent(decision: REFUSED)",
        [ConsentStatus.Withdrawn] = "recordConsent(decision: WITHDRAWN)",
        [MonitoringTrigger.RecordCensus] = "recordCensus",
        [MonitoringTrigger.StartTracking] = "changeMonitoringLevel(action: START_TRACKING)",
        [MonitoringTrigger.OpenIndividualCase] = "changeMonitoringLevel(action: OPEN_INDIVIDUAL_CASE)",
        [MonitoringTrigger.StepDown] = "changeMonitoringLevel(action: STEP_DOWN)",
        [CensusRoundTrigger.Record] = "recordCensus",
        [CensusRoundTrigger.Close] = "closeCensusRound",
        [TenantTrigger.Activate] = "onboardTenant",
        [TenantTrigger.Suspend] = "suspendTenant",
        [TenantTrigger.Reactivate] = "reactivateTenant",
        [TenantTrigger.Offboard] = "offboardTenant",
        [TenantTrigger.Delete] = "deleteTenant",
        [OrganizationTrigger.Activate] = "activateOrganization",
        [OrganizationTrigger.Suspend] = "suspendOrganization",
        [OrganizationTrigger.Close] = "closeOrganization",
        [Intake.AppointmentTrigger.Schedule] = "scheduleAppointment",
        [Intake.AppointmentTrigger.RecordHeld] = "recordAppointmentOutcome(outcome: HELD)",
        [Intake.AppointmentTrigger.RecordMissed] = "recordAppointmentOutcome(outcome: MISSED)",
        [Intake.AppointmentTrigger.Cancel] = "cancelAppointment",
        [Aid.AidTrigger.Send] = "sendAidRequest",
        [Aid.AidTrigger.Provide] = "recordAidProvided",
        [Aid.AidTrigger.Decline] = "declineAidRequest",
        [Activities.ActivityTrigger.Start] = "setActivityStatus(status: IN_PROGRESS)",
        [Activities.ActivityTrigger.Complete] = "setActivityStatus(status: DONE)",
        [Activities.ActivityTrigger.Cancel] = "setActivityStatus(status: CANCELLED)",
    };

    /// <summary>The record each state type belongs to, in words.</summary>
    private static readonly Dictionary<Type, string> Records = new()
    {
        [typeof(CaseStatus)] = "case",
        [typeof(ReferralStatus)] = "referral",
        [typeof(Aid.AidStatus)] = "aid request",
        [typeof(CaseTaskStatus)] = "task",
        [typeof(ConsentStatus)] = "consent",
        [typeof(MonitoringLevel)] = "person's monitoring level",
        [typeof(CensusRoundStatus)] = "census round",
        [typeof(TenantStatus)] = "tenant",
        [typeof(OrganizationStatus)] = "organization",
        [typeof(Intake.AppointmentStatus)] = "appointment",
        [typeof(Activities.ActivityStatus)] = "activity",
    };

    /// <summary>The trigger enums every Stateless machine of CareGrid fires (for the check that each value has a mutation).</summary>
    public static IReadOnlyList<Type> TriggerTypes { get; } =
        [typeof(CaseTrigger), typeof(ReferralTrigger), typeof(ConsentStatus), typeof(MonitoringTrigger), typeof(CensusRoundTrigger), typeof(TenantTrigger), typeof(OrganizationTrigger),
        typeof(Intake.AppointmentTrigger), typeof(Aid.AidTrigger), typeof(Activities.ActivityTrigger)];

    /// <summary>
    /// The mutation a client calls for <paramref name="trigger"/>: a mapped trigger's mutation, a string as given (callers
    /// pass mutation names such as <c>logContact</c>), any other enum value in its schema spelling.
    /// </summary>
    public static string Action(object trigger) => trigger switch
    {
        Enum e when Actions.TryGetValue(e, out var name) => name,
        Enum e => Value(e),
        _ => trigger.ToString() ?? "",
    };

    /// <summary>True when <paramref name="trigger"/> has a mutation in the table (tests check every trigger has one).</summary>
    public static bool HasAction(Enum trigger) => Actions.ContainsKey(trigger);

    /// <summary>A state or enum value as the GraphQL schema spells it (<c>ProfessionalIntervention</c> → <c>PROFESSIONAL_INTERVENTION</c>); a string as given.</summary>
    public static string Value(object value) => value is Enum e ? ConstantCase(e.ToString()) : value.ToString() ?? "";

    /// <summary>The record a state of type <paramref name="stateType"/> belongs to (<c>case</c>, <c>referral</c>, …), or <c>record</c>.</summary>
    public static string Record(Type stateType) => Records.TryGetValue(stateType, out var name) ? name : "record";

    private static string ConstantCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(name[i]));
        }

        return builder.ToString();
    }
}
