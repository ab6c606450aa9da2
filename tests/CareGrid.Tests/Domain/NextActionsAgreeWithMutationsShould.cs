using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Errors;
using CareGrid.Grains.People;
using CareGrid.Grains.Screening;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using static CareGrid.Tests.Domain.CaseWorkFixtures;

namespace CareGrid.Tests.Domain;

/// <summary>
/// The property of <c>nextActions</c> (<see cref="CaseActions.Next"/>): over case states × roles × consent situations, an
/// action listed as allowed is never refused by its mutation, every mutation that goes ahead is listed as allowed, and a
/// listed refusal carries the very code and message the mutation answers (R-1.7, R-1.10, R-4.3). Each mutation runs on its
/// own copy of the state through the same domain steps the case grain takes.
/// </summary>
[Trait("tier", "domain")]
public class NextActionsAgreeWithMutationsShould
{
    private static readonly TenantSettings Settings = TenantSettings.Default("Asia/Shanghai");

    private static readonly ScreeningAnswers Phq9 = new(ScreeningInstrument.Phq9, [0, 0, 0, 0, 0, 0, 0, 0, 0]);

    private static readonly Actor[] Viewers =
    [
        Counsellor, Clinician, Coordinator, Homeroom, Volunteer, Reporter,
        new("supervisor-1", [Roles.Supervisor]), new("admin-1", [Roles.TenantAdmin]), new("auditor-1", [Roles.Auditor]),
    ];

    private static readonly ConsentSnapshot[] Consents =
        [Granted, Pending, Withdrawn, NoSharing, new(ConsentStatus.Refused, ConsentStatus.Refused)];

    /// <summary>Named case situations, each built fresh on every call.</summary>
    private static readonly (string Name, Func<CaseState> Build)[] States =
    [
        ("reported low", () => Case(CaseStatus.Reported, RiskLevel.Low)),
        ("triage moderate", () => Case(CaseStatus.Triage)),
        ("active moderate", () => Case()),
        ("active high with protocol tasks", () => WithTasks(Case(risk: RiskLevel.High))),
        ("active high reassessed", () => Reassessed(WithTasks(Case(risk: RiskLevel.High)))),
        ("active imminent with protocol tasks", () => WithTasks(Case(risk: RiskLevel.Imminent))),
        ("intervention started", () => Started(Case(risk: RiskLevel.High))),
        ("referral proposed", () => WithReferral(Case(), ReferralStatus.Proposed)),
        ("referral proposed at imminent", () => WithReferral(WithTasks(Case(risk: RiskLevel.Imminent)), ReferralStatus.Proposed)),
        ("referred", () => WithReferral(Case(CaseStatus.Referred), ReferralStatus.Sent)),
        ("referral accepted", () => WithReferral(Case(CaseStatus.Referred), ReferralStatus.Accepted)),
        ("follow-up high", () => WithTasks(Case(CaseStatus.FollowUp, RiskLevel.High))),
        ("closed", () => Case(CaseStatus.Closed)),
        ("full of tasks", () => Full(Case())),
    ];

    /// <summary>
    /// Only <c>availableActions</c> asked (<see cref="NextActionsDetail.Names"/>, docs/write-path-profile.md "Round 39"): the
    /// same actions, each allowed or not as in the full decision, over every state, role and consent situation.
    /// </summary>
    [Fact]
    public void Decide_the_same_allowed_actions_when_only_their_names_are_asked()
    {
        foreach (var (name, build) in States)
        {
            foreach (var viewer in Viewers)
            {
                foreach (var consent in Consents)
                {
                    var full = CaseActions.Next(At(build()), viewer, consent).Select(a => (a.Action, a.TaskId, a.Allowed));
                    var names = CaseActions.Next(At(build()), viewer, consent, namesOnly: true).Select(a => (a.Action, a.TaskId, a.Allowed));
                    Assert.True(full.SequenceEqual(names), $"'{name}' by {string.Join(",", viewer.Roles)} with {consent}");
                }
            }
        }
    }

