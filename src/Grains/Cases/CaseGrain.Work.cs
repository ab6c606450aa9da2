using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using Stateless;

namespace CareGrid.Grains.Cases;

public sealed partial class CaseGrain
{
    private static readonly IReadOnlyList<string> ReferralRoles = [Roles.Counsellor, Roles.Clinician, Roles.Coordinator];
    private static readonly IReadOnlyList<string> ContactRoles = [.. Roles.CaseStaff, Roles.Volunteer];

    /// <summary>The fields a referral always carries; the person's name only with InformationSharing consent or the Imminent override.</summary>
    public static readonly IReadOnlyList<string> MinimalReferralFields = ["caseId", "riskLevel", "reason"];

    private Referral? OpenReferral => S.Referrals.LastOrDefault(r => r.Status is ReferralStatus.Proposed or ReferralStatus.Sent or ReferralStatus.Accepted);

    /// <inheritdoc />
    public async Task<CaseView> LogContact(ContactChannel channel, int durationMinutes, string? notes, Actor actor, string? consentOverrideReason = null)
    {
        EnsureExists();
        await EnsureNeedToKnowAsync(actor);
        EnsureOpen("LogContact");
        RequireAny(actor, ContactRoles, "log a contact");
        if (!Enum.IsDefined(channel))
        {
            throw CareGridException.Validation("channel", "Unknown contact channel.");
        }

        if (durationMinutes is < 0 or > 1440)
        {
            throw CareGridException.Validation("durationMinutes", "A contact lasts 0–1440 minutes.");
        }

        var text = OptionalText(notes, "notes");
        await EnsureConsentAsync(GatedAction.LogContact, actor, consentOverrideReason);
        S.Contacts.Add(new ContactLog(clock.GetUtcNow(), actor.Subject, channel, durationMinutes, text));
        Record(actor.Subject, "LogContact", $"{channel}, {durationMinutes} min");
        CompleteOpenTasks(CaseTaskKind.FollowUpVisit, actor, $"{channel} contact logged");
        if (channel is ContactChannel.HomeVisit or ContactChannel.InPerson or ContactChannel.Phone)
        {
            CompleteOpenTasks(CaseTaskKind.RaiseVisitFrequency, actor, "visits under way at the raised frequency");
        }

        await SaveAsync();
        return ToView(actor);
    }

    /// <inheritdoc />
    public async Task<CaseView> ScheduleFollowUp(DateTimeOffset? dueAt, Actor actor, string? consentOverrideReason = null)
    {
        EnsureExists();
        await EnsureNeedToKnowAsync(actor);
        EnsureOpen("ScheduleFollowUp");
        RequireAny(actor, ContactRoles, "schedule a follow-up");
        EnsureOpenTaskRoom();
        var now = clock.GetUtcNow();
        var due = dueAt ?? now.AddHours(S.VisitEveryHours);
        if (due <= now || due > now.AddDays(366))
        {
            throw CareGridException.Validation("dueAt", "A follow-up is due in the future, within a year.");
        }

        await EnsureConsentAsync(GatedAction.ScheduleFollowUp, actor, consentOverrideReason);

        AddTask(CaseTaskKind.FollowUpVisit, due.ToUniversalTime(), S.AssigneeId ?? CaseQueues.ForLevel(S.EscalationLevel));
        await SaveAsync();
        return ToView(actor);
    }

    /// <inheritdoc />
    public async Task<CaseView> ProposeReferral(string institution, string reason, Actor actor, string? consentOverrideReason = null)
    {
        EnsureExists();
        await EnsureNeedToKnowAsync(actor);
        RequireAny(actor, ReferralRoles, "propose a referral");
        if (S.Status != CaseStatus.Active)
        {
            throw Transitions.Invalid(S.Status, "ProposeReferral", BuildMachine().Permitted().Select(t => t.ToString()));
        }

        if (OpenReferral is { } open)
        {
            throw Transitions.Invalid(open.Status, "ProposeReferral", Array.Empty<string>());
        }

        var to = OptionalText(institution, "institution") ?? throw CareGridException.Validation("institution", "Name the institution referred to.");
        var why = OptionalText(reason, "reason") ?? throw CareGridException.Validation("reason", "A referral needs a reason.");
        await EnsureConsentAsync(GatedAction.ProposeReferral, actor, consentOverrideReason);
        var referral = new Referral(NextId("r"), to, why, ReferralStatus.Proposed, clock.GetUtcNow(), actor.Subject, null, [], new Dictionary<string, string>(), null, null, null, null);
        S.Referrals.Add(referral);
        Record(actor.Subject, "ProposeReferral", $"{referral.Id} to {to}: {why}");
        await SaveAsync();
        return ToView(actor);
    }

