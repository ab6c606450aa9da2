using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;
using static CareGrid.Tests.Domain.CaseDomain;

namespace CareGrid.Tests.Domain;

/// <summary>
/// Who may complete each protocol task (docs/protocol.md "Who completes which task"): the crisis-intervention task
/// only level 3 (Counsellor, Clinician — the rule of <c>startIntervention</c>, R-4.3), the guidance to a psychiatric
/// institution the roles that refer (Counsellor, Clinician, Coordinator), the family notification, raised visits and police
/// transport any case staff but no volunteer; a refusal is <c>FORBIDDEN</c> (rule <c>task-role</c>) and changes nothing, and
/// <c>nextActions</c> says the same (red team round 16, F1).
/// </summary>
[Trait("tier", "domain")]
public sealed class ProtocolTaskRolesShould
{
    private static readonly Actor Supervisor = new("supervisor@t", [Roles.Supervisor]);
    private static readonly Actor Admin = new("admin@t", [Roles.TenantAdmin]);

    public static TheoryData<string, CaseTaskKind, bool> Cases()
    {
        var data = new TheoryData<string, CaseTaskKind, bool>();
        void Add(CaseTaskKind kind, params string[] allowed)
        {
            foreach (var who in new[] { "homeroom", "volunteer", "grade", "psych", "clinician", "supervisor", "admin" })
            {
                data.Add(who, kind, allowed.Contains(who));
            }
        }

        Add(CaseTaskKind.ProfessionalCrisisIntervention, "psych", "clinician");
        Add(CaseTaskKind.GuideToPsychiatricInstitution, "psych", "clinician", "grade");
        Add(CaseTaskKind.NotifyFamilyEmergencyContact, "homeroom", "grade", "psych", "clinician", "supervisor", "admin");
        Add(CaseTaskKind.RaiseVisitFrequency, "homeroom", "grade", "psych", "clinician", "supervisor", "admin");
        Add(CaseTaskKind.PoliceTransportAssistance, "homeroom", "grade", "psych", "clinician", "supervisor", "admin");
        return data;
    }

    private static Actor Who(string who) => who switch
    {
        "homeroom" => Homeroom,
        "volunteer" => Volunteer,
        "grade" => GradeLeader,
        "psych" => Psych,
        "clinician" => Clinician,
        "supervisor" => Supervisor,
        _ => Admin,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Let_only_the_roles_of_each_protocol_task_complete_it(string who, CaseTaskKind kind, bool allowed)
    {
        var c = Reported(RiskLevel.Imminent);
        var task = c.State.Tasks.Single(t => t.Kind == kind && t.Status == CaseTaskStatus.Open);
        var actor = Who(who);

        if (allowed)
        {
            var closure = c.Then().PrepareTaskClosure(task.Id, "done: the pupil is safe with her family", actor, CaseTaskStatus.Done); // a written note, as a crisis task needs
            Assert.NotNull(closure);
        }
        else
        {
            var error = Refused(c, ErrorCodes.Forbidden, () => c.Then().PrepareTaskClosure(task.Id, "done", actor, CaseTaskStatus.Done));
            Assert.Equal(("task-role", SchemaNamesOf(kind), string.Join(",", CaseAggregate.CompleteTaskRolesFor(kind))),
                (error.Details["rule"], error.Details["taskKind"], error.Details["requiredRoles"]));
            Assert.Contains(SchemaNamesOf(kind), error.Message, StringComparison.Ordinal);
        }

        var next = CaseActions.Next(c.Then(), actor, CaseConsent.None).Single(a => a.Action == "completeTask" && a.TaskId == task.Id);
        Assert.Equal(allowed, next.Allowed || next.Code == ErrorCodes.ConsentRequired);
        if (!allowed)
        {
            Assert.Equal(ErrorCodes.Forbidden, next.Code);
        }
    }

    [Fact]
    public void Say_the_crisis_task_is_level_3_work_like_startIntervention()
    {
        var c = Reported(RiskLevel.High);
        var task = c.State.Tasks.Single(t => t.Kind == CaseTaskKind.ProfessionalCrisisIntervention);

        var error = Refused(c, ErrorCodes.Forbidden, () => c.Then().PrepareTaskClosure(task.Id, "talked to her", Homeroom, CaseTaskStatus.Done));

        Assert.Equal("Your roles do not allow you to complete a PROFESSIONAL_CRISIS_INTERVENTION task; it takes one of the roles Counsellor, Clinician. It stands for the professionals taking over crisis intervention, as startIntervention does (R-1.10, R-4.3).",
            error.Message);
        Assert.Equal(CaseAggregate.RolesFor(CaseTrigger.StartIntervention), CaseAggregate.CompleteTaskRolesFor(CaseTaskKind.ProfessionalCrisisIntervention));
    }

    [Fact]
    public void Still_let_any_case_staff_cancel_nothing_and_level_3_cancel_the_crisis_task()
    {
        var c = Reported(RiskLevel.High);
        var task = c.State.Tasks.Single(t => t.Kind == CaseTaskKind.ProfessionalCrisisIntervention);

        Refused(c, ErrorCodes.Forbidden, () => c.Then().PrepareTaskClosure(task.Id, "not needed", Homeroom, CaseTaskStatus.Cancelled));
        Assert.NotNull(c.Then().PrepareTaskClosure(task.Id, "admitted to hospital", Psych, CaseTaskStatus.Cancelled));
    }

    [Fact]
    public void Keep_letting_volunteers_complete_a_follow_up_visit()
    {
        var c = Reported(RiskLevel.Low);
        var visit = c.Then().AddTask(CaseTaskKind.FollowUpVisit, Friday.AddDays(14), "volunteer@t");

        Assert.NotNull(c.Then().PrepareTaskClosure(visit.Id, "visited", Volunteer, CaseTaskStatus.Done));
    }

    private static string SchemaNamesOf(CaseTaskKind kind) => CareGrid.Grains.Hosting.SchemaNames.Value(kind);
}
