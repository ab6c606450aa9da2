using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Cases;

/// <summary>The case commands that may need the person's consent (see <see cref="ConsentGate"/>).</summary>
[GenerateSerializer, Alias("CareGrid.GatedAction")]
public enum GatedAction
{
    /// <summary><c>startIntervention</c>: brings a level-3 professional in (R-1.7).</summary>
    StartIntervention,
    /// <summary><c>recordScreening</c>: professional when done by a level-3 role.</summary>
    RecordScreening,
    /// <summary><c>logContact</c>: professional when done by a level-3 role.</summary>
    LogContact,
    /// <summary><c>scheduleFollowUp</c>: professional when done by a level-3 role.</summary>
    ScheduleFollowUp,
    /// <summary><c>proposeReferral</c>: always professional (prepares bringing in an outside institution).</summary>
    ProposeReferral,
    /// <summary><c>sendReferral</c>: brings an outside institution in and shares information.</summary>
    SendReferral,
    /// <summary><c>completeTask</c> on a <see cref="CaseTaskKind.ProfessionalCrisisIntervention"/> task: professionals took over (gated like <see cref="StartIntervention"/>).</summary>
    CompleteCrisisInterventionTask,
    /// <summary><c>completeTask</c> on a <see cref="CaseTaskKind.GuideToPsychiatricInstitution"/> task: the person was guided to an institution (gated like <see cref="ProposeReferral"/>).</summary>
    CompleteGuidanceTask,
    /// <summary><c>scheduleAppointment</c>: a level-3 professional sets a counselling session (gated like <see cref="LogContact"/>; round-26 red team).</summary>
    ScheduleAppointment,
    /// <summary><c>recordAppointmentOutcome</c> with <c>HELD</c>: a counselling session took place (gated like <see cref="LogContact"/>).</summary>
    RecordAppointmentOutcome,
}

