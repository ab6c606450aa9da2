using System.Diagnostics;
using System.Globalization;
using CareGrid.Benchmarks.Infra;
using CareGrid.Benchmarks.Load;
using CareGrid.Benchmarks.Report;
using CareGrid.Benchmarks.Servers;

namespace CareGrid.Benchmarks.Scenarios;

/// <summary>Options of the memory phases (<c>--durable-scale-*</c>, <c>--stored-bytes-*</c>); defaults are the issue's sizes.</summary>
internal sealed class MemorySettings
{
    /// <summary>Run the durable scale part (<c>--no-durable-scale</c> turns it off).</summary>
    public bool DurableScale { get; set; } = true;

    /// <summary>Run the embedded stored-bytes part (<c>--no-stored-bytes</c> turns it off).</summary>
    public bool StoredBytes { get; set; } = true;

    /// <summary>People of the durable silo, one case each (so as many cases), spread evenly over <see cref="DurableTenants"/> tenants.</summary>
    public int DurableCases { get; set; } = 100_000;

    /// <summary>Classes the durable silo's people are imported into, spread over its tenants (one roster per class and 5,000 rows).</summary>
    public int DurableUnits { get; set; } = 20;

    /// <summary>
    /// School tenants the durable silo's people and cases are spread over (default 20: 5,000 people each, as many schools
    /// of a district would hold). One tenant of 100,000 would measure Azurite rather than the silo: the emulator scans a
    /// whole partition on every point operation, and the read side keeps a tenant in one partition, so its generation
    /// slows with the tenant's size (docs/durable-write-profile.md).
    /// </summary>
    public int DurableTenants { get; set; } = 20;

    /// <summary>Durable tenants built at the same time (default 2).</summary>
    public int DurableTenantConcurrency { get; set; } = 2;

    /// <summary>
    /// Report requests (25 aliased <c>reportConcern</c> each) each durable tenant's case step keeps in flight (default 4, so
    /// 100 reports). On Azurite a command takes tens of ms of storage round trips, so the embedded bulk concurrency (64
    /// requests, 1,600 reports) only queues in the silo: measured 2026-12-02 at 4,000 people, every one of 160 such requests
    /// passed the client's 30 s timeout and none was counted.
    /// </summary>
    public int DurableReportConcurrency { get; set; } = 4;

    /// <summary>Directory for <c>dotnet-gcdump</c> heap dumps of the durable silo when empty and after idle deactivation (none when null).</summary>
    public string? GcDumpDirectory { get; set; }

    /// <summary>Directory for <c>dotnet-gcdump</c> heap dumps of the stored-bytes silo at each of its three readings (none when null).</summary>
    public string? StoredGcDumpDirectory { get; set; }

