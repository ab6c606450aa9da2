using CareGrid.Grains.Hosting;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Tests.Domain;

/// <summary>
/// The tenant lifecycle <c>Provisioning → Active ⇄ Suspended → Offboarding → Deleted</c> (TenantStateMachine) and the
/// rules of TenantAggregate, without a silo: every permitted and refused trigger, the export that deletion needs, and
/// onboarding's checks. A refusal leaves the state as it was.
/// </summary>
[Trait("tier", "domain")]
public sealed class TenantAggregateShould
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Admin = new("platform-admin", [Roles.PlatformAdmin]);

    private static TenantState Tenant(TenantStatus status, DateTimeOffset? exportedAt = null) =>
        new() { Exists = true, Name = "A town", Kind = TenantKind.Town, Status = status, ExportedAt = exportedAt };

    public static TheoryData<TenantStatus, TenantTrigger, TenantStatus> Permitted() => new()
    {
        { TenantStatus.Provisioning, TenantTrigger.Activate, TenantStatus.Active },
        { TenantStatus.Active, TenantTrigger.Suspend, TenantStatus.Suspended },
        { TenantStatus.Active, TenantTrigger.Offboard, TenantStatus.Offboarding },
        { TenantStatus.Suspended, TenantTrigger.Reactivate, TenantStatus.Active },
        { TenantStatus.Suspended, TenantTrigger.Offboard, TenantStatus.Offboarding },
        { TenantStatus.Offboarding, TenantTrigger.Delete, TenantStatus.Deleted },
    };

    [Theory]
    [MemberData(nameof(Permitted))]
    public void Fire_a_permitted_trigger_and_record_it(TenantStatus from, TenantTrigger trigger, TenantStatus to)
    {
        var state = Tenant(from, exportedAt: Now.AddHours(-1));
        new TenantAggregate("town-a", state, Now).Fire(trigger, "planned", Admin);

        Assert.Equal(to, state.Status);
        Assert.Equal(Now, state.UpdatedAt);
        Assert.Equal($"{Now:O} {trigger} by platform-admin: planned", Assert.Single(state.History));
    }

    [Fact]
    public void Refuse_every_trigger_the_machine_does_not_list_with_the_permitted_ones_named()
    {
        var permitted = Permitted().Select(row => ((TenantStatus)row[0], (TenantTrigger)row[1])).ToHashSet();
        foreach (var status in Enum.GetValues<TenantStatus>())
        {
            foreach (var trigger in Enum.GetValues<TenantTrigger>().Where(t => !permitted.Contains((status, t))))
            {
                var state = Tenant(status, exportedAt: Now);
                var error = Assert.Throws<CareGridException>(() => new TenantAggregate("town-a", state, Now).Fire(trigger, null, Admin));

                Assert.Equal(ErrorCodes.InvalidTransition, error.Code);
                Assert.Equal(SchemaNames.Value(status), error.Details["state"]);
                var expected = permitted.Where(p => p.Item1 == status).Select(p => SchemaNames.Action(p.Item2)).Order(StringComparer.Ordinal);
                Assert.Equal(string.Join(",", expected), error.Details["permittedTriggers"]);
                Assert.Equal(status, state.Status);
                Assert.Empty(state.History);
            }
        }
    }

    [Fact]
    public void Refuse_deletion_before_the_export_and_allow_it_after()
    {
        var state = Tenant(TenantStatus.Offboarding);
        var tenant = new TenantAggregate("town-a", state, Now);

        var error = Assert.Throws<CareGridException>(() => tenant.Fire(TenantTrigger.Delete, null, Admin));
        Assert.Equal(ErrorCodes.InvalidTransition, error.Code);
        Assert.Equal("", error.Details["permittedTriggers"]);
        Assert.Equal(TenantStatus.Offboarding, state.Status);

        tenant.MarkExported(Admin);
        Assert.Equal(Now, state.ExportedAt);
        tenant.Fire(TenantTrigger.Delete, null, Admin);
        Assert.Equal(TenantStatus.Deleted, state.Status);
    }

    [Theory]
    [InlineData(TenantStatus.Active)]
    [InlineData(TenantStatus.Suspended)]
    [InlineData(TenantStatus.Deleted)]
    public void Refuse_the_export_unless_offboarding(TenantStatus status)
    {
        var state = Tenant(status);
        var error = Assert.Throws<CareGridException>(() => new TenantAggregate("town-a", state, Now).MarkExported(Admin));

        Assert.Equal(ErrorCodes.InvalidTransition, error.Code);
        Assert.Equal("exportTenant", error.Details["trigger"]);
        Assert.Null(state.ExportedAt);
    }

    [Fact]
    public void Refuse_a_trigger_on_a_tenant_never_onboarded()
    {
        var error = Assert.Throws<CareGridException>(() => new TenantAggregate("town-a", new TenantState(), Now).Fire(TenantTrigger.Suspend, null, Admin));
        Assert.Equal(ErrorCodes.TenantNotFound, error.Code);
    }

    [Fact]
    public void Onboard_through_provisioning_to_active_with_defaults()
    {
        var input = TenantAggregate.CheckOnboarding("town-a", new OnboardTenant("town-a", "  A town ", TenantKind.Town, null, " ", " admin ", ""));
        var state = new TenantAggregate("town-a", new TenantState(), Now).Onboard(input, Admin);

        Assert.Equal(TenantStatus.Active, state.Status);
        Assert.Equal("A town", state.Name);
        Assert.Equal(TenantAggregate.DefaultTimeZone, state.TimeZone);
        Assert.Equal(new TenantAdmin("admin", "admin"), Assert.Single(state.Admins));
        Assert.Equal(Now, state.CreatedAt);
        Assert.Equal(TenantSettings.Default(TenantAggregate.DefaultTimeZone).Calendar, state.Settings!.Calendar);
        Assert.Equal($"{Now:O} Activate by platform-admin: onboarded", Assert.Single(state.History));
    }

    [Theory]
    [InlineData("town-b", "A town", "", "admin", null, "id")]
    [InlineData("town-a", "  ", "", "admin", null, "name")]
    [InlineData("town-a", "A town", "Mars/Olympus", "admin", null, "timeZone")]
    [InlineData("town-a", "A town", "", " ", null, "firstAdmin.subject")]
    [InlineData("town-a", "A town", "", "admin", "town-a", "parentId")]
    public void Refuse_a_bad_onboarding_naming_the_field(string id, string name, string timeZone, string admin, string? parent, string field)
    {
        var error = Assert.Throws<CareGridException>(() =>
            TenantAggregate.CheckOnboarding("town-a", new OnboardTenant(id, name, TenantKind.Town, parent, timeZone, admin, "Admin")));

        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal(field, error.Details["field"]);
    }

    [Fact]
    public void Refuse_a_second_onboarding_and_keep_the_first()
    {
        var state = Tenant(TenantStatus.Active);
        var input = TenantAggregate.CheckOnboarding("town-a", new OnboardTenant("town-a", "Second", TenantKind.Town, null, "", "admin", "Admin"));

        var error = Assert.Throws<CareGridException>(() => new TenantAggregate("town-a", state, Now).Onboard(input, Admin));
        Assert.Equal(ErrorCodes.AlreadyExists, error.Code);
        Assert.Equal("A town", state.Name);
    }

    [Fact]
    public void Keep_only_the_newest_history_entries()
    {
        var state = Tenant(TenantStatus.Active);
        var tenant = new TenantAggregate("town-a", state, Now);
        for (var i = 0; i < TenantAggregate.MaxHistory + 1; i++)
        {
            tenant.Fire(i % 2 == 0 ? TenantTrigger.Suspend : TenantTrigger.Reactivate, $"round {i}", Admin);
        }

        Assert.Equal(TenantAggregate.MaxHistory, state.History.Count);
        Assert.EndsWith("round 1", state.History[0]);
        Assert.EndsWith($"round {TenantAggregate.MaxHistory}", state.History[^1]);
    }
}
