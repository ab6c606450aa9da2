using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Tenancy;
using static CareGrid.Tests.Domain.CaseWorkFixtures;

namespace CareGrid.Tests.Domain;

/// <summary>
/// A protocol task done by another action says which action did it and who, on the task and on the timeline; closing
/// a task again answers <c>TASK_ALREADY_CLOSED</c> naming who, when and which action — never "Nothing is permitted" — and
/// changes nothing.
/// </summary>
[Trait("tier", "domain")]
public class TaskProvenanceShould
{
    private static readonly TenantSettings Settings = TenantSettings.Default("Asia/Shanghai");

    private static CaseAggregate HighRisk()
    {
        var s = Case();
        var c = new CaseAggregate(s, Settings, Now.AddHours(-1));
        c.AssessRisk(RiskLevel.High, "plan and means", Counsellor); // runs the protocol: creates its tasks
        return new CaseAggregate(s, Settings, Now);
    }

    private static CaseTask Task(CaseAggregate c, CaseTaskKind kind) => c.State.Tasks.Single(t => t.Kind == kind);

    [Fact]
    public void Record_that_startIntervention_did_the_crisis_task_and_refuse_completing_it_again_saying_so()
    {
        var c = HighRisk();
        var transition = c.PrepareTransition(CaseTrigger.StartIntervention, new CaseCommand(null), Counsellor);
        CaseConsent.Gate(c, transition.Gate!.Value, Counsellor, Granted, null);
        c.Fire(transition);

        var task = Task(c, CaseTaskKind.ProfessionalCrisisIntervention);
        Assert.Equal((CaseTaskStatus.Done, "counsellor-1", (DateTimeOffset?)Now, "startIntervention"), (task.Status, task.ClosedBy, task.ClosedAt, task.ClosedByAction));
        var entry = Assert.Single(c.State.Timeline, e => e.Action == "TaskDone");
        Assert.Equal($"{task.Id} PROFESSIONAL_CRISIS_INTERVENTION completed by startIntervention (counsellor-1): professional intervention started", entry.Reason);

        var later = new CaseAggregate(c.State, Settings, Now.AddHours(1));
        var before = Snapshot(c.State);
        var error = Refused(() => later.PrepareTaskClosure(task.Id, "done it", Clinician, CaseTaskStatus.Done));
        Assert.Equal(ErrorCodes.TaskAlreadyClosed, error.Code);
        Assert.Equal($"Task {task.Id} (PROFESSIONAL_CRISIS_INTERVENTION) is already done: closed by counsellor-1 at {Now.UtcDateTime:O} through startIntervention. completeTask changes nothing; the task stays DONE.", error.Message);
        Assert.Equal((task.Id, "DONE", "counsellor-1", "startIntervention"), (error.Details["taskId"], error.Details["status"], error.Details["closedBy"], error.Details["closedByAction"]));
        Assert.Equal(Now, DateTimeOffset.Parse(error.Details["closedAt"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain("Nothing is permitted", error.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.TaskAlreadyClosed, Refused(() => later.PrepareTaskClosure(task.Id, "not needed", Counsellor, CaseTaskStatus.Cancelled)).Code);
        Assert.Equal(before, Snapshot(c.State));
    }

    [Fact]
    public void Record_logContact_and_sendReferral_as_the_actions_that_did_their_tasks()
    {
        var c = HighRisk();
        c.CompleteOpenTasks(new CaseContacts(c).Log(ContactChannel.HomeVisit, 30, null, Homeroom, Granted, null), Homeroom);
        var visits = Task(c, CaseTaskKind.RaiseVisitFrequency);
        Assert.Equal(("homeroom-1", "logContact"), (visits.ClosedBy, visits.ClosedByAction));

        var referrals = new CaseReferrals(c, "case-1");
        referrals.Propose("City mental health centre", "assessment", Counsellor, Granted, null);
        c.CompleteOpenTasks(referrals.Send(Counsellor, Granted, "Li Wei", null), Counsellor);
        var guide = Task(c, CaseTaskKind.GuideToPsychiatricInstitution);
        Assert.Equal(("counsellor-1", "sendReferral"), (guide.ClosedBy, guide.ClosedByAction));
        Assert.Contains(c.State.Timeline, e => e.Action == "TaskDone" && e.Reason!.Contains("GUIDE_TO_PSYCHIATRIC_INSTITUTION completed by sendReferral (counsellor-1)", StringComparison.Ordinal));

        var error = Refused(() => c.PrepareTaskClosure(guide.Id, null, Counsellor, CaseTaskStatus.Done));
        Assert.Equal((ErrorCodes.TaskAlreadyClosed, "sendReferral"), (error.Code, error.Details["closedByAction"]));
    }

    [Fact]
    public void Record_completeTask_cancelTask_and_closeCase_and_say_a_cancelled_task_is_already_cancelled()
    {
        var c = HighRisk();
        var notify = Task(c, CaseTaskKind.NotifyFamilyEmergencyContact);
        c.CloseTask(c.PrepareTaskClosure(notify.Id, "called the mother", Homeroom, CaseTaskStatus.Done)!);
        Assert.Equal("completeTask", Task(c, CaseTaskKind.NotifyFamilyEmergencyContact).ClosedByAction);

        var visits = Task(c, CaseTaskKind.RaiseVisitFrequency);
        c.CloseTask(c.PrepareTaskClosure(visits.Id, "visits are weekly already", Counsellor, CaseTaskStatus.Cancelled)!);
        var cancelled = Task(c, CaseTaskKind.RaiseVisitFrequency);
        Assert.Equal("cancelTask", cancelled.ClosedByAction);
        var error = Refused(() => c.PrepareTaskClosure(visits.Id, null, Counsellor, CaseTaskStatus.Done));
        Assert.Equal((ErrorCodes.TaskAlreadyClosed, "CANCELLED"), (error.Code, error.Details["status"]));
        Assert.StartsWith($"Task {visits.Id} (RAISE_VISIT_FREQUENCY) is already cancelled: closed by counsellor-1", error.Message, StringComparison.Ordinal);

        c.State.Level3ReassessedAt = Now;
        var guide = Task(c, CaseTaskKind.GuideToPsychiatricInstitution);
        c.CloseTask(c.PrepareTaskClosure(guide.Id, "taken to the clinic", Counsellor, CaseTaskStatus.Done)!); // the crisis worked
        c.Fire(CaseTrigger.Close, new CaseCommand("safe at home, follow-up done"), Counsellor);
        Assert.All(c.State.Tasks.Where(t => t.Id != notify.Id && t.Id != visits.Id && t.Id != guide.Id), t => Assert.Equal((CaseTaskStatus.Cancelled, "closeCase"), (t.Status, t.ClosedByAction)));
    }
}
