using CareGrid.Grains.Cases;
using CareGrid.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace CareGrid.Tests.Hosting;

/// <summary>
/// The embedded default's grain storage keeps the contract every Orleans provider keeps (the grains rely on it:
/// a refused write changes nothing and the grain reloads): ETag-checked writes and clears, records that do not exist
/// until written, state that round-trips through Orleans' binary format.
/// </summary>
public sealed class InProcessGrainStorageShould
{
    private static readonly GrainId Case = GrainId.Create("case", "t1/case-1");
    private static readonly GrainId Other = GrainId.Create("case", "t1/case-2");

    private static InProcessGrainStorage NewStorage()
    {
        var services = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(CaseState).Assembly)).BuildServiceProvider();
        return new InProcessGrainStorage(new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()));
    }

    private static GrainState<CaseState> Fresh() => new(new CaseState());

    [Fact]
    public async Task Read_a_grain_never_written_as_not_existing_and_leave_its_initial_state()
    {
        var storage = NewStorage();
        var state = Fresh();
        state.State!.Summary = "initial";

        await storage.ReadStateAsync("case", Case, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal("initial", state.State!.Summary);
    }

    [Fact]
    public async Task Round_trip_a_written_state_as_a_copy_per_grain_and_state_name()
    {
        var storage = NewStorage();
        var written = Fresh();
        written.State!.Exists = true;
        written.State!.Summary = "pupil said they want to disappear";
        written.State!.Timeline.Add(new TimelineEntry(DateTimeOffset.UnixEpoch, "t1-user", "Report", CaseStatus.Reported, CaseStatus.Reported, null));
        await storage.WriteStateAsync("case", Case, written);
        written.State!.Summary = "changed after the write";

        var read = Fresh();
        await storage.ReadStateAsync("case", Case, read);
        var otherGrain = Fresh();
        await storage.ReadStateAsync("case", Other, otherGrain);
        var otherName = Fresh();
        await storage.ReadStateAsync("other", Case, otherName);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("pupil said they want to disappear", read.State!.Summary);
        Assert.Single(read.State!.Timeline);
        Assert.False(otherGrain.RecordExists);
        Assert.False(otherName.RecordExists);
    }

    [Fact]
    public async Task Refuse_a_write_with_a_stale_ETag_and_keep_the_stored_state()
    {
        var storage = NewStorage();
        var first = Fresh();
        first.State!.Summary = "v1";
        await storage.WriteStateAsync("case", Case, first);
        var stale = Fresh();
        await storage.ReadStateAsync("case", Case, stale);
        first.State!.Summary = "v2";
        await storage.WriteStateAsync("case", Case, first);

        stale.State!.Summary = "lost update";
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("case", Case, stale));

        var read = Fresh();
        await storage.ReadStateAsync("case", Case, read);
        Assert.Equal("v2", read.State!.Summary);
        Assert.Equal(first.ETag, read.ETag);
    }

    [Fact]
    public async Task Refuse_a_first_write_when_the_record_already_exists()
    {
        var storage = NewStorage();
        await storage.WriteStateAsync("case", Case, Fresh());

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("case", Case, Fresh()));
    }

    [Fact]
    public async Task Clear_only_with_the_current_ETag_and_then_read_as_never_written()
    {
        var storage = NewStorage();
        var state = Fresh();
        await storage.WriteStateAsync("case", Case, state);
        var stale = new GrainState<CaseState>(new CaseState()) { ETag = "0" };

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("case", Case, stale));
        Assert.Equal(1, storage.Count);

        await storage.ClearStateAsync("case", Case, state);
        var read = Fresh();
        await storage.ReadStateAsync("case", Case, read);

        Assert.False(read.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal(0, storage.Count);
        await storage.WriteStateAsync("case", Case, Fresh());
        Assert.Equal(1, storage.Count);
    }
}
