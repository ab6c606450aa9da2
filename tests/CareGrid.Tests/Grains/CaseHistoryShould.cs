using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.History;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Screening;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace CareGrid.Tests.Grains;

/// <summary>
/// A case's stored (hot) state stays bounded however long its histories grow: older entries move to the case history
/// store and are read back complete and in order (docs/storage.md); an old-shape state is migrated on activation.
/// </summary>
[Trait("tier", "grains")]
[Collection(ClusterCollection.Name)]
public sealed class CaseHistoryShould(ClusterFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>The fixed bound the tests hold the serialized case state to (Azure Table Storage takes about 960 KiB).</summary>
    public const int HotStateBoundBytes = 256 * 1024;

    private IServiceProvider SiloServices => fixture.Cluster.SiloServices();

    [Fact]
    public async Task Keep_the_stored_state_under_a_fixed_bound_as_contacts_with_long_notes_grow()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var grain = await Seeds.ReportAsync(fixture.Grains, tenant, student);
        var psych = Seeds.Homeroom(tenant); // the reporter: on the need-to-know list
        TenantContext.Set(tenant);
        var sizes = new List<int>();
        for (var i = 0; i < 1200; i++)
        {
            // Worst case for UTF-8: 4000 characters of three bytes each.
            await grain.LogContact(ContactChannel.Phone, 20, $"#{i:D5} " + new string('谈', 3993), psych);
            if (i % 300 == 299)
            {
                sizes.Add(await StoredSizeAsync(grain));
            }
        }

        var high = await grain.AssessRisk(RiskLevel.High, "long case still takes the protocol", psych);
        var contacts = await grain.History(CaseHistoryKind.Contacts, null, null, psych);
        TenantContext.Clear();

        output.WriteLine($"stored case state after 300, 600, 900, 1200 contacts: {string.Join(", ", sizes)} bytes");
        Assert.All(sizes, size => Assert.True(size < HotStateBoundBytes, $"stored state {size} bytes"));
        Assert.True(sizes[^1] <= sizes[0] + 64 * 1024, $"state grew from {sizes[0]} to {sizes[^1]} bytes");
        Assert.Equal(RiskLevel.High, high.RiskLevel);
        Assert.Contains(high.Tasks, t => t.Kind == CaseTaskKind.ProfessionalCrisisIntervention && t.Status == CaseTaskStatus.Open);
        Assert.Equal(1200, contacts.Total);
        Assert.Equal(Enumerable.Range(0, 1200).Select(i => $"#{i:D5}"), contacts.Items.Select(e => e.Contact!.Notes![..6]));
        Assert.Equal(Enumerable.Range(1, 1200).Select(i => (long)i), contacts.Items.Select(e => e.Sequence));
        Assert.True(high.Contacts.Count < 1200);
        Assert.Equal(1200, high.Counts.Contacts);
        Assert.Equal(high.Counts.Timeline, (await grain.GetComplete(psych))!.Timeline.Count);
    }

    [Fact]
    public async Task Page_a_long_timeline_with_first_and_last_oldest_first()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var grain = await Seeds.ReportAsync(fixture.Grains, tenant, student);
        var psych = Seeds.Homeroom(tenant); // the reporter: on the need-to-know list
        TenantContext.Set(tenant);
        for (var i = 0; i < 300; i++)
        {
            await grain.LogContact(ContactChannel.InPerson, 5, $"visit {i}", psych);
        }

        var all = await grain.History(CaseHistoryKind.Timeline, null, null, psych);
        var second = await grain.History(CaseHistoryKind.Timeline, 200, 100, psych);
        var tail = await grain.History(CaseHistoryKind.Timeline, null, 7, psych);
        var head = await grain.History(CaseHistoryKind.Timeline, 3, null, psych);
        var tooLong = await Assert.ThrowsAsync<CareGridException>(() => grain.History(CaseHistoryKind.Timeline, null, 1001, psych));
        var zero = await Assert.ThrowsAsync<CareGridException>(() => grain.History(CaseHistoryKind.Timeline, 0, null, psych));
        TenantContext.Clear();

        Assert.Equal(302, all.Total);
        Assert.Equal(["Report", "Intake"], all.Items.Take(2).Select(e => e.Timeline!.Action)); // Intake: the school's rule (docs/protocol.md)
        Assert.All(all.Items.Skip(2), e => Assert.Equal("LogContact", e.Timeline!.Action));
        Assert.Equal(Enumerable.Range(1, 302).Select(i => (long)i), all.Items.Select(e => e.Sequence));
        Assert.Equal(all.Items.Skip(100).Take(100), second.Items);
        Assert.Equal(101, second.Start);
        Assert.Equal(all.Items.TakeLast(7), tail.Items);
        Assert.Equal(all.Items.Take(3), head.Items);
        Assert.Equal((ErrorCodes.ValidationFailed, "last"), (tooLong.Code, tooLong.Details!["field"]));
        Assert.Equal((ErrorCodes.ValidationFailed, "first"), (zero.Code, zero.Details!["field"]));
    }

    [Fact]
    public async Task Migrate_an_old_shape_state_on_activation_and_keep_every_entry_in_order()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var grain = await Seeds.ReportAsync(fixture.Grains, tenant, student);
        var psych = Seeds.Homeroom(tenant); // the reporter: on the need-to-know list
        TenantContext.Set(tenant);
        await grain.Get(psych);
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        // The shape every version before the history store wrote: every list complete inside the state.
        var t0 = fixture.Clock.GetUtcNow();
        var storage = SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var old = await StoredState.UpdateAsync<CaseState>(storage, "case", grain.GetGrainId(), s =>
        {
            s.Timeline = [.. Enumerable.Range(0, 500).Select(i => new TimelineEntry(t0.AddMinutes(i), psych.Subject, "LogContact", CaseStatus.Reported, CaseStatus.Reported, $"old {i}"))];
            s.Contacts = [.. Enumerable.Range(0, 400).Select(i => new ContactLog(t0.AddMinutes(i), psych.Subject, ContactChannel.Phone, 10, $"old contact {i}"))];
            s.Notifications = [.. Enumerable.Range(0, 70).Select(i => new CaseNotification(t0, CaseQueues.Level2, $"notice {i}"))];
            s.Tasks = [.. Enumerable.Range(1, 90).Select(i => new CaseTask($"t{i}", CaseTaskKind.FollowUpVisit, psych.Subject,
                i == 45 ? CaseTaskStatus.Open : CaseTaskStatus.Done, t0, t0.AddDays(1), 0, null, null, i == 45 ? null : t0, i == 45 ? null : psych.Subject, null))];
            s.Sequence = 90;
        });

        var view = await grain.Get(psych);
        var stored = await ReadStateAsync(grain);
        var timeline = await grain.History(CaseHistoryKind.Timeline, null, null, psych);
        var contacts = await grain.History(CaseHistoryKind.Contacts, null, null, psych);
        var tasks = await grain.History(CaseHistoryKind.Tasks, null, null, psych);
        var done = await grain.CompleteTask("t45", "the open task survived the migration", psych);
        var again = await Assert.ThrowsAsync<CareGridException>(() => grain.CompleteTask("t2", null, psych));
        TenantContext.Clear();

        Assert.True(stored.State!.Timeline.Count <= CaseGrain.WindowMaxEntries && stored.State!.Contacts.Count <= CaseGrain.WindowMaxEntries);
        Assert.True(stored.State!.Archived.Timeline > 0 && stored.State!.Archived.Contacts > 0 && stored.State!.Archived.Tasks > 0);
        Assert.Equal(new CaseHistoryCounts(500, 400, 0, 70, 90, 0), view!.Counts);
        Assert.Equal(old.State!.Timeline, timeline.Items.Select(e => e.Timeline));
        Assert.Equal(old.State!.Contacts, contacts.Items.Select(e => e.Contact));
        Assert.Equal(old.State!.Tasks.Select(t => t.Id).Order(), tasks.Items.Select(e => e.Task!.Id).Order());
        Assert.Contains(stored.State!.Tasks, t => t.Id == "t45" && t.Status == CaseTaskStatus.Open);
        Assert.Contains(done.Timeline, e => e.Action == "TaskDone" && e.Reason!.StartsWith("t45", StringComparison.Ordinal));
        Assert.Equal(ErrorCodes.TaskAlreadyClosed, again.Code); // an archived task is already closed: who, when, which action (R-1.10)
        Assert.Equal(("t2", "DONE"), (again.Details["taskId"], again.Details["status"]));
    }

    [Fact]
    public async Task Refuse_more_than_the_open_task_cap_of_scheduled_follow_ups_but_still_run_the_protocol()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var grain = await Seeds.ReportAsync(fixture.Grains, tenant, student);
        var psych = Seeds.Homeroom(tenant); // the reporter: on the need-to-know list
        TenantContext.Set(tenant);
        for (var i = 0; i < CaseGrain.MaxOpenTasks; i++)
        {
            await grain.ScheduleFollowUp(null, psych);
        }

        var refused = await Assert.ThrowsAsync<CareGridException>(() => grain.ScheduleFollowUp(null, psych));
        var high = await grain.AssessRisk(RiskLevel.High, "the protocol is never refused", psych);
        TenantContext.Clear();

        Assert.Equal(ErrorCodes.ValidationFailed, refused.Code);
        Assert.Contains(high.Tasks, t => t.Kind == CaseTaskKind.NotifyFamilyEmergencyContact && t.Status == CaseTaskStatus.Open);
    }


    private async Task<GrainState<CaseState>> ReadStateAsync(ICaseGrain grain)
    {
        var storage = SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var state = new GrainState<CaseState>(new CaseState());
        await storage.ReadStateAsync("case", grain.GetGrainId(), state);
        return state;
    }

    private async Task<int> StoredSizeAsync(ICaseGrain grain)
    {
        var state = await ReadStateAsync(grain);
        return SiloServices.GetRequiredService<Serializer>().SerializeToArray(state.State!).Length;
    }
}
