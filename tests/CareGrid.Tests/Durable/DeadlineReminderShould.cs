using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CareGrid.Tests.Durable;

/// <summary>
/// The high-risk protocol's deadlines (R-1.10) are Orleans reminders kept in Azure Table storage, with the periodic deadline
/// sweep as their safety net (docs/deadline-sweep.md): a deadline set while two silos run still escalates the overdue task
/// after one of them is killed, on the surviving silo.
/// </summary>
/// <remarks>
/// The tenant sets the family-contact deadline to 1 minute (<c>setProtocolDeadline(unit: MINUTES)</c>); reporting a
/// HIGH concern then creates that task and registers the case's deadline reminder, due in a minute. Reminders are
/// spread over the silos' ranges of the ring by grain id, so with <see cref="Cases"/> cases some of them (all but
/// with probability 2^-8) belong to the killed silo; every one must fire. The test only watches the read side
/// (<c>overdueTasks</c>, which activates no grain) until every task is escalated, so nothing but the reminder or the
/// survivor's periodic sweep (every 10 s here) can have escalated them; then it reads each case's timeline for the <c>TaskOverdue</c> entry. Bounded: ≤ 3 minutes.
/// </remarks>
[Trait("tier", "durable")]
[Collection(DurableCollection.Name)]
public sealed class DeadlineReminderShould(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Cases = 8;

    /// <summary>How long after its deadline a reminder may fire (Orleans reminder ticks are not precise; the takeover adds seconds).</summary>
    private static readonly TimeSpan FiringBound = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task Fire_a_deadline_set_before_a_silo_is_killed_on_the_surviving_silo()
    {
        azurite.RequireAzurite();
        var settings = new DurableSettings(azurite, "reminder");
        // On failure the survivor's log must say why: Orleans' reminder service and grain-call warnings, without the
        // retry noise of calls to the killed silo.
        settings.Values["Logging:LogLevel:Orleans"] = "Warning";
        settings.Values["Logging:LogLevel:Orleans.Runtime.ReminderService"] = "Information";
        settings.Values["Logging:LogLevel:Polly"] = "Error";
        // The production safety net beside the reminders: a reminder the killed silo held and the survivor has not loaded
        // yet (Orleans re-reads its reminder table every few minutes) is caught by the survivor's periodic sweep.
        settings.Values["Deadlines:Sweep:Interval"] = "00:00:10";
        var clock = Stopwatch.StartNew();
        await using var a = SiloProcess.Start("silo-a", settings.ForSilo(FreePorts.Next(), FreePorts.Next(), FreePorts.Next()));
        await using var b = SiloProcess.Start("silo-b", settings.ForSilo(FreePorts.Next(), FreePorts.Next(), FreePorts.Next()));
        try
        {
            await Task.WhenAll(a.WaitHealthyAsync(TimeSpan.FromSeconds(90)), b.WaitHealthyAsync(TimeSpan.FromSeconds(90)));
            output.WriteLine($"two silos up (PIDs {a.Pid}, {b.Pid}) in {clock.Elapsed.TotalSeconds:F1} s");
            using var httpA = new HttpClient { BaseAddress = a.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
            using var httpB = new HttpClient { BaseAddress = b.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
            var viaA = new GraphQLClient(httpA);
            var viaB = new GraphQLClient(httpB);
            var tenant = "rem-" + settings.ClusterId[^10..];
            var api = new TenantBuilder(viaA, settings);
            await api.OnboardAsync(tenant, "SCHOOL");
            await api.CreateOrganizationAsync(tenant, "school", "SCHOOL", null, null);
            var path = TenantBuilder.Path(tenant);
            (await viaA.PostAsync(path, "mutation { setProtocolDeadline(kind: NOTIFY_FAMILY_EMERGENCY_CONTACT, amount: 1, unit: MINUTES) { deadlines { kind amount unit } } }",
                token: api.AdminToken(tenant))).EnsureNoErrors();

            // Report HIGH concerns through both silos: each case gets a family-contact task due in one minute.
            var token = settings.Token("psych@" + tenant, tenant, Roles.Counsellor);
            var deadlines = new Dictionary<string, DateTimeOffset>();
            for (var i = 0; i < Cases; i++)
            {
                await api.RegisterAsync(tenant, $"student-{i}", "school");
                var response = await (i % 2 == 0 ? viaA : viaB).PostAsync(path,
                    "mutation($in: ReportConcernInput!) { reportConcern(input: $in) { id tasks { kind dueAt } } }",
                    new { @in = new { personId = $"student-{i}", summary = "Told a friend she wants to die", riskLevel = "HIGH" } }, token);
                var node = response.EnsureNoErrors().Data!["reportConcern"]!;
                var task = node["tasks"]!.AsArray().Single(t => t!["kind"]!.GetValue<string>() == "NOTIFY_FAMILY_EMERGENCY_CONTACT")!;
                deadlines[node["id"]!.GetValue<string>()] = Instant(task["dueAt"]!);
            }

            await b.KillAsync();
            var killedAt = DateTimeOffset.UtcNow;
            var latestDeadline = deadlines.Values.Max();
            output.WriteLine($"{Cases} HIGH cases reported; family-contact deadlines between {deadlines.Values.Min():HH:mm:ss.fff} and {latestDeadline:HH:mm:ss.fff} UTC; " +
                $"killed silo-b at {killedAt:HH:mm:ss.fff} ({(latestDeadline - killedAt).TotalSeconds:F1} s before the last deadline)");
            Assert.True(deadlines.Values.Min() > killedAt, "A deadline passed before the kill; the test would not show a reminder firing after it.");

            // Watch the read side until every family-contact task shows its escalation. A bounded poll of the surviving
            // process: nothing but its reminder or its periodic sweep escalates these tasks, about a minute from now.
            var escalated = new Dictionary<string, JsonNode>();
            var giveUpAt = latestDeadline + FiringBound + TimeSpan.FromSeconds(15);
            while (escalated.Count < Cases && DateTimeOffset.UtcNow < giveUpAt)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                var overdue = await viaA.PostAsync(path, $"{{ overdueTasks(first: 100) {{ nodes {{ {TenantBuilder.TaskSelection} }} }} }}", token: token);
                if (overdue.FirstCode == "UNAVAILABLE")
                {
                    // The survivor may still route a call to the killed silo until membership declares it dead: retryable.
                    continue;
                }

                foreach (var row in overdue.EnsureNoErrors().Data!["overdueTasks"]!["nodes"]!.AsArray())
                {
                    if (row!["kind"]!.GetValue<string>() == "NOTIFY_FAMILY_EMERGENCY_CONTACT" && row["escalationCount"]!.GetValue<int>() == 1)
                    {
                        escalated[row["caseId"]!.GetValue<string>()] = row.DeepClone();
                    }
                }
            }

            Assert.True(escalated.Count == Cases,
                $"Only {escalated.Count} of {Cases} deadline reminders fired within {FiringBound.TotalSeconds} s of their deadlines after silo-b was killed; " +
                $"not escalated: {string.Join(", ", deadlines.Keys.Where(id => !escalated.ContainsKey(id)))}.\n{a.RecentOutput(400)}");

            // Each case's timeline records the escalation, after its deadline and after the kill: the survivor fired it.
            var lags = new List<double>();
            foreach (var (caseId, deadline) in deadlines)
            {
                GraphQLResponse read;
                var attempts = 0;
                do
                {
                    read = await viaA.PostAsync(path, $"{{ case(id: \"{caseId}\") {{ timeline {{ at action reason }} tasks {{ kind ownerId escalationCount escalatedAt }} }} }}", token: token);
                }
                while (read.FirstCode == "UNAVAILABLE" && ++attempts < 20);
                var view = read.EnsureNoErrors().Data!["case"]!;
                var entry = view["timeline"]!.AsArray().Single(e => e!["action"]!.GetValue<string>() == "TaskOverdue" && e["reason"]!.GetValue<string>().Contains("NotifyFamilyEmergencyContact"))!;
                var firedAt = Instant(entry["at"]!);
                Assert.True(firedAt >= deadline && firedAt >= killedAt, $"{caseId}: escalated at {firedAt:O}, deadline {deadline:O}, kill {killedAt:O}");
                Assert.True(firedAt - deadline <= FiringBound, $"{caseId}: the reminder fired {(firedAt - deadline).TotalSeconds:F1} s after the deadline.");
                var task = view["tasks"]!.AsArray().Single(t => t!["kind"]!.GetValue<string>() == "NOTIFY_FAMILY_EMERGENCY_CONTACT")!;
                Assert.Equal(1, task["escalationCount"]!.GetValue<int>());
                lags.Add((firedAt - deadline).TotalSeconds);
            }

            output.WriteLine($"all {Cases} reminders fired on silo-a after the kill: {lags.Min():F1}–{lags.Max():F1} s after their deadlines " +
                $"(bound {FiringBound.TotalSeconds:F0} s); total {clock.Elapsed.TotalSeconds:F1} s");
        }
        catch
        {
            output.WriteLine("silo-a output:\n" + a.RecentOutput(120));
            output.WriteLine("silo-b output:\n" + b.RecentOutput(60));
            throw;
        }
        finally
        {
            settings.DeleteKey();
        }
    }

    private static DateTimeOffset Instant(JsonNode node) =>
        DateTimeOffset.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