    /// <inheritdoc />
    public async Task<CaseView> SendReferral(string? consentOverrideReason, Actor actor)
    {
        EnsureExists();
        await EnsureNeedToKnowAsync(actor);
        RequireAny(actor, ReferralRoles, "send a referral");
        var (index, referral) = RequireReferral(ReferralTrigger.Send);
        EnsurePermitted(CaseTrigger.Refer);
        // Needs PROFESSIONAL_INTERVENTION and INFORMATION_SHARING granted, or the Imminent override (ConsentGate, R-1.7).
        var person = await EnsureConsentAsync(GatedAction.SendReferral, actor, consentOverrideReason)
            ?? await Person(S.PersonId).Get() ?? throw CareGridException.NotFound("Person", S.PersonId);
        var consented = _consent?.InformationSharing == ConsentStatus.Granted;
        var overrideReason = consented && _consent?.ProfessionalIntervention == ConsentStatus.Granted ? null : OverrideReason(consentOverrideReason);

        // Only the minimal fields leave the tenant; the name only with consent or under the override.
        var data = new Dictionary<string, string>
        {
            ["caseId"] = LocalId,
            ["riskLevel"] = S.RiskLevel.ToString(),
            ["reason"] = referral.Reason,
            ["personDisplayName"] = person.DisplayName,
        };
        var from = S.Status;
        BuildMachine().Fire(CaseTrigger.Refer);
        S.Referrals[index] = referral with
        {
            Status = ReferralStatus.Sent,
            SentAt = clock.GetUtcNow(),
            SharedFields = [.. data.Keys],
            SharedData = data,
            ConsentOverrideReason = overrideReason,
        };
        Record(actor.Subject, "Refer", $"{referral.Id} sent to {referral.Institution}; shared: {string.Join(", ", data.Keys)}", from);
        CompleteOpenTasks(CaseTaskKind.GuideToPsychiatricInstitution, actor, $"referred to {referral.Institution}");
        await SaveAsync();
        return ToView(actor);
    }

    /// <inheritdoc />
    public async Task<CaseView> RecordReferralResponse(bool accepted, string? note, Actor actor)
    {
        EnsureExists();
        await EnsureNeedToKnowAsync(actor);
        RequireAny(actor, ReferralRoles, "record the institution's answer");
        var trigger = accepted ? ReferralTrigger.Accept : ReferralTrigger.Decline;
        var (index, referral) = RequireReferral(trigger);
        var text = OptionalText(note, "note");
        S.Referrals[index] = referral with { Status = accepted ? ReferralStatus.Accepted : ReferralStatus.Declined, RespondedAt = clock.GetUtcNow(), Note = text };
        var from = S.Status;
        if (!accepted)
        {
            BuildMachine().Fire(CaseTrigger.ReferralDeclined);
        }

        Record(actor.Subject, accepted ? "ReferralAccepted" : "ReferralDeclined", $"{referral.Id} {referral.Institution}" + (text is null ? "" : ": " + text), from);
        await SaveAsync();
        return ToView(actor);
    }

    /// <inheritdoc />
    public async Task<CaseView> CompleteReferral(string? note, Actor actor)
    {
        EnsureExists();
        await EnsureNeedToKnowAsync(actor);
        RequireAny(actor, ReferralRoles, "complete a referral");
        var (index, referral) = RequireReferral(ReferralTrigger.Complete);
        var text = OptionalText(note, "note");
        S.Referrals[index] = referral with { Status = ReferralStatus.Completed, CompletedAt = clock.GetUtcNow(), Note = text ?? referral.Note };
        Record(actor.Subject, "ReferralCompleted", $"{referral.Id} {referral.Institution}" + (text is null ? "" : ": " + text));
        var from = S.Status;
        BuildMachine().Fire(CaseTrigger.StartFollowUp);
        Record(actor.Subject, nameof(CaseTrigger.StartFollowUp), "referral completed", from);
        await SaveAsync();
        return ToView(actor);
    }

