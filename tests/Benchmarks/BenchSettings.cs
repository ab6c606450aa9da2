using System.Globalization;

namespace CareGrid.Benchmarks;

/// <summary>Bounds and sizes of one benchmark run (command-line options override the defaults).</summary>
internal sealed class BenchSettings
{
    /// <summary>Concurrent clients of each scenario.</summary>
    public int[] Clients { get; set; } = [1, 16, 64];

    /// <summary>Unmeasured warm-up before each measured run.</summary>
    public TimeSpan Warmup { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Time bound of each measured run.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Count bound of each measured run.</summary>
    public long MaxRequests { get; set; } = 400_000;

    /// <summary>People registered in the scenario tenant: at least this many (<see cref="Scenarios.ReportPeople.For"/>
    /// adds people for the open-case bound), or exactly this many when <see cref="PeopleGiven"/>.</summary>
    public int People { get; set; } = 1_000;

    /// <summary>True when <c>--people</c> named the scenario tenant's people exactly (an A/B of the people count; past
    /// 20 reports a person the report runs are refused).</summary>
    public bool PeopleGiven { get; set; }

    /// <summary>Cases created up front for the <c>case(id)</c> reads.</summary>
    public int ReadCases { get; set; } = 500;

    /// <summary>Most fresh cases created for one <c>recordScreening</c> run.</summary>
    public int MaxScreeningPool { get; set; } = 40_000;

    /// <summary>Tenants of the scale phase.</summary>
    public int ScaleTenants { get; set; } = 100;

    /// <summary>People per tenant in the scale phase.</summary>
    public int ScalePeoplePerTenant { get; set; } = 1_000;

    /// <summary>Cases per tenant in the scale phase.</summary>
    public int ScaleCasesPerTenant { get; set; } = 1_000;

    /// <summary>Cases of the one large tenant whose first page is compared with a 1,000-case tenant's.</summary>
    public int BigTenantCases { get; set; } = 100_000;

    /// <summary>Concurrency of bulk creation.</summary>
    public int BulkConcurrency { get; set; } = 64;

    /// <summary>Time bound of each bulk-creation step of the scale phase.</summary>
    public TimeSpan ScaleCreateLimit { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Orleans idle collection age of the scale silo (minutes).</summary>
    public double CollectionAgeMinutes { get; set; } = 3.5;

    /// <summary>Orleans collection quantum of the scale silo (seconds).</summary>
    public double CollectionQuantumSeconds { get; set; } = 15;

    /// <summary>Run the Azurite (durable) baselines and scenarios.</summary>
    public bool Durable { get; set; } = true;

    /// <summary>Measure the minimal JSON endpoint and the embedded scenarios with wrk too (<c>--no-wrk</c> skips it).</summary>
    public bool Wrk { get; set; } = true;

    /// <summary>Count the storage requests per command on Azurite with the CareGrid.Storage meter (<c>--no-storage-count</c> skips it).</summary>
    public bool StorageCount { get; set; } = true;

    /// <summary>Commands per scenario of the storage request count.</summary>
    public int StorageCountCommands { get; set; } = 400;

    /// <summary>Run the embedded scenarios.</summary>
    public bool Embedded { get; set; } = true;

    /// <summary>Run the scale phase.</summary>
    public bool Scale { get; set; } = true;

    /// <summary>CareGrid scenarios to run, by short name (case, page, report, screening, and floor: the wrk floor under case(id)); empty runs all.</summary>
    public HashSet<string> Scenarios { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Cases (and people, one case each) of the large tenant of the statistics target.</summary>
    public int StatisticsBigCases { get; set; } = 100_000;

    /// <summary>Cases (and people) of the small tenant the large one's <c>statistics</c> latency is compared with.</summary>
    public int StatisticsSmallCases { get; set; } = 1_000;

    /// <summary>Child tenants under the roll-up's parent.</summary>
    public int RollUpChildren { get; set; } = 50;

    /// <summary>Time bound of each bulk step (roster imports, reports) of the statistics phase.</summary>
    public TimeSpan StatisticsCreateLimit { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Run the statistics phase (the <c>statistics</c> and roll-up targets).</summary>
    public bool Statistics { get; set; } = true;

    /// <summary>Run the audit-flat phase (Azurite; <c>--no-audit-flat</c> skips it, <c>--only auditflat</c> runs only it).</summary>
    public bool AuditFlat { get; set; } = true;

    /// <summary>Audit records seeded into the audit-flat phase's full tenant.</summary>
    public long AuditFlatRecords { get; set; } = 100_000;

    /// <summary>Seed the audit-flat phase's records in the single-partition layout of before the blocks.</summary>
    public bool AuditFlatSinglePartition { get; set; }

    /// <summary>
    /// <c>--only</c>: run only these parts (statistics, rollup) — no baselines, scenarios, scale phase or micro-benchmarks,
    /// and the report goes to the run's log directory unless <c>--out</c> is given. Empty: everything runs.
    /// </summary>
    public HashSet<string> Only { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <c>--out</c> was given.</summary>
    public bool OutputGiven { get; set; }

    /// <summary>True when the statistics phase's part <paramref name="part"/> (statistics, rollup) is to run.</summary>
    public bool RunsPart(string part) => Only.Count == 0 || Only.Contains(part);

    /// <summary>The memory phases' options (<c>--durable-scale-*</c>, <c>--stored-bytes-*</c>).</summary>
    public CareGrid.Benchmarks.Scenarios.MemorySettings Memory { get; } = new();

    /// <summary>Run the BenchmarkDotNet micro-benchmarks.</summary>
    public bool Micro { get; set; } = true;

    /// <summary>Where the Markdown report goes (relative to the repository root unless rooted).</summary>
    public string Output { get; set; } = Path.Combine("docs", "benchmarks.md");

    /// <summary>Environment variables passed to every silo (for tuning experiments).</summary>
    public Dictionary<string, string?> SiloEnvironment { get; } = [];

    /// <summary>Extra <c>--Key=Value</c> arguments passed to every silo (for tuning experiments).</summary>
    public List<string> SiloArgs { get; } = [];

    /// <summary>A prebuilt CareGrid.Silo.dll to run instead of building src/Silo (A/B tuning); null builds and runs src/Silo.</summary>
    public string? SiloDll { get; set; }

    /// <summary>Whole-run bound: phases that would start after it are skipped (and say so).</summary>
    public TimeSpan Budget { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>The command line as given, for the report.</summary>
    public string CommandLine { get; set; } = "";

    /// <summary>True when the CareGrid scenario <paramref name="shortName"/> is to run.</summary>
    public bool Runs(string shortName) => Scenarios.Count == 0 || Scenarios.Contains(shortName);

    /// <summary>Parses the options; <c>--help</c> prints them.</summary>
    public static BenchSettings? Parse(string[] args)
    {
        var s = new BenchSettings { CommandLine = string.Join(' ', args) };
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            double Num() => double.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--quick":
                    s.Warmup = TimeSpan.FromSeconds(0.5);
                    s.Duration = TimeSpan.FromSeconds(1.5);
                    s.People = 200;
                    s.ReadCases = 100;
                    s.ScaleTenants = 10;
                    s.ScalePeoplePerTenant = 100;
                    s.ScaleCasesPerTenant = 100;
                    s.BigTenantCases = 2_000;
                    s.StatisticsBigCases = 5_000;
                    s.StatisticsSmallCases = 500;
                    s.RollUpChildren = 5;
                    s.CollectionAgeMinutes = 0.5;
                    s.CollectionQuantumSeconds = 5;
                    break;
                case "--duration": s.Duration = TimeSpan.FromSeconds(Num()); break;
                case "--warmup": s.Warmup = TimeSpan.FromSeconds(Num()); break;
                case "--clients": s.Clients = Next().Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--scale-tenants": s.ScaleTenants = (int)Num(); break;
                case "--scale-people-per-tenant": s.ScalePeoplePerTenant = (int)Num(); break;
                case "--scale-cases-per-tenant": s.ScaleCasesPerTenant = (int)Num(); break;
                case "--big-tenant-cases": s.BigTenantCases = (int)Num(); break;
                case "--collection-age-minutes": s.CollectionAgeMinutes = Num(); break;
                case "--people": s.People = (int)Num(); s.PeopleGiven = true; break;
                case "--scenarios": s.Scenarios.UnionWith(Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
                case "--no-durable": s.Durable = false; break;
                case "--no-embedded": s.Embedded = false; break;
                case "--no-scale": s.Scale = false; break;
                case "--no-micro": s.Micro = false; break;
                case "--no-wrk": s.Wrk = false; break;
                case "--no-storage-count": s.StorageCount = false; break;
                case "--storage-count-commands": s.StorageCountCommands = (int)Num(); break;
                case "--no-statistics": s.Statistics = false; break;
                case "--no-audit-flat": s.AuditFlat = false; break;
                case "--audit-flat-records": s.AuditFlatRecords = (long)Num(); break;
                case "--audit-flat-single-partition": s.AuditFlatSinglePartition = true; break;
                case "--only":
                    var parts = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (parts.FirstOrDefault(p => p is not ("statistics" or "rollup" or "durable-scale" or "stored-bytes" or "auditflat")) is { } unknown)
                    {
                        throw new ArgumentException($"--only takes statistics, rollup, durable-scale, stored-bytes and/or auditflat, not '{unknown}'.");
                    }

                    s.Only.UnionWith(parts);
                    s.Embedded = s.Durable = s.Scale = s.Micro = false;
                    break;
                case "--statistics-cases": s.StatisticsBigCases = (int)Num(); break;
                case "--statistics-small-cases": s.StatisticsSmallCases = (int)Num(); break;
                case "--rollup-children": s.RollUpChildren = (int)Num(); break;
                case "--statistics-create-minutes": s.StatisticsCreateLimit = TimeSpan.FromMinutes(Num()); break;
                case "--out":
                    s.Output = Next();
                    s.OutputGiven = true;
                    break;
                case "--budget-minutes": s.Budget = TimeSpan.FromMinutes(Num()); break;
                case "--silo-env":
                    var kv = Next().Split('=', 2);
                    s.SiloEnvironment[kv[0]] = kv.Length > 1 ? kv[1] : null;
                    break;
                case "--silo-arg": s.SiloArgs.Add(Next()); break;
                case "--silo-dll": s.SiloDll = Path.GetFullPath(Next()); break;
                case "-h" or "--help":
                    Console.WriteLine("""
                        dotnet run -c Release --project tests/Benchmarks [-- options]
                        dotnet run -c Release --project tests/Benchmarks -- compress-states   compressed size and CPU per codec of
                                                       real stored states (docs/memory.md "Round 17"); nothing else runs
                          --quick                      small sizes and short runs (a smoke test of the harness)
                          --duration S / --warmup S    measured / warm-up seconds per run (default 5 / 1.5)
                          --clients 1,16,64            concurrency levels
                          --no-embedded --no-durable --no-scale --no-micro --no-statistics   skip a part
                          --no-wrk                     no wrk runs (the embedded throughput targets are then NOT RUN); without
                                                       it, wrk must be installed (/usr/bin/wrk or PATH; `apt-get install wrk`)
                          --no-storage-count           no storage request count on Azurite (CareGrid.Storage meter over EventPipe)
                          --storage-count-commands N   commands per scenario of that count (default 400)
                          --only statistics,rollup     only the supervision targets (statistics 100,000 vs 1,000 cases; roll-up
                                                       over 50 children): a few minutes; the report goes to the log directory
                                                       unless --out is given (docs/benchmarks.md is left alone)
                          --statistics-cases N --statistics-small-cases N --rollup-children N   (default 100000, 1000, 50)
                          --statistics-create-minutes M   bound of each bulk step of the statistics tenants (default 5)
                          --no-audit-flat / --only auditflat   skip / only the audit-flat phase (Azurite); --audit-flat-records N
                                                       (default 100000), --audit-flat-single-partition (seed the pre-block layout)
                          --scenarios case,page,report,screening,floor   only these CareGrid scenarios (tuning experiments;
                                                       floor: the wrk floor under case(id), 64 connections)
                          --people N                   exactly N people in the scenario tenant (A/B of the people count;
                                                       default: 25,000 embedded, 1,500 on Azurite, for 20 open cases a person)
                          --scale-tenants N --scale-people-per-tenant N --scale-cases-per-tenant N --big-tenant-cases N
                          --collection-age-minutes M   idle age of the scale silo (default 3.5)
                          --out PATH                   report file (default docs/benchmarks.md)
                          --budget-minutes M           whole-run bound (default 20)
                          --silo-env K=V / --silo-arg --Key=Value   passed to every silo (tuning experiments)
                          --silo-dll PATH              run this CareGrid.Silo.dll instead of building src/Silo (A/B tuning)
                        """ + Environment.NewLine + CareGrid.Benchmarks.Scenarios.MemorySettings.Help);
                    return null;
                case var option when s.Memory.TryApply(option, Next): break;
                default: throw new ArgumentException($"Unknown option {args[i]} (see --help).");
            }
        }

        return s;
    }
}
