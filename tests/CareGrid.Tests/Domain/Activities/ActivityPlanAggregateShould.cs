using CareGrid.Grains.Activities;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;

namespace CareGrid.Tests.Domain.Activities;

/// <summary>
/// A unit's activity plan and hazard ledger without a silo: the activity lifecycle
/// (<c>Planned → InProgress → Done | Cancelled</c>), owner-or-planner, overdue on the tenant's local date, the
/// mental-health-month template, the plan's bounds, and that a refusal leaves the state as it was.
/// </summary>
[Trait("tier", "domain")]
public sealed class ActivityPlanAggregateShould
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly Actor Counsellor = new("counsellor@school", [Roles.Counsellor]);
    private static readonly Actor Owner = new("teacher@school", [Roles.Caseworker]);
    private static readonly Actor Other = new("other@school", [Roles.Caseworker]);

    private static NewActivity Activity(string id, DateOnly? due = null) => new(id, "Open day", "开放日", null, Owner.Subject, due);

    [Fact]
    public void Move_planned_to_in_progress_to_done_and_refuse_going_back()
    {
        var state = new ActivityPlanState();
        var plan = new ActivityPlanAggregate(state, Now);
        plan.Add(Activity("a1", Today), Counsellor);
        Assert.Equal(ActivityStatus.InProgress, plan.SetStatus("a1", ActivityStatus.InProgress, Owner).Status);
        var done = plan.SetStatus("a1", ActivityStatus.Done, Owner);
        Assert.Equal((ActivityStatus.Done, (DateTimeOffset?)Now), (done.Status, done.ClosedAt));

        var back = Assert.Throws<CareGridException>(() => plan.SetStatus("a1", ActivityStatus.InProgress, Counsellor));
        Assert.Equal((ErrorCodes.InvalidTransition, "DONE", ""), (back.Code, back.Details["state"], back.Details["permittedStatuses"]));
        Assert.Equal(ActivityStatus.Done, state.Activities[0].Status);
        Assert.Equal(ActivityStatus.Done, plan.SetStatus("a1", ActivityStatus.Done, Owner).Status); // the same status again changes nothing
    }

    [Fact]
    public void Refuse_done_straight_from_planned_and_name_what_is_possible()
    {
        var plan = new ActivityPlanAggregate(new ActivityPlanState(), Now);
        plan.Add(Activity("a1"), Counsellor);
        var error = Assert.Throws<CareGridException>(() => plan.SetStatus("a1", ActivityStatus.Done, Counsellor));
        Assert.Equal((ErrorCodes.InvalidTransition, "PLANNED", "CANCELLED,IN_PROGRESS"), (error.Code, error.Details["state"], error.Details["permittedStatuses"]));
        Assert.Contains("setActivityStatus(status: DONE)", error.Message, StringComparison.Ordinal);
        Assert.Equal(ActivityStatus.Cancelled, plan.SetStatus("a1", ActivityStatus.Cancelled, Counsellor).Status);
    }

    [Fact]
    public void Let_only_the_owner_or_a_planner_change_an_activity()
    {
        var state = new ActivityPlanState();
        var plan = new ActivityPlanAggregate(state, Now);
        plan.Add(Activity("a1"), Counsellor);
        var refused = Assert.Throws<CareGridException>(() => plan.SetStatus("a1", ActivityStatus.InProgress, Other));
        Assert.Equal((ErrorCodes.Forbidden, "owner"), (refused.Code, refused.Details["rule"]));
        Assert.Throws<CareGridException>(() => plan.AddEvidence("a1", "photos of the open day", Other));
        Assert.Equal((ActivityStatus.Planned, 0), (state.Activities[0].Status, state.Activities[0].Evidence.Count));

        plan.AddEvidence("a1", "  42 students visited the counselling room  ", Owner);
        Assert.Equal(("42 students visited the counselling room", Owner.Subject, Now), (state.Activities[0].Evidence[0].Text, state.Activities[0].Evidence[0].By, state.Activities[0].Evidence[0].At));
    }

    [Theory]
    [InlineData(ActivityStatus.Planned, -1, true)]
    [InlineData(ActivityStatus.InProgress, -1, true)]
    [InlineData(ActivityStatus.InProgress, 0, false)]
    [InlineData(ActivityStatus.Done, -5, false)]
    [InlineData(ActivityStatus.Cancelled, -5, false)]
    public void Count_an_open_activity_as_overdue_only_after_its_deadline(ActivityStatus status, int dueInDays, bool overdue)
    {
        var activity = new ActivityEntry { Status = status, DueOn = Today.AddDays(dueInDays) };
        Assert.Equal(overdue, ActivityPlanAggregate.IsOverdue(activity, Today));
        Assert.False(ActivityPlanAggregate.IsOverdue(new ActivityEntry { Status = status, DueOn = null }, Today)); // ongoing
    }

    [Fact]
    public void Build_the_mental_health_month_from_the_template_with_both_languages_and_refuse_it_twice()
    {
        var template = ActivityPlanTemplates.Get("mental-health-month");
        Assert.Equal(14, template.Items.Count); // the list
        Assert.All(template.Items, i => Assert.False(string.IsNullOrWhiteSpace(i.Zh)));
        var state = new ActivityPlanState();
        var plan = new ActivityPlanAggregate(state, Now);
        var added = plan.AddAll(ActivityPlanTemplates.Activities(template, "mhm-2026", Today, Owner.Subject), Counsellor);
        var sweep = added.Single(a => a.TemplateItem == "bullying-sweep");
        Assert.Equal(("mhm-2026-bullying-sweep", (DateOnly?)Today.AddDays(7), (string?)"校园欺凌隐患排查（隐患台账）"), (sweep.Id, sweep.DueOn, sweep.TitleZh));
        Assert.Null(added.Single(a => a.TemplateItem == "archives").DueOn); // ongoing

        var again = Assert.Throws<CareGridException>(() => plan.AddAll(ActivityPlanTemplates.Activities(template, "mhm-2026", Today, Owner.Subject), Counsellor));
        Assert.Equal(ErrorCodes.AlreadyExists, again.Code);
        Assert.Equal(14, state.Activities.Count);
        Assert.Equal("template", Assert.Throws<CareGridException>(() => ActivityPlanTemplates.Get("no-such-plan")).Details["field"]);
    }

    [Fact]
    public void Refuse_past_the_plans_bounds_without_changing_it()
    {
        var state = new ActivityPlanState();
        var plan = new ActivityPlanAggregate(state, Now);
        plan.AddAll([.. Enumerable.Range(0, ActivityPlanLimits.MaxActivities).Select(i => Activity($"a{i}"))], Counsellor);
        Assert.Equal("organizationId", Assert.Throws<CareGridException>(() => plan.Add(Activity("one-more"), Counsellor)).Details["field"]);
        Assert.Equal(ActivityPlanLimits.MaxActivities, state.Activities.Count);

        var notes = new ActivityPlanAggregate(new ActivityPlanState(), Now);
        notes.Add(Activity("a1"), Counsellor);
        for (var i = 0; i < ActivityPlanLimits.MaxEvidence; i++)
        {
            notes.AddEvidence("a1", new string('证', ActivityPlanLimits.MaxNote), Owner);
        }

        Assert.Equal("note", Assert.Throws<CareGridException>(() => notes.AddEvidence("a1", "one more", Owner)).Details["field"]);
        Assert.Equal("input.title", Assert.Throws<CareGridException>(() => (Activity("x") with { Title = " " }).Check()).Details["field"]);
        Assert.Equal("input.dueOn", Assert.Throws<CareGridException>(() => Activity("x", new DateOnly(1999, 1, 1)).Check()).Details["field"]);
    }

    [Fact]
    public void Refuse_with_storage_limit_when_the_units_state_would_pass_its_byte_bound()
    {
        var state = new ActivityPlanState();
        var plan = new ActivityPlanAggregate(state, Now);
        var big = new string('长', ActivityPlanLimits.MaxNote); // 3 UTF-8 bytes each
        var error = Assert.Throws<CareGridException>(() =>
        {
            for (var i = 0; i < ActivityPlanLimits.MaxActivities; i++)
            {
                plan.Add(Activity($"a{i}") with { Description = big }, Counsellor);
                for (var n = 0; n < ActivityPlanLimits.MaxEvidence; n++)
                {
                    plan.AddEvidence($"a{i}", big, Owner);
                }
            }
        });
        Assert.Equal(ErrorCodes.StorageLimit, error.Code);
        Assert.True(ActivityPlanLimits.EstimatedBytes(state) <= ActivityPlanLimits.MaxStateBytes);
    }

    [Fact]
    public void Keep_a_hazard_open_and_overdue_after_its_fix_deadline_until_its_fix_is_recorded_once()
    {
        var state = new ActivityPlanState();
        var ledger = new HazardLedgerAggregate(state, Now);
        var hazard = ledger.Record(new NewHazard("h1", "Stairwell behind the gym", "No camera, no teacher on duty at lunch", Owner.Subject, Today.AddDays(-1)).Check(), Counsellor);
        Assert.True(HazardLedgerAggregate.IsOverdue(hazard, Today));
        Assert.False(HazardLedgerAggregate.IsOverdue(hazard, Today.AddDays(-1)));

        Assert.Equal("owner", Assert.Throws<CareGridException>(() => ledger.MarkFixed("h1", null, Other)).Details["rule"]);
        Assert.Null(state.Hazards[0].FixedAt);
        var fixedHazard = ledger.MarkFixed("h1", "Camera installed; duty roster covers lunch", Owner);
        Assert.Equal(((DateTimeOffset?)Now, (string?)Owner.Subject), (fixedHazard.FixedAt, fixedHazard.FixedBy));
        Assert.False(HazardLedgerAggregate.IsOverdue(fixedHazard, Today));

        var twice = Assert.Throws<CareGridException>(() => ledger.MarkFixed("h1", null, Counsellor));
        Assert.Equal((ErrorCodes.InvalidTransition, Owner.Subject), (twice.Code, twice.Details["fixedBy"]));
        Assert.Equal(ErrorCodes.AlreadyExists, Assert.Throws<CareGridException>(() => ledger.Record(new NewHazard("h1", "p", "h", Owner.Subject, Today), Counsellor)).Code);
        Assert.Equal("input.place", Assert.Throws<CareGridException>(() => new NewHazard("h2", "", "h", Owner.Subject, Today).Check()).Details["field"]);
    }
}
