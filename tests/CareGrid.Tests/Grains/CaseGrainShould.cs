using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Orleans.Core.Internal;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Grains;

[Trait("tier", "grains")]
[Collection(ClusterCollection.Name)]
public sealed class CaseGrainShould(ClusterFixture fixture)
{
    [Fact]
    public async Task Walk_reported_triage_active_closed_and_record_each_step_on_the_timeline()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var grain = await Seeds.ReportAsync(fixture.Grains, tenant, student);
        var homeroom = Seeds.Homeroom(tenant);
        TenantContext.Set(tenant);
        await grain.Fire(CaseTrigger.Triage, new CaseCommand("looked at it"), homeroom);
        await grain.Fire(CaseTrigger.Activate, new CaseCommand(null, "psych@" + tenant), homeroom);
        var closed = await grain.Fire(CaseTrigger.Close, new CaseCommand("resolved after two talks"), homeroom);
        TenantContext.Clear();

        Assert.Equal(CaseStatus.Closed, closed.Status);
        Assert.Equal("psych@" + tenant, closed.AssigneeId);
        Assert.Equal(["Report", "Intake", "Triage", "Activate", "Close"], closed.Timeline.Select(e => e.Action)); // Intake: the school's rule, docs/protocol.md
        Assert.All(closed.Timeline.Where(e => e.Action != "Intake"), e => Assert.Equal(homeroom.Subject, e.Actor));
        Assert.Equal(["reopenCase"], closed.AvailableActions);
    }

    [Fact]
    public async Task Refuse_a_second_report_under_a_taken_id_from_a_new_activation_and_change_nothing()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var grain = await Seeds.ReportAsync(fixture.Grains, tenant, student);
        TenantContext.Set(tenant);
        var before = await grain.Get(Seeds.Homeroom(tenant));
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        // The new activation has not read its state: the report's insert-only write is refused by storage.
        var error = await Assert.ThrowsAsync<CareGridException>(() =>
            grain.Report(new ReportConcern(student, "Another concern", RiskLevel.High, null), Seeds.PsychologyTeacher(tenant)));
        var after = await grain.Get(Seeds.Homeroom(tenant));
        TenantContext.Clear();

        Assert.Equal(ErrorCodes.AlreadyExists, error.Code);
        Assert.Equal(before!.Summary, after!.Summary);
        Assert.Equal(RiskLevel.Low, after.RiskLevel);
        Assert.Equal(before.Timeline.Count, after.Timeline.Count);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
    }

    [Fact]
    public async Task Refuse_an_invalid_transition_with_state_and_permitted_triggers_and_change_nothing()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var grain = await Seeds.ReportAsync(fixture.Grains, tenant, student);
        TenantContext.Set(tenant);
        var before = await grain.Get(Seeds.Homeroom(tenant));
        var error = await Assert.ThrowsAsync<CareGridException>(() => grain.Fire(CaseTrigger.Close, new CaseCommand("done"), Seeds.Homeroom(tenant)));
        var after = await grain.Get(Seeds.Homeroom(tenant));
        TenantContext.Clear();

        Assert.Equal(ErrorCodes.InvalidTransition, error.Code);
        Assert.Equal("REPORTED", error.Details["state"]);
        Assert.Equal("startIntervention,triageCase", error.Details["permittedTriggers"]);
        Assert.Equal(before!.Status, after!.Status);
        Assert.Equal(before.Timeline.Count, after.Timeline.Count);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
    }

    [Fact]
    public async Task Refuse_activation_without_an_assignee_and_change_nothing()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var grain = await Seeds.ReportAsync(fixture.Grains, tenant, student);
        TenantContext.Set(tenant);
        await grain.Fire(CaseTrigger.Triage, new CaseCommand(null), Seeds.Homeroom(tenant));
        var error = await Assert.ThrowsAsync<CareGridException>(() => grain.Fire(CaseTrigger.Activate, new CaseCommand(null), Seeds.Homeroom(tenant)));
        var after = await grain.Get(Seeds.Homeroom(tenant));
        TenantContext.Clear();
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal("assigneeId", error.Details["field"]);
        Assert.Equal(CaseStatus.Triage, after!.Status);
    }

    [Fact]
    public async Task Escalate_to_level_3_in_the_same_change_that_makes_risk_high_R_1_10()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var grain = await Seeds.ReportAsync(fixture.Grains, tenant, student);
        TenantContext.Set(tenant);
        var view = await grain.AssessRisk(RiskLevel.High, "talks about self-harm", Seeds.Homeroom(tenant));
        TenantContext.Clear();
        Assert.Equal(RiskLevel.High, view.RiskLevel);
        Assert.Equal(3, view.EscalationLevel);
        Assert.Contains(view.Timeline, e => e.Action == "Escalate");
    }

    [Fact]
    public async Task Let_only_level_3_close_or_lower_a_high_risk_case()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var grain = await Seeds.ReportAsync(fixture.Grains, tenant, student, RiskLevel.High);
        var homeroom = Seeds.Homeroom(tenant);
        TenantContext.Set(tenant);
        await grain.Fire(CaseTrigger.Triage, new CaseCommand(null), homeroom);
        var lower = await Assert.ThrowsAsync<CareGridException>(() => grain.AssessRisk(RiskLevel.Low, "seems fine", homeroom));
        var close = await Assert.ThrowsAsync<CareGridException>(() => grain.Fire(CaseTrigger.Close, new CaseCommand("seems fine"), homeroom));
        var view = await grain.Get(homeroom);
        var psych = Seeds.PsychologyTeacher(tenant);
        var unassessed = await Assert.ThrowsAsync<CareGridException>(() => grain.Fire(CaseTrigger.Close, new CaseCommand("no risk"), psych));
        await grain.AssessRisk(RiskLevel.Low, "reassessed after two sessions: no ideation", psych);
        var closed = await grain.Fire(CaseTrigger.Close, new CaseCommand("reassessed: no risk"), psych);
        TenantContext.Clear();

        Assert.Equal(ErrorCodes.Forbidden, lower.Code);
        Assert.Equal(ErrorCodes.Forbidden, close.Code);
        Assert.Equal(ErrorCodes.ReassessmentRequired, unassessed.Code);
        Assert.DoesNotContain("closeCase", view!.AvailableActions);
        Assert.Equal(CaseStatus.Closed, closed.Status);
        Assert.All(closed.Tasks, t => Assert.NotEqual(CaseTaskStatus.Open, t.Status));
    }

    [Fact]
    public async Task Refuse_a_report_about_an_unknown_person()
    {
        var (tenant, _) = await Seeds.SchoolAsync(fixture.Grains);
        TenantContext.Set(tenant);
        var grain = fixture.Grains.GetGrain<ICaseGrain>(TenantIds.Key(tenant, "case-x"));
        var error = await Assert.ThrowsAsync<CareGridException>(() => grain.Report(new ReportConcern("nobody", "x", RiskLevel.Low, null), Seeds.Homeroom(tenant)));
        var view = await grain.Get(Actor.System); // only a caller whom need-to-know opens every case learns that none exists (F12)
        var asked = await Assert.ThrowsAsync<CareGridException>(() => grain.Get(Seeds.Homeroom(tenant)));
        TenantContext.Clear();
        Assert.Equal(ErrorCodes.NotFound, error.Code);
        Assert.Null(view);
        Assert.Equal((ErrorCodes.Forbidden, "need-to-know"), (asked.Code, asked.Details["rule"]));
    }

    [Fact]
    public async Task Refuse_a_report_by_an_auditor()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        TenantContext.Set(tenant);
        var grain = fixture.Grains.GetGrain<ICaseGrain>(TenantIds.Key(tenant, "case-y"));
        var error = await Assert.ThrowsAsync<CareGridException>(() => grain.Report(new ReportConcern(student, "x", RiskLevel.Low, null), new Actor("aud", [Roles.Auditor])));
        TenantContext.Clear();
        Assert.Equal(ErrorCodes.Forbidden, error.Code);
    }
}
