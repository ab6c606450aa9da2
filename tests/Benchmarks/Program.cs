using System.Diagnostics;
using CareGrid.Benchmarks;
using CareGrid.Benchmarks.Infra;
using CareGrid.Benchmarks.Load;
using CareGrid.Benchmarks.Micro;
using CareGrid.Benchmarks.Report;
using CareGrid.Benchmarks.Scenarios;
using CareGrid.Benchmarks.Servers;

// `serve-json --port N`: the minimal JSON endpoint (the HTTP ceiling), started by the benchmark in its own process.
if (args.Length > 0 && args[0] == MinimalJsonServer.Verb)
{
    return await MinimalJsonServer.RunAsync(args);
}

// `compress-states`: compressed size and CPU per codec of the states embedded storage keeps (docs/memory.md "Round 17").
if (args is [StateCompression.Verb])
{
    return StateCompression.Run();
}

var settings = BenchSettings.Parse(args);
if (settings is null)
{
    return 0;
}

if (settings.Wrk && (settings.Embedded || settings.Only.Count == 0) && Wrk.Locate() is null)
{
    Console.Error.WriteLine(Wrk.Missing + ".");
    return 2;
}

var clock = Stopwatch.StartNew();
TimeSpan Remaining() => settings.Budget - clock.Elapsed;
var work = Path.Combine(Path.GetTempPath(), $"caregrid-bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
Directory.CreateDirectory(work);
Console.WriteLine($"CareGrid benchmark — logs and the temporary signing key in {work}");

var results = new BenchResults
{
    Machine = Machine.Describe(await SdkVersionAsync(work)),
    StartedAt = DateTimeOffset.UtcNow,
    LoadAtStart = Proc.LoadAverage(),
};
Console.WriteLine($"Machine: {results.Machine.Cores} cores ({results.Machine.Cpu}), {results.Machine.Memory}, {results.Machine.Os}, {results.Machine.DotNet}; load {results.LoadAtStart}");

var tokens = new Tokens(Path.Combine(work, "dev-signing.key"));
var exitCode = 0;
try
{
    if (settings.SiloDll is { } dll)
    {
        SiloProcess.DllPath = dll;
        results.Notes.Add($"The silo under test was the prebuilt {dll} (--silo-dll), not a fresh build of src/Silo.");
    }
    else
    {
        Console.WriteLine("Building src/Silo (Release) ...");
        await SiloProcess.BuildAsync(work);
    }

    if (settings.Only.Count == 0)
    {
        Console.WriteLine("HTTP ceiling: minimal JSON endpoint");
        await Baselines.RunJsonAsync(settings, work, results);
    }

    if (settings.Embedded)
    {
        Console.WriteLine("CareGrid on the embedded default");
        await Phase("embedded scenarios", () => CareGridScenarios.RunAsync(MarkdownReport.Embedded, SiloSettings("silo-embedded", null), settings, tokens, work, results));
    }

    if (!settings.Statistics)
    {
        results.Skipped.Add("statistics phase: --no-statistics");
    }
    else if (settings.Only.Count == 0 && Remaining() < TimeSpan.FromMinutes(10))
    {
        results.Skipped.Add("statistics phase: not enough of the time budget left");
    }
    else
    {
        Console.WriteLine($"Supervision targets on the embedded default: statistics ({settings.StatisticsBigCases:N0} vs {settings.StatisticsSmallCases:N0} cases), roll-up over {settings.RollUpChildren} child tenants");
        await Phase("statistics", async () => results.Statistics = await StatisticsPhase.RunAsync(settings, tokens, work));
    }

    // The durable phase and the micro-benchmarks run while the scale silo sits idle waiting for deactivation, so that
    // the wait costs no extra time (the idle silo uses no CPU then, apart from Orleans' collection pass).
    async Task DurableAndMicroAsync()
    {
        if (!settings.Durable)
        {
            results.Skipped.Add("durable mode (Azurite): --no-durable");
        }
        else if (AzuriteProcess.Unavailable() is { } why)
        {
            results.Skipped.Add($"durable mode (Azurite): {why}");
            Console.WriteLine($"Skipping durable mode: {why}");
        }
        else if (Remaining() < TimeSpan.FromMinutes(4))
        {
            results.Skipped.Add("durable mode (Azurite): not enough of the time budget left");
        }
        else
        {
            await Phase("durable mode (Azurite)", async () =>
            {
                Console.WriteLine("Azurite: starting (in memory, free port)");
                await using var azurite = await AzuriteProcess.StartAsync(work);
                Console.WriteLine("Storage ceiling: raw Azure.Data.Tables inserts into Azurite");
                await Baselines.RunTableInsertsAsync(settings, azurite, results);
                Console.WriteLine("CareGrid on Azurite (Storage:Provider=AzureTable)");
                await CareGridScenarios.RunAsync(MarkdownReport.Azurite, SiloSettings("silo-azurite", azurite.ConnectionString), settings, tokens, work, results);
            });
        }

        if (settings.Micro)
        {
            await Phase("micro-benchmarks", () =>
            {
                Console.WriteLine("Micro-benchmarks (BenchmarkDotNet, short job)");
                results.MicroTable = MicroRunner.Run(Path.Combine(work, "BenchmarkDotNet.Artifacts"));
                return Task.CompletedTask;
            });
        }
    }

    if (settings.AuditFlat && settings.RunsPart(AuditFlatScenario.Part) && (settings.Durable || settings.Only.Count > 0)) await Phase("audit flat", async () => results.AuditFlat = await AuditFlatScenario.RunAsync(settings, tokens, work));

    if (settings.Scale && Remaining() > TimeSpan.FromMinutes(4))
    {
        Console.WriteLine($"Scale: {settings.ScaleTenants} tenants × ({settings.ScalePeoplePerTenant:N0} people, {settings.ScaleCasesPerTenant:N0} cases) on the embedded default");
        await Phase("scale", async () => results.Scale = await ScalePhase.RunAsync(settings, tokens, work, DurableAndMicroAsync, Remaining));
        results.Notes.Add("The durable phase and the micro-benchmarks ran while the scale silo sat idle waiting for deactivation; that silo used no CPU then apart from Orleans' collection pass.");
    }
    else
    {
        results.Skipped.Add(settings.Scale ? "scale phase: not enough of the time budget left" : "scale phase: --no-scale");
        await DurableAndMicroAsync();
    }

    await Phase("memory", () => DurableScalePhase.RunAsync(settings, tokens, work, results, Remaining));
}
catch (Exception ex)
{
    exitCode = 1;
    results.Notes.Add("The run stopped early: " + Format.Trim(ex.Message));
    Console.Error.WriteLine(ex);
}
finally
{
    ChildProcess.KillAll();
}

results.FinishedAt = DateTimeOffset.UtcNow;
results.LoadAtEnd = Proc.LoadAverage();
var verdicts = MarkdownReport.Judge(results);
var markdown = settings.Only.Count > 0 ? StatisticsMarkdown.RenderOnly(results, settings, verdicts) : MarkdownReport.Render(results, settings, verdicts);
// With --only, the partial report does not replace docs/benchmarks.md unless --out says so.
var outputPath = settings.Only.Count > 0 && !settings.OutputGiven ? Path.Combine(work, "benchmarks.md") : settings.Output;
var output = Path.IsPathRooted(outputPath) ? outputPath : Path.Combine(Repo.Root, outputPath);
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
await File.WriteAllTextAsync(output, markdown);
Console.WriteLine();
Console.WriteLine(markdown);
Console.WriteLine($"Wrote {output} after {clock.Elapsed.TotalMinutes:0.0} min.");
return exitCode;

async Task Phase(string name, Func<Task> run)
{
    try
    {
        await run();
    }
    catch (Exception ex)
    {
        exitCode = 1;
        results.Notes.Add($"The {name} phase stopped early: {Format.Trim(ex.Message)}");
        Console.Error.WriteLine($"{name} failed: {ex}");
    }
}

SiloSettings SiloSettings(string name, string? connection) => new(name, connection)
{
    ExtraArgs = settings.SiloArgs,
    Environment = settings.SiloEnvironment,
};

static async Task<string> SdkVersionAsync(string work)
{
    await using var probe = ChildProcess.Start("dotnet --version", "dotnet", ["--version"], Path.Combine(work, "sdk-version.log"));
    await probe.WaitForExitAsync(TimeSpan.FromSeconds(30));
    return probe.Tail(2).Trim();
}