/// <summary>What the gate knows of a person's consents: the status per purpose (Pending when never recorded).</summary>
/// <param name="ProfessionalIntervention">Status of <see cref="ConsentPurpose.ProfessionalIntervention"/>, as it counts (a guardian's lapsed grant: Pending).</param>
/// <param name="InformationSharing">Status of <see cref="ConsentPurpose.InformationSharing"/>, as it counts.</param>
/// <param name="GuardianDecides">True when the person is below the tenant's age of consent, or their age is unknown, so a
/// guardian records the decision (<c>givenBy: GUARDIAN</c>; <see cref="AgeOfConsent"/>, PIPL art. 31, docs/consent.md).</param>
/// <param name="OfAgeSince">The tenant-local date the person reached the age of consent when a guardian's grant of a purpose
/// above stopped counting on it (<see cref="AgeOfConsent.GuardianGrantLapsedSince"/>): only the person decides now
/// (<c>givenBy: SELF</c>); null when no grant lapsed.</param>
/// <param name="RecheckOn">The tenant-local date on which this snapshot changes by age alone (the person's coming of age,
/// while they are a minor), so a holder must read it again from then on; null when age alone changes nothing.</param>
[GenerateSerializer, Alias("CareGrid.ConsentSnapshot"), Immutable]
public sealed record ConsentSnapshot(
    [property: Id(0)] ConsentStatus ProfessionalIntervention,
    [property: Id(1)] ConsentStatus InformationSharing,
    [property: Id(2)] bool GuardianDecides = false,
    [property: Id(3)] DateOnly? OfAgeSince = null,
    [property: Id(4)] DateOnly? RecheckOn = null)
{
    /// <summary>The snapshot of <paramref name="person"/>'s current consents as stored (who decides not known: <see cref="GuardianDecides"/> false).</summary>
    public static ConsentSnapshot Of(PersonInfo person) =>
        new(person.ConsentFor(ConsentPurpose.ProfessionalIntervention), person.ConsentFor(ConsentPurpose.InformationSharing));

    /// <summary>
    /// The snapshot of <paramref name="person"/>'s consents as they count on the tenant-local date of <paramref name="now"/>
    /// under <paramref name="settings"/>' age of consent (<see cref="Of(IReadOnlyList{Consent}, DateOnly?, int?, DateOnly, int)"/>).
    /// </summary>
    public static ConsentSnapshot Of(PersonInfo person, TenantSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(settings);
        return Of(person.Consents, person.DateOfBirth, person.BirthYear, settings.Calendar.LocalDate(now), settings.AgeOfConsent);
    }

    /// <summary>
    /// The snapshot of <paramref name="consents"/> on the tenant-local date <paramref name="today"/>: <see cref="GuardianDecides"/>
    /// from the person's age (<see cref="AgeOfConsent.CapacityOn"/>); a guardian's grant counts as Pending from the person's
    /// coming of age on, with <see cref="OfAgeSince"/> set (PIPL art. 31: only the person decides, even when no one edited the
    /// birth data); <see cref="RecheckOn"/> is the coming of age of a minor.
    /// </summary>
    public static ConsentSnapshot Of(IReadOnlyList<Consent> consents, DateOnly? dateOfBirth, int? birthYear, DateOnly today, int ageOfConsent)
    {
        ArgumentNullException.ThrowIfNull(consents);
        var capacity = AgeOfConsent.CapacityOn(dateOfBirth, birthYear, today, ageOfConsent);
        Consent? Stored(ConsentPurpose p) => consents.FirstOrDefault(c => c.Purpose == p);
        ConsentStatus Counted(ConsentPurpose p) => AgeOfConsent.EffectiveStatus(Stored(p), dateOfBirth, birthYear, today, ageOfConsent);
        var lapsed = AgeOfConsent.GuardianGrantLapsedSince(Stored(ConsentPurpose.ProfessionalIntervention), dateOfBirth, birthYear, today, ageOfConsent)
            ?? AgeOfConsent.GuardianGrantLapsedSince(Stored(ConsentPurpose.InformationSharing), dateOfBirth, birthYear, today, ageOfConsent);
        return new(Counted(ConsentPurpose.ProfessionalIntervention), Counted(ConsentPurpose.InformationSharing),
            capacity != ConsentCapacity.OfAge, lapsed,
            capacity == ConsentCapacity.Minor ? AgeOfConsent.OfAgeFrom(dateOfBirth, birthYear, ageOfConsent) : null);
    }

    /// <summary>The status for <paramref name="purpose"/> (Pending for purposes the gate does not use).</summary>
    public ConsentStatus For(ConsentPurpose purpose) => purpose switch
    {
        ConsentPurpose.ProfessionalIntervention => ProfessionalIntervention,
        ConsentPurpose.InformationSharing => InformationSharing,
        _ => ConsentStatus.Pending,
    };
}

/// <summary>The gate's answer: allowed (perhaps under the duty-of-care override), or refused for lack of consent.</summary>
/// <param name="Allowed">True when the action may go ahead.</param>
/// <param name="Lacking">The purposes whose consent is missing, with the status found, in the order checked; empty when none is.</param>
/// <param name="OverrideReason">The written duty-of-care reason when the action goes ahead without consent at Imminent risk, else null.</param>
public sealed record ConsentDecision(bool Allowed, IReadOnlyList<(ConsentPurpose Purpose, ConsentStatus Status)> Lacking, string? OverrideReason)
{
    /// <summary>Allowed with consent, or without needing any.</summary>
    public static readonly ConsentDecision Granted = new(true, [], null);

    /// <summary>True when the action goes ahead only because of the written override.</summary>
    public bool Overridden => Allowed && OverrideReason is not null;
}

