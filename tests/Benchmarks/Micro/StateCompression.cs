using System.Globalization;
using System.IO.Compression;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace CareGrid.Benchmarks.Micro;

/// <summary>
/// <c>compress-states</c>: what each codec would save and cost on the states the embedded grain storage keeps (docs/memory.md
/// "Round 17"). The states come from the real domain (a LOW case as <c>reportConcern</c> opens it, a HIGH case after the
/// high-risk protocol, a roster person), serialized by the silo's own <see cref="ExactGrainStorageSerializer"/>. For each
/// codec it prints the compressed size and the CPU time per compress and per decompress on one thread (the thread's own CPU
/// clock, the lowest of several timed batches, so a busy neighbour inflates it least). No silo, no network.
/// </summary>
internal static class StateCompression
{
    /// <summary>The command-line verb.</summary>
    public const string Verb = "compress-states";

    private static readonly DateTimeOffset Now = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);

    /// <summary>Runs the measurement and prints the table (Markdown).</summary>
    public static int Run()
    {
        var serializer = new ExactGrainStorageSerializer(new ServiceCollection()
            .AddSerializer(b => b.AddAssembly(typeof(CaseState).Assembly)).BuildServiceProvider().GetRequiredService<Serializer>());
        var states = new (string Name, byte[] Raw)[]
        {
            ("LOW case (reportConcern)", serializer.Serialize(Case(RiskLevel.Low)).ToArray()),
            ("HIGH case (after the protocol)", serializer.Serialize(Case(RiskLevel.High)).ToArray()),
            ("person (roster import)", serializer.Serialize(Person()).ToArray()),
        };

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"compress-states {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {File.ReadAllText("/proc/loadavg").Trim()}"));
        Console.WriteLine();
        Console.WriteLine("| State | Codec | Bytes | % of raw | Compress µs | Decompress µs |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var (name, raw) in states)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | raw | {raw.Length:N0} | 100 % | – | – |"));
            foreach (var codec in Codecs())
            {
                var packed = codec.Compress(raw);
                var back = codec.Decompress(packed, raw.Length);
                if (!back.AsSpan().SequenceEqual(raw))
                {
                    throw new InvalidOperationException($"{codec.Name} did not round-trip {name}.");
                }

                var c = Time(() => codec.Compress(raw));
                var d = Time(() => codec.Decompress(packed, raw.Length));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {codec.Name} | {packed.Length:N0} | {100.0 * packed.Length / raw.Length:0} % | {c:0.0} | {d:0.0} |"));
            }
        }

        return 0;
    }

    private static CaseState Case(RiskLevel risk)
    {
        var counsellor = new Actor("counsellor@stored-bytes", [Roles.Counsellor]);
        var settings = TenantSettings.Default("Asia/Shanghai");
        var opened = CaseAggregate.Open("ext-m12345", "class-0", "Seemed withdrawn in class this week", counsellor, settings, Now);
        opened.RaiseRisk(risk, counsellor, "initial grading by the reporter");
        return opened.State;
    }

    private static PersonState Person() => new()
    {
        Exists = true,
        DisplayName = "Student 12345",
        OrganizationId = "class-0",
        ExternalId = "ext-m12345",
        RegisteredAt = Now,
        UpdatedAt = Now,
    };

    /// <summary>
    /// CPU microseconds per call on this thread (<c>CLOCK_THREAD_CPUTIME_ID</c>, so time the thread waited for a core on
    /// the shared machine is not counted): the lowest of 7 batches of about 40 ms each.
    /// </summary>
    private static double Time(Func<byte[]> action)
    {
        action();
        var perBatch = 1;
        var start = ThreadCpuMicroseconds();
        while (ThreadCpuMicroseconds() - start < 40_000)
        {
            action();
            perBatch++;
        }

        var best = double.MaxValue;
        for (var batch = 0; batch < 7; batch++)
        {
            var before = ThreadCpuMicroseconds();
            for (var i = 0; i < perBatch; i++)
            {
                action();
            }

            best = Math.Min(best, (ThreadCpuMicroseconds() - before) / perBatch);
        }

        return best;
    }

    private static double ThreadCpuMicroseconds()
    {
        const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID (Linux)
        return clock_gettime(ThreadCpuClock, out var t) == 0 ? t.Seconds * 1e6 + t.Nanoseconds / 1e3 : throw new InvalidOperationException("clock_gettime failed.");
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private sealed record Codec(string Name, Func<byte[], byte[]> Compress, Func<byte[], int, byte[]> Decompress);

    private static IEnumerable<Codec> Codecs()
    {
        for (var quality = 1; quality <= 5; quality++)
        {
            var q = quality;
            yield return new Codec($"Brotli q{q}", raw => Brotli(raw, q), BrotliBack);
        }

        yield return new Codec("Deflate fastest", raw => Stream(raw, s => new DeflateStream(s, CompressionLevel.Fastest)), (p, n) => Back(p, n, s => new DeflateStream(s, CompressionMode.Decompress)));
        yield return new Codec("Deflate optimal", raw => Stream(raw, s => new DeflateStream(s, CompressionLevel.Optimal)), (p, n) => Back(p, n, s => new DeflateStream(s, CompressionMode.Decompress)));
        yield return new Codec("ZLib fastest", raw => Stream(raw, s => new ZLibStream(s, CompressionLevel.Fastest)), (p, n) => Back(p, n, s => new ZLibStream(s, CompressionMode.Decompress)));
        yield return new Codec("ZLib optimal", raw => Stream(raw, s => new ZLibStream(s, CompressionLevel.Optimal)), (p, n) => Back(p, n, s => new ZLibStream(s, CompressionMode.Decompress)));
    }

    /// <summary>The smallest Brotli window (lgwin 10..24) that holds the whole input.</summary>
    internal static int Window(int length)
    {
        var lg = 10;
        while (lg < 24 && (1 << lg) - 16 < length)
        {
            lg++;
        }

        return lg;
    }

    private static byte[] Brotli(byte[] raw, int quality)
    {
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(raw.Length)];
        return BrotliEncoder.TryCompress(raw, buffer, out var written, quality, Window(raw.Length))
            ? buffer.AsSpan(0, written).ToArray()
            : throw new InvalidOperationException("Brotli failed.");
    }

    private static byte[] BrotliBack(byte[] packed, int length)
    {
        var raw = new byte[length];
        return BrotliDecoder.TryDecompress(packed, raw, out var written) && written == length ? raw : throw new InvalidOperationException("Brotli failed.");
    }

    private static byte[] Stream(byte[] raw, Func<Stream, Stream> wrap)
    {
        using var output = new MemoryStream(raw.Length);
        using (var z = wrap(output))
        {
            z.Write(raw);
        }

        return output.ToArray();
    }

    private static byte[] Back(byte[] packed, int length, Func<Stream, Stream> wrap)
    {
        var raw = new byte[length];
        using var z = wrap(new MemoryStream(packed));
        z.ReadExactly(raw);
        return raw;
    }
}
