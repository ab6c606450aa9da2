using CareGrid.Grains.Cases;
using CareGrid.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace CareGrid.Tests.Hosting;

// The embedded default's grain storage (compact in-process state): Orleans-binary round trip and ETag checks.
[Trait("tier", "domain")]
public class InMemoryGrainStorageShould
{
    private static readonly GrainId Case1 = GrainId.Create("case", "t1/case-1");
    private static readonly GrainId Case2 = GrainId.Create("case", "t1/case-2");

    private static InMemoryGrainStorage NewStorage()
    {
        var services = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(CaseState).Assembly)).BuildServiceProvider();
        return new InMemoryGrainStorage(new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()));
    }

    private static GrainState<CaseState> Written(string personId) => new(new CaseState { Exists = true, PersonId = personId, Summary = "s" });

    [Fact]
    public async Task Give_a_new_state_without_etag_for_a_grain_never_written()
    {
        var storage = NewStorage();
        var state = new GrainState<CaseState>(new CaseState { Exists = true }) { ETag = "7", RecordExists = true };

        await storage.ReadStateAsync("case", Case1, state);

        Assert.False(state.State!.Exists);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task Read_back_what_was_written_with_a_new_etag_per_write()
    {
        var storage = NewStorage();
        var state = Written("p1");

        await storage.WriteStateAsync("case", Case1, state);
        var first = state.ETag;
        state.State!.Timeline.Add(new TimelineEntry(DateTimeOffset.UnixEpoch, "sub", "Report", CaseStatus.Reported, CaseStatus.Reported, null));
        await storage.WriteStateAsync("case", Case1, state);

        var read = new GrainState<CaseState>(new CaseState());
        await storage.ReadStateAsync("case", Case1, read);
        Assert.NotNull(first);
        Assert.NotEqual(first, state.ETag);
        Assert.Equal(state.ETag, read.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal("p1", read.State!.PersonId);
        Assert.Equal("Report", Assert.Single(read.State!.Timeline).Action);
        Assert.NotSame(state.State, read.State);
        Assert.Equal(1, storage.Count("case"));
    }

    [Fact]
    public async Task Refuse_a_write_with_a_stale_etag_and_keep_the_stored_state()
    {
        var storage = NewStorage();
        var winner = Written("winner");
        await storage.WriteStateAsync("case", Case1, winner);
        var loser = new GrainState<CaseState>(new CaseState());
        await storage.ReadStateAsync("case", Case1, loser);
        await storage.WriteStateAsync("case", Case1, winner);

        loser.State!.PersonId = "loser";
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("case", Case1, loser));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("case", Case1, Written("no etag")));

        var read = new GrainState<CaseState>(new CaseState());
        await storage.ReadStateAsync("case", Case1, read);
        Assert.Equal("winner", read.State!.PersonId);
        Assert.Equal(winner.ETag, read.ETag);
    }

    [Fact]
    public async Task Refuse_a_first_write_that_claims_an_etag()
    {
        var storage = NewStorage();
        var state = Written("p1");
        state.ETag = "1";

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("case", Case1, state));
        Assert.Equal(0, storage.Count("case"));
    }

    [Fact]
    public async Task Clear_only_with_the_current_etag_and_keep_other_grains_and_state_names()
    {
        var storage = NewStorage();
        var one = Written("p1");
        var two = Written("p2");
        var other = Written("p3");
        await storage.WriteStateAsync("case", Case1, one);
        await storage.WriteStateAsync("case", Case2, two);
        await storage.WriteStateAsync("other", Case1, other);

        var stale = new GrainState<CaseState>(new CaseState()) { ETag = "99" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("case", Case1, stale));
        await storage.ClearStateAsync("case", Case1, one);

        Assert.Null(one.ETag);
        Assert.False(one.RecordExists);
        var read = new GrainState<CaseState>(new CaseState());
        await storage.ReadStateAsync("case", Case1, read);
        Assert.False(read.RecordExists);
        await storage.ReadStateAsync("case", Case2, read);
        Assert.Equal("p2", read.State!.PersonId);
        await storage.ReadStateAsync("other", Case1, read);
        Assert.Equal("p3", read.State!.PersonId);

        // Written again after the clear: a new record.
        await storage.WriteStateAsync("case", Case1, one);
        Assert.True(one.RecordExists);
    }

    [Fact]
    public async Task Refuse_an_insert_without_etag_when_the_record_exists()
    {
        // The case grain opens a new case insert-only, without reading first; a taken id must be refused, not overwritten.
        var storage = NewStorage();
        await storage.WriteStateAsync("case", Case1, Written("p1"));

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("case", Case1, Written("intruder")));

        var read = new GrainState<CaseState>(new CaseState());
        await storage.ReadStateAsync("case", Case1, read);
        Assert.Equal("p1", read.State!.PersonId);
    }

    [Fact]
    public async Task Refuse_a_writer_whose_etag_predates_a_clear_and_a_new_write()
    {
        var storage = NewStorage();
        var stale = Written("p1");
        await storage.WriteStateAsync("case", Case1, stale);
        var owner = new GrainState<CaseState>(new CaseState());
        await storage.ReadStateAsync("case", Case1, owner);
        await storage.ClearStateAsync("case", Case1, owner);
        await storage.WriteStateAsync("case", Case1, Written("p2"));

        stale.State!.PersonId = "lost update";
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("case", Case1, stale));

        var read = new GrainState<CaseState>(new CaseState());
        await storage.ReadStateAsync("case", Case1, read);
        Assert.Equal("p2", read.State!.PersonId);
    }
}
