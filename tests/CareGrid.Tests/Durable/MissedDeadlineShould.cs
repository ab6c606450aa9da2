using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CareGrid.Tests.Durable;

/// <summary>
/// Deadlines that fall due while the whole cluster is down are escalated within 30 s of the cluster serving again — by
/// the sweep each silo runs when it becomes active, not at the reminder's next tick minutes later — and exactly once,
/// even with two silos sweeping at the same time and a third sweeping afterwards (R-1.10; docs/deadline-sweep.md).
/// </summary>
/// <remarks>
/// The tenant sets the police-transport and family-contact deadlines to <see cref="DeadlineMinutes"/> minutes and reports
/// <see cref="DefaultCases"/> IMMINENT concerns (two such tasks each). The only silo is killed before the deadlines; the
/// cluster then restarts with its domain clock shifted <see cref="Offset"/> ahead (<c>Clock:OffsetSeconds</c>, a testing
/// aid), i.e. as if it had stayed down past every deadline, without the test waiting for them. The Orleans reminders keep
/// real time and are not due before the test ends, so only the sweep can escalate. The test watches the read side
/// (<c>overdueTasks</c>, which activates no grain), then reads every timeline, and adds the counts the silos log.
/// <c>CAREGRID_SWEEP_CASES</c> sets the number of cases (to measure the bound on more overdue tasks). Bounded: about 2 minutes.
/// </remarks>
[Trait("tier", "durable")]
[Collection(DurableCollection.Name)]
public sealed partial class MissedDeadlineShould(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int DefaultCases = 20;
    private const int DeadlineMinutes = 5;
    private static readonly TimeSpan Offset = TimeSpan.FromMinutes(DeadlineMinutes + 2);
    private static readonly TimeSpan SweepBound = TimeSpan.FromSeconds(30);
    private static readonly string[] Kinds = ["POLICE_TRANSPORT_ASSISTANCE", "NOTIFY_FAMILY_EMERGENCY_CONTACT"];

    [SkippableFact]
    public async Task Escalate_every_deadline_missed_during_downtime_within_30_s_of_the_restart_and_only_once()
    {
        azurite.RequireAzurite();
        var cases = int.TryParse(Environment.GetEnvironmentVariable("CAREGRID_SWEEP_CASES"), out var n) && n > 0 ? n : DefaultCases;
        var settings = new DurableSettings(azurite, "sweep");
        var tenant = "sweep-" + settings.ClusterId[^10..];
        var restarted = new List<SiloProcess>();
        try
        {
            var deadlines = await ReportBeforeDowntimeAsync(settings, tenant, cases);
            var shifted = Shifted(settings);
            var b = SiloProcess.Start("silo-b", shifted(FreePorts.Next(), FreePorts.Next(), FreePorts.Next()));
            var c = SiloProcess.Start("silo-c", shifted(FreePorts.Next(), FreePorts.Next(), FreePorts.Next()));
            restarted.AddRange([b, c]);
            var healthy = await Task.WhenAll(HealthyAtAsync(b), HealthyAtAsync(c));
            var servingAt = healthy.Min();
            using var http = new HttpClient { BaseAddress = b.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
            var api = new GraphQLClient(http);
            var token = settings.Token("psych@" + tenant, tenant, Roles.Counsellor);
            var escalatedAt = await WaitForEscalationsAsync(api, tenant, token, deadlines.Count, servingAt);
            var took = escalatedAt - servingAt;
            output.WriteLine($"{deadlines.Count} overdue tasks on {cases} cases escalated {took.TotalSeconds:F1} s after the restarted cluster answered /health " +
                $"(silos healthy {(healthy.Max() - healthy.Min()).TotalSeconds:F1} s apart)");
            Assert.True(took <= SweepBound, $"The overdue tasks were escalated {took.TotalSeconds:F1} s after the restart (bound {SweepBound.TotalSeconds} s).");
            Assert.True(escalatedAt < deadlines.Values.Min(), "The real-time reminders were due before the escalations were seen; the test did not show the sweep alone.");

            await AssertOnceOnEveryTimelineAsync(api, tenant, token, deadlines);
            var logged = await SweepCountsAsync(b) + await SweepCountsAsync(c);
            Assert.Equal(deadlines.Count, logged);

            // A third silo sweeping later finds nothing left to escalate, and no timeline changes.
            var d = SiloProcess.Start("silo-d", shifted(FreePorts.Next(), FreePorts.Next(), FreePorts.Next()));
            restarted.Add(d);
            await d.WaitHealthyAsync(TimeSpan.FromSeconds(90));
            Assert.Equal(0, await SweepCountsAsync(d));
            await AssertOnceOnEveryTimelineAsync(api, tenant, token, deadlines);
        }
        catch
        {
            foreach (var silo in restarted)
            {
                output.WriteLine($"{silo.Name} output:\n{silo.RecentOutput(80)}");
            }

            throw;
        }
        finally
        {
            foreach (var silo in restarted)
            {
                await silo.DisposeAsync();
            }

            settings.DeleteKey();
        }
    }

    /// <summary>
    /// One silo on the wall clock: the tenant, its short deadlines and the IMMINENT cases; then the silo is killed, before
    /// any deadline. Returns the deadline of each (case id, task kind).
    /// </summary>
    private async Task<Dictionary<(string Case, string Kind), DateTimeOffset>> ReportBeforeDowntimeAsync(DurableSettings settings, string tenant, int cases)
    {
        var clock = Stopwatch.StartNew();
        await using var a = SiloProcess.Start("silo-a", settings.ForSilo(FreePorts.Next(), FreePorts.Next(), FreePorts.Next()));
        try
        {
            await a.WaitHealthyAsync(TimeSpan.FromSeconds(90));
            using var http = new HttpClient { BaseAddress = a.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
            var api = new GraphQLClient(http);
            var builder = new TenantBuilder(api, settings);
            await builder.OnboardAsync(tenant, "SCHOOL");
            await builder.CreateOrganizationAsync(tenant, "school", "SCHOOL", null, null);
            foreach (var kind in Kinds)
            {
                (await api.PostAsync(TenantBuilder.Path(tenant), $"mutation {{ setProtocolDeadline(kind: {kind}, amount: {DeadlineMinutes}, unit: MINUTES) {{ timeZone }} }}",
                    token: builder.AdminToken(tenant))).EnsureNoErrors();
            }

            var deadlines = new Dictionary<(string, string), DateTimeOffset>();
            var gate = new SemaphoreSlim(4);
            await Task.WhenAll(Enumerable.Range(0, cases).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    await builder.RegisterAsync(tenant, $"student-{i}", "school");
                    var node = (await api.PostAsync(TenantBuilder.Path(tenant),
                        "mutation($in: ReportConcernInput!) { reportConcern(input: $in) { id tasks { kind dueAt } } }",
                        new { @in = new { personId = $"student-{i}", summary = "Standing on the roof edge", riskLevel = "IMMINENT" } },
                        builder.CounsellorToken(tenant))).EnsureNoErrors().Data!["reportConcern"]!;
                    lock (deadlines)
                    {
                        foreach (var task in node["tasks"]!.AsArray().Where(t => Kinds.Contains(t!["kind"]!.GetValue<string>())))
                        {
                            deadlines[(node["id"]!.GetValue<string>(), task!["kind"]!.GetValue<string>())] = Instant(task["dueAt"]!);
                        }
                    }
                }
                finally
                {
                    gate.Release();
                }
            }));

            await a.KillAsync();
            Assert.Equal(2 * cases, deadlines.Count);
            Assert.True(deadlines.Values.Min() > DateTimeOffset.UtcNow, "A deadline passed before the cluster went down.");
            output.WriteLine($"{cases} IMMINENT cases reported, {deadlines.Count} tasks due {deadlines.Values.Min():HH:mm:ss}–{deadlines.Values.Max():HH:mm:ss} UTC; " +
                $"cluster killed after {clock.Elapsed.TotalSeconds:F1} s");
            return deadlines;
        }
        catch
        {
            output.WriteLine("silo-a output:\n" + a.RecentOutput(80));
            throw;
        }
    }

    /// <summary>Silo settings of the restarted cluster: the same storage and cluster, the domain clock past every deadline, the sweep's log line shown.</summary>
    private static Func<int, int, int, Dictionary<string, string>> Shifted(DurableSettings settings) => (silo, gateway, http) =>
    {
        var values = settings.ForSilo(silo, gateway, http);
        values["Clock:OffsetSeconds"] = Offset.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        values["Logging:LogLevel:CareGrid.Grains.Cases.DeadlineSweep"] = "Information";
        return values;
    };

    private static async Task<DateTimeOffset> HealthyAtAsync(SiloProcess silo)
    {
        await silo.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        return DateTimeOffset.UtcNow;
    }

    /// <summary>
    /// Polls the read side (no grain is activated by it) until every one of <paramref name="expected"/> overdue tasks shows
    /// one escalation; a bounded poll of external processes, giving up <see cref="SweepBound"/> plus 30 s after the restart.
    /// </summary>
    private static async Task<DateTimeOffset> WaitForEscalationsAsync(GraphQLClient api, string tenant, string token, int expected, DateTimeOffset servingAt)
    {
        var giveUpAt = servingAt + SweepBound + TimeSpan.FromSeconds(30);
        var escalated = 0;
        while (DateTimeOffset.UtcNow < giveUpAt)
        {
            var rows = new List<JsonNode>();
            string? after = null;
            GraphQLResponse page;
            do
            {
                page = await api.PostAsync(TenantBuilder.Path(tenant),
                    $"{{ overdueTasks(first: 100{(after is null ? "" : $", after: \"{after}\"")}) {{ nodes {{ {TenantBuilder.TaskSelection} }} pageInfo {{ hasNextPage endCursor }} }} }}",
                    token: token);
                if (page.FirstCode == "UNAVAILABLE")
                {
                    break;
                }

                var connection = page.EnsureNoErrors().Data!["overdueTasks"]!;
                rows.AddRange(connection["nodes"]!.AsArray().Select(r => r!));
                after = connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? connection["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
            }
            while (after is not null);

            escalated = rows.Count(r => r["escalationCount"]!.GetValue<int>() == 1);
            if (escalated == expected && rows.Count == expected)
            {
                return DateTimeOffset.UtcNow;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        throw new Xunit.Sdk.XunitException($"Only {escalated} of {expected} overdue tasks were escalated {(giveUpAt - servingAt).TotalSeconds} s after the restart.");
    }

    /// <summary>Each overdue task: escalated once, after its deadline, with exactly one <c>TaskOverdue</c> entry naming it.</summary>
    private static async Task AssertOnceOnEveryTimelineAsync(GraphQLClient api, string tenant, string token, Dictionary<(string Case, string Kind), DateTimeOffset> deadlines)
    {
        foreach (var caseId in deadlines.Keys.Select(k => k.Case).Distinct())
        {
            var view = (await api.PostAsync(TenantBuilder.Path(tenant),
                $"{{ case(id: \"{caseId}\") {{ timeline {{ action reason }} tasks {{ id kind escalationCount escalatedAt }} }} }}", token: token))
                .EnsureNoErrors().Data!["case"]!;
            var overdue = view["timeline"]!.AsArray().Where(e => e!["action"]!.GetValue<string>() == "TaskOverdue").ToList();
            Assert.Equal(Kinds.Length, overdue.Count);
            foreach (var kind in Kinds)
            {
                var task = view["tasks"]!.AsArray().Single(t => t!["kind"]!.GetValue<string>() == kind)!;
                Assert.Equal(1, task["escalationCount"]!.GetValue<int>());
                Assert.True(Instant(task["escalatedAt"]!) >= deadlines[(caseId, kind)], $"{caseId} {kind} escalated before its deadline");
                Assert.Single(overdue, e => e!["reason"]!.GetValue<string>().StartsWith(task["id"]!.GetValue<string>() + " ", StringComparison.Ordinal));
            }
        }
    }

    /// <summary>
    /// The tasks a silo's sweep escalated, from its log line (<c>Deadline sweep: … N escalated here …</c>); waits for the
    /// line, bounded by <see cref="SweepBound"/>.
    /// </summary>
    private async Task<int> SweepCountsAsync(SiloProcess silo)
    {
        var bound = Stopwatch.StartNew();
        while (bound.Elapsed < SweepBound)
        {
            var match = SweepLine().Match(silo.RecentOutput(400));
            if (match.Success)
            {
                foreach (var line in silo.RecentOutput(400).Split('\n').Where(l => l.Contains("eadline sweep", StringComparison.Ordinal)))
                {
                    output.WriteLine($"{silo.Name}: {line.Trim()}");
                }

                Assert.Equal("0", match.Groups["failed"].Value);
                return int.Parse(match.Groups["escalated"].Value, CultureInfo.InvariantCulture);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        throw new Xunit.Sdk.XunitException($"{silo.Name} logged no deadline sweep within {SweepBound.TotalSeconds} s:\n{silo.RecentOutput()}");
    }

    [GeneratedRegex(@"Deadline sweep: \d+ tenants, \d+ overdue unescalated tasks on \d+ cases checked, (?<escalated>\d+) escalated here, (?<failed>\d+) failed, in (?<seconds>[0-9.]+) s")]
    private static partial Regex SweepLine();

    private static DateTimeOffset Instant(JsonNode node) =>
        DateTimeOffset.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