/// <summary>
/// The consent rule of professional actions on a case (R-1.7: where risk is high, professionals are brought in only after
/// the person consents; docs/architecture.md "Security and privacy": a withdrawal takes effect at once). Pure: action, actor roles,
/// risk, the person's consent statuses and the override reason in; a <see cref="ConsentDecision"/> out.
/// </summary>
/// <remarks>
/// <para><b>Professional actions</b> and the consent they need (purpose <c>PROFESSIONAL_INTERVENTION</c> unless said):</para>
/// <list type="bullet">
/// <item><c>startIntervention</c>: consent <i>granted</i> (the moment professionals are brought in).</item>
/// <item><c>sendReferral</c>: <c>PROFESSIONAL_INTERVENTION</c> and <c>INFORMATION_SHARING</c> both <i>granted</i> (an outside
/// institution is brought in and information leaves the tenant).</item>
/// <item><c>completeTask</c> on a <c>PROFESSIONAL_CRISIS_INTERVENTION</c> task: like <c>startIntervention</c> (<i>granted</i>);
/// on a <c>GUIDE_TO_PSYCHIATRIC_INSTITUTION</c> task: like <c>proposeReferral</c> (not refused / withdrawn).</item>
/// <item><c>proposeReferral</c> (any role), and <c>recordScreening</c>, <c>logContact</c>, <c>scheduleFollowUp</c> when the actor
/// holds a level-3 role (Counsellor, Clinician): refused once the person has said no — <i>Refused</i> or <i>Withdrawn</i>.
/// While the decision is still <i>Pending</i> they are allowed: the professional may have to reach and assess the person
/// to ask (R-1.7 "assess … needs"), and nothing is started or shared by them.</item>
/// </list>
/// <para><b>Never gated</b>: the same commands by other roles (a homeroom teacher's or grid worker's own contact, screening
/// and follow-up, R-4.3 level 1), <c>assessRisk</c>, escalation, the high-risk protocol and its tasks (R-1.10: notifying the
/// family, police transport), completing other tasks, cancelling any task, triage, activation, follow-up and closing.</para>
/// <para><b>Override</b>: at Imminent risk — at High already for a level-3 professional's <c>recordScreening</c>,
/// <c>logContact</c> and <c>scheduleFollowUp</c> (<see cref="OverrideFrom"/>) — a written <c>consentOverrideReason</c> (duty of
/// care; at most 1000 characters, weighing at least 10 in letters and digits (a CJK character 3), at least 4 different letters, the rule of <c>WrittenReason</c> shared with break-the-glass) lets the gated action
/// go ahead; the caller records it on the timeline. Below that risk the reason is ignored.</para>
/// </remarks>
public static class ConsentGate
{
    /// <summary>The mutation that records consent, named in refusals.</summary>
    public const string ConsentMutation = "recordConsent";

    /// <summary>
    /// Decides whether <paramref name="roles"/> may take <paramref name="action"/> at <paramref name="risk"/> given the
    /// person's <paramref name="consent"/>; <paramref name="overrideReason"/> (already checked by <c>WrittenReason</c>; trimmed,
    /// non-empty) counts only from <see cref="OverrideFrom"/>'s risk.
    /// </summary>
    public static ConsentDecision Decide(GatedAction action, IReadOnlyCollection<string> roles, RiskLevel risk, ConsentSnapshot consent, string? overrideReason)
    {
        var lacking = Needs(action, roles)
            .Select(n => (n.Purpose, Status: consent.For(n.Purpose), n.GrantedOnly))
            .Where(n => !(n.Status == ConsentStatus.Granted || (!n.GrantedOnly && n.Status == ConsentStatus.Pending)))
            .Select(n => (n.Purpose, n.Status))
            .ToList();
        if (lacking.Count == 0)
        {
            return ConsentDecision.Granted;
        }

        var reason = string.IsNullOrWhiteSpace(overrideReason) ? null : overrideReason.Trim();
        return risk >= OverrideFrom(action) && reason is not null
            ? new ConsentDecision(true, lacking, reason)
            : new ConsentDecision(false, lacking, null);
    }

    /// <summary>
    /// True when <c>availableActions</c> may offer <paramref name="action"/> as far as consent goes: the consent is there, or
    /// the risk is at least <see cref="OverrideFrom"/>'s (where a written override lets it go ahead).
    /// </summary>
    public static bool Offers(GatedAction action, IReadOnlyCollection<string> roles, RiskLevel risk, ConsentSnapshot consent) =>
        risk >= OverrideFrom(action) || Decide(action, roles, risk, consent, null).Allowed;

