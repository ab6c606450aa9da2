using System.Diagnostics;
using System.Text.Json.Nodes;
using CareGrid.Grains.Cases;
using CareGrid.Grains.History;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Serialization;
using Orleans.Storage;
using Xunit.Abstractions;

namespace CareGrid.Tests.Durable;

/// <summary>
/// A case with over 10,000 contacts stays writable on Azure Table Storage (docs/storage.md): its histories live in the
/// case history table, its grain state stays small, the high-risk protocol (R-1.10) still runs, and its timeline and
/// contacts page back complete and in order over GraphQL.
/// </summary>
[Trait("tier", "durable")]
[Collection(DurableCollection.Name)]
public sealed class LongCaseShould(AzuriteFixture azurite, ITestOutputHelper output)
{
    /// <summary>Contacts written straight into the history table, as 10,000 earlier commands would have archived them.</summary>
    private const int Seeded = 10_000;

    /// <summary>Contacts then logged through the grain (several archive steps of every window).</summary>
    private const int Driven = 1000;

    private const int Contacts = Seeded + Driven;

    private const string Text = " Spoke with the student and her mother about sleep, school attendance and the weekend plans; she "
        + "agreed to check in with the psychology teacher on Monday and to call the hotline if the thoughts return.";

    [SkippableFact]
    public async Task Accept_every_command_after_over_ten_thousand_contacts_and_page_its_histories_back_in_order()
    {
        azurite.RequireAzurite();
        var settings = new DurableSettings(azurite, "long");
        var tenant = "long-" + settings.ClusterId[^8..];
        try
        {
            await using var factory = new DurableApiFactory(settings.ForSilo(Infrastructure.FreePorts.Next(), Infrastructure.FreePorts.Next()));
            var client = factory.GraphQL();
            var api = new TenantBuilder(client, settings);
            await api.OnboardAsync(tenant, "SCHOOL");
            await api.CreateOrganizationAsync(tenant, "class-1", "CLASS", null, 1);
            await api.RegisterAsync(tenant, "p-1", "class-1");
            var caseId = await api.ReportAsync(tenant, "p-1", "LOW");
            var grains = factory.Services.GetRequiredService<IGrainFactory>();
            var grain = grains.GetGrain<ICaseGrain>(TenantIds.Key(tenant, caseId));
            var psych = new Actor("psych@" + tenant, [Roles.Counsellor]);

            var clock = Stopwatch.StartNew();
            TenantContext.Set(tenant);
            await SeedArchivedContactsAsync(factory.Services, grain);
            output.WriteLine($"{Seeded} contacts seeded into the history table in {clock.Elapsed.TotalSeconds:F0} s");
            var driving = Stopwatch.StartNew();
            await LogContactsAsync(grain, psych);
            output.WriteLine($"{Driven} contacts through the grain in {driving.Elapsed.TotalSeconds:F0} s ({driving.Elapsed.TotalMilliseconds / Driven:F0} ms each)");
            var stored = await StoredSizeAsync(factory.Services, grain);
            output.WriteLine($"stored case state: {stored} bytes");
            var history = await grain.History(CaseHistoryKind.Timeline, null, null, psych);
            var contactOrder = (await grain.History(CaseHistoryKind.Contacts, null, null, psych)).Items.Select(e => e.Contact!.Notes![..6]).ToList();
            TenantContext.Clear();

            var path = TenantBuilder.Path(tenant);
            var token = api.CounsellorToken(tenant);
            var high = (await client.PostAsync(path, $"mutation {{ assessRisk(id: \"{caseId}\", riskLevel: HIGH, reason: \"said goodbye to friends\") {{ riskLevel escalationLevel tasks(last: 10) {{ kind status }} }} }}", token: token))
                .EnsureNoErrors().Data!["assessRisk"]!;
            var contact = (await client.PostAsync(path, $"mutation {{ logContact(id: \"{caseId}\", channel: HOME_VISIT, durationMinutes: 45, notes: \"#{Contacts:D5} after the protocol\") {{ historyCounts {{ contacts timeline }} }} }}", token: token))
                .EnsureNoErrors().Data!["logContact"]!["historyCounts"]!;
            var screening = (await client.PostAsync(path, $"mutation {{ recordScreening(id: \"{caseId}\", instrument: PHQ9, answers: [1,1,1,1,1,1,1,1,1]) {{ screenings(last: 1) {{ id }} }} }}", token: token))
                .EnsureNoErrors().Data!["recordScreening"]!["screenings"]!.AsArray();
            var notes = await PagesAsync(client, path, token, caseId, "contacts", "at notes", (int)contact["contacts"]!.GetValue<int>());
            var timelineTotal = contact["timeline"]!.GetValue<int>();
            var timeline = await PagesAsync(client, path, token, caseId, "timeline", "action reason", timelineTotal);
            output.WriteLine($"whole test {clock.Elapsed.TotalSeconds:F0} s");

            Assert.True(stored < Grains.CaseHistoryShould.HotStateBoundBytes, $"stored state {stored} bytes");
            Assert.Equal("HIGH", high["riskLevel"]!.GetValue<string>());
            Assert.Equal(3, high["escalationLevel"]!.GetValue<int>());
            var open = high["tasks"]!.AsArray().Where(t => t!["status"]!.GetValue<string>() == "OPEN").Select(t => t!["kind"]!.GetValue<string>()).ToList();
            Assert.Contains("PROFESSIONAL_CRISIS_INTERVENTION", open);
            Assert.Contains("NOTIFY_FAMILY_EMERGENCY_CONTACT", open);
            Assert.Equal(Contacts + 1, contact["contacts"]!.GetValue<int>());
            Assert.Single(screening);
            // Requests in flight together may reach the grain in any order: the pages hold every contact once, in the
            // order the grain stored them, and that order is by time.
            var read = notes.Select(n => n!["notes"]!.GetValue<string>()[..6]).ToList();
            Assert.Equal(Enumerable.Range(0, Contacts + 1).Select(i => $"#{i:D5}"), read.Order(StringComparer.Ordinal));
            Assert.Equal(contactOrder, read.Take(Contacts));
            var times = notes.Select(n => DateTimeOffset.Parse(n!["at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.True(times.Zip(times.Skip(1)).All(p => p.First <= p.Second), "contacts are oldest first");
            Assert.Equal(history.Total, history.Items.Count);
            Assert.Equal(history.Items.Select(e => (e.Timeline!.Action, e.Timeline.Reason)),
                timeline.Take(history.Items.Count).Select(n => (n!["action"]!.GetValue<string>(), n["reason"]?.GetValue<string>())));
            Assert.Equal(timelineTotal, timeline.Count);
            Assert.Equal("Report", timeline[0]!["action"]!.GetValue<string>());
        }
        finally
        {
            TenantContext.Clear();
            settings.DeleteKey();
        }
    }

    /// <summary>
    /// Gives the (deactivated) case the state it would have after <see cref="Seeded"/> contacts: their contacts and
    /// timeline entries archived in the history table (rows 1…n, the case's own timeline first), the marks advanced in
    /// its grain state. Driving each of them through a command costs one grain-state and one read-side write on
    /// Azurite, which on a shared test machine takes far longer than the test may.
    /// </summary>
    private static async Task SeedArchivedContactsAsync(IServiceProvider services, ICaseGrain grain)
    {
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var state = new GrainState<CaseState>(new CaseState());
        await storage.ReadStateAsync("case", grain.GetGrainId(), state);
        var s = state.State!;
        var store = services.GetRequiredService<ICaseHistoryStore>();
        var (tenant, caseId) = (TenantIds.TenantOf(grain.GetPrimaryKeyString()), TenantIds.LocalOf(grain.GetPrimaryKeyString()));
        var t0 = s.ReportedAt;
        var timeline = s.Timeline.Concat(Enumerable.Range(0, Seeded).Select(i =>
            new TimelineEntry(t0.AddSeconds(i - Seeded), "psych@" + tenant, "LogContact", s.Status, s.Status, "Phone, 15 min"))).ToList();
        var contacts = Enumerable.Range(0, Seeded).Select(i => new ContactLog(t0.AddSeconds(i - Seeded), "psych@" + tenant, ContactChannel.Phone, 15, $"#{i:D5}" + Text));
        var rows = timeline.Select((e, i) => CaseHistoryEntry.Of(i + 1, e)).Concat(contacts.Select((c, i) => CaseHistoryEntry.Of(i + 1, c))).ToList();
        foreach (var chunk in rows.Chunk(5000))
        {
            await store.AppendAsync(tenant, caseId, chunk);
        }

        await Infrastructure.StoredState.UpdateAsync<CaseState>(storage, "case", grain.GetGrainId(), stored =>
        {
            stored.Timeline = [];
            stored.Archived.Timeline = timeline.Count;
            stored.Archived.Contacts = Seeded;
        });
    }

    /// <summary>Logs the driven contacts through the grain client, four requests in flight (the grain runs them one at a time).</summary>
    private static async Task LogContactsAsync(ICaseGrain grain, Actor actor)
    {
        for (var start = Seeded; start < Contacts; start += 4)
        {
            await Task.WhenAll(Enumerable.Range(start, Math.Min(4, Contacts - start))
                .Select(i => grain.LogContact(ContactChannel.Phone, 15, $"#{i:D5}" + Text, actor)));
        }
    }

    /// <summary>Every entry of a case's list, read in pages of 1,000 with first/last.</summary>
    private static async Task<List<JsonNode?>> PagesAsync(Infrastructure.GraphQLClient client, string path, string token, string caseId, string list, string fields, int total)
    {
        var items = new List<JsonNode?>(total);
        for (var start = 0; start < total; start += 1000)
        {
            // Entries start+1 … start+n: the first start+n, and of those the last n.
            var n = Math.Min(1000, total - start);
            var page = (await client.PostAsync(path, $"{{ case(id: \"{caseId}\") {{ {list}(first: {start + n}, last: {n}) {{ {fields} }} }} }}", token: token))
                .EnsureNoErrors().Data!["case"]![list]!.AsArray();
            items.AddRange(page.Select(n => n?.DeepClone()));
        }

        return items;
    }

    private static async Task<int> StoredSizeAsync(IServiceProvider services, ICaseGrain grain)
    {
        var state = new GrainState<CaseState>(new CaseState());
        await services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default).ReadStateAsync("case", grain.GetGrainId(), state);
        return services.GetRequiredService<Serializer>().SerializeToArray(state.State!).Length;
    }
}
