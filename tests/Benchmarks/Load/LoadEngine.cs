using System.Buffers;
using System.Diagnostics;
using CareGrid.Benchmarks.Infra;

namespace CareGrid.Benchmarks.Load;

/// <summary>What one operation of a load run came to.</summary>
internal enum Outcome
{
    /// <summary>Done and as expected.</summary>
    Ok,

    /// <summary>Done, but wrong (an error status or a GraphQL error).</summary>
    Error,

    /// <summary>Nothing left to do (a pool of fresh records ran out): the worker stops without counting it.</summary>
    Exhausted,
}

/// <summary>One closed-loop client of a run: it sends the next operation as soon as the last one answered.</summary>
internal sealed class Worker
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);

    /// <summary>The worker's index, 0-based.</summary>
    public required int Index { get; init; }

    /// <summary>The first failure this worker saw (for the report).</summary>
    public string? FirstError { get; set; }

    /// <summary>Reads a whole body into the worker's reusable buffer.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            if (length == _buffer.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                _buffer.AsSpan(0, length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return _buffer.AsMemory(0, length);
            }

            length += read;
        }
    }
}

/// <summary>The outcome of one measured run.</summary>
internal sealed record RunResult(
    int Clients,
    long Ok,
    long Errors,
    TimeSpan Elapsed,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MaxMs,
    double? ServerCpuUsPerOp,
    double ClientCpuUsPerOp,
    string? FirstError,
    bool StoppedByCount)
{
    /// <summary>The server's garbage collections during the run (<see cref="Infra.GcPauses"/>), or null when not watched.</summary>
    public Infra.GcSummary? Gc { get; init; }

    /// <summary>Successful operations per second.</summary>
    public double PerSecond => Elapsed.TotalSeconds > 0 ? Ok / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// Runs closed-loop load: <c>clients</c> workers, each issuing the next operation when the previous one completes,
/// until the time bound or the count bound is reached (both always apply). Latency is measured per operation from
/// send to the last byte of the answer; the server's CPU time comes from <c>/proc/&lt;pid&gt;/stat</c>.
/// </summary>
internal static class LoadEngine
{
    /// <summary>Runs <paramref name="operation"/> until <paramref name="duration"/> or <paramref name="maxOps"/> operations.</summary>
    /// <param name="clients">Concurrent workers.</param>
    /// <param name="duration">Time bound.</param>
    /// <param name="maxOps">Count bound (operations started).</param>
    /// <param name="serverPid">The server process whose CPU time is charged to the run, or null.</param>
    /// <param name="operation">One operation: worker, global sequence number, cancellation.</param>
    public static async Task<RunResult> RunAsync(int clients, TimeSpan duration, long maxOps, int? serverPid,
        Func<Worker, long, CancellationToken, ValueTask<Outcome>> operation)
    {
        var latencies = new List<long>[clients];
        var workers = new Worker[clients];
        long issued = 0, ok = 0, errors = 0;
        var byCount = false;
        using var hardStop = new CancellationTokenSource(duration + TimeSpan.FromSeconds(30));
        var serverCpu0 = serverPid is { } p0 ? Proc.CpuTime(p0) : TimeSpan.Zero;
        var clientCpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var tasks = new Task[clients];
        for (var w = 0; w < clients; w++)
        {
            var worker = workers[w] = new Worker { Index = w };
            var samples = latencies[w] = new List<long>(4096);
            tasks[w] = Task.Run(async () =>
            {
                while (clock.Elapsed < duration)
                {
                    var i = Interlocked.Increment(ref issued) - 1;
                    if (i >= maxOps)
                    {
                        byCount = true;
                        break;
                    }

                    var t0 = Stopwatch.GetTimestamp();
                    Outcome outcome;
                    try
                    {
                        outcome = await operation(worker, i, hardStop.Token);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        worker.FirstError ??= ex.GetType().Name + ": " + ex.Message;
                        outcome = Outcome.Error;
                    }

                    if (outcome == Outcome.Exhausted)
                    {
                        byCount = true;
                        break;
                    }

                    samples.Add(Stopwatch.GetTimestamp() - t0);
                    if (outcome == Outcome.Ok)
                    {
                        Interlocked.Increment(ref ok);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            });
        }

        await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed;
        var serverCpu = serverPid is { } p1 ? Proc.CpuTime(p1) - serverCpu0 : (TimeSpan?)null;
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpu0;

        var all = new long[latencies.Sum(l => l.Count)];
        var at = 0;
        foreach (var list in latencies)
        {
            list.CopyTo(all, at);
            at += list.Count;
        }

        Array.Sort(all);
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        double Pct(double q) => all.Length == 0 ? double.NaN : Ms(all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)]);
        var done = ok + errors;
        return new RunResult(clients, ok, errors, elapsed, Pct(0.50), Pct(0.90), Pct(0.99), all.Length == 0 ? double.NaN : Ms(all[^1]),
            serverCpu is { } s && ok > 0 ? s.TotalMicroseconds / ok : null,
            done > 0 ? clientCpu.TotalMicroseconds / done : 0,
            workers.Select(w => w.FirstError).FirstOrDefault(e => e is not null), byCount);
    }
}