    [Fact]
    public void Agree_with_every_mutation_over_states_roles_and_consents()
    {
        var checkedPairs = 0;
        foreach (var (name, build) in States)
        {
            foreach (var viewer in Viewers)
            {
                foreach (var consent in Consents)
                {
                    var next = CaseActions.Next(At(build()), viewer, consent);
                    Assert.Equal(next.Count, next.Select(a => (a.Action, a.TaskId)).Distinct().Count());
                    foreach (var (action, taskId) in Candidates(build()))
                    {
                        var listed = next.SingleOrDefault(a => a.Action == action && a.TaskId == taskId);
                        var refusal = Run(action, taskId, build(), viewer, consent);
                        var where = $"{action} {taskId} on '{name}' by {string.Join(",", viewer.Roles)} with {consent}";
                        if (ReferenceEquals(refusal, NotOffered))
                        {
                            Assert.True(listed is null, $"{where}: changes nothing or is not for this caller, yet nextActions lists it");
                        }
                        else if (refusal is null)
                        {
                            Assert.True(listed is { Allowed: true }, $"{where}: the mutation goes ahead but nextActions says {listed?.Code ?? "nothing"}");
                        }
                        else
                        {
                            Assert.False(listed is { Allowed: true }, $"{where}: nextActions says allowed but the mutation answers {refusal.Code}: {refusal.Message}");
                            if (listed is not null)
                            {
                                Assert.Equal((refusal.Code, refusal.Message), (listed.Code, listed.Reason));
                            }
                        }

                        checkedPairs++;
                    }

                    Assert.All(next, a => Assert.Contains((a.Action, a.TaskId), Candidates(build())));
                }
            }
        }

        Assert.True(checkedPairs > 5000, $"only {checkedPairs} checks ran");
    }

    /// <summary>
    /// What <see cref="Run"/> answers for a mutation that goes ahead without changing anything (<c>takeCase</c> by the owner,
    /// <c>requestProfessionalReview</c> at level 3) or that nextActions does not offer to the caller by design
    /// (<c>requestProfessionalReview</c> to a level-3 professional): nextActions must not list it.
    /// </summary>
    private static readonly CareGridException NotOffered = new("NOT_OFFERED", "changes nothing, or not offered to this caller");

    /// <summary>Every case mutation with valid arguments, and each task mutation for each task (open or closed).</summary>
    private static IEnumerable<(string Action, string? TaskId)> Candidates(CaseState s) =>
        new[]
        {
            "triageCase", "activateCase", "startIntervention", "proposeReferral", "sendReferral", "acceptReferral", "declineReferral",
            "completeReferral", "startFollowUp", "closeCase", "reopenCase", "assessRisk", "recordScreening", "logContact",
            "scheduleFollowUp", "escalateCase", "takeCase", "requestProfessionalReview",
        }.Select(a => (a, (string?)null))
        .Concat(s.Tasks.SelectMany(t => new[] { ("completeTask", (string?)t.Id), ("cancelTask", (string?)t.Id) }));

    /// <summary>Runs <paramref name="action"/> as the case grain does (checks, consent gate, apply); the refusal, or null when it went ahead.</summary>
    private static CareGridException? Run(string action, string? taskId, CaseState s, Actor actor, ConsentSnapshot consent)
    {
        var c = new CaseAggregate(s, Settings, Now);
        var referrals = new CaseReferrals(c, "case-1");
        var contacts = new CaseContacts(c);
        try
        {
            switch (action)
            {
                case "triageCase": Transition(c, CaseTrigger.Triage, actor, consent); break;
                case "activateCase": Transition(c, CaseTrigger.Activate, actor, consent); break;
                case "startIntervention": Transition(c, CaseTrigger.StartIntervention, actor, consent); break;
                case "startFollowUp": Transition(c, CaseTrigger.StartFollowUp, actor, consent); break;
                case "closeCase": Transition(c, CaseTrigger.Close, actor, consent); break;
                case "reopenCase": Transition(c, CaseTrigger.Reopen, actor, consent); break;
                case "proposeReferral": referrals.Propose("Centre", "assessment", actor, consent, null); break;
                case "sendReferral": c.CompleteOpenTasks(referrals.Send(actor, consent, "Li Wei", null), actor); break;
                case "acceptReferral": referrals.Respond(true, null, actor); break;
                case "declineReferral": referrals.Respond(false, null, actor); break;
                case "completeReferral": referrals.Complete(null, actor); break;
                case "assessRisk": c.AssessRisk(s.RiskLevel, "confirmed", actor); break;
                case "recordScreening":
                    var result = c.PrepareScreening(Phq9, actor);
                    CaseConsent.Gate(c, GatedAction.RecordScreening, actor, consent, null);
                    c.RecordScreening(Phq9, result, actor);
                    break;
                case "logContact": c.CompleteOpenTasks(contacts.Log(ContactChannel.Phone, 10, null, actor, consent, null), actor); break;
                case "scheduleFollowUp":
                    var task = contacts.ScheduleFollowUp(Now.AddDays(2), actor, consent, null);
                    c.AddTask(CaseTaskKind.FollowUpVisit, task.DueAt, task.OwnerId);
                    break;
                case "escalateCase": c.Escalate(Math.Min(3, s.EscalationLevel + 1), "needs the next level", actor); break;
                case "takeCase": return c.Take(actor).Timeline.Count == 0 ? NotOffered : null; // the owner again: no change
                case "requestProfessionalReview": // at level 3 no change; a professional takes the case instead (docs/protocol.md)
                    return c.RequestProfessionalReview("needs a professional", actor).Timeline.Count == 0 || actor.HasAny(Roles.Level3) ? NotOffered : null;
                case "completeTask": CloseTask(c, taskId!, "done as planned", CaseTaskStatus.Done, actor, consent); break;
                case "cancelTask": CloseTask(c, taskId!, "no longer needed", CaseTaskStatus.Cancelled, actor, consent); break;
                default: throw new InvalidOperationException($"No runner for {action}: add it to this property test.");
            }

            return null;
        }
        catch (CareGridException e)
        {
            return e;
        }
    }