    /// <summary>Bound of each bulk step (import, reports) of each durable tenant.</summary>
    public TimeSpan DurableCreateLimit { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>People and cases of the stored-bytes measurement (each step adds this many).</summary>
    public int StoredBytesItems { get; set; } = 50_000;

    /// <summary>Orleans idle collection age of the memory phases' silos (minutes).</summary>
    public double CollectionAgeMinutes { get; set; } = 1;

    /// <summary>Orleans collection quantum of the memory phases' silos (seconds).</summary>
    public double CollectionQuantumSeconds { get; set; } = 10;

    /// <summary>Seconds to keep the durable silo running after its idle RSS was read (for a heap dump with <c>dotnet-gcdump</c>).</summary>
    public double HoldSeconds { get; set; }

    /// <summary>Applies option <paramref name="option"/> (reading its value with <paramref name="next"/>); false when it is not one of these.</summary>
    public bool TryApply(string option, Func<string> next)
    {
        double Num() => double.Parse(next(), CultureInfo.InvariantCulture);
        switch (option)
        {
            case "--durable-scale-cases": DurableCases = (int)Num(); return true;
            case "--durable-scale-units": DurableUnits = (int)Num(); return true;
            case "--durable-scale-tenants": DurableTenants = Math.Max(1, (int)Num()); return true;
            case "--durable-scale-tenant-concurrency": DurableTenantConcurrency = Math.Max(1, (int)Num()); return true;
            case "--durable-scale-minutes": DurableCreateLimit = TimeSpan.FromMinutes(Num()); return true;
            case "--durable-scale-hold-seconds": HoldSeconds = Num(); return true;
            case "--durable-scale-report-concurrency": DurableReportConcurrency = Math.Max(1, (int)Num()); return true;
            case "--durable-scale-gcdump-dir": GcDumpDirectory = Path.GetFullPath(next()); return true;
            case "--durable-scale-collection-age-minutes": CollectionAgeMinutes = Num(); return true;
            case "--stored-bytes-items": StoredBytesItems = (int)Num(); return true;
            case "--stored-bytes-gcdump-dir": StoredGcDumpDirectory = Path.GetFullPath(next()); return true;
            case "--no-durable-scale": DurableScale = false; return true;
            case "--no-stored-bytes": StoredBytes = false; return true;
            default: return false;
        }
    }

    /// <summary>The lines of <c>--help</c> for these options.</summary>
    public const string Help = """
          --only durable-scale,stored-bytes   only the memory targets (Azurite silo after idle deactivation; embedded bytes
                                       per stored case and person)
          --durable-scale-cases N      people (one case each) of the durable silo (default 100000)
          --durable-scale-units N      classes their rosters are imported into, over all tenants (default 20)
          --durable-scale-tenants N    school tenants they are spread over (default 20)
          --durable-scale-tenant-concurrency N   durable tenants built at once (default 2)
          --durable-scale-minutes M    bound of each bulk step of each durable tenant (default 15)
          --durable-scale-collection-age-minutes M   idle age of the memory phases' silos (default 1)
          --durable-scale-hold-seconds S   keep the durable silo S seconds after the idle RSS (for dotnet-gcdump)
          --durable-scale-report-concurrency N   report requests (25 cases each) in flight on Azurite (default 4)
          --durable-scale-gcdump-dir DIR   write dotnet-gcdump dumps of the durable silo (empty, idle) into DIR
          --stored-bytes-items N       people and cases added per step of the stored-bytes measurement (default 50000)
          --stored-bytes-gcdump-dir DIR   write dotnet-gcdump dumps of the stored-bytes silo at its readings (base,
                                       people, cases; right after each GC heap reading) into DIR
          --no-durable-scale --no-stored-bytes   skip a memory part
        """;
}

/// <summary>What the memory phases measured (null where a step did not run).</summary>
internal sealed class MemoryResult
{
    public long DurablePeople { get; set; }
    public long DurableCases { get; set; }
    public long DurableWanted { get; set; }
    public int DurableTenants { get; set; }
    public TimeSpan DurableBuildWall { get; set; }
    public TimeSpan DurablePeopleTime { get; set; }
    public TimeSpan DurableCasesTime { get; set; }
    public long? DurableRssEmpty { get; set; }
    public long? DurableRssActive { get; set; }
    public long? DurableRssIdle { get; set; }
    public long? DurableHeapEmpty { get; set; }
    public long? DurableHeapIdle { get; set; }

    /// <summary>The empty durable silo's RSS split (<see cref="Proc.RssParts"/>), read after its live heap.</summary>
    public (long Anonymous, long File, long Shared)? DurableRssPartsEmpty { get; set; }

    /// <summary>The same after idle deactivation, read after the idle live heap.</summary>
    public (long Anonymous, long File, long Shared)? DurableRssPartsIdle { get; set; }
    public TimeSpan DurablePeopleCpu { get; set; }
    public TimeSpan DurableCasesCpu { get; set; }
    public int DurableReportConcurrency { get; set; }
    public TimeSpan DurableIdleWaited { get; set; }
    public long StoredPeople { get; set; }
    public long StoredCases { get; set; }
    public long? StoredRssBase { get; set; }
    public long? StoredRssPeople { get; set; }
    public long? StoredRssCases { get; set; }
    public long? StoredHeapBase { get; set; }
    public long? StoredHeapPeople { get; set; }
    public long? StoredHeapCases { get; set; }
    public long? StoredLiveBase { get; set; }
    public long? StoredLivePeople { get; set; }
    public long? StoredLiveCases { get; set; }
    public double CollectionAgeMinutes { get; set; }
    public double CollectionQuantumSeconds { get; set; }
    public List<string> Notes { get; } = [];

    /// <summary>Retained bytes per stored person on the embedded default (RSS growth over the people step), or null.</summary>
    public double? BytesPerPerson => StoredRssPeople is { } p && StoredRssBase is { } b && StoredPeople > 0 ? (double)(p - b) / StoredPeople : null;