    /// <summary>
    /// The least risk at which a written duty-of-care <c>consentOverrideReason</c> lets <paramref name="action"/> go ahead
    /// without the consent it needs: <see cref="RiskLevel.High"/> for a level-3 professional's own record of their work on a
    /// high-risk case — <c>recordScreening</c>, <c>logContact</c>, <c>scheduleFollowUp</c> — and <see cref="RiskLevel.Imminent"/>
    /// for everything that starts intervention or brings others in (R-1.7). Round-26 new-user trial: after a guardian withdrew
    /// consent, the psychology teacher of a HIGH-risk 13-year-old could not even log her call to the parent, while the
    /// homeroom teacher could; the duty of care to a person at high risk does not end with the withdrawal, and the written
    /// reason is on the timeline for the supervisor to see.
    /// </summary>
    public static RiskLevel OverrideFrom(GatedAction action) =>
        action is GatedAction.RecordScreening or GatedAction.LogContact or GatedAction.ScheduleFollowUp ? RiskLevel.High : RiskLevel.Imminent;

    /// <summary>
    /// The <c>CONSENT_REQUIRED</c> refusal of <paramref name="action"/> by <paramref name="roles"/> at <paramref name="risk"/>
    /// without an override reason (<see cref="Refusal"/>, naming who decides from <paramref name="consent"/>), or null when the
    /// action is not professional or the consent is there. Shared by the case's <c>nextActions</c> and the appointment gate.
    /// </summary>
    public static CareGridException? RefusalWithoutOverride(GatedAction action, IReadOnlyCollection<string> roles, RiskLevel risk, ConsentSnapshot consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        if (!IsProfessional(action, roles))
        {
            return null;
        }

        var decision = Decide(action, roles, risk, consent, null);
        return decision.Allowed ? null : Refusal(action, decision, risk, consent.GuardianDecides, consent.OfAgeSince);
    }

    /// <summary>
    /// True when <see cref="RefusalWithoutOverride"/> would be null (not a professional action, or the consent is there),
    /// decided by the same <see cref="Decide"/> without writing the refusal's text.
    /// </summary>
    public static bool AllowsWithoutOverride(GatedAction action, IReadOnlyCollection<string> roles, RiskLevel risk, ConsentSnapshot consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        return !IsProfessional(action, roles) || Decide(action, roles, risk, consent, null).Allowed;
    }

    /// <summary>True when <paramref name="action"/> by <paramref name="roles"/> is a professional action that needs consent at all.</summary>
    public static bool IsProfessional(GatedAction action, IReadOnlyCollection<string> roles) => Needs(action, roles).Count > 0;

    /// <summary>The purposes <paramref name="action"/> needs, each with whether only <i>Granted</i> will do (else not Refused/Withdrawn).</summary>
    public static IReadOnlyList<(ConsentPurpose Purpose, bool GrantedOnly)> Needs(GatedAction action, IReadOnlyCollection<string> roles) => action switch
    {
        GatedAction.StartIntervention or GatedAction.CompleteCrisisInterventionTask => [(ConsentPurpose.ProfessionalIntervention, true)],
        GatedAction.SendReferral => [(ConsentPurpose.ProfessionalIntervention, true), (ConsentPurpose.InformationSharing, true)],
        GatedAction.ProposeReferral or GatedAction.CompleteGuidanceTask => [(ConsentPurpose.ProfessionalIntervention, false)],
        GatedAction.RecordScreening or GatedAction.LogContact or GatedAction.ScheduleFollowUp
            or GatedAction.ScheduleAppointment or GatedAction.RecordAppointmentOutcome when roles.Any(r => Roles.Level3.Contains(r)) =>
            [(ConsentPurpose.ProfessionalIntervention, false)],
        _ => [],
    };

