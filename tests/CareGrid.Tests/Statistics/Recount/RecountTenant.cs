using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CareGrid.Tests.Statistics.Recount;

/// <summary>
/// A small school tenant driven through the real grains by generated commands (<see cref="TenantCommands"/>): school →
/// grade-7 (level 2) → class-7-1, class-7-2 (level 1), and a counselling centre (level 3) under the school; a homeroom teacher
/// per class, a grade leader, a psychology teacher; four students with a guardian. It remembers the ids of the cases and
/// people it created, nothing else: the recount reads their state from the grains.
/// </summary>
public sealed class RecountTenant
{
    public static readonly string[] PersonUnits = ["class-7-1", "class-7-2", "grade-7", "school"];

    private readonly IGrainFactory _grains;
    private readonly FakeTimeProvider _clock;
    private readonly List<string> _cases = [];
    private readonly List<string> _people = [];
    private readonly List<string> _staff = [];

    private RecountTenant(IGrainFactory grains, FakeTimeProvider clock, string id)
    {
        _grains = grains;
        _clock = clock;
        Id = id;
        StartedAt = clock.GetUtcNow();
    }

    public string Id { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>Ids of every case a report opened (or joined), in order.</summary>
    public IReadOnlyList<string> CaseIds => _cases;

    /// <summary>Ids of every person registered, staff included.</summary>
    public IEnumerable<string> PersonIds => _people.Concat(_staff);

    /// <summary>Each unit with its parent.</summary>
    public static IReadOnlyDictionary<string, string?> Units { get; } = new Dictionary<string, string?>
    {
        ["school"] = null, ["grade-7"] = "school", ["class-7-1"] = "grade-7", ["class-7-2"] = "grade-7", ["counselling-centre"] = "school",
    };

    /// <summary>Each unit's name.</summary>
    public static IReadOnlyDictionary<string, string> UnitNames { get; } = new Dictionary<string, string>
    {
        ["school"] = "School", ["grade-7"] = "Grade 7", ["class-7-1"] = "Class 7-1", ["class-7-2"] = "Class 7-2", ["counselling-centre"] = "Counselling centre",
    };

    public Actor ActorOf(Staff staff) => staff switch
    {
        Staff.Homeroom1 => new Actor("homeroom1@" + Id, [Roles.Caseworker]),
        Staff.Homeroom2 => new Actor("homeroom2@" + Id, [Roles.Caseworker]),
        Staff.Psych => new Actor("psych@" + Id, [Roles.Counsellor]),
        Staff.Leader => new Actor("leader@" + Id, [Roles.Coordinator]),
        Staff.Admin => new Actor("admin@" + Id, [Roles.TenantAdmin]),
        _ => Actor.System,
    };

    public static async Task<RecountTenant> CreateAsync(IGrainFactory grains, FakeTimeProvider clock)
    {
        var t = new RecountTenant(grains, clock, Seeds.NewTenantId("recount"));
        TenantContext.Set(t.Id);
        await grains.GetGrain<ITenantGrain>(t.Id).Onboard(new OnboardTenant(t.Id, "Recount school", TenantKind.School, null, "Asia/Shanghai", "admin@" + t.Id, "Admin"), Actor.System);
        await t.UnitAsync("school", OrganizationKind.School, null);
        await t.UnitAsync("grade-7", OrganizationKind.Grade, 2);
        await t.UnitAsync("class-7-1", OrganizationKind.Class, 1);
        await t.UnitAsync("class-7-2", OrganizationKind.Class, 1);
        await t.UnitAsync("counselling-centre", OrganizationKind.CounsellingCentre, 3);
        foreach (var (staff, unit, role) in new[] { (Staff.Homeroom1, "class-7-1", "HomeroomTeacher"), (Staff.Homeroom2, "class-7-2", "HomeroomTeacher"),
                     (Staff.Leader, "grade-7", "GradeLeader"), (Staff.Psych, "counselling-centre", "PsychologyTeacher") })
        {
            var personId = "staff-" + staff.ToString().ToLowerInvariant();
            await Seeds.MemberAsync(grains, t.Id, t.ActorOf(staff).Subject, personId, unit, role);
            t._staff.Add(personId);
        }

        foreach (var unit in new[] { "class-7-1", "class-7-1", "class-7-2", "grade-7" })
        {
            await t.RegisterAsync(unit, []);
        }

        return t;
    }

    private Task UnitAsync(string id, OrganizationKind kind, int? level) =>
        _grains.GetGrain<IOrganizationGrain>(TenantIds.Key(Id, id)).Create(new CreateOrganization(UnitNames[id], kind, Units[id], level), Actor.System);

    private async Task RegisterAsync(string unit, IReadOnlyList<string> groups)
    {
        var id = $"p{_people.Count + 1}";
        var person = _grains.GetGrain<IPersonGrain>(TenantIds.Key(Id, id));
        await person.Register(new RegisterPerson("Student " + id, unit, Sex.Female, 2013, null, groups), ActorOf(Staff.Admin));
        _people.Add(id);
        await person.SetContacts([new PersonContact(ContactKind.Guardian, "Guardian " + id, "mother", null, null)], ActorOf(Staff.Admin));
    }

    private ICaseGrain Case(int n) => _grains.GetGrain<ICaseGrain>(TenantIds.Key(Id, _cases[n % _cases.Count]));

    private IPersonGrain Person(int n) => _grains.GetGrain<IPersonGrain>(TenantIds.Key(Id, _people[n % _people.Count]));

    /// <summary>Applies <paramref name="command"/>: "ok", "refused CODE", or "skip" (it names a case and there is none).</summary>
    public async Task<string> ApplyAsync(TenantCommand command)
    {
        TenantContext.Set(Id);
        if (command is ClockCmd clock)
        {
            _clock.Advance(TimeSpan.FromMinutes(clock.Minutes));
            return "ok";
        }

        if (_cases.Count == 0 && command is AssessRiskCmd or EscalateCmd or TakeCaseCmd or FireCmd or CompleteTaskCmd or CancelTaskCmd
                or LogContactCmd or ScheduleFollowUpCmd or ReferralCmd or CheckDeadlinesCmd)
        {
            return "skip";
        }

        try
        {
            await RunAsync(command);
            return "ok";
        }
        catch (CareGridException ex)
        {
            return "refused " + ex.Code;
        }
    }

    private async Task RunAsync(TenantCommand command)
    {
        var psych = ActorOf(Staff.Psych);
        switch (command)
        {
            case ReportConcernCmd r:
                var view = await ConcernIntake.ReportAsync(_grains, Id, new ReportConcern(_people[r.Person % _people.Count], "Concern about a student", r.Risk, null, Ungraded: r.Unsure), ActorOf(r.By));
                if (!_cases.Contains(ReportReceipts.CaseIdOf(view)))
                {
                    _cases.Add(ReportReceipts.CaseIdOf(view));
                }

                break;
            case AssessRiskCmd a: await Case(a.Case).AssessRisk(a.Risk, "assessed", ActorOf(a.By)); break;
            case EscalateCmd e: await Case(e.Case).Escalate(e.Level, "needs a higher level", ActorOf(e.By)); break;
            case TakeCaseCmd t: await Case(t.Case).TakeCase(ActorOf(t.By)); break;
            case FireCmd f: await Case(f.Case).Fire(f.Trigger, Command(f), ActorOf(f.By)); break;
            case CompleteTaskCmd c: await Case(c.Case).CompleteTask(await OpenTaskAsync(c.Case, c.Task), null, ActorOf(c.By)); break;
            case CancelTaskCmd c: await Case(c.Case).CancelTask(await OpenTaskAsync(c.Case, c.Task), "not needed", ActorOf(c.By)); break;
            case LogContactCmd l: await Case(l.Case).LogContact(ContactChannel.InPerson, l.Minutes, null, ActorOf(l.By)); break;
            case ScheduleFollowUpCmd s: await Case(s.Case).ScheduleFollowUp(null, ActorOf(s.By)); break;
            case ReferralCmd r: await ReferralAsync(Case(r.Case), r.Step, ActorOf(r.By)); break;
            case CheckDeadlinesCmd d: await Case(d.Case).CheckDeadlines(); break;
            case GrantConsentCmd g:
                await Person(g.Person).RecordConsent(ConsentPurpose.ProfessionalIntervention, ConsentStatus.Granted, ConsentGivenBy.Guardian, Actor.System);
                await Person(g.Person).RecordConsent(ConsentPurpose.InformationSharing, ConsentStatus.Granted, ConsentGivenBy.Guardian, Actor.System);
                break;
            case RegisterPersonCmd p: await RegisterAsync(PersonUnits[p.Unit % PersonUnits.Length], p.TargetGroups); break;
            case SetTargetGroupCmd g:
                var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
                await Person(g.Person).SetTargetGroup(g.Code, null, g.UntilDays == 0 ? null : today.AddDays(g.UntilDays), ActorOf(Staff.Admin));
                break;
            case ChangeMonitoringCmd m: await Person(m.Person).ChangeMonitoring(m.Trigger, "monitoring review", psych); break;
            default: throw new InvalidOperationException($"Unknown command {command}");
        }
    }

    private CaseCommand Command(FireCmd f) => f.Trigger switch
    {
        CaseTrigger.Activate => new CaseCommand(null, ActorOf(Staff.Psych).Subject),
        CaseTrigger.Close => new CaseCommand("resolved"),
        CaseTrigger.Reopen => new CaseCommand("concern again"),
        CaseTrigger.StartIntervention when f.Override => new CaseCommand(null, null, "danger to life"),
        _ => new CaseCommand(null),
    };

    private async Task<string> OpenTaskAsync(int caseNumber, int task)
    {
        var open = (await Case(caseNumber).Get(Actor.System))!.Tasks.Where(t => t.Status == CaseTaskStatus.Open).ToList();
        return open.Count == 0 ? "t-none" : open[task % open.Count].Id;
    }

    private static async Task ReferralAsync(ICaseGrain grain, ReferralStep step, Actor actor)
    {
        switch (step)
        {
            case ReferralStep.Propose: await grain.ProposeReferral("City Psychiatric", "assessment", actor); break;
            case ReferralStep.Send: await grain.SendReferral(null, actor); break;
            case ReferralStep.Accept: await grain.RecordReferralResponse(true, null, actor); break;
            case ReferralStep.Decline: await grain.RecordReferralResponse(false, null, actor); break;
            default: await grain.CompleteReferral(null, actor); break;
        }
    }
}
