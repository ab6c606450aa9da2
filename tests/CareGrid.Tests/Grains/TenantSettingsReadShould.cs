using CareGrid.Grains.Cases;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;
using static CareGrid.Tests.Grains.TenantCalls;

namespace CareGrid.Tests.Grains;

/// <summary>
/// The tenant grain's settings are read by every case command (round 18 red team's suspect list: a per-tenant grain on the
/// command path that does not interleave; docs/architecture.md "Tenancy"). The tenant's write is held at the grain storage
/// (<see cref="ConcernWritePathShould.WatchedGrainStorage"/>), not timed: while a settings change is being stored, a read
/// answers the old settings at once and a report is taken; once stored, the read answers the new ones.
/// </summary>
[Trait("tier", "grains")]
[Collection(WatchedStorageCollection.Name)]
public sealed class TenantSettingsReadShould(ConcernWritePathShould.Cluster fixture)
{
    /// <summary>How long a read that must answer while the write is held is waited for: generous, it answers at once.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Answer_the_stored_settings_and_take_a_report_while_a_settings_change_is_being_stored()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var grain = fixture.Grains.GetGrain<ITenantGrain>(tenant);
        var before = await AsTenant(tenant, grain.GetSettings);
        var changed = before with { VisitEveryHoursDefault = before.VisitEveryHoursDefault + 24 };

        Task<TenantSettings> update;
        using (var held = fixture.Storage.Hold(grain.GetGrainId()))
        {
            update = AsTenant(tenant, () => grain.UpdateSettings(changed, new Actor("admin@" + tenant, [Roles.TenantAdmin])));
            await held.Reached.WaitAsync(Bound);

            // Before the fix both waited for the held write: GetSettings queued behind UpdateSettings.
            var during = await AsTenant(tenant, grain.GetSettings).WaitAsync(Bound);
            Assert.Equal(before.VisitEveryHoursDefault, during.VisitEveryHoursDefault);
            var report = await AsTenant(tenant, () => ConcernIntake.ReportAsync(fixture.Grains, tenant,
                new ReportConcern(student, "Said she wants to die", RiskLevel.High, null), Seeds.PsychologyTeacher(tenant))).WaitAsync(Bound);
            Assert.Equal(ReportOutcome.OpenedNewCase, report.ReportOutcome);
            Assert.False(update.IsCompleted, "the settings change is still being stored");
        }

        Assert.Equal(changed.VisitEveryHoursDefault, (await update.WaitAsync(Bound)).VisitEveryHoursDefault);
        Assert.Equal(changed.VisitEveryHoursDefault, (await AsTenant(tenant, grain.GetSettings)).VisitEveryHoursDefault);
    }
}

/// <summary>
/// A refused write whose state could not be read back never reaches a later read or write (docs/storage.md "A refused write
/// changes nothing, even when storage is down").
/// </summary>
[Trait("tier", "grains")]
[Collection(UnstoredStateCollection.Name)]
public sealed class UnstoredStateShould(ConcernWritePathShould.Cluster fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Storage refuses a settings write and then the read back as well (unreachable): the activation, whose in-memory state
    /// held the refused change, is ended (UnstoredStateFilter), so neither a later read nor a later successful write carries
    /// it. Before, the next successful command stored the refused settings with its own change.
    /// </summary>
    [Fact]
    public async Task Never_store_a_refused_settings_change_with_a_later_write_when_the_state_could_not_be_read_back()
    {
        var (tenant, _) = await Seeds.SchoolAsync(fixture.Grains);
        var grain = fixture.Grains.GetGrain<ITenantGrain>(tenant);
        var admin = new Actor("admin@" + tenant, [Roles.TenantAdmin]);
        var before = await AsTenant(tenant, grain.GetSettings);
        var refusedChange = before with { VisitEveryHoursDefault = before.VisitEveryHoursDefault + 24 };

        using (fixture.Storage.Fail(grain.GetGrainId(), "storage unreachable (test): write"))
        using (fixture.Storage.FailReads(grain.GetGrainId(), "storage unreachable (test): read"))
        {
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => AsTenant(tenant, () => grain.UpdateSettings(refusedChange, admin)));
            Assert.Contains("storage unreachable (test): read", failure.ToString(), StringComparison.Ordinal);
        }

        // A later command that stores the tenant without touching its settings (suspend and reactivate, platform admin).
        var platform = new Actor("platform@ops", [Roles.PlatformAdmin]);
        await AsTenant(tenant, () => grain.Fire(TenantTrigger.Suspend, "maintenance window (test)", platform)).WaitAsync(Bound);
        var back = await AsTenant(tenant, () => grain.Fire(TenantTrigger.Reactivate, "maintenance over (test)", platform)).WaitAsync(Bound);
        Assert.Equal(TenantStatus.Active, back.Status);
        Assert.Equal(before.VisitEveryHoursDefault, (await AsTenant(tenant, grain.GetSettings)).VisitEveryHoursDefault);
        var stored = fixture.Storage.Read<TenantState>("tenant", grain.GetGrainId());
        Assert.Equal(TenantStatus.Active, stored.Status);
        Assert.NotEqual(refusedChange.VisitEveryHoursDefault, stored.Settings?.VisitEveryHoursDefault);
    }
}

/// <summary>The collection of <see cref="UnstoredStateShould"/>: its own <see cref="ConcernWritePathShould.Cluster"/>, so the activation it ends shares no silo with other tests.</summary>
[CollectionDefinition(Name)]
public sealed class UnstoredStateCollection : ICollectionFixture<ConcernWritePathShould.Cluster>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "unstored state";
}
