using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CareGrid.Tests.Durable;

/// <summary>
/// One open case per person holds across silos on Azure Table storage (docs/idempotency.md): two teachers reporting the
/// same student at the same moment through different silos end in one open case with both concerns; a keyed report
/// retried through the other silo lands on the same case once.
/// </summary>
[Trait("tier", "durable")]
[Collection(DurableCollection.Name)]
public sealed class OneOpenCaseAcrossSilosShould(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Students = 10;
    private const string Report = "mutation($in: ReportConcernInput!) { reportConcern(input: $in) { id reportOutcome } }";

    [SkippableFact]
    public async Task Join_concurrent_reports_through_two_silos_into_one_open_case_and_retry_a_keyed_report_once()
    {
        azurite.RequireAzurite();
        var settings = new DurableSettings(azurite, "oneopen");
        await using var a = SiloProcess.Start("silo-a", settings.ForSilo(FreePorts.Next(), FreePorts.Next(), FreePorts.Next()));
        await using var b = SiloProcess.Start("silo-b", settings.ForSilo(FreePorts.Next(), FreePorts.Next(), FreePorts.Next()));
        try
        {
            await Task.WhenAll(a.WaitHealthyAsync(TimeSpan.FromSeconds(90)), b.WaitHealthyAsync(TimeSpan.FromSeconds(90)));
            using var httpA = new HttpClient { BaseAddress = a.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
            using var httpB = new HttpClient { BaseAddress = b.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
            var viaA = new GraphQLClient(httpA);
            var viaB = new GraphQLClient(httpB);
            var tenant = "oo-" + settings.ClusterId[^10..];
            var setup = new TenantBuilder(viaA, settings);
            await setup.OnboardAsync(tenant, "SCHOOL");
            await setup.CreateOrganizationAsync(tenant, "school", "SCHOOL", null, null);
            var path = TenantBuilder.Path(tenant);
            // Both teachers work in the students' class: a report opens the case only to a reporter whose units cover the person's.
            await setup.CreateOrganizationAsync(tenant, "class-1", "CLASS", "school", 1);
            await setup.StaffAsync(tenant, "teacher-a@" + tenant, "class-1", "HomeroomTeacher");
            await setup.StaffAsync(tenant, "teacher-b@" + tenant, "class-1", "HomeroomTeacher");
            var teacherA = settings.Token("teacher-a@" + tenant, tenant, Roles.Caseworker);
            var teacherB = settings.Token("teacher-b@" + tenant, tenant, Roles.Caseworker);
            (await viaB.PostAsync(path, "{ organizations { id } }", token: teacherB)).EnsureNoErrors();

            for (var i = 0; i < Students; i++)
            {
                var student = $"s-{i}";
                await setup.RegisterAsync(tenant, student, "class-1");
                var answers = await Task.WhenAll(
                    viaA.PostAsync(path, Report, new { @in = new { personId = student, summary = "Cried in class", riskLevel = "LOW" } }, teacherA),
                    viaB.PostAsync(path, Report, new { @in = new { personId = student, summary = "Wrote a farewell note", riskLevel = "HIGH" } }, teacherB));
                // A teacher off the case's need-to-know list is answered with a receipt under its own id (round 16 F3): the other ids name the one case.
                var ids = answers.Select(r => r.EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>())
                    .Where(id => !id.StartsWith("rcpt-", StringComparison.Ordinal)).Distinct().ToList();
                var caseId = Assert.Single(ids);
                var open = (await viaA.PostAsync(path, $"{{ cases(filter: {{ person: \"{student}\", open: true }}) {{ nodes {{ id riskLevel }} }} }}", token: setup.CounsellorToken(tenant)))
                    .EnsureNoErrors().Data!["cases"]!["nodes"]!.AsArray();
                Assert.Equal((caseId, "HIGH"), (Assert.Single(open)!["id"]!.GetValue<string>(), open[0]!["riskLevel"]!.GetValue<string>()));
            }

            // A keyed report sent to silo-a and retried on silo-b (its answer lost) is stored once.
            await setup.RegisterAsync(tenant, "s-keyed", "class-1");
            var keyed = new { @in = new { personId = "s-keyed", summary = "Gave away his things", riskLevel = "MODERATE", idempotencyKey = "k-" + Guid.NewGuid().ToString("N") } };
            var first = (await viaA.PostAsync(path, Report, keyed, teacherA)).EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();
            var retry = (await viaB.PostAsync(path, Report, keyed, teacherA)).EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();
            Assert.Equal(first, retry);
            var timeline = (await viaB.PostAsync(path, $"{{ case(id: \"{first}\") {{ timeline {{ action }} }} }}", token: teacherA)).EnsureNoErrors()
                .Data!["case"]!["timeline"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ToList();
            Assert.Single(timeline, x => x == "Report");
            Assert.DoesNotContain("ConcernAdded", timeline);
            output.WriteLine($"{Students} students reported concurrently through two silos: one open case each; a keyed retry on the other silo stored once");
        }
        catch
        {
            output.WriteLine("silo-a output:\n" + a.RecentOutput(80));
            output.WriteLine("silo-b output:\n" + b.RecentOutput(80));
            throw;
        }
        finally
        {
            settings.DeleteKey();
        }
    }
}
