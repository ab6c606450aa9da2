using System.Runtime.InteropServices;

namespace CareGrid.Benchmarks.Infra;

/// <summary>What this machine is: cores, memory, OS, CPU, .NET.</summary>
internal sealed record Machine(int Cores, string Memory, string Os, string Kernel, string Cpu, string DotNet, string Sdk)
{
    /// <summary>Describes the current machine.</summary>
    public static Machine Describe(string sdkVersion) => new(
        Environment.ProcessorCount,
        MemTotal(),
        OsName(),
        Read("/proc/sys/kernel/osrelease") ?? RuntimeInformation.OSDescription,
        CpuModel(),
        RuntimeInformation.FrameworkDescription,
        sdkVersion);

    private static string MemTotal()
    {
        foreach (var line in File.ReadLines("/proc/meminfo"))
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                return $"{kb / 1024.0 / 1024.0:0.0} GiB";
            }
        }

        return "unknown";
    }

    private static string OsName()
    {
        foreach (var line in File.Exists("/etc/os-release") ? File.ReadLines("/etc/os-release") : [])
        {
            if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
            {
                return line["PRETTY_NAME=".Length..].Trim('"');
            }
        }

        return RuntimeInformation.OSDescription;
    }

    private static string CpuModel()
    {
        foreach (var line in File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo") : [])
        {
            if (line.StartsWith("model name", StringComparison.Ordinal))
            {
                return line[(line.IndexOf(':') + 1)..].Trim();
            }
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string? Read(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;
}
