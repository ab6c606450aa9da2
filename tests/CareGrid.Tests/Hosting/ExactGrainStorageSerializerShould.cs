using CareGrid.Grains.Cases;
using CareGrid.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace CareGrid.Tests.Hosting;

// The grain-state serializer of every storage provider: the same bytes as Orleans' own, in an array of their own length.
[Trait("tier", "domain")]
public class ExactGrainStorageSerializerShould
{
    private static readonly Serializer Orleans = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(CaseState).Assembly)).BuildServiceProvider().GetRequiredService<Serializer>();

    private static CaseState Case(int timelineEntries)
    {
        var state = new CaseState { Exists = true, PersonId = "p-学生-1", Summary = "心理危机 · crisis" };
        for (var i = 0; i < timelineEntries; i++)
        {
            state.Timeline.Add(new TimelineEntry(DateTimeOffset.UnixEpoch.AddMinutes(i), "sub-" + i, "Note", CaseStatus.Reported, CaseStatus.Reported, "第 " + i + " 条"));
        }

        return state;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(400)] // past Orleans' inline reference table and past the 4 KiB first buffer
    public void Write_byte_for_byte_what_orleans_own_serializer_writes(int entries)
    {
        var state = Case(entries);

        var ours = new ExactGrainStorageSerializer(Orleans).Serialize(state);
        var theirs = new OrleansGrainStorageSerializer(Orleans).Serialize(state);

        Assert.Equal(theirs.ToArray(), ours.ToArray());
    }

    [Fact]
    public void Answer_an_array_of_exactly_the_written_length_so_the_store_keeps_it_without_a_copy()
    {
        var bytes = new ExactGrainStorageSerializer(Orleans).Serialize(Case(50));

        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes.ToMemory(), out var segment));
        Assert.Equal(0, segment.Offset);
        Assert.Equal(segment.Array!.Length, segment.Count);
    }

    [Fact]
    public void Keep_no_bytes_of_an_earlier_larger_state_when_the_thread_reuses_its_buffer()
    {
        var serializer = new ExactGrainStorageSerializer(Orleans);
        var large = serializer.Serialize(Case(300));
        var small = serializer.Serialize(Case(1));

        Assert.True(large.ToArray().Length > small.ToArray().Length);
        Assert.Equal(new OrleansGrainStorageSerializer(Orleans).Serialize(Case(1)).ToArray(), small.ToArray());
        var read = serializer.Deserialize<CaseState>(small);
        Assert.Equal("p-学生-1", read.PersonId);
        Assert.Equal("第 0 条", Assert.Single(read.Timeline).Reason);
    }

    [Fact]
    public void Read_what_orleans_own_serializer_stored()
    {
        var stored = new OrleansGrainStorageSerializer(Orleans).Serialize(Case(5));

        var read = new ExactGrainStorageSerializer(Orleans).Deserialize<CaseState>(stored);

        Assert.Equal(5, read.Timeline.Count);
        Assert.Equal("心理危机 · crisis", read.Summary);
    }
}
