using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases.Domain;

/// <summary>
/// The referral rules of a case (R-1.5 and R-1.10: guided to a psychiatric institution; R-1.8: to civil affairs for
/// material aid): propose, send, record the institution's answer, complete. One referral is open at a time; its
/// lifecycle is <see cref="ReferralStateMachine"/>; sending moves the case <c>Active → Referred</c>, a decline back to
/// <c>Active</c>, a completion on to <c>FollowUp</c>. Sending needs PROFESSIONAL_INTERVENTION and INFORMATION_SHARING
/// consent or the Imminent override (R-1.7, <see cref="ConsentGate"/>) and shares only the minimal fields (R-1.1 privacy).
/// Applies one command to the case of <paramref name="c"/> at its <see cref="CaseAggregate.Now"/>, with the aggregate's
/// lifecycle machine, role, text and timeline rules; a refused command throws and changes nothing.
/// </summary>
/// <param name="c">The case (its state is changed in place).</param>
/// <param name="caseId">The case's local id (the <c>caseId</c> a sent referral shares).</param>
public sealed class CaseReferrals(CaseAggregate c, string caseId)
{
    /// <summary>Roles that refer: level 3 and level 2 (R-4.3, R-1.10).</summary>
    public static readonly IReadOnlyList<string> Roles = [Security.Roles.Counsellor, Security.Roles.Clinician, Security.Roles.Coordinator];

    /// <summary>The fields a sent referral always carries (R-1.1 privacy); the person's name only with consent or the Imminent override (R-1.7).</summary>
    public static readonly IReadOnlyList<string> MinimalFields = ["caseId", "riskLevel", "reason"];

    /// <summary>
    /// The checks of <see cref="Propose"/> before consent: role (<c>FORBIDDEN</c>), an Active case and no open referral
    /// (<c>INVALID_TRANSITION</c>), institution and reason given (<c>VALIDATION_FAILED</c>), the override reason's form.
    /// Returns the trimmed institution and reason.
    /// </summary>
    public (string Institution, string Reason) CheckPropose(string? institution, string? reason, Actor actor, string? consentOverrideReason)
    {
        CaseAggregate.RequireAny(actor, Roles, "propose a referral");
        if (c.State.Status != CaseStatus.Active)
        {
            throw Transitions.Invalid(c.State.Status, "proposeReferral", c.BuildMachine().Permitted().Select(t => SchemaNames.Action(t)));
        }

        if (c.OpenReferral is { } open)
        {
            throw Transitions.Invalid(open.Status, "proposeReferral", ReferralStateMachine.Permitted(open.Status).Select(t => SchemaNames.Action(t)));
        }

        var to = CaseAggregate.OptionalText(institution, "institution") ?? throw CareGridException.Validation("institution", "Name the institution referred to.");
        var why = CaseAggregate.OptionalText(reason, "reason") ?? throw CareGridException.Validation("reason", "A referral needs a reason.");
        CaseConsent.OverrideReason(consentOverrideReason);
        return (to, why);
    }

    /// <summary>
    /// Proposes a referral to <paramref name="institution"/> (nothing is shared yet): <see cref="CheckPropose"/>, then the
    /// consent gate (refused once the person said no, R-1.7), then a Proposed referral and <c>ProposeReferral</c> on the timeline.
    /// </summary>
    public Referral Propose(string? institution, string? reason, Actor actor, ConsentSnapshot consent, string? consentOverrideReason)
    {
        var (to, why) = CheckPropose(institution, reason, actor, consentOverrideReason);
        CaseConsent.Gate(c, GatedAction.ProposeReferral, actor, consent, consentOverrideReason);
        var referral = new Referral(c.NextId("r"), to, why, ReferralStatus.Proposed, c.Now, actor.Subject, null, [], new Dictionary<string, string>(), null, null, null, null);
        c.State.Referrals.Add(referral);
        c.NoteReferral(referral);
        c.Record(actor.Subject, "ProposeReferral", $"{referral.Id} to {to}: {why}");
        return referral;
    }

    /// <summary>The checks of <see cref="Send"/> before consent: role, a Proposed referral, the case may move to Referred, the override reason's form.</summary>
    public void CheckSend(Actor actor, string? consentOverrideReason)
    {
        CaseAggregate.RequireAny(actor, Roles, "send a referral");
        RequireOpen(ReferralTrigger.Send);
        c.EnsurePermitted(CaseTrigger.Refer);
        CaseConsent.OverrideReason(consentOverrideReason);
    }

    /// <summary>
    /// Sends the proposed referral: <see cref="CheckSend"/>; the consent gate (PROFESSIONAL_INTERVENTION and INFORMATION_SHARING
    /// granted, or the written override at Imminent risk, which is recorded on the referral and the timeline; R-1.7); the case
    /// <c>Active → Referred</c>; the referral carries the minimal fields and the person's display name. Asks the task
    /// rules to complete the open guidance task (R-1.10).
    /// </summary>
    public IReadOnlyList<TaskCompletion> Send(Actor actor, ConsentSnapshot consent, string personDisplayName, string? consentOverrideReason)
    {
        CheckSend(actor, consentOverrideReason);
        var (index, referral) = RequireOpen(ReferralTrigger.Send);
        CaseConsent.Gate(c, GatedAction.SendReferral, actor, consent, consentOverrideReason);
        var consented = consent.InformationSharing == ConsentStatus.Granted && consent.ProfessionalIntervention == ConsentStatus.Granted;
        var data = new Dictionary<string, string>
        {
            ["caseId"] = caseId,
            ["riskLevel"] = c.State.RiskLevel.ToString(),
            ["reason"] = referral.Reason,
            ["personDisplayName"] = personDisplayName,
        };
        var from = c.State.Status;
        c.BuildMachine().Fire(CaseTrigger.Refer);
        c.State.Referrals[index] = referral with
        {
            Status = ReferralStateMachine.Next(referral.Status, ReferralTrigger.Send),
            SentAt = c.Now,
            SharedFields = [.. data.Keys],
            SharedData = data,
            ConsentOverrideReason = consented ? null : CaseConsent.OverrideReason(consentOverrideReason),
        };
        c.NoteReferral(c.State.Referrals[index]);
        c.Record(actor.Subject, "Refer", $"{referral.Id} sent to {referral.Institution}; shared: {string.Join(", ", data.Keys)}", from);
        return [new TaskCompletion(CaseTaskKind.GuideToPsychiatricInstitution, $"referred to {referral.Institution}", "sendReferral")];
    }

