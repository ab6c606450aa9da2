using CareGrid.Grains.Errors;
using CareGrid.Grains.GroupCrisis;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Tests.Domain.GroupCrisis;

/// <summary>
/// A tenant's group-crisis alerts without a silo (R-4.5, docs/group-crisis.md): one alert per id whose counts only grow, the
/// leadership group's scope, one acknowledgement with a proposed response, a bounded book; and the rule's bounds in the settings.
/// </summary>
[Trait("tier", "domain")]
public sealed class GroupCrisisAlertBookShould
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 2, 0, 0, TimeSpan.Zero);
    private static readonly Actor Principal = new("principal@school", [Roles.Supervisor]);
    private static readonly StaffScope Grade8 = new(false, ["class-8-1", "class-8-2", "grade-8"]);

    private static GroupCrisisAlert Alert(string unit, int people, DateOnly? start = null) =>
        new(GroupCrisisAlert.IdOf(unit, start ?? new DateOnly(2026, 12, 7)), unit, start ?? new DateOnly(2026, 12, 7), 7, 3, people, 1, people - 1, Now, Now);

    [Fact]
    public void Keep_one_alert_per_id_whose_counts_only_grow_and_whose_raise_time_stays()
    {
        var state = new GroupCrisisAlertsState();
        var book = new GroupCrisisAlertBook(state);
        Assert.True(book.Raise(Alert("class-8-1", 3)));
        Assert.True(book.Raise(Alert("class-8-1", 5) with { RaisedAt = Now.AddDays(1), UpdatedAt = Now.AddDays(1) }));
        Assert.False(book.Raise(Alert("class-8-1", 4)));
        var kept = Assert.Single(state.Alerts);
        Assert.Equal((5, Now, Now.AddDays(1)), (kept.People, kept.RaisedAt, kept.UpdatedAt));
    }

    [Fact]
    public void List_newest_first_within_the_callers_units_and_by_status()
    {
        var book = new GroupCrisisAlertBook(new GroupCrisisAlertsState());
        book.Raise(Alert("class-8-1", 3));
        book.Raise(Alert("class-9-1", 3));
        book.Raise(Alert("class-8-2", 4));
        Assert.Equal(["class-8-2", "class-8-1"], book.List(Grade8, null, 50).Select(a => a.OrganizationId));
        Assert.Equal(3, book.List(StaffScope.Tenant, GroupCrisisAlertStatus.Raised, 50).Count);
        Assert.Empty(book.List(StaffScope.Unassigned, null, 50));
        Assert.Equal(["class-8-2"], book.List(StaffScope.Tenant, null, 1).Select(a => a.OrganizationId));
    }

    [Fact]
    public void Acknowledge_once_with_a_proposed_response_and_refuse_without_changing_anything()
    {
        var state = new GroupCrisisAlertsState();
        var book = new GroupCrisisAlertBook(state);
        book.Raise(Alert("class-8-1", 3));
        book.Raise(Alert("class-9-1", 3));
        var id = GroupCrisisAlert.IdOf("class-8-1", new DateOnly(2026, 12, 7));

        Assert.Equal("response", Assert.Throws<CareGridException>(() => book.Acknowledge(id, "  ", Grade8, Principal, Now)).Details["field"]);
        Assert.Equal(ErrorCodes.NotFound, Assert.Throws<CareGridException>(() => book.Acknowledge("20261207-class-7-1", "class meeting", Grade8, Principal, Now)).Code);
        var outside = Assert.Throws<CareGridException>(() => book.Acknowledge(GroupCrisisAlert.IdOf("class-9-1", new DateOnly(2026, 12, 7)), "class meeting", Grade8, Principal, Now));
        Assert.Equal((ErrorCodes.Forbidden, "need-to-know"), (outside.Code, outside.Details["rule"]));
        Assert.All(state.Alerts, a => Assert.Equal(GroupCrisisAlertStatus.Raised, a.Status));

        var done = book.Acknowledge(id, " 班会 and a counsellor in class 8-1 this week\nparents informed ", Grade8, Principal, Now.AddHours(1));
        Assert.Equal((GroupCrisisAlertStatus.Acknowledged, "principal@school", Now.AddHours(1)), (done.Status, done.AcknowledgedBy, done.AcknowledgedAt));
        Assert.Equal("班会 and a counsellor in class 8-1 this week\nparents informed", done.Response);
        var twice = Assert.Throws<CareGridException>(() => book.Acknowledge(id, "again", Grade8, Principal, Now.AddHours(2)));
        Assert.Equal((ErrorCodes.InvalidTransition, "ACKNOWLEDGED"), (twice.Code, twice.Details["state"]));
        Assert.Equal(Now.AddHours(1), state.Alerts[0].AcknowledgedAt);

        // A later count keeps the acknowledgement (once per window: no new alert, R-4.5).
        book.Raise(Alert("class-8-1", 6));
        Assert.Equal((6, GroupCrisisAlertStatus.Acknowledged), (state.Alerts[0].People, state.Alerts[0].Status));
    }

    [Fact]
    public void Stay_bounded_dropping_the_oldest_acknowledged_alert_first()
    {
        var state = new GroupCrisisAlertsState();
        var book = new GroupCrisisAlertBook(state);
        var start = new DateOnly(2024, 1, 1);
        for (var i = 0; i < GroupCrisisAlertBook.MaxAlerts; i++)
        {
            book.Raise(Alert("class-8-1", 3, start.AddDays(7 * i)));
        }

        var acknowledged = state.Alerts[10].Id;
        book.Acknowledge(acknowledged, "handled", StaffScope.Tenant, Principal, Now);
        book.Raise(Alert("class-8-2", 3));
        Assert.Equal(GroupCrisisAlertBook.MaxAlerts, state.Alerts.Count);
        Assert.DoesNotContain(state.Alerts, a => a.Id == acknowledged);
        book.Raise(Alert("class-8-3", 3));
        Assert.Equal((GroupCrisisAlertBook.MaxAlerts, GroupCrisisAlert.IdOf("class-8-1", start.AddDays(7))), (state.Alerts.Count, state.Alerts[0].Id));
    }

    [Theory]
    [InlineData(1, 7, "threshold")]
    [InlineData(1001, 7, "threshold")]
    [InlineData(3, 0, "windowDays")]
    [InlineData(3, 93, "windowDays")]
    public void Refuse_a_rule_out_of_bounds_and_keep_the_stored_settings(int threshold, int days, string field)
    {
        var defaults = TenantSettings.Default("Asia/Shanghai");
        var state = new TenantState { Exists = true, Name = "A school", Status = TenantStatus.Active, Settings = defaults };
        var admin = new Actor("admin@school", [Roles.TenantAdmin]);
        var error = Assert.Throws<CareGridException>(() =>
            new TenantAggregate("school", state, Now).UpdateSettings(defaults with { GroupCrisis = new GroupCrisisRule(threshold, days) }, admin));
        Assert.Equal((ErrorCodes.ValidationFailed, field), (error.Code, error.Details["field"]));
        Assert.Same(defaults, state.Settings);

        new TenantAggregate("school", state, Now).UpdateSettings(defaults with { GroupCrisis = new GroupCrisisRule(2, 92) }, admin);
        Assert.Equal(new GroupCrisisRule(2, 92), state.Settings.GroupCrisis);
    }
}
