using CareGrid.Grains.Screening;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases.Domain;

/// <summary>
/// The next actions of a case (<c>nextActions</c>) and the mutations a viewer may call now (<c>availableActions</c>): every
/// case mutation that makes sense in the case's current state — its lifecycle (<see cref="CaseStateMachine"/>), its open
/// referral's (<see cref="ReferralStateMachine"/>), its open tasks — each decided by the mutation's own checks and consent
/// gate (<see cref="NextActionChecks"/>): the viewer's roles, the case's rules (a High or Imminent case closes only
/// by level 3 after a level-3 reassessment, R-1.10) and the person's consent (R-1.7, <see cref="ConsentGate"/>). Adding an
/// action is one line in <see cref="Next"/>. Pure: the case, the viewer and the last consent seen in.
/// </summary>
public static class CaseActions
{
    /// <summary>A valid screening (PHQ-9, all answers 0) for checking <c>recordScreening</c>'s guards; never stored.</summary>
    private static readonly ScreeningAnswers SampleScreening = new(ScreeningInstrument.Phq9, [0, 0, 0, 0, 0, 0, 0, 0, 0]);

    /// <summary>The mutations <paramref name="viewer"/> may call on the case <paramref name="c"/> now: the allowed <see cref="Next"/> actions, each name once.</summary>
    /// <param name="c">The case.</param>
    /// <param name="viewer">Who asks.</param>
    /// <param name="consent">The person's consents as last seen (<see cref="CaseConsent.None"/> when unknown).</param>
    /// <returns>GraphQL mutation names, in the fixed order of <see cref="Next"/>.</returns>
    public static IReadOnlyList<string> For(CaseAggregate c, Actor viewer, ConsentSnapshot consent) => Allowed(Next(c, viewer, consent));

    /// <summary>The <c>availableActions</c> of <paramref name="next"/>: the allowed actions' names, each once, in order.</summary>
    public static IReadOnlyList<string> Allowed(IEnumerable<NextAction> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var names = new List<string>();
        foreach (var a in next) // a loop: every case read and write answers this (round-39 allocation profile)
        {
            if (a.Allowed && !names.Contains(a.Action))
            {
                names.Add(a.Action);
            }
        }

        return names;
    }

    /// <summary>
    /// The next actions of the case <paramref name="c"/> for <paramref name="viewer"/>, in a fixed order (lifecycle,
    /// referral, work on the case, then <c>completeTask</c> and <c>cancelTask</c> per open task): each allowed, or refused
    /// with the code, message, consent purpose or roles its mutation would answer.
    /// </summary>
    /// <param name="c">The case (not changed).</param>
    /// <param name="viewer">Who asks.</param>
    /// <param name="consent">The person's consents as last seen (<see cref="CaseConsent.None"/> when unknown).</param>
    /// <param name="namesOnly">Only whether each action is allowed is needed (<c>availableActions</c>): a consent refusal is
    /// decided without its text, and its item carries the action, <c>allowed: false</c> and the code only.</param>
    public static IReadOnlyList<NextAction> Next(CaseAggregate c, Actor viewer, ConsentSnapshot consent, bool namesOnly = false)
    {
        ArgumentNullException.ThrowIfNull(c);
        var s = c.State;
        var next = new NextActionChecks(c, viewer, consent, namesOnly);
        var referrals = new CaseReferrals(c, "");
        var contacts = new CaseContacts(c);
        var referral = c.OpenReferral;
        var open = s.Status != CaseStatus.Closed;
        bool ReferralPermits(ReferralTrigger t) => referral is not null && ReferralStateMachine.Permits(referral.Status, t);

        next.Transition(CaseTrigger.Triage, "triageCase");
        next.Transition(CaseTrigger.Activate, "activateCase");
        next.Transition(CaseTrigger.StartIntervention, "startIntervention");
        next.Check("proposeReferral", s.Status == CaseStatus.Active && referral is null, () => Gated(() => referrals.CheckPropose("institution", "next action check", viewer, null), GatedAction.ProposeReferral));
        next.Check("sendReferral", ReferralPermits(ReferralTrigger.Send), () => Gated(() => referrals.CheckSend(viewer, null), GatedAction.SendReferral));
        next.Check("acceptReferral", ReferralPermits(ReferralTrigger.Accept), () => Gated(() => referrals.CheckRespond(true, viewer), null));
        next.Check("declineReferral", ReferralPermits(ReferralTrigger.Decline), () => Gated(() => referrals.CheckRespond(false, viewer), null));
        next.Check("completeReferral", ReferralPermits(ReferralTrigger.Complete), () => Gated(() => referrals.CheckComplete(viewer), null));
        next.Transition(CaseTrigger.StartFollowUp, "startFollowUp");
        next.Transition(CaseTrigger.Close, "closeCase");
        next.Transition(CaseTrigger.Reopen, "reopenCase");
        next.Check("assessRisk", open, () => Gated(() => c.CheckAssessRisk(viewer), null));
        next.Check("recordScreening", open, () => Gated(() => c.PrepareScreening(SampleScreening, viewer), GatedAction.RecordScreening));
        next.Check("logContact", open, () => Gated(() => contacts.CheckLog(ContactChannel.Phone, 0, null, viewer, null), GatedAction.LogContact));
        next.Check("scheduleFollowUp", open, () => Gated(() => contacts.CheckFollowUp(c.Now.AddDays(1), viewer, null), GatedAction.ScheduleFollowUp));
        next.Check("escalateCase", open && s.EscalationLevel < 3, () => Gated(() => c.CheckEscalate(s.EscalationLevel + 1, "next action check", viewer), null));
        // docs/protocol.md "How a concern travels": listed when they would change something (the owner taking again, or
        // review of a case at level 3, answer without change); review is for who works the case below level 3.
        next.Check("takeCase", open && s.AssigneeId != viewer.Subject, () => Gated(() => c.CheckTake(viewer), null));
        next.Check("requestProfessionalReview", open && s.EscalationLevel < 3 && !viewer.HasAny(Roles.Level3), () => Gated(() => c.CheckReview("next action check", viewer), null));
        foreach (var task in s.Tasks.Where(t => t.Status == CaseTaskStatus.Open).ToList())
        {
            next.Check("completeTask", true, () => c.PrepareTaskClosure(task.Id, "next action check", viewer, CaseTaskStatus.Done)?.Gate, task.Id, // a written note, as a crisis task needs
                CaseAggregate.CompletionNeedsNote(task.Kind) ? Note : null);
            next.Check("cancelTask", true, () => c.PrepareTaskClosure(task.Id, "next action check", viewer, CaseTaskStatus.Cancelled)?.Gate, task.Id);
        }

        return next.Items;
    }

    /// <summary><see cref="NextAction.RequiredArguments"/> of <c>completeTask</c> on a crisis-work task.</summary>
    private static readonly IReadOnlyList<string> Note = ["note"];

    /// <summary>Runs <paramref name="checks"/> and names the consent gate the mutation passes after them (null when none).</summary>
    private static GatedAction? Gated(Action checks, GatedAction? gate)
    {
        checks();
        return gate;
    }
}
