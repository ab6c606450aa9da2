using System.Runtime.InteropServices;
using CareGrid.Silo;

namespace CareGrid.Tests.Hosting;

/// <summary>
/// The trimmer hands GC-retained memory back after a wave of idle deactivations only when it is worth a
/// blocking collection: many activations gone, most of the peak gone, and not more often than configured.
/// </summary>
[Trait("tier", "domain")]
public sealed class MemoryTrimmerShould
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly MemoryTrimOptions Defaults = new();

    [Fact]
    public void Trim_after_most_activations_were_collected()
    {
        Assert.True(MemoryTrimmer.ShouldTrim(Defaults, peak: 200_000, current: 300, lastTrim: null, Now));
    }

    [Theory]
    [InlineData(15_000, 6_000)] // 9,000 collected: under the 10,000 floor
    [InlineData(200_000, 120_000)] // 80,000 collected, but 60% of the peak is still active
    [InlineData(50_000, 50_000)] // nothing collected
    public void Leave_a_busy_or_small_silo_alone(int peak, int current)
    {
        Assert.False(MemoryTrimmer.ShouldTrim(Defaults, peak, current, lastTrim: null, Now));
    }

    [Fact]
    public void Trim_at_most_once_per_interval()
    {
        Assert.False(MemoryTrimmer.ShouldTrim(Defaults, 200_000, 300, lastTrim: Now.AddSeconds(-59), Now));
        Assert.True(MemoryTrimmer.ShouldTrim(Defaults, 200_000, 300, lastTrim: Now.AddMinutes(-1), Now));
        var fiveMinutes = new MemoryTrimOptions { MinMinutesBetweenTrims = 5 };
        Assert.False(MemoryTrimmer.ShouldTrim(fiveMinutes, 200_000, 300, lastTrim: Now.AddMinutes(-4.9), Now));
        Assert.True(MemoryTrimmer.ShouldTrim(fiveMinutes, 200_000, 300, lastTrim: Now.AddMinutes(-5), Now));
    }

    /// <summary>
    /// Two waves a few minutes apart (the benchmark's stored-bytes step: 20,000 people imported and collected, then
    /// 20,000 cases reported and collected about 3 minutes after the first trim): the second wave is handed back too.
    /// </summary>
    [Fact]
    public void Trim_a_second_wave_that_follows_the_first_within_minutes()
    {
        Assert.True(MemoryTrimmer.ShouldTrim(Defaults, peak: 40_047, current: 55, lastTrim: Now.AddMinutes(-3), Now));
    }

    /// <summary>
    /// A wave collected over several checks: the first trim came at 2,272 activations left of a peak of 12,764 (measured on a
    /// durable silo); the rest of the wave must get a trim of its own once it has gone, and a silo that stays small gets no more.
    /// </summary>
    [Fact]
    public void Trim_again_when_the_rest_of_the_wave_has_been_collected()
    {
        var later = Now.AddMinutes(2);
        Assert.False(MemoryTrimmer.ShouldTrim(Defaults, 12_764, 2_000, Now, later, lastTrimActivations: 2_272)); // not yet halved again
        Assert.True(MemoryTrimmer.ShouldTrim(Defaults, 12_764, 38, Now, later, lastTrimActivations: 2_272));
        Assert.False(MemoryTrimmer.ShouldTrim(Defaults, 12_764, 38, Now, Now.AddSeconds(30), lastTrimActivations: 2_272)); // interval
        Assert.False(MemoryTrimmer.ShouldTrim(Defaults, 12_764, 38, later, later.AddMinutes(5), lastTrimActivations: 38)); // nothing new gone
        Assert.False(MemoryTrimmer.ShouldTrim(Defaults, 12_764, 0, later, later.AddMinutes(5), lastTrimActivations: 0));
    }

    [Fact]
    public void Never_trim_when_disabled()
    {
        Assert.False(MemoryTrimmer.ShouldTrim(new MemoryTrimOptions { Enabled = false }, 200_000, 300, lastTrim: null, Now));
    }

    /// <summary>
    /// Durable-scale 12,000 (2026-12-04): tenants built one after another were collected as they went, activations never fell
    /// by 10,000 at once and the wave trigger never fired, while the freed memory stayed committed. A quiet silo with much
    /// more committed than its heap trims; a busy one, one with little to give back, or one that gave it back already does not.
    /// </summary>
    [Fact]
    public void Trim_a_quiet_silo_that_keeps_much_more_committed_than_its_heap()
    {
        Assert.True(MemoryTrimmer.ShouldTrimWhenQuiet(Defaults, committedMiB: 260, heapMiB: 80, committedAfterLastTrimMiB: null, gen0SinceLastCheck: 0, lastTrim: null, Now));
        Assert.False(MemoryTrimmer.ShouldTrimWhenQuiet(Defaults, 260, 80, null, gen0SinceLastCheck: 40, null, Now)); // busy: requests allocate
        Assert.False(MemoryTrimmer.ShouldTrimWhenQuiet(Defaults, 140, 80, null, 0, null, Now)); // 60 MiB unused: under the 64 MiB floor
        Assert.False(MemoryTrimmer.ShouldTrimWhenQuiet(Defaults, 260, 80, committedAfterLastTrimMiB: 230, 0, Now.AddMinutes(-10), Now)); // nothing new since the last trim
        Assert.True(MemoryTrimmer.ShouldTrimWhenQuiet(Defaults, 300, 80, committedAfterLastTrimMiB: 230, 0, Now.AddMinutes(-10), Now));
        Assert.False(MemoryTrimmer.ShouldTrimWhenQuiet(Defaults, 300, 80, 230, 0, lastTrim: Now.AddSeconds(-30), Now)); // at most once per interval
        Assert.False(MemoryTrimmer.ShouldTrimWhenQuiet(new MemoryTrimOptions { Enabled = false }, 260, 80, null, 0, null, Now));
    }
}