    /// <summary>Retained bytes per stored case on the embedded default (RSS growth over the cases step), or null.</summary>
    public double? BytesPerCase => StoredRssCases is { } c && StoredRssPeople is { } p && StoredCases > 0 ? (double)(c - p) / StoredCases : null;

    /// <summary>GC heap growth (after a full GC) per stored person over the people step, or null.</summary>
    public double? HeapBytesPerPerson => StoredHeapPeople is { } p && StoredHeapBase is { } b && StoredPeople > 0 ? (double)(p - b) / StoredPeople : null;

    /// <summary>GC heap growth (after a full GC) per stored case over the cases step, or null.</summary>
    public double? HeapBytesPerCase => StoredHeapCases is { } c && StoredHeapPeople is { } p && StoredCases > 0 ? (double)(c - p) / StoredCases : null;

    /// <summary>Live-object growth (GC heap after a full GC without its free space) per stored person, or null.</summary>
    public double? LiveBytesPerPerson => StoredLivePeople is { } p && StoredLiveBase is { } b && StoredPeople > 0 ? (double)(p - b) / StoredPeople : null;

    /// <summary>Live-object growth (GC heap after a full GC without its free space) per stored case, or null.</summary>
    public double? LiveBytesPerCase => StoredLiveCases is { } c && StoredLivePeople is { } p && StoredCases > 0 ? (double)(c - p) / StoredCases : null;
}

/// <summary>
/// Memory after idle deactivation. <b>Durable scale</b>: a silo on Azurite (<c>Storage:Provider=AzureTable</c>) with a
/// short idle collection age gets N people spread over school tenants (roster imports, as a school's would arrive) and one case
/// each (aliased <c>reportConcern</c> batches, 25 per request); its RSS is read empty (after full GCs), with everything
/// active, and after idle deactivation and full GCs — the state then lives in storage, so the idle RSS should return close
/// to the empty one. <b>Stored bytes</b>: on the embedded default, where stored state stays in the process by design, the
/// RSS growth over a step that adds N people, and over one that adds N cases, each read after idle deactivation and full
/// GCs, gives the bytes kept per stored person and per case (grain storage, read side, audit records together).
/// </summary>
internal static class DurableScalePhase
{
    /// <summary>The <c>--only</c> name of the durable part.</summary>
    public const string DurablePart = "durable-scale";

    /// <summary>The <c>--only</c> name of the stored-bytes part.</summary>
    public const string StoredBytesPart = "stored-bytes";

    /// <summary>Runs the parts that <paramref name="settings"/> asks for (none under <c>--only</c> without their names) into <see cref="BenchResults.Memory"/>.</summary>
    public static async Task RunAsync(BenchSettings settings, Tokens tokens, string work, BenchResults results, Func<TimeSpan> remaining)
    {
        var m = settings.Memory;
        var stored = m.StoredBytes && (settings.Only.Count == 0 || settings.Only.Contains(StoredBytesPart));
        var durable = m.DurableScale && (settings.Only.Count == 0 || settings.Only.Contains(DurablePart));
        if (!stored && !durable)
        {
            return;
        }

        if (remaining() < TimeSpan.FromMinutes(8))
        {
            results.Skipped.Add("memory phases (durable scale, stored bytes): not enough of the time budget left");
            return;
        }

        var result = new MemoryResult { CollectionAgeMinutes = m.CollectionAgeMinutes, CollectionQuantumSeconds = m.CollectionQuantumSeconds };
        results.Memory = result;
        if (stored)
        {
            Console.WriteLine($"Stored bytes on the embedded default: {m.StoredBytesItems:N0} people, then {m.StoredBytesItems:N0} cases");
            await StoredBytesAsync(settings, tokens, work, result);
        }

        if (!durable)
        {
            return;
        }

        if (AzuriteProcess.Unavailable() is { } why)
        {
            results.Skipped.Add("durable scale: " + why);
            return;
        }

        Console.WriteLine($"Durable scale: {m.DurableCases:N0} people and cases on Azurite, then idle deactivation");
        await using var azurite = await AzuriteProcess.StartAsync(work);
        await DurableAsync(settings, tokens, work, azurite.ConnectionString, result, remaining);
    }

