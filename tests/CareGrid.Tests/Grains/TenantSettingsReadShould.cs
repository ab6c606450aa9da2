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
