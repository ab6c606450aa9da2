using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace CareGrid.Tests.Durable;

/// <summary>
/// Durable mode survives a restart: tenants, organizations, people and cases created through GraphQL are all back —
/// every case with its timeline, and every list row (cases, people, organizations) — after the service stops and
/// starts again with the same configuration on Azure Table storage (Azurite).
/// </summary>
[Trait("tier", "durable")]
[Collection(DurableCollection.Name)]
public sealed class RestartShould(AzuriteFixture azurite, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Bring_back_every_case_timeline_and_list_row_after_the_service_restarts()
    {
        azurite.RequireAzurite();
        output.WriteLine($"Azurite (shared by the durable suite) was installed if needed and started in {azurite.StartTime.TotalSeconds:F1} s");
        var clock = Stopwatch.StartNew();
        var settings = new DurableSettings(azurite, "restart");
        var values = settings.ForSilo(Infrastructure.FreePorts.Next(), Infrastructure.FreePorts.Next());
        var district = "district-" + settings.ClusterId[^8..];
        var school = "school-" + settings.ClusterId[^8..];
        var before = new Dictionary<string, JsonObject>();
        var auditBefore = new Dictionary<string, JsonArray>();
        JsonNode? tenantsBefore;
        try
        {
            await using (var first = new DurableApiFactory(values))
            {
                var api = new TenantBuilder(first.GraphQL(), settings);
                await BuildDistrictAsync(api, district);
                await BuildSchoolAsync(api, school, district);
                foreach (var tenant in new[] { district, school })
                {
                    before[tenant] = await api.SnapshotAsync(tenant);
                    auditBefore[tenant] = await api.AuditLogAsync(tenant);
                    Assert.True((await api.VerifyAuditChainAsync(tenant))["intact"]!.GetValue<bool>());
                }

                tenantsBefore = await TenantsAsync(first, api);
                output.WriteLine($"built two tenants through GraphQL in {clock.Elapsed.TotalSeconds:F1} s; stopping the service");
            }

            var stopped = clock.Elapsed;
            await using var second = new DurableApiFactory(values);
            var again = new TenantBuilder(second.GraphQL(), settings);

            // Lists first, before any case or person grain is activated again: they come from the durable read side.
            foreach (var tenant in new[] { district, school })
            {
                var lists = await again.SnapshotAsync(tenant, listsOnly: true);
                foreach (var list in TenantBuilder.Lists)
                {
                    AssertSame(before[tenant][list]!, lists[list]!, $"{tenant} {list} after restart");
                }
            }

            foreach (var tenant in new[] { district, school })
            {
                AssertSame(before[tenant], await again.SnapshotAsync(tenant), $"{tenant} after restart");
            }

            AssertSame(tenantsBefore!, await TenantsAsync(second, again), "tenants after restart");

            // The audit log is back whole, its chain still verifies, and new records continue it (no second record 1).
            foreach (var tenant in new[] { district, school })
            {
                var log = await again.AuditLogAsync(tenant);
                Assert.True(log.Count > auditBefore[tenant].Count, $"{tenant}: the audit log did not grow after the restart");
                AssertSame(auditBefore[tenant], new JsonArray([.. log.Take(auditBefore[tenant].Count).Select(n => n!.DeepClone())]),
                    $"{tenant} audit log before the restart, as a prefix of the one after");
                Assert.Equal(Enumerable.Range(1, log.Count).Select(i => (long)i), log.Select(n => n!["sequence"]!.GetValue<long>()));
                var verification = await again.VerifyAuditChainAsync(tenant);
                Assert.True(verification["intact"]!.GetValue<bool>(), $"{tenant}: {verification.ToJsonString()}");
                Assert.True(verification["checked"]!.GetValue<long>() >= log.Count);
            }

            var cases = before.Values.Sum(s => s["cases"]!.AsArray().Count);
            var people = before.Values.Sum(s => s["people"]!.AsArray().Count);
            var organizations = before.Values.Sum(s => s["organizations"]!.AsArray().Count);
            var tasks = before.Values.Sum(s => s["myTasks"]!.AsArray().Count);
            Assert.True(cases >= 6 && people >= 8 && organizations >= 6 && tasks >= 12,
                $"too little data built: {cases} cases, {people} people, {organizations} organizations, {tasks} tasks");
            var audit = auditBefore.Values.Sum(a => a.Count);
            output.WriteLine($"restarted and compared {cases} cases (with timelines and tasks), {people} people, {organizations} organizations, {tasks} task rows, " +
                $"{audit} audit records (chain intact and continued) " +
                $"in {(clock.Elapsed - stopped).TotalSeconds:F1} s; total {clock.Elapsed.TotalSeconds:F1} s");

            // The restarted service keeps working on the same records.
            var caseId = before[school]["cases"]!.AsArray()[0]!["id"]!.GetValue<string>();
            await again.FireAsync(school, "assessRisk", caseId, ", riskLevel: IMMINENT, reason: \"after restart\"");
            var reread = await again.SnapshotAsync(school);
            var timeline = reread["caseDetails"]![caseId]!["timeline"]!.AsArray();
            var old = before[school]["caseDetails"]![caseId]!["timeline"]!.AsArray();
            Assert.True(timeline.Count > old.Count, "The assessment after the restart added nothing to the timeline.");
            AssertSame(old, new JsonArray([.. timeline.Take(old.Count).Select(e => e!.DeepClone())]), "the timeline before the restart, as a prefix of the one after");
            Assert.Contains(timeline.Skip(old.Count), e => e!["action"]!.GetValue<string>() == "AssessRisk" && e["reason"]!.GetValue<string>().Contains("after restart"));
        }
        finally
        {
            settings.DeleteKey();
        }
    }

    private static async Task<JsonNode> TenantsAsync(DurableApiFactory factory, TenantBuilder api)
    {
        var all = (await factory.GraphQL().PostAsync("/graphql", "{ tenants { id name kind status parentId } }", token: api.PlatformToken))
            .EnsureNoErrors().Data!["tenants"]!;
        return all.DeepClone();
    }

    private static void AssertSame(JsonNode expected, JsonNode actual, string what)
    {
        var e = expected.ToJsonString();
        var a = actual.ToJsonString();
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{what} differs.\nbefore: {e}\nafter:  {a}");
    }

    private static async Task BuildDistrictAsync(TenantBuilder api, string tenant)
    {
        await api.OnboardAsync(tenant, "DISTRICT");
        await api.CreateOrganizationAsync(tenant, "mhc", "MENTAL_HEALTH_CENTRE", null, 3);
        await api.CreateOrganizationAsync(tenant, "sub-1", "SUBDISTRICT", null, 2);
        await api.CreateOrganizationAsync(tenant, "community-1", "COMMUNITY", "sub-1", 1);
        for (var i = 1; i <= 4; i++)
        {
            await api.RegisterAsync(tenant, $"resident-{i}", "community-1", i % 2 == 0 ? "MALE" : "FEMALE");
            await api.BreakTheGlassAsync(tenant, $"resident-{i}");
        }

        // The social worker the LOW case is activated to: a staff member of the community (docs/access.md "Naming a staff member").
        await api.BreakTheGlassAsync(tenant, await api.StaffAsync(tenant, "social-worker@" + tenant, "community-1", "SocialWorker")); // the snapshot reads every person
        var low = await api.ReportAsync(tenant, "resident-1", "LOW");
        await api.FireAsync(tenant, "triageCase", low, ", reason: \"grid worker visit\"");
        await api.FireAsync(tenant, "activateCase", low, ", assigneeId: \"social-worker@" + tenant + "\"");
        var high = await api.ReportAsync(tenant, "resident-2", "HIGH");
        await api.FireAsync(tenant, "triageCase", high);
        var closed = await api.ReportAsync(tenant, "resident-3", "MODERATE");
        await api.FireAsync(tenant, "triageCase", closed);
        await api.FireAsync(tenant, "closeCase", closed, ", reason: \"resolved at triage\"");
    }

    private static async Task BuildSchoolAsync(TenantBuilder api, string tenant, string parent)
    {
        await api.OnboardAsync(tenant, "SCHOOL", parent);
        await api.CreateOrganizationAsync(tenant, "school", "SCHOOL", null, null);
        await api.CreateOrganizationAsync(tenant, "grade-8", "GRADE", "school", 2);
        await api.CreateOrganizationAsync(tenant, "class-8-1", "CLASS", "grade-8", 1);
        for (var i = 1; i <= 5; i++)
        {
            await api.RegisterAsync(tenant, $"student-{i}", "class-8-1", i % 2 == 0 ? "MALE" : "FEMALE");
            await api.BreakTheGlassAsync(tenant, $"student-{i}");
        }

        var moderate = await api.ReportAsync(tenant, "student-1", "MODERATE");
        await api.FireAsync(tenant, "assessRisk", moderate, ", riskLevel: HIGH, reason: \"PHQ-9 item 9 positive\"");
        await api.FireAsync(tenant, "triageCase", moderate);
        await api.FireAsync(tenant, "activateCase", moderate, ", assigneeId: \"psych@" + tenant + "\"");
        await api.FireAsync(tenant, "proposeReferral", moderate, ", institution: \"City psychiatric hospital\", reason: \"psychiatric assessment\"");
        var taskId = (await api.TasksAsync(tenant, moderate))["NOTIFY_FAMILY_EMERGENCY_CONTACT"];
        await api.FireAsync(tenant, "completeTask", moderate, $", taskId: \"{taskId}\", note: \"mother called back\"");
        await api.ReportAsync(tenant, "student-2", "LOW");
        await api.ReportAsync(tenant, "student-3", "IMMINENT");
    }
}