    private (int Index, Referral Referral) RequireReferral(ReferralTrigger trigger)
    {
        var index = S.Referrals.FindLastIndex(r => r.Status is ReferralStatus.Proposed or ReferralStatus.Sent or ReferralStatus.Accepted);
        if (index < 0)
        {
            throw new CareGridException(ErrorCodes.InvalidTransition, "The case has no open referral.",
                new Dictionary<string, string> { ["state"] = S.Status.ToString(), ["trigger"] = trigger.ToString(), ["permittedTriggers"] = "" });
        }

        var referral = S.Referrals[index];
        var machine = ReferralMachine(referral.Status);
        if (!machine.CanFire(trigger))
        {
            throw Transitions.Invalid(referral.Status, trigger, machine.Permitted());
        }

        return (index, referral);
    }

    /// <summary>The referral lifecycle: <c>Proposed → Sent → Accepted | Declined</c>, <c>Accepted → Completed</c>.</summary>
    private static StateMachine<ReferralStatus, ReferralTrigger> ReferralMachine(ReferralStatus current)
    {
        var m = new StateMachine<ReferralStatus, ReferralTrigger>(current);
        m.Configure(ReferralStatus.Proposed).Permit(ReferralTrigger.Send, ReferralStatus.Sent);
        m.Configure(ReferralStatus.Sent).Permit(ReferralTrigger.Accept, ReferralStatus.Accepted).Permit(ReferralTrigger.Decline, ReferralStatus.Declined);
        m.Configure(ReferralStatus.Accepted).Permit(ReferralTrigger.Complete, ReferralStatus.Completed);
        return m;
    }

    /// <summary>The mutations <paramref name="viewer"/> may call now, by name.</summary>
    private IReadOnlyList<string> AvailableActions(Actor viewer)
    {
        var actions = new List<string>();
        void Add(bool ok, string name)
        {
            if (ok)
            {
                actions.Add(name);
            }
        }

        var interventionNotStarted = S.InterventionStartedAt is null;
        var referral = OpenReferral;
        bool Permits(CaseTrigger t) => CaseStateMachine.Permits(S.Status, interventionNotStarted, referral is null, t);
        bool Can(CaseTrigger t) => Permits(t) && viewer.HasAny(RolesFor(t));
        Add(Can(CaseTrigger.Triage), "triageCase");
        Add(Can(CaseTrigger.Activate), "activateCase");
        Add(Can(CaseTrigger.StartIntervention) && ConsentOffers(GatedAction.StartIntervention, viewer), "startIntervention");
        var referrer = viewer.HasAny(ReferralRoles);
        Add(referrer && S.Status == CaseStatus.Active && referral is null && ConsentOffers(GatedAction.ProposeReferral, viewer), "proposeReferral");
        Add(referrer && referral?.Status == ReferralStatus.Proposed && Permits(CaseTrigger.Refer) && ConsentOffers(GatedAction.SendReferral, viewer), "sendReferral");
        Add(referrer && referral?.Status == ReferralStatus.Sent, "acceptReferral");
        Add(referrer && referral?.Status == ReferralStatus.Sent, "declineReferral");
        Add(referrer && referral?.Status == ReferralStatus.Accepted, "completeReferral");
        Add(Can(CaseTrigger.StartFollowUp), "startFollowUp");
        Add(Can(CaseTrigger.Close) && (S.RiskLevel < RiskLevel.High || viewer.HasAny(Roles.Level3) && ReassessedSinceHighRisk), "closeCase");
        Add(Can(CaseTrigger.Reopen), "reopenCase");
        var open = S.Status != CaseStatus.Closed;
        Add(open && viewer.HasAny(Roles.CaseStaff), "assessRisk");
        Add(open && viewer.HasAny(Roles.CaseStaff) && ConsentOffers(GatedAction.RecordScreening, viewer), "recordScreening");
        Add(open && viewer.HasAny(ContactRoles) && ConsentOffers(GatedAction.LogContact, viewer), "logContact");
        Add(open && viewer.HasAny(ContactRoles) && ConsentOffers(GatedAction.ScheduleFollowUp, viewer), "scheduleFollowUp");
        Add(S.Tasks.Any(t => t.Status == CaseTaskStatus.Open) && viewer.HasAny(ContactRoles), "completeTask");
        return actions;
    }
}