    // Bulk generation is not what is measured here: a longer request timeout keeps a loaded machine from failing a batch.
    private static SiloSettings Silo(BenchSettings settings, string name, string? connection) =>
        new(name, connection, settings.Memory.CollectionAgeMinutes, settings.Memory.CollectionQuantumSeconds)
        {
            ExtraArgs = ["--GraphQL:Limits:TimeoutSeconds=120", .. settings.SiloArgs],
            Environment = settings.SiloEnvironment,
        };

    private static async Task DurableAsync(BenchSettings settings, Tokens tokens, string work, string connection, MemoryResult result, Func<TimeSpan> remaining)
    {
        var m = settings.Memory;
        await using var silo = await SiloProcess.StartAsync(Silo(settings, "silo-durable-scale", connection), tokens.KeyPath, work);
        using var http = new HttpLoadClient(Math.Max(settings.BulkConcurrency, m.DurableReportConcurrency) + 4);
        var api = new CareGridApi(silo.BaseUri, http);
        result.DurableRssEmpty = await IdleMemory.FullGcRssAsync(silo.Pid, 3, result.Notes);
        result.DurableHeapEmpty = await LiveHeapAsync(silo.Pid, result.Notes);
        result.DurableRssPartsEmpty = Proc.RssParts(silo.Pid);
        Console.WriteLine($"  [durable-scale] empty silo: RSS {Format.MiB(result.DurableRssEmpty)}, live GC heap {Format.MiB(result.DurableHeapEmpty)} (pid {silo.Pid})");
        await GcDumpAsync(m.GcDumpDirectory, silo.Pid, "durable-empty", work, result.Notes);
        result.DurableWanted = m.DurableCases;
        result.DurableReportConcurrency = m.DurableReportConcurrency;
        var limit = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(1).Ticks, Math.Min(m.DurableCreateLimit.Ticks, (remaining() - TimeSpan.FromMinutes(5)).Ticks / 2)));
        var wall = Stopwatch.StartNew();
        var builds = await BuildTenantsAsync(api, tokens, m, limit, silo.Pid, remaining);
        result.DurableBuildWall = wall.Elapsed;
        var lastActivity = Stopwatch.StartNew();
        result.DurableTenants = builds.Count;
        result.DurablePeople = builds.Sum(b => b.People);
        result.DurableCases = builds.Sum(b => b.Cases);
        result.DurablePeopleTime = TimeSpan.FromTicks(builds.Sum(b => b.PeopleTime.Ticks));
        result.DurableCasesTime = TimeSpan.FromTicks(builds.Sum(b => b.CasesTime.Ticks));
        result.DurablePeopleCpu = TimeSpan.FromTicks(builds.Sum(b => b.PeopleCpu.Ticks));
        result.DurableCasesCpu = TimeSpan.FromTicks(builds.Sum(b => b.CasesCpu.Ticks));
        if (builds.Sum(b => b.CaseErrors) is > 0 and var failed)
        {
            result.Notes.Add($"Durable scale: {failed:N0} reports failed.");
        }

