using System.Diagnostics;
using System.Globalization;
using CareGrid.Benchmarks.Infra;

namespace CareGrid.Benchmarks.Scenarios;

/// <summary>
/// Reads a silo's resident memory once its grains have been deactivated for idleness: wait past the collection age, then
/// (bounded) until the silo has been quiet — under 5% of a core and RSS steady within 2% — for longer than its memory
/// trimmer's 30-second check interval, then induce three full GCs a few seconds apart (the GC hands freed memory back to
/// the OS over several collections) and read VmRSS. Used by the embedded scale phase and the durable scale phase.
/// </summary>
internal static class IdleMemory
{
    /// <summary>How long the silo must be quiet before the idle RSS is read (longer than the trimmer's check interval).</summary>
    public static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(40);

    /// <summary>Bound of that wait.</summary>
    public static readonly TimeSpan MaxSettle = TimeSpan.FromSeconds(150);

    /// <summary>
    /// The idle time after which every grain last used before it is deactivated:
    /// the collection age plus two quanta and 10 s.
    /// </summary>
    public static TimeSpan IdleFor(double collectionAgeMinutes, double collectionQuantumSeconds) =>
        TimeSpan.FromMinutes(collectionAgeMinutes) + TimeSpan.FromSeconds(2 * collectionQuantumSeconds + 10);

    /// <summary>
    /// Waits until <paramref name="idleFor"/> has passed since <paramref name="lastActivity"/> started, then until the silo
    /// <paramref name="pid"/> is quiet, then induces the GCs; returns VmRSS in bytes. Notes go to <paramref name="notes"/>;
    /// <paramref name="tag"/> prefixes console lines.
    /// </summary>
    public static async Task<long> AfterIdleAsync(int pid, Stopwatch lastActivity, TimeSpan idleFor, List<string> notes, string tag)
    {
        var wait = idleFor - lastActivity.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            Console.WriteLine($"  [{tag}] waiting {wait.TotalSeconds:0} s more for idle deactivation");
            await Task.Delay(wait);
        }

        var settleStarted = DateTime.UtcNow;
        var quietSince = DateTime.UtcNow;
        var lastCpu = Proc.CpuTime(pid);
        var lastRss = Proc.RssBytes(pid);
        while (DateTime.UtcNow - quietSince < QuietFor && DateTime.UtcNow - settleStarted < MaxSettle)
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            var cpu = Proc.CpuTime(pid);
            var rss = Proc.RssBytes(pid);
            if ((cpu - lastCpu).TotalSeconds / 5 > 0.05 || Math.Abs(rss - lastRss) > lastRss * 0.02)
            {
                quietSince = DateTime.UtcNow;
            }

            lastCpu = cpu;
            lastRss = rss;
        }

        var settled = DateTime.UtcNow - quietSince >= QuietFor;
        var watched = (DateTime.UtcNow - settleStarted).TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
        notes.Add($"After the idle wait the silo was watched {watched} s until it had been quiet (CPU under 5% of a core, RSS steady) for {QuietFor.TotalSeconds:0} s"
            + (settled ? "." : $"; it had not settled within the {MaxSettle.TotalSeconds:0} s bound."));
        Console.WriteLine($"  [{tag}] silo {(settled ? "settled" : "not settled")} after {watched} s more");
        return await FullGcRssAsync(pid, 3, notes);
    }

    /// <summary>Induces <paramref name="count"/> full GCs in <paramref name="pid"/> (2 s apart) and returns VmRSS afterwards.</summary>
    public static async Task<long> FullGcRssAsync(int pid, int count, List<string> notes)
    {
        for (var gc = 0; gc < count; gc++)
        {
            if (await GcTrigger.InduceAsync(pid) is { } gcError)
            {
                notes.Add("Could not induce a GC: " + gcError);
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        return Proc.RssBytes(pid);
    }
}