/// <summary>
/// <see cref="NativeHeap.Trim"/> on this process's own C library heap: alone, not beside other collections, whose threads
/// allocate from the same arenas.
/// </summary>
[Trait("tier", "domain")]
[Collection(NativeHeapCollection.Name)]
public sealed class NativeHeapShould
{
    /// <summary>
    /// What the C library keeps after frees is handed back: 256 MiB of touched malloc chunks, each held apart from the next
    /// by a small live one so that nothing coalesces into the top of the heap (where glibc would trim on its own), are freed
    /// and stay resident; after <see cref="NativeHeap.Trim"/> their pages are no longer resident. Residency is read per page
    /// of those chunks (<c>mincore</c>), not from the process's RSS, which tests running beside this one move (a CI run saw
    /// 3 GiB of RSS grow by 220 MiB during the trim); a range no longer mapped counts as returned. It runs alone (its own
    /// collection), since the C library's arenas are shared with every test thread.
    /// </summary>
    [SkippableFact]
    public void Hand_the_native_heap_s_freed_pages_back()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "malloc_trim and mincore are Linux's.");
        const int chunk = 64 * 1024; // under glibc's mmap threshold, so from the heap, not a mapping of its own
        const int count = 4096; // 256 MiB
        var bytes = new byte[chunk];
        Array.Fill(bytes, (byte)0x5a);
        var chunks = new nint[count];
        var fences = new nint[count];
        for (var i = 0; i < count; i++)
        {
            chunks[i] = Marshal.AllocHGlobal(chunk); // malloc
            Marshal.Copy(bytes, 0, chunks[i], chunk); // resident
            fences[i] = Marshal.AllocHGlobal(16);
        }

        foreach (var c in chunks)
        {
            Marshal.FreeHGlobal(c);
        }

        var held = ResidentShare(chunks, chunk);
        var trimmed = NativeHeap.Trim();
        var after = ResidentShare(chunks, chunk);
        foreach (var f in fences)
        {
            Marshal.FreeHGlobal(f);
        }

        Assert.True(trimmed);
        // In a process that has run many tests the C library may already have handed part of them back on free (a CI run:
        // 74 % still resident); what must hold is that the trim returns most of what was still held.
        Skip.If(held < 0.25, $"only {held:P0} of the freed chunks' pages were still resident before the trim: nothing to measure");
        Assert.True(after <= held / 4, $"{held:P0} of the freed chunks' pages resident before the trim, {after:P0} after");
    }

    /// <summary>The share of the whole pages inside <paramref name="chunks"/> (each <paramref name="size"/> bytes; the page
    /// holding the allocator's own pointers skipped) that are resident.</summary>
    private static double ResidentShare(nint[] chunks, int size)
    {
        var page = Environment.SystemPageSize;
        var vector = new byte[size / page + 2];
        long pages = 0, resident = 0;
        foreach (var c in chunks)
        {
            var first = (c + 64 + page - 1) & ~(nint)(page - 1);
            var end = (c + size) & ~(nint)(page - 1);
            if (end <= first)
            {
                continue;
            }

            var n = (int)((end - first) / page);
            pages += n;
            if (MinCore(first, (nuint)(end - first), vector) != 0)
            {
                continue; // ENOMEM: the C library unmapped the range, so none of it is resident
            }

            for (var i = 0; i < n; i++)
            {
                resident += vector[i] & 1;
            }
        }

        return pages == 0 ? 0 : (double)resident / pages;
    }

    [DllImport("libc", EntryPoint = "mincore")]
    private static extern int MinCore(nint address, nuint length, byte[] vector);
}

/// <summary>Tests that read the C library heap's residency: not in parallel with other collections.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NativeHeapCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "native-heap";
}
