using CareGrid.Grains.Cases;
using CareGrid.Grains.Security;

namespace CareGrid.Tests.Domain;

/// <summary>The one need-to-know rule (docs/architecture.md "Security and privacy"), each path and each role, without a silo.</summary>
[Trait("tier", "domain")]
public sealed class NeedToKnowPolicyShould
{
    /// <summary>A level-1 case of unit class-1, seen by a viewer whose scope covers class-1 (the scope's own rules: <see cref="NeedToKnowScopeShould"/>).</summary>
    private static readonly CaseAccessFacts Level1Case = new("homeroom-a", CaseQueues.Level1, 1, [])
    {
        OrganizationId = "class-1",
        ViewerScope = new StaffScope(false, ["grade-1", "class-1"]),
    };

    private static Actor As(string subject, params string[] roles) => new(subject, roles);

    [Fact]
    public void Open_a_case_to_its_reporter_and_to_its_named_owner()
    {
        Assert.Equal(NeedToKnowPath.Reporter, NeedToKnowPolicy.ForCase(As("homeroom-a", Roles.Caseworker), Level1Case));
        var owned = Level1Case with { AssigneeId = "psych-1" };
        Assert.Equal(NeedToKnowPath.Assignee, NeedToKnowPolicy.ForCase(As("psych-1", Roles.Counsellor), owned));
        Assert.Equal(NeedToKnowPath.None, NeedToKnowPolicy.ForCase(As("psych-2", Roles.Counsellor), owned));
    }

    [Theory]
    [InlineData(CaseQueues.Level1, Roles.Caseworker)]
    [InlineData(CaseQueues.Level1, Roles.Reporter)]
    [InlineData(CaseQueues.Level1, Roles.Volunteer)]
    [InlineData(CaseQueues.Level2, Roles.Coordinator)]
    [InlineData(CaseQueues.Level3, Roles.Counsellor)]
    [InlineData(CaseQueues.Level3, Roles.Clinician)]
    [InlineData(CaseQueues.Supervisor, Roles.Supervisor)]
    [InlineData(CaseQueues.Supervisor, Roles.TenantAdmin)]
    public void Open_a_case_owned_by_a_queue_to_every_holder_of_the_queues_roles(string queue, string role)
    {
        var facts = Level1Case with { AssigneeId = queue };
        Assert.Equal(NeedToKnowPath.OwnerQueue, NeedToKnowPolicy.ForCase(As("someone", role), facts));
    }

    [Fact]
    public void Keep_a_level_1_queue_case_closed_to_a_professional_outside_the_chain_and_to_an_auditor()
    {
        Assert.Equal(NeedToKnowPath.None, NeedToKnowPolicy.ForCase(As("psych-outsider", Roles.Counsellor), Level1Case));
        Assert.Equal(NeedToKnowPath.None, NeedToKnowPolicy.ForCase(As("auditor", Roles.Auditor), Level1Case));
        Assert.Equal(NeedToKnowPath.None, NeedToKnowPolicy.ForCase(As("coordinator", Roles.Coordinator), Level1Case));
    }

    [Fact]
    public void Open_a_case_to_the_owner_of_an_open_task_by_name_or_by_queue()
    {
        var facts = Level1Case with { AssigneeId = "homeroom-a", OpenTaskOwners = ["visitor-1", CaseQueues.Supervisor] };
        Assert.Equal(NeedToKnowPath.TaskOwner, NeedToKnowPolicy.ForCase(As("visitor-1", Roles.Volunteer), facts));
        Assert.Equal(NeedToKnowPath.TaskOwner, NeedToKnowPolicy.ForCase(As("principal", Roles.Supervisor), facts));
        Assert.Equal(NeedToKnowPath.None, NeedToKnowPolicy.ForCase(As("psych-1", Roles.Counsellor), facts));
    }