        result.DurableRssActive = Proc.RssBytes(silo.Pid);
        Console.WriteLine($"  [durable-scale] RSS empty {Format.MiB(result.DurableRssEmpty)}, active {Format.MiB(result.DurableRssActive)}");
        result.DurableRssIdle = await IdleMemory.AfterIdleAsync(silo.Pid, lastActivity,
            IdleMemory.IdleFor(m.CollectionAgeMinutes, m.CollectionQuantumSeconds), result.Notes, DurablePart);
        result.DurableIdleWaited = lastActivity.Elapsed;
        result.DurableHeapIdle = await LiveHeapAsync(silo.Pid, result.Notes);
        result.DurableRssPartsIdle = Proc.RssParts(silo.Pid);
        Console.WriteLine($"  [durable-scale] RSS after {result.DurableIdleWaited.TotalSeconds:0} s idle and full GCs: {Format.MiB(result.DurableRssIdle)} (pid {silo.Pid}); live GC heap empty {Format.MiB(result.DurableHeapEmpty)}, idle {Format.MiB(result.DurableHeapIdle)}");
        Console.WriteLine($"  [durable-scale] RSS anonymous / shared / file: empty {Parts(result.DurableRssPartsEmpty)}, idle {Parts(result.DurableRssPartsIdle)}");
        await GcDumpAsync(m.GcDumpDirectory, silo.Pid, "durable-idle", work, result.Notes);
        if (m.HoldSeconds > 0)
        {
            Console.WriteLine($"  [durable-scale] holding the idle silo {m.HoldSeconds:0} s (pid {silo.Pid}) for a heap dump");
            await Task.Delay(TimeSpan.FromSeconds(m.HoldSeconds));
        }
    }

    /// <summary>
    /// Builds the durable tenants <c>durable-scale-0</c>… (<see cref="MemorySettings.DurableTenants"/>, each with its share of
    /// people, classes and cases), <see cref="MemorySettings.DurableTenantConcurrency"/> at a time; starts no tenant with
    /// less than 10 minutes of the budget left. Step times and CPU are summed over tenants (concurrent steps overlap).
    /// </summary>
    private static async Task<List<TenantBuild>> BuildTenantsAsync(CareGridApi api, Tokens tokens, MemorySettings m, TimeSpan limit, int pid, Func<TimeSpan> remaining)
    {
        var builds = new List<TenantBuild>();
        var next = 0;
        async Task WorkerAsync()
        {
            while (remaining() > TimeSpan.FromMinutes(10) && Interlocked.Increment(ref next) - 1 is var t && t < m.DurableTenants)
            {
                var people = m.DurableCases / m.DurableTenants + (t < m.DurableCases % m.DurableTenants ? 1 : 0);
                var units = Math.Max(1, m.DurableUnits / m.DurableTenants);
                var build = await StatisticsTenants.BuildAsync(api, tokens, $"durable-scale-{t}", people, units, m.DurableReportConcurrency, limit, pid);
                lock (builds)
                {
                    builds.Add(build);
                    Console.WriteLine($"  [durable-scale] {builds.Count} of {m.DurableTenants} tenants built: {builds.Sum(b => b.People):N0} people, {builds.Sum(b => b.Cases):N0} cases");
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Min(m.DurableTenantConcurrency, m.DurableTenants)).Select(_ => WorkerAsync()));
        return builds;
    }

    private static string Parts((long Anonymous, long File, long Shared)? parts) =>
        parts is { } p ? $"{Format.MiB(p.Anonymous)} / {Format.MiB(p.Shared)} / {Format.MiB(p.File)}" : "n/a";

    /// <summary>The live GC heap after an induced full GC (<see cref="GcTrigger.HeapAfterFullGcAsync"/>), or null with a note.</summary>
    private static async Task<long?> LiveHeapAsync(int pid, List<string> notes)
    {
        var (bytes, _, error) = await GcTrigger.HeapAfterFullGcAsync(pid);
        if (error is not null)
        {
            notes.Add("Could not read the live GC heap: " + error);
        }

        return bytes;
    }

    /// <summary>Writes <c>{directory}/{label}.gcdump</c> with <c>dotnet-gcdump collect</c> (PATH or ~/.dotnet/tools) when a directory is given.</summary>
    private static async Task GcDumpAsync(string? directory, int pid, string label, string work, List<string> notes)
    {
        if (directory is null)
        {
            return;
        }

        var tool = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Where(d => d.Length > 0)
            .Append(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools"))
            .Select(d => Path.Combine(d, "dotnet-gcdump")).FirstOrDefault(File.Exists);
        if (tool is null)
        {
            notes.Add("dotnet-gcdump not found (dotnet tool install -g dotnet-gcdump): no heap dumps written.");
            return;
        }

        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"{label}.gcdump");
        await using var dump = ChildProcess.Start("dotnet-gcdump", tool, ["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", file],
            Path.Combine(work, $"gcdump-{label}.log"));
        var code = await dump.WaitForExitAsync(TimeSpan.FromMinutes(3));
        Console.WriteLine($"  [memory] heap dump {file}: {(code == 0 ? "written" : "failed, exit " + (code?.ToString(CultureInfo.InvariantCulture) ?? "timeout"))}");
    }

    private static async Task StoredBytesAsync(BenchSettings settings, Tokens tokens, string work, MemoryResult result)
    {
        var m = settings.Memory;
        await using var silo = await SiloProcess.StartAsync(Silo(settings, "silo-stored-bytes", null), tokens.KeyPath, work);
        using var http = new HttpLoadClient(settings.BulkConcurrency + 4);
        var api = new CareGridApi(silo.BaseUri, http);
        var idleFor = IdleMemory.IdleFor(m.CollectionAgeMinutes, m.CollectionQuantumSeconds);

        // A small tenant first exercises every path (JIT, pools, caches that fill once), so that the steps after it
        // measure what each stored person and case keeps, not what the first request of a kind costs.
        await StatisticsTenants.BuildAsync(api, tokens, "stored-warmup", 500, 2, settings.BulkConcurrency, TimeSpan.FromMinutes(2), silo.Pid);
        await StatisticsTenants.OnboardAsync(api, tokens, "stored-bytes", "Stored bytes school");
        var admin = tokens.For("stored-bytes", CareGrid.Grains.Security.Roles.TenantAdmin, "admin@bench");
        await api.CallAsync(api.TenantUri("stored-bytes"), admin,
            "mutation { createOrganization(input: {id: \"class-0\", name: \"Class\", kind: CLASS, parentId: \"org1\"}) { id } }");
        var supervisor = tokens.For("stored-bytes", CareGrid.Grains.Security.Roles.Supervisor, "supervisor@bench");

        // Each reading is taken with the tenant's statistics projection active: it is built from the read side when a
        // supervisor asks, and on the embedded default it shares the read side's rows (docs/memory.md "Round 13"). Left to
        // chance (it deactivates when idle, and the HIGH cases' reminders wake it), the per-case figure moved by hundreds of
        // bytes between runs of one build. A supervisor's dashboard keeps it active, so that is the state measured.
        async Task<(long Rss, long? Heap, long? Live)> ReadAsync(Stopwatch lastActivity, string label)
        {
            await IdleMemory.AfterIdleAsync(silo.Pid, lastActivity, idleFor, result.Notes, StoredBytesPart);
            await api.CallAsync(api.TenantUri("stored-bytes"), supervisor, "query { statistics { asOf } }");
            var rss = await IdleMemory.FullGcRssAsync(silo.Pid, 3, result.Notes);
            var (heap, live) = await HeapAsync(silo.Pid, result.Notes);
            await GcDumpAsync(m.StoredGcDumpDirectory, silo.Pid, "stored-" + label, work, result.Notes);
            return (rss, heap, live);
        }

        (result.StoredRssBase, result.StoredHeapBase, result.StoredLiveBase) = await ReadAsync(Stopwatch.StartNew(), "base");

        var people = await StoredBytesSteps.ImportAsync(api, tokens, "stored-bytes", m.StoredBytesItems);
        var afterPeople = Stopwatch.StartNew();
        result.StoredPeople = people;
        (result.StoredRssPeople, result.StoredHeapPeople, result.StoredLivePeople) = await ReadAsync(afterPeople, "people");

        var cases = await StoredBytesSteps.ReportAsync(api, tokens, "stored-bytes", people, settings.BulkConcurrency);
        var afterCases = Stopwatch.StartNew();
        result.StoredCases = cases;
        (result.StoredRssCases, result.StoredHeapCases, result.StoredLiveCases) = await ReadAsync(afterCases, "cases");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  [stored-bytes] RSS base {Format.MiB(result.StoredRssBase)}, +{people:N0} people {Format.MiB(result.StoredRssPeople)}, +{cases:N0} cases {Format.MiB(result.StoredRssCases)}: {result.BytesPerPerson:N0} B/person, {result.BytesPerCase:N0} B/case"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  [stored-bytes] GC heap after a full GC: base {Format.MiB(result.StoredHeapBase)}, people {Format.MiB(result.StoredHeapPeople)}, cases {Format.MiB(result.StoredHeapCases)}: {result.HeapBytesPerPerson:N0} B/person, {result.HeapBytesPerCase:N0} B/case"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  [stored-bytes] live objects (that heap without its free space): base {Format.MiB(result.StoredLiveBase)}, people {Format.MiB(result.StoredLivePeople)}, cases {Format.MiB(result.StoredLiveCases)}: {result.LiveBytesPerPerson:N0} B/person, {result.LiveBytesPerCase:N0} B/case"));
    }

    /// <summary>
    /// The silo's GC heap after one more induced full GC (right after the RSS reading) and its live objects alone (without
    /// the free space between them), or nulls with a note.
    /// </summary>
    private static async Task<(long? Heap, long? Live)> HeapAsync(int pid, List<string> notes)
    {
        var (heap, live, error) = await GcTrigger.HeapAfterFullGcAsync(pid);
        if (error is not null)
        {
            notes.Add("Could not read the GC heap size: " + error);
        }

        return (heap, live);
    }
}
