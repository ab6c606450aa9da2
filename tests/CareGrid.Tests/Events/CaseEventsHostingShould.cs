using CareGrid.Grains.Cases;
using CareGrid.Grains.Events;
using CareGrid.Grains.Security;
using CareGrid.Tests.Durable;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Events;

/// <summary>The embedded host (the API test factory) registers the case events' stream: a GraphQL mutation's events reach it (docs/events.md "Hosting").</summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class CaseEventsHostingShould(CareGridApiFactory factory)
{
    [Fact]
    public async Task Publish_the_events_of_a_graphql_mutation_to_the_tenants_stream_in_the_embedded_host()
    {
        var client = factory.GraphQL();
        var tenant = Seeds.NewTenantId("school");
        (await client.PostAsync("/graphql", "mutation($in: OnboardTenantInput!) { onboardTenant(input: $in) { id } }",
            new { @in = new { id = tenant, name = "Events school", kind = "SCHOOL", firstAdminSubject = "head@" + tenant } }, factory.Token(null, Roles.PlatformAdmin))).EnsureNoErrors();
        var path = $"/t/{tenant}/graphql";
        (await client.PostAsync(path, "mutation { createOrganization(input: { id: \"class-1\", name: \"Class 1\", kind: CLASS, escalationLevel: 1 }) { id } }",
            token: factory.TokenFor("head@" + tenant, tenant, Roles.TenantAdmin))).EnsureNoErrors();
        await StaffMembers.AddAsync(factory, client, tenant, "homeroom@" + tenant, "class-1", "HomeroomTeacher"); // reports about their class (RT17-7)
        var homeroom = factory.TokenFor("homeroom@" + tenant, tenant, Roles.Caseworker);
        (await client.PostAsync(path, "mutation { registerPerson(input: { id: \"stu-1\", displayName: \"Student\", organizationId: \"class-1\", sex: MALE }) { id } }", token: homeroom)).EnsureNoErrors();
        await using var probe = await CareEventProbe.SubscribeAsync(factory.Services, tenant, e => e.Kind == CareEventKind.CaseEscalated);

        var reported = await client.PostAsync(path, "mutation { reportConcern(input: { personId: \"stu-1\", summary: \"Talks about not wanting to live\", riskLevel: HIGH }) { id } }", token: homeroom);
        var caseId = reported.EnsureNoErrors().Data!["reportConcern"]!["id"]!.GetValue<string>();
        await probe.WaitAsync();

        var events = probe.Received.Where(e => e.CaseId == caseId).ToList();
        Assert.Equal([CareEventKind.CaseRiskChanged, CareEventKind.CaseEscalated], events.Take(2).Select(e => e.Kind));
        Assert.Equal([1L, 2], events.Take(2).Select(e => e.Sequence));
        Assert.All(events, e => Assert.Equal((tenant, "class-1", RiskLevel.High), (e.TenantId, e.OrganizationId!, e.RiskLevel!.Value)));
    }
}

/// <summary>The durable host (Azure Table storage on Azurite, pub-sub store in a table) registers the case events' stream (docs/events.md "Hosting").</summary>
[Trait("tier", "durable")]
[Collection(DurableCollection.Name)]
public sealed class CaseEventsDurableHostingShould(AzuriteFixture azurite)
{
    [SkippableFact]
    public async Task Publish_the_events_of_a_graphql_mutation_to_the_tenants_stream_in_the_durable_host()
    {
        azurite.RequireAzurite();
        var settings = new DurableSettings(azurite, "events");
        try
        {
            await using var host = new DurableApiFactory(settings.ForSilo(FreePorts.Next(), FreePorts.Next()));
            var api = new TenantBuilder(host.GraphQL(), settings);
            var tenant = "school-" + settings.ClusterId[^8..];
            await api.OnboardAsync(tenant, "SCHOOL");
            await api.CreateOrganizationAsync(tenant, "school", "SCHOOL", null, null);
            await api.RegisterAsync(tenant, "stu-1", "school");
            await using var probe = await CareEventProbe.SubscribeAsync(host.Services, tenant, e => e.Kind == CareEventKind.TaskAssigned);

            var caseId = await api.ReportAsync(tenant, "stu-1", "IMMINENT");
            await probe.WaitAsync();

            var events = probe.Received.Where(e => e.CaseId == caseId).ToList();
            Assert.Equal([CareEventKind.CaseRiskChanged, CareEventKind.CaseEscalated], events.Take(2).Select(e => e.Kind));
            Assert.Contains(events, e => e.Kind == CareEventKind.TaskAssigned && e.TaskId is not null && e.DueAt is not null);
        }
        finally
        {
            settings.DeleteKey();
        }
    }
}
