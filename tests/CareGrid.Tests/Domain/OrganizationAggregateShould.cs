using CareGrid.Grains.Errors;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.Security;

namespace CareGrid.Tests.Domain;

/// <summary>
/// The organization lifecycle <c>Draft → Active ⇄ Suspended → Closed</c> (OrganizationStateMachine) and the rules of
/// OrganizationAggregate without a silo: creation with its escalation level, members with template roles
/// and a closed unit that takes no changes. A refusal leaves the state as it was.
/// </summary>
[Trait("tier", "domain")]
public sealed class OrganizationAggregateShould
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Admin = new("admin@school-a", [Roles.TenantAdmin]);

    private static OrganizationState Unit(OrganizationStatus status, OrganizationKind kind = OrganizationKind.Class) =>
        new() { Exists = true, Name = "Class 7-1", Kind = kind, Status = status };

    public static TheoryData<OrganizationStatus, OrganizationTrigger, OrganizationStatus> Permitted() => new()
    {
        { OrganizationStatus.Draft, OrganizationTrigger.Activate, OrganizationStatus.Active },
        { OrganizationStatus.Draft, OrganizationTrigger.Close, OrganizationStatus.Closed },
        { OrganizationStatus.Active, OrganizationTrigger.Suspend, OrganizationStatus.Suspended },
        { OrganizationStatus.Active, OrganizationTrigger.Close, OrganizationStatus.Closed },
        { OrganizationStatus.Suspended, OrganizationTrigger.Activate, OrganizationStatus.Active },
        { OrganizationStatus.Suspended, OrganizationTrigger.Close, OrganizationStatus.Closed },
    };

    [Theory]
    [MemberData(nameof(Permitted))]
    public void Fire_a_permitted_trigger(OrganizationStatus from, OrganizationTrigger trigger, OrganizationStatus to)
    {
        var state = Unit(from);
        new OrganizationAggregate("class-7-1", state, Now).Fire(trigger);
        Assert.Equal(to, state.Status);
    }

    [Theory]
    [InlineData(OrganizationStatus.Draft, OrganizationTrigger.Suspend, "activateOrganization,closeOrganization")]
    [InlineData(OrganizationStatus.Active, OrganizationTrigger.Activate, "closeOrganization,suspendOrganization")]
    [InlineData(OrganizationStatus.Suspended, OrganizationTrigger.Suspend, "activateOrganization,closeOrganization")]
    [InlineData(OrganizationStatus.Closed, OrganizationTrigger.Activate, "")]
    [InlineData(OrganizationStatus.Closed, OrganizationTrigger.Close, "")]
    public void Refuse_a_trigger_the_machine_does_not_permit(OrganizationStatus from, OrganizationTrigger trigger, string permitted)
    {
        var state = Unit(from);
        var error = Assert.Throws<CareGridException>(() => new OrganizationAggregate("class-7-1", state, Now).Fire(trigger));

        Assert.Equal(ErrorCodes.InvalidTransition, error.Code);
        Assert.Equal(from.ToString().ToUpperInvariant(), error.Details["state"]);
        Assert.Equal(permitted, error.Details["permittedTriggers"]);
        Assert.Equal(from, state.Status);
    }

    [Fact]
    public void Refuse_commands_on_a_unit_never_created()
    {
        var unit = new OrganizationAggregate("class-7-1", new OrganizationState(), Now);
        Assert.Equal(ErrorCodes.NotFound, Assert.Throws<CareGridException>(() => unit.Fire(OrganizationTrigger.Activate)).Code);
        Assert.Equal(ErrorCodes.NotFound, Assert.Throws<CareGridException>(() => unit.AddChild("class-7-2")).Code);
    }

    [Theory]
    [InlineData(0, "escalationLevel")]
    [InlineData(4, "escalationLevel")]
    public void Refuse_an_escalation_level_outside_the_three_levels(int level, string field)
    {
        var error = Assert.Throws<CareGridException>(() =>
            OrganizationAggregate.CheckCreate(new CreateOrganization("Class 7-1", OrganizationKind.Class, null, level)));
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal(field, error.Details["field"]);
    }

    [Fact]
    public void Create_a_unit_active_or_draft_and_remember_a_keyed_request()
    {
        var input = new CreateOrganization(" Class 7-1 ", OrganizationKind.Class, "grade-7", 1, IdempotencyKey: "k-1");
        var name = OrganizationAggregate.CheckCreate(input);
        var unit = new OrganizationAggregate("class-7-1", new OrganizationState(), Now);
        var fingerprint = OrganizationAggregate.Fingerprint(input);

        Assert.False(unit.IsReplayOfCreate(input, Admin, fingerprint));
        var active = unit.Created(input, name, Admin, fingerprint);
        Assert.Equal(("Class 7-1", OrganizationStatus.Active, 1, Now), (active.Name, active.Status, active.EscalationLevel!.Value, active.CreatedAt));
        Assert.Equal("k-1", active.CreatedBy!.Key);
        Assert.Equal(OrganizationStatus.Draft, unit.Created(input with { Activate = false }, name, Admin, fingerprint).Status);

        var created = new OrganizationAggregate("class-7-1", active, Now);
        Assert.True(created.IsReplayOfCreate(input, Admin, fingerprint));
        var again = Assert.Throws<CareGridException>(() => created.IsReplayOfCreate(input with { IdempotencyKey = null }, Admin, fingerprint));
        Assert.Equal(ErrorCodes.AlreadyExists, again.Code);
    }

    [Fact]
    public void Refuse_members_and_a_responsible_person_once_closed()
    {
        var state = Unit(OrganizationStatus.Closed);
        var unit = new OrganizationAggregate("class-7-1", state, Now);

        var error = Assert.Throws<CareGridException>(() => unit.SetResponsiblePerson("teacher-1"));
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal("organizationId", error.Details["field"]);
        Assert.Equal("organizationId", Assert.Throws<CareGridException>(unit.EnsureOpen).Details["field"]);
        Assert.Null(state.ResponsiblePersonId);
    }

    [Fact]
    public void Add_and_remove_a_member_and_refuse_removing_a_role_not_held()
    {
        var state = Unit(OrganizationStatus.Active);
        var unit = new OrganizationAggregate("class-7-1", state, Now);

        unit.AddMember("teacher-1", "HomeroomTeacher", Admin);
        Assert.True(unit.HoldsRole("teacher-1", "HomeroomTeacher"));
        Assert.Equal(new OrganizationMember("teacher-1", "HomeroomTeacher", Now, Admin.Subject), Assert.Single(state.Members));

        var error = Assert.Throws<CareGridException>(() => unit.RemoveMember("teacher-1", "GradeLeader"));
        Assert.Equal(ErrorCodes.NotFound, error.Code);
        Assert.Equal("OrganizationMember", error.Details["entity"]);
        unit.RemoveMember("teacher-1", "HomeroomTeacher");
        Assert.Empty(state.Members);
    }

    /// <summary>
    /// Round 18 red team: a membership of a closed unit kept its need-to-know scope (a closed counselling centre's
    /// psychologist still saw the whole school), so a unit with members is not closed; taken off, it closes.
    /// </summary>
    [Fact]
    public void Refuse_to_close_a_unit_that_still_has_members()
    {
        var state = Unit(OrganizationStatus.Active);
        var unit = new OrganizationAggregate("class-7-1", state, Now);
        unit.AddMember("teacher-1", "HomeroomTeacher", Admin);
        unit.AddMember("teacher-2", "HomeroomTeacher", Admin);

        var error = Assert.Throws<CareGridException>(() => unit.Fire(OrganizationTrigger.Close));

        Assert.Equal(ErrorCodes.UnitHasMembers, error.Code);
        Assert.Equal(("class-7-1", "2", "removeOrganizationMember"), (error.Details["organizationId"], error.Details["members"], error.Details["next"]));
        Assert.Contains("removeOrganizationMember", error.Message, StringComparison.Ordinal);
        Assert.Contains("请先移除这些成员", error.Message, StringComparison.Ordinal);
        Assert.Equal(OrganizationStatus.Active, state.Status);
        unit.RemoveMember("teacher-1", "HomeroomTeacher");
        unit.RemoveMember("teacher-2", "HomeroomTeacher");
        unit.Fire(OrganizationTrigger.Close);
        Assert.Equal(OrganizationStatus.Closed, state.Status);
    }

    [Fact]
    public void Refuse_a_member_past_the_bound()
    {
        var state = Unit(OrganizationStatus.Active);
        state.Members.AddRange(Enumerable.Range(0, OrganizationAggregate.MaxMembers).Select(i => new OrganizationMember($"p-{i}", "HomeroomTeacher", Now, "admin")));

        var error = Assert.Throws<CareGridException>(() => new OrganizationAggregate("class-7-1", state, Now).AddMember("p-new", "HomeroomTeacher", Admin));
        Assert.Equal("personId", error.Details["field"]);
        Assert.Equal(OrganizationAggregate.MaxMembers, state.Members.Count);
    }

    [Fact]
    public void Accept_only_template_roles_held_in_the_unit_kind()
    {
        var school = JurisdictionTemplateCatalog.Load(JurisdictionTemplateCatalog.DefaultFolder).Find("school");
        Assert.NotNull(school);

        OrganizationAggregate.EnsureRoleFits(school, "HomeroomTeacher", OrganizationKind.Class);
        OrganizationAggregate.EnsureRoleFits(null, "AnyWellFormedCode", OrganizationKind.Class);
        Assert.Equal("role", Assert.Throws<CareGridException>(() => OrganizationAggregate.EnsureRoleFits(school, "GradeLeader", OrganizationKind.Class)).Details["field"]);
        Assert.Equal("role", Assert.Throws<CareGridException>(() => OrganizationAggregate.EnsureRoleFits(school, "NoSuchRole", OrganizationKind.Class)).Details["field"]);
        Assert.Equal("role", Assert.Throws<CareGridException>(() => OrganizationAggregate.EnsureRoleFits(null, "not a code!", OrganizationKind.Class)).Details["field"]);
    }
}