    [Fact]
    public void Open_a_case_to_its_escalation_chain_coordinators_from_level_2_professionals_at_level_3()
    {
        var level2 = Level1Case with { AssigneeId = "homeroom-a", EscalationLevel = 2 };
        Assert.Equal(NeedToKnowPath.EscalationChain, NeedToKnowPolicy.ForCase(As("grade-leader", Roles.Coordinator), level2));
        Assert.Equal(NeedToKnowPath.None, NeedToKnowPolicy.ForCase(As("psych-1", Roles.Counsellor), level2));

        var level3 = level2 with { EscalationLevel = 3 };
        Assert.Equal(NeedToKnowPath.EscalationChain, NeedToKnowPolicy.ForCase(As("psych-1", Roles.Counsellor), level3));
        Assert.Equal(NeedToKnowPath.EscalationChain, NeedToKnowPolicy.ForCase(As("doctor", Roles.Clinician), level3));
        Assert.Equal(NeedToKnowPath.EscalationChain, NeedToKnowPolicy.ForCase(As("grade-leader", Roles.Coordinator), level3));
        Assert.Equal(NeedToKnowPath.None, NeedToKnowPolicy.ForCase(As("homeroom-b", Roles.Caseworker), level3));
    }

    [Fact]
    public void Open_a_case_by_break_the_glass_only_while_a_grant_is_held_and_always_to_the_system()
    {
        var outsider = As("duty-psych", Roles.Counsellor);
        Assert.Equal(NeedToKnowPath.None, NeedToKnowPolicy.ForCase(outsider, Level1Case));
        Assert.Equal(NeedToKnowPath.BreakTheGlass, NeedToKnowPolicy.ForCase(outsider, Level1Case with { HoldsGrant = true }));
        Assert.Equal(NeedToKnowPath.System, NeedToKnowPolicy.ForCase(Actor.System, Level1Case));
    }

    [Fact]
    public void Open_a_persons_record_through_an_open_case_or_a_grant_and_refuse_it_otherwise()
    {
        var viewer = As("counsellor-x", Roles.Counsellor);
        Assert.Equal(NeedToKnowPath.None, NeedToKnowPolicy.ForPerson(viewer, new PersonAccessFacts()));
        Assert.Equal(NeedToKnowPath.OpenCase, NeedToKnowPolicy.ForPerson(viewer, new PersonAccessFacts(OnAnOpenCase: true)));
        Assert.Equal(NeedToKnowPath.BreakTheGlass, NeedToKnowPolicy.ForPerson(viewer, new PersonAccessFacts(HoldsGrant: true)));
        Assert.Equal(NeedToKnowPath.System, NeedToKnowPolicy.ForPerson(Actor.System, new PersonAccessFacts()));
    }

    [Fact]
    public void Let_a_grant_change_a_persons_record_only_within_the_callers_units_and_an_open_case_always()
    {
        // round-24 red team: the glass is broken to read; a change needs the case or the person's unit
        var viewer = As("homeroom-7-2", Roles.Caseworker);
        Assert.False(NeedToKnowPolicy.MayChangePerson(viewer, new PersonAccessFacts(HoldsGrant: true), scopeCoversUnit: false));
        Assert.True(NeedToKnowPolicy.MayChangePerson(viewer, new PersonAccessFacts(HoldsGrant: true), scopeCoversUnit: true));
        Assert.True(NeedToKnowPolicy.MayChangePerson(viewer, new PersonAccessFacts(OnAnOpenCase: true), scopeCoversUnit: false));
        Assert.False(NeedToKnowPolicy.MayChangePerson(viewer, new PersonAccessFacts(), scopeCoversUnit: true));
        Assert.True(NeedToKnowPolicy.MayChangePerson(Actor.System, new PersonAccessFacts(), scopeCoversUnit: false));
        var refusal = NeedToKnowPolicy.PersonChangeRefused("student-7201");
        Assert.Equal(("FORBIDDEN", "break-the-glass-read-only", "student-7201"), (refusal.Code, refusal.Details["rule"], refusal.Details["id"]));
        Assert.Contains("未作任何更改", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuse_with_FORBIDDEN_naming_the_rule_the_entity_and_the_id()
    {
        var refusal = NeedToKnowPolicy.PersonRefused("student-003");
        Assert.Equal("FORBIDDEN", refusal.Code);
        Assert.Equal("need-to-know", refusal.Details["rule"]);
        Assert.Equal("Person", refusal.Details["entity"]);
        Assert.Equal("student-003", refusal.Details["id"]);
        Assert.Equal("Case", NeedToKnowPolicy.CaseRefused("case-1").Details["entity"]);
    }
}
