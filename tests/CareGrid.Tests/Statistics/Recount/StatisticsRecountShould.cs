using System.Text.Json;
using CareGrid.Grains.Statistics;
using CareGrid.Grains.Tenancy;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace CareGrid.Tests.Statistics.Recount;

/// <summary>
/// The acceptance property of the statistics (docs/statistics.md): on a tenant driven through the real grains by random command
/// sequences (FsCheck, shrinking on), every figure of <see cref="ITenantStatisticsGrain.Get"/> equals a brute-force recount
/// over the grains' own state, for the whole tenant and a subtree, for the default period and others; and the projection
/// rebuilt from the read side equals the one the grains fed command by command.
/// </summary>
[Trait("tier", "grains")]
[Collection(RecountClusterCollection.Name)]
public sealed class StatisticsRecountShould(RecountClusterFixture fixture, ITestOutputHelper output)
{
    /// <summary>Generated runs per property (each a fresh tenant of up to <see cref="TenantCommands.MaxCommands"/> commands).</summary>
    private const int Runs = 30;

    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true };

    private readonly Dictionary<string, int> _outcomes = [];

    private readonly HashSet<string> _notes = [];
    private readonly Dictionary<string, int> _exercised = [];
    private readonly Dictionary<string, int> _events = [];

    /// <summary>How many comparisons had each figure non-empty (so a figure nobody exercised shows).</summary>
    private string Exercised => string.Join(", ", _exercised.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {e.Value}"));

    private int _commands;

    private string Outcomes => string.Join(", ", _outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}"));

    [Fact]
    public async Task Equal_a_brute_force_recount_of_the_grains_state_after_random_command_sequences()
    {
        var property = Prop.ForAll(TenantCommands.Sequences, commands => RunAsync(commands, rebuild: false).GetAwaiter().GetResult());
        var config = ReplayConfig.FromEnvironment(Config.QuickThrowOnFailure.WithMaxTest(Runs));
        await Task.Run(() => Check.One(config, property));
        output.WriteLine($"{Runs} runs, {_commands} commands applied (shrinking included): {Outcomes}");
        output.WriteLine($"comparisons with a non-empty figure: {Exercised}");
        output.WriteLine($"events in the recounted cases: {string.Join(", ", _events.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {e.Value}"))}");
        output.WriteLine($"{_notes.Count} notes{string.Concat(_notes.Take(5).Select(n => "\n  " + n))}");
    }

    [Fact]
    public async Task Rebuild_from_the_read_side_to_the_figures_the_grains_fed_one_command_at_a_time()
    {
        var property = Prop.ForAll(TenantCommands.Sequences, commands => RunAsync(commands, rebuild: true).GetAwaiter().GetResult());
        await Task.Run(() => Check.One(ReplayConfig.FromEnvironment(Config.QuickThrowOnFailure.WithMaxTest(10)), property));
        output.WriteLine($"10 runs, {_commands} commands applied (shrinking included): {Outcomes}");
    }

    /// <summary>Runs <paramref name="commands"/> on a fresh tenant, then compares (and with <paramref name="rebuild"/>, rebuilds and compares again).</summary>
    private async Task RunAsync(TenantCommand[] commands, bool rebuild)
    {
        var tenant = await RecountTenant.CreateAsync(fixture.Grains, fixture.Clock);
        var trace = new List<string>();
        foreach (var command in commands)
        {
            var outcome = await tenant.ApplyAsync(command);
            trace.Add($"{command} → {outcome}");
            var key = $"{command.GetType().Name.Replace("Cmd", "", StringComparison.Ordinal)}:{outcome}";
            _outcomes[key] = _outcomes.GetValueOrDefault(key) + 1;
            _commands++;
        }

        var statistics = fixture.Grains.GetGrain<ITenantStatisticsGrain>(tenant.Id);
        // The world and the figures of one moment: a deadline reminder may escalate tasks at any time (RecountSnapshot).
        var (world, (fed, rebuilt), attempts) = await RecountSnapshot.TakeAsync(fixture.Grains, tenant, fixture.Clock, (w, _) => ReadFiguresAsync(statistics, w, tenant, rebuild));
        _outcomes[$"snapshot reads:{attempts}"] = _outcomes.GetValueOrDefault($"snapshot reads:{attempts}") + 1;
        foreach (var action in world.Cases.SelectMany(c => c.Timeline).Select(e => e.Action)
                     .Where(a => a is "Close" or "Reopen" or "StartIntervention" or "ProposeReferral" or "Refer" or "ReferralAccepted" or "TaskDone" or "TaskCancelled" or "NotifyLevel2" or "LogContact"))
        {
            _events[action] = _events.GetValueOrDefault(action) + 1;
        }

        var requests = Requests(world, tenant);
        var differences = new List<string>();
        for (var i = 0; i < requests.Count; i++)
        {
            var (name, request, units) = requests[i];
            var period = request.Period ?? DefaultPeriod(world);
            var recount = new Recount(world, period, units, fed[i]).CompareAll();
            differences.AddRange(recount.Differences.Select(d => $"{name}: {d}"));
            foreach (var figure in recount.Exercised)
            {
                _exercised[figure] = _exercised.GetValueOrDefault(figure) + 1;
            }

            foreach (var note in recount.Notes)
            {
                _notes.Add($"{name}: {note}");
            }

            if (rebuilt is not null)
            {
                var (a, b) = (JsonSerializer.Serialize(fed[i], Json), JsonSerializer.Serialize(rebuilt[i], Json));
                if (a != b)
                {
                    differences.Add($"{name}: rebuilt from the read side\n  fed     {a}\n  rebuilt {b}");
                }
            }
        }

        TenantContext.Clear();
        if (differences.Count > 0)
        {
            throw new Xunit.Sdk.XunitException($"Statistics differ from the recount over the grains' state:\n  {string.Join("\n  ", differences)}\nafter:\n  {string.Join("\n  ", trace)}");
        }
    }

    /// <summary>
    /// The reports of <see cref="Requests"/> as the grains fed them; with <paramref name="rebuild"/>, also after a reset that
    /// rebuilds the projection from the read side (a repeated read starts from the projection the previous one rebuilt).
    /// </summary>
    private static async Task<(List<StatisticsReport> Fed, List<StatisticsReport>? Rebuilt)> ReadFiguresAsync(
        ITenantStatisticsGrain statistics, RecountWorld world, RecountTenant tenant, bool rebuild)
    {
        var requests = Requests(world, tenant);
        TenantContext.Set(tenant.Id);
        var fed = new List<StatisticsReport>();
        foreach (var (_, request, _) in requests)
        {
            fed.Add(await statistics.Get(request));
        }

        if (!rebuild)
        {
            return (fed, null);
        }

        await statistics.Reset();
        var rebuilt = new List<StatisticsReport>();
        foreach (var (_, request, _) in requests)
        {
            rebuilt.Add(await statistics.Get(request));
        }

        return (fed, rebuilt);
    }

    /// <summary>The default period (the current week and the three before it), from its definition.</summary>
    internal static StatisticsPeriod DefaultPeriod(RecountWorld world)
    {
        var monday = world.WeekOf(world.Now);
        return new StatisticsPeriod(monday.AddDays(-21), monday.AddDays(6));
    }

    /// <summary>What each run asks: the whole tenant and the grade-7 subtree for the default period; the whole run's weeks; one class for the first week.</summary>
    private static List<(string Name, StatisticsRequest Request, IReadOnlySet<string>? Units)> Requests(RecountWorld world, RecountTenant tenant)
    {
        HashSet<string> grade7 = ["grade-7", "class-7-1", "class-7-2"];
        var first = world.WeekOf(tenant.StartedAt);
        var whole = new StatisticsPeriod(first, world.WeekOf(world.Now).AddDays(6));
        return
        [
            ("tenant, default period", new StatisticsRequest(null, null), null),
            ("grade-7 subtree, default period", new StatisticsRequest(null, [.. grade7]), grade7),
            ("tenant, every week of the run", new StatisticsRequest(whole, null), null),
            ("class-7-1 only, first week", new StatisticsRequest(new StatisticsPeriod(first, first.AddDays(6)), ["class-7-1"]), new HashSet<string> { "class-7-1" }),
        ];
    }
}
