using CareGrid.Benchmarks.Report;

namespace CareGrid.Benchmarks.Scenarios;

/// <summary>
/// The people of the scenario tenant that <c>reportConcern</c> is sent about, each report opening a separate case, and
/// which of them is next. A person holds at most <see cref="OpenCasesPerPerson"/> open cases (the service refuses a
/// separate case past it, <c>OpenCaseRegistry</c>, docs/idempotency.md), so the reports of every pass — warm-up rounds,
/// measured runs, the screening pools, wrk's runs, the storage count — go round one shared cursor over all of them,
/// never from the first person again, and the tenant has enough people for the run's reports
/// (<see cref="For"/>). A pass that would pass <see cref="Budget"/> reports per person is named in the notes.
/// </summary>
internal sealed class ReportPeople
{
    /// <summary>The service's bound on a person's open cases.</summary>
    public const int OpenCasesPerPerson = 20;

    /// <summary>Reports per person the benchmark plans for, below the bound (a wrk thread may run ahead of the other).</summary>
    public const int Budget = 16;

    private readonly byte[][] bodies;
    private long cursor = -1;

    public ReportPeople(byte[][] bodies) => this.bodies = bodies;

    /// <summary>
    /// People a silo of <paramref name="mode"/> needs: on the embedded default a run sends up to ~300,000 reports (warm-up
    /// rounds, three C# and three wrk runs at up to ~4,000 per second, pools of fresh cases for the screenings), on Azurite
    /// up to ~20,000; never fewer than <see cref="BenchSettings.People"/>, and exactly that many when <c>--people</c> named it.
    /// </summary>
    public static int For(string mode, BenchSettings settings) => settings.PeopleGiven ? settings.People
        : Math.Max(settings.People, mode == MarkdownReport.Embedded ? 400_000 / Budget : 24_000 / Budget);

    /// <summary>How many people.</summary>
    public int Count => bodies.Length;

    /// <summary>Reports sent so far (every pass).</summary>
    public long Sent => Interlocked.Read(ref cursor) + 1;

    /// <summary>The next person's report body (thread-safe).</summary>
    public byte[] Next() => bodies[(int)(Interlocked.Increment(ref cursor) % bodies.Length)];

    /// <summary>Every body once, starting at the cursor: what a wrk pass sends round robin; <see cref="Advance"/> it by
    /// the requests that pass sent.</summary>
    public byte[][] FromCursor()
    {
        var start = (int)(Sent % bodies.Length);
        return [.. bodies.Skip(start), .. bodies.Take(start)];
    }

    /// <summary>Moves the cursor past <paramref name="sent"/> reports sent by a wrk pass.</summary>
    public void Advance(long sent) => Interlocked.Add(ref cursor, sent);

    /// <summary>A note when the reports sent so far exceed <see cref="Budget"/> per person, or null.</summary>
    public string? OverBudget(string mode) => Sent > (long)Budget * bodies.Length
        ? $"{mode}: {Format.Count(Sent)} reports went to {Format.Count(bodies.Length)} people, more than {Budget} each; past {OpenCasesPerPerson} open cases a person's separate case is refused."
        : null;
}