    /// <summary>
    /// Records the institution's answer to the sent referral: Accepted (the case stays Referred) or Declined (the case
    /// returns to Active), with an optional note. <c>FORBIDDEN</c>, <c>INVALID_TRANSITION</c>, <c>VALIDATION_FAILED</c> (<c>note</c>).
    /// A decline on a High or Imminent case opens the <see cref="CaseTaskKind.GuideToPsychiatricInstitution"/> task again
    /// (unless one is open), due per the tenant's deadline from now: sending the referral completed it, and the person has not
    /// been guided anywhere after all (R-1.5, R-1.10; docs/protocol.md "Reopening a High or Imminent case"). A decline
    /// needs the tenant settings on a High or Imminent case.
    /// </summary>
    public Referral Respond(bool accepted, string? note, Actor actor)
    {
        var trigger = CheckRespond(accepted, actor);
        var (index, referral) = RequireOpen(trigger);
        var text = CaseAggregate.OptionalText(note, "note");
        var answered = c.State.Referrals[index] = referral with { Status = ReferralStateMachine.Next(referral.Status, trigger), RespondedAt = c.Now, Note = text };
        c.NoteReferral(answered);
        var from = c.State.Status;
        if (!accepted)
        {
            c.BuildMachine().Fire(CaseTrigger.ReferralDeclined);
        }

        c.Record(actor.Subject, accepted ? "ReferralAccepted" : "ReferralDeclined", $"{referral.Id} {referral.Institution}" + (text is null ? "" : ": " + text), from);
        if (!accepted && c.State.RiskLevel >= RiskLevel.High)
        {
            c.AddTaskOnce(CaseTaskKind.GuideToPsychiatricInstitution);
        }

        return answered;
    }

    /// <summary>
    /// Completes the accepted referral (the institution's episode ended) and moves the case <c>Referred → FollowUp</c>,
    /// both on the timeline. <c>FORBIDDEN</c>, <c>INVALID_TRANSITION</c>, <c>VALIDATION_FAILED</c> (<c>note</c>).
    /// </summary>
    public Referral Complete(string? note, Actor actor)
    {
        CheckComplete(actor);
        var (index, referral) = RequireOpen(ReferralTrigger.Complete);
        var text = CaseAggregate.OptionalText(note, "note");
        var completed = c.State.Referrals[index] = referral with { Status = ReferralStateMachine.Next(referral.Status, ReferralTrigger.Complete), CompletedAt = c.Now, Note = text ?? referral.Note };
        c.NoteReferral(completed);
        c.Record(actor.Subject, "ReferralCompleted", $"{referral.Id} {referral.Institution}" + (text is null ? "" : ": " + text));
        var from = c.State.Status;
        c.BuildMachine().Fire(CaseTrigger.StartFollowUp);
        c.Record(actor.Subject, nameof(CaseTrigger.StartFollowUp), "referral completed", from);
        return completed;
    }

    /// <summary>The checks of <see cref="Respond"/> (role, an open referral that permits the answer), changing nothing; returns the referral trigger.</summary>
    public ReferralTrigger CheckRespond(bool accepted, Actor actor)
    {
        CaseAggregate.RequireAny(actor, Roles, "record the institution's answer");
        var trigger = accepted ? ReferralTrigger.Accept : ReferralTrigger.Decline;
        RequireOpen(trigger);
        return trigger;
    }

    /// <summary>The checks of <see cref="Complete"/> (role, an accepted referral), changing nothing.</summary>
    public void CheckComplete(Actor actor)
    {
        CaseAggregate.RequireAny(actor, Roles, "complete a referral");
        RequireOpen(ReferralTrigger.Complete);
    }

    /// <summary>The open referral and its index when it permits <paramref name="trigger"/>; else <c>INVALID_TRANSITION</c>.</summary>
    private (int Index, Referral Referral) RequireOpen(ReferralTrigger trigger)
    {
        var index = c.State.Referrals.FindLastIndex(r => ReferralStateMachine.IsOpen(r.Status));
        if (index < 0)
        {
            throw new CareGridException(ErrorCodes.InvalidTransition, $"The case has no open referral to {SchemaNames.Action(trigger)}; proposeReferral starts one on an ACTIVE case.",
                new Dictionary<string, string> { ["state"] = SchemaNames.Value(c.State.Status), ["trigger"] = SchemaNames.Action(trigger), ["permittedTriggers"] = "" });
        }

        var referral = c.State.Referrals[index];
        if (!ReferralStateMachine.Permits(referral.Status, trigger))
        {
            throw Transitions.Invalid(referral.Status, trigger, ReferralStateMachine.Permitted(referral.Status));
        }

        return (index, referral);
    }
}