    private static void Transition(CaseAggregate c, CaseTrigger trigger, Actor actor, ConsentSnapshot consent)
    {
        var transition = c.PrepareTransition(trigger, new CaseCommand("because", trigger == CaseTrigger.Activate ? c.State.AssigneeId ?? actor.Subject : null), actor);
        if (transition.Gate is { } gate)
        {
            CaseConsent.Gate(c, gate, actor, consent, null);
        }

        c.Fire(transition);
    }

    private static void CloseTask(CaseAggregate c, string taskId, string? note, CaseTaskStatus to, Actor actor, ConsentSnapshot consent)
    {
        var closure = c.PrepareTaskClosure(taskId, note, actor, to) ?? throw CareGridException.NotFound("Task", taskId);
        if (closure.Gate is { } gate)
        {
            CaseConsent.Gate(c, gate, actor, consent, null);
        }

        c.CloseTask(closure);
    }

    private static CaseState WithTasks(CaseState s)
    {
        var kinds = new[] { CaseTaskKind.NotifyFamilyEmergencyContact, CaseTaskKind.ProfessionalCrisisIntervention, CaseTaskKind.RaiseVisitFrequency, CaseTaskKind.GuideToPsychiatricInstitution };
        foreach (var kind in kinds)
        {
            s.Tasks.Add(new CaseTask($"t{++s.Sequence}", kind, "queue:level-3", CaseTaskStatus.Open, Now.AddHours(-1), Now.AddHours(3), 0, null, null, null, null, null));
        }

        s.Tasks.Add(new CaseTask($"t{++s.Sequence}", CaseTaskKind.FollowUpVisit, "queue:level-3", CaseTaskStatus.Done, Now.AddHours(-1), Now.AddHours(3), 0, null, null, Now.AddMinutes(-5), "homeroom-1", "called", "logContact"));
        return s;
    }

    private static CaseState Reassessed(CaseState s)
    {
        s.HighRiskSince = Now.AddHours(-1);
        s.Level3ReassessedAt = Now.AddMinutes(-10);
        return s;
    }

    private static CaseState Started(CaseState s)
    {
        s.InterventionStartedAt = Now.AddMinutes(-30);
        return s;
    }

    private static CaseState WithReferral(CaseState s, ReferralStatus status)
    {
        s.Referrals.Add(new Referral($"r{++s.Sequence}", "Centre", "assessment", status, Now.AddHours(-1), "counsellor-1", null, [], new Dictionary<string, string>(), null, null, null, null));
        return s;
    }

    private static CaseState Full(CaseState s)
    {
        while (s.Tasks.Count < CaseContacts.MaxOpenTasks)
        {
            s.Tasks.Add(new CaseTask($"t{++s.Sequence}", CaseTaskKind.FollowUpVisit, "homeroom-1", CaseTaskStatus.Open, Now.AddHours(-1), Now.AddHours(3), 0, null, null, null, null, null));
        }

        return s;
    }
}
