using System.Globalization;
using System.Runtime.InteropServices;

namespace CareGrid.Benchmarks.Infra;

/// <summary>Reads a process's CPU time and resident memory from <c>/proc</c>.</summary>
internal static partial class Proc
{
    private static readonly long TicksPerSecond = ClockTicks();

    /// <summary>utime + stime of <paramref name="pid"/> (all threads), as a <see cref="TimeSpan"/>.</summary>
    public static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name (which may contain spaces) start at field 3 ("state").
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((utime + stime) / (double)TicksPerSecond);
    }

    /// <summary>
    /// utime + stime of the threads of <paramref name="pid"/> whose name starts with <paramref name="threadNamePrefix"/>
    /// (for example the runtime's <c>.NET Tiered Com</c>pilation thread); zero when there is none.
    /// </summary>
    public static TimeSpan ThreadCpuTime(int pid, string threadNamePrefix)
    {
        long ticks = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith(threadNamePrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended while we looked.
            }
        }

        return TimeSpan.FromSeconds(ticks / (double)TicksPerSecond);
    }

    /// <summary>Resident set size of <paramref name="pid"/> in bytes (VmRSS).</summary>
    public static long RssBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    /// <summary>
    /// The resident set of <paramref name="pid"/> split as the kernel counts it (<c>/proc/PID/status</c>), in bytes:
    /// anonymous memory (the GC heap's committed pages, the C library's heap, thread stacks), file-backed pages (the
    /// runtime's and the assemblies' mapped files) and shared memory (on Linux the runtime keeps JIT-compiled code and its
    /// loader heaps in double-mapped shared memory, W^X). Zeros when the process is gone.
    /// </summary>
    public static (long Anonymous, long File, long Shared) RssParts(int pid)
    {
        long anon = 0, file = 0, shared = 0;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
                {
                    anon = Kb(line, "RssAnon:");
                }
                else if (line.StartsWith("RssFile:", StringComparison.Ordinal))
                {
                    file = Kb(line, "RssFile:");
                }
                else if (line.StartsWith("RssShmem:", StringComparison.Ordinal))
                {
                    shared = Kb(line, "RssShmem:");
                }
            }
        }
        catch (IOException)
        {
        }

        return (anon, file, shared);

        static long Kb(string line, string key) => long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>The 1-, 5- and 15-minute load averages.</summary>
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} / {parts[1]} / {parts[2]}";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static long ClockTicks()
    {
        try
        {
            var ticks = SysConf(2); // _SC_CLK_TCK
            return ticks > 0 ? ticks : 100;
        }
        catch (DllNotFoundException)
        {
            return 100;
        }
        catch (EntryPointNotFoundException)
        {
            return 100;
        }
    }

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long SysConf(int name);
}