    /// <summary>
    /// The <c>CONSENT_REQUIRED</c> error of a refused decision, in the schema's names: the message names the mutation, each
    /// missing purpose with its status, and the fix (<c>recordConsent(purpose: …, decision: GRANTED)</c>, or the written
    /// override at IMMINENT risk); <c>extensions.purpose</c> is the first missing purpose exactly as <c>recordConsent</c> takes
    /// it (e.g. <c>PROFESSIONAL_INTERVENTION</c>), <c>extensions.purposes</c> all of them (comma-separated),
    /// <c>extensions.status</c> the first one's status, <c>extensions.grantedBy</c> the mutation that records consent.
    /// </summary>
    /// <param name="action">The refused action.</param>
    /// <param name="decision">The refused decision.</param>
    /// <param name="risk">The case's risk (the override is offered only at Imminent).</param>
    /// <param name="guardianDecides">True for a person below the age of consent (or of unknown age): the fix names
    /// <c>givenBy: GUARDIAN</c>, since the person's own decision is refused on <c>givenBy</c> (<see cref="AgeOfConsent.EnsureMayDecide"/>).</param>
    /// <param name="ofAgeSince">The date the person reached the age of consent when a guardian's grant stopped counting on it
    /// (<see cref="ConsentSnapshot.OfAgeSince"/>): the message says the person now decides themself and the fix names
    /// <c>givenBy: SELF</c>; <c>extensions.ofAgeSince</c> is the date. <c>extensions.givenBy</c> always says who decides now:
    /// <c>GUARDIAN</c> when <paramref name="guardianDecides"/>, else <c>SELF</c>.</param>
    public static CareGridException Refusal(GatedAction action, ConsentDecision decision, RiskLevel risk, bool guardianDecides = false, DateOnly? ofAgeSince = null)
    {
        IReadOnlyList<(ConsentPurpose Purpose, ConsentStatus Status)> lacking = decision.Lacking.Count > 0
            ? decision.Lacking
            : [(ConsentPurpose.ProfessionalIntervention, ConsentStatus.Pending)];
        var purpose = SchemaName(lacking[0].Purpose);
        var status = SchemaName(lacking[0].Status);
        var needs = string.Join(" and ", lacking.Select(l => $"{SchemaName(l.Purpose)} consent, which is {SchemaName(l.Status)}"));
        var givenBy = guardianDecides ? ", givenBy: GUARDIAN" : ofAgeSince is null ? "" : ", givenBy: SELF";
        var fixes = string.Join(" and ", lacking.Select(l => $"{ConsentMutation}(purpose: {SchemaName(l.Purpose)}, decision: GRANTED{givenBy})"));
        if (guardianDecides)
        {
            fixes += " (the person is below the age of consent, so a guardian decides; a guardian contact must be on the person)";
        }
        else if (ofAgeSince is { } since)
        {
            fixes += $" (the person is of the age of consent since {since:yyyy-MM-dd}, so the person now decides themself: a guardian's earlier GRANTED no longer counts)";
        }

        var from = OverrideFrom(action) == RiskLevel.High ? "HIGH or IMMINENT" : "IMMINENT";
        var message = $"{MutationName(action)} needs the person's {needs}. Record it with {fixes}"
            + (action is GatedAction.ScheduleAppointment or GatedAction.RecordAppointmentOutcome
                ? ". An appointment takes no override: a person at risk is worked on their case (R-1.7)."
                : risk >= OverrideFrom(action)
                ? $", or at {from} risk give a written consentOverrideReason (duty of care, recorded on the timeline) (R-1.7)."
                : $"; a duty-of-care consentOverrideReason is accepted only at {from} risk (R-1.7).");
        var details = new Dictionary<string, string>
        {
            ["purpose"] = purpose,
            ["purposes"] = string.Join(",", lacking.Select(l => SchemaName(l.Purpose))),
            ["status"] = status,
            ["grantedBy"] = ConsentMutation,
            // who decides now, so a client can say it (round-26 trial: the console told the teacher of an 18-year-old to ask the guardian)
            ["givenBy"] = SchemaName(guardianDecides ? ConsentGivenBy.Guardian : ConsentGivenBy.Self),
        };
        if (!guardianDecides && ofAgeSince is { } of)
        {
            details["ofAgeSince"] = of.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        return new CareGridException(ErrorCodes.ConsentRequired, message, details);
    }

    /// <summary>
    /// The timeline text of an overridden decision: what went ahead without which consent, at which risk (<c>High</c> or
    /// <c>Imminent</c>, <see cref="OverrideFrom"/>), and the written reason.
    /// </summary>
    public static string OverrideNote(GatedAction action, ConsentDecision decision, RiskLevel risk) =>
        $"{MutationName(action)} without {string.Join(" and ", decision.Lacking.Select(l => $"{SchemaName(l.Purpose)} consent ({SchemaName(l.Status)})"))} "
        + $"at {risk} risk (duty of care, R-1.7): {decision.OverrideReason}";

    /// <summary>
    /// The gated action on a task of <paramref name="kind"/> when it is completed (R-1.7: completing professional crisis
    /// intervention or guidance to a psychiatric institution brings professionals in), or null for tasks that are never
    /// gated (notifying the family, police transport, visits, hand-over; R-1.10).
    /// </summary>
    public static GatedAction? ForCompletedTask(CaseTaskKind kind) => kind switch
    {
        CaseTaskKind.ProfessionalCrisisIntervention => GatedAction.CompleteCrisisInterventionTask,
        CaseTaskKind.GuideToPsychiatricInstitution => GatedAction.CompleteGuidanceTask,
        _ => null,
    };

    /// <summary>The GraphQL mutation name of <paramref name="action"/> (e.g. <c>logContact</c>; <c>completeTask (PROFESSIONAL_CRISIS_INTERVENTION)</c> for a task).</summary>
    public static string MutationName(GatedAction action)
    {
        if (action == GatedAction.CompleteCrisisInterventionTask)
        {
            return "completeTask (" + SchemaName(CaseTaskKind.ProfessionalCrisisIntervention) + ")";
        }

        if (action == GatedAction.CompleteGuidanceTask)
        {
            return "completeTask (" + SchemaName(CaseTaskKind.GuideToPsychiatricInstitution) + ")";
        }

        var name = action.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>An enum value as the GraphQL schema spells it: <c>ProfessionalIntervention</c> → <c>PROFESSIONAL_INTERVENTION</c> (<see cref="SchemaNames.Value"/>).</summary>
    public static string SchemaName<T>(T value) where T : struct, Enum => SchemaNames.Value(value);
}

/// <summary>A consent decision recorded on a person, sent by the person grain to each of their open cases.</summary>
/// <param name="Purpose">The purpose decided.</param>
/// <param name="Status">The new status.</param>
/// <param name="GivenBy">Who gave or withdrew it (the person or a guardian).</param>
/// <param name="RecordedBy">The <c>sub</c> of the staff member who recorded it.</param>
/// <param name="Consents">The person's consent statuses after the change (what the gate now sees).</param>
/// <param name="Reason">Why the system changed it (see <see cref="Consent.Reason"/>), or null for a decision recorded by staff.</param>
/// <param name="GuardianAgreed">Set when the change is not a decision but a guardian's view noted beside the person's own
/// decision (<c>recordGuardianAgreement</c>, docs/consent.md "The guardian's view"): whether the guardian agrees; <see cref="Status"/>
/// and <see cref="GivenBy"/> are then the person's own decision, unchanged. Null for a decision.</param>
[GenerateSerializer, Alias("CareGrid.ConsentChange"), Immutable]
public sealed record ConsentChange(
    [property: Id(0)] ConsentPurpose Purpose,
    [property: Id(1)] ConsentStatus Status,
    [property: Id(2)] ConsentGivenBy GivenBy,
    [property: Id(3)] string RecordedBy,
    [property: Id(4)] ConsentSnapshot Consents,
    [property: Id(5)] string? Reason = null,
    [property: Id(6)] bool? GuardianAgreed = null);
