using CareGrid.Grains.Cases;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Statistics;

namespace CareGrid.Tests.Domain;

/// <summary>
/// The embedded read side's compact structures (docs/memory.md): the chunked ordered id list (<see cref="SortedIds"/>)
/// against <see cref="SortedSet{T}"/> as reference, a secondary key's move between holding its single id and holding a set,
/// person search keys replaced on rename without a per-person key table, and the shared blank <see cref="CaseFacts"/>.
/// Fixed seeds, so a failure reproduces.
/// </summary>
[Trait("tier", "domain")]
public sealed class CompactReadIndexShould
{
    private static readonly DateTimeOffset T0 = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 3_000)]
    [InlineData(2, 300)]
    [InlineData(3, 20_000)]
    public void Keep_the_same_ordered_set_as_a_sorted_set_under_random_adds_removes_and_appends(int seed, int space)
    {
        var random = new Random(seed);
        var ids = new SortedIds();
        var reference = new SortedSet<string>(StringComparer.Ordinal);
        var next = 0;
        for (var step = 0; step < 12_000; step++)
        {
            var roll = random.Next(10);
            var id = roll < 4
                ? Id(space + next++) // ascending appends, as new time-ordered ids arrive
                : Id(random.Next(space));
            if (roll < 7)
            {
                var kept = new string(id.AsSpan()); // a fresh instance: TryGetValue must give back the one kept, as StoredId does
                Assert.Equal(reference.Add(kept), ids.Add(kept));
            }
            else
            {
                Assert.Equal(reference.Remove(id), ids.Remove(id));
            }

            Assert.Equal(reference.Count, ids.Count);
            if (step % 500 == 499)
            {
                Assert.Equal(reference.Max, ids.Max);
                Assert.Equal(reference, ids.After(null));
                for (var probe = 0; probe < 20; probe++)
                {
                    var key = Id(random.Next(space + next + 1)) + (random.Next(3) == 0 ? "x" : string.Empty);
                    Assert.Equal(reference.Where(s => string.CompareOrdinal(s, key) > 0), ids.After(key));
                    Assert.Equal(reference.Where(s => string.CompareOrdinal(s, key) >= 0), ids.From(key));
                    Assert.Equal(reference.TryGetValue(key, out var kept), ids.TryGetValue(key, out var stored));
                    Assert.Same(kept, stored);
                }
            }
        }

        // Emptied completely, then reused.
        foreach (var id in reference.ToList())
        {
            Assert.True(ids.Remove(id));
        }

        Assert.Equal((0, null), (ids.Count, ids.Max));
        Assert.Empty(ids.After(null));
        Assert.Empty(ids.From("a"));
        Assert.True(ids.Add("b"));
        Assert.Equal(["b"], ids.After("a"));
    }

    [Fact]
    public void Move_a_key_from_its_single_id_to_a_set_and_back_listing_the_same_cases_throughout()
    {
        const int Person = 2; // InMemoryListPlans: unit, assignee, person, open
        var index = InMemoryListPlans.NewCaseIndex();
        var byP1 = InMemoryListPlans.CandidatesOf(new CaseQuery(PersonId: "p1"));
        var query = new CaseQuery(PersonId: "p1");
        List<string> Listed(string? after = null) => index.Page(after, 10, query.Matches, byP1, out _).Items.Select(r => r.Id).ToList();

        index.Upsert("case-2", Case("case-2", "p1"));
        Assert.Equal((1, false), index.KeyShape(Person, "p1"));
        Assert.Equal(["case-2"], Listed());
        Assert.Empty(Listed("case-2"));
        Assert.Equal(["case-2"], Listed("case-1"));

        // The same row written again keeps the single id.
        index.Upsert("case-2", Case("case-2", "p1") with { RiskLevel = RiskLevel.High });
        Assert.Equal((1, false), index.KeyShape(Person, "p1"));

        // Single → many, in either order of ids.
        index.Upsert("case-1", Case("case-1", "p1"));
        index.Upsert("case-3", Case("case-3", "p1"));
        Assert.Equal((3, true), index.KeyShape(Person, "p1"));
        Assert.Equal(["case-1", "case-2", "case-3"], Listed());
        Assert.Equal(["case-3"], Listed("case-2"));

        // Many → single: two cases move to another person; the one left is listed, the key no longer holds a set.
        index.Upsert("case-1", Case("case-1", "p2"));
        index.Upsert("case-2", Case("case-2", "p2"));
        Assert.Equal((1, false), index.KeyShape(Person, "p1"));
        Assert.Equal((2, true), index.KeyShape(Person, "p2"));
        Assert.Equal(["case-3"], Listed());

        // Single → none → single again.
        index.Upsert("case-3", Case("case-3", "p2"));
        Assert.Equal((0, false), index.KeyShape(Person, "p1"));
        Assert.Empty(Listed());
        Assert.Equal((3, true), index.KeyShape(Person, "p2"));
        index.Upsert("case-2", Case("case-2", "p1"));
        Assert.Equal((1, false), index.KeyShape(Person, "p1"));
        Assert.Equal((2, true), index.KeyShape(Person, "p2"));
        Assert.Equal(["case-2"], Listed());

        // A key kept as a single id still competes as a candidate set of size 1: only its row is read.
        index.Page(null, 10, query.Matches, byP1, out var examined);
        Assert.Equal(1, examined);
    }

    [Fact]
    public async Task Find_a_renamed_person_by_the_new_name_and_external_id_only()
    {
        var store = new InMemoryReadModelStore();
        await store.UpsertPersonAsync(new PersonRow("t-a", "p1", "Zhang Wei", "class-1") { ExternalId = "S01" });
        await store.UpsertPersonAsync(new PersonRow("t-a", "p2", "Zhang Li", "class-1") { ExternalId = "S02" });
        await store.UpsertPersonAsync(new PersonRow("t-a", "p1", "Li Na", "class-1") { ExternalId = "S11" });
        await store.UpsertPersonAsync(new PersonRow("t-a", "p2", "Zhang Li", "class-1"));

        async Task<List<string>> Ids(PersonQuery query) => (await store.QueryPeopleAsync("t-a", query, 10, null)).Items.Select(r => r.Id).ToList();
        Assert.Equal(["p2"], await Ids(new PersonQuery(NamePrefix: "zhang")));
        Assert.Equal(["p1"], await Ids(new PersonQuery(NamePrefix: "li")));
        Assert.Empty(await Ids(new PersonQuery(ExternalId: "S01")));
        Assert.Empty(await Ids(new PersonQuery(ExternalId: "S02")));
        Assert.Equal(["p1"], await Ids(new PersonQuery(ExternalId: "S11")));
        Assert.Equal(["p1", "p2"], await Ids(PersonQuery.All));
    }

    [Fact]
    public async Task Share_one_blank_facts_instance_and_keep_every_other_facts_as_written()
    {
        var store = new InMemoryReadModelStore();
        var blank = new CaseFacts { TimeZoneId = new string("Asia/Shanghai".AsSpan()) };
        var closed = new CaseFacts { TimeZoneId = "Asia/Shanghai", ClosedAt = T0.AddDays(3), ProtocolMet = 2 };
        var served = new CaseFacts { TimeZoneId = "Asia/Shanghai", Service = [new ServiceWeek("u1", new DateOnly(2026, 8, 31), 1, 30)] };
        await store.UpsertCaseAsync(Case("case-1", "p1") with { Facts = blank });
        await store.UpsertCaseAsync(Case("case-2", "p2") with { Facts = new CaseFacts { TimeZoneId = new string("Asia/Shanghai".AsSpan()) } });
        await store.UpsertCaseAsync(Case("case-3", "p3") with { Facts = closed });
        await store.UpsertCaseAsync(Case("case-4", "p4") with { Facts = served });
        await store.UpsertCaseAsync(Case("case-5", "p5") with { Facts = new CaseFacts { TimeZoneId = "Europe/Berlin", Backfilled = true } });
        await store.UpsertCaseAsync(Case("case-6", "p6"));
        await store.UpsertCaseAsync(Case("case-7", "p7") with { Facts = new CaseFacts() });
        await store.UpsertCaseAsync(Case("case-8", "p8") with { Facts = new CaseFacts { TimeZoneId = string.Empty } });

        var rows = (await store.QueryCasesAsync("t-a", new CaseQuery(), 10, null)).Items;
        Assert.Equal([blank, blank, closed, served, new CaseFacts { TimeZoneId = "Europe/Berlin", Backfilled = true }, null, new CaseFacts(), new CaseFacts { TimeZoneId = string.Empty }],
            rows.Select(r => r.Facts));
        Assert.Equal([null, string.Empty], rows.Skip(6).Select(r => r.Facts!.TimeZoneId));
        Assert.Same(rows[0].Facts, rows[1].Facts);
        Assert.NotSame(rows[0].Facts, rows[4].Facts);
        Assert.Equal((0, 0L), (rows[0].Facts!.EarlierService.Contacts, rows[0].Facts!.EarlierService.Minutes));

        // A case whose facts gain an event keeps its own facts; the shared blank instance is unchanged.
        await store.UpsertCaseAsync(Case("case-1", "p1") with { Facts = blank with { ReopenCount = 1 } });
        rows = (await store.QueryCasesAsync("t-a", new CaseQuery(), 10, null)).Items;
        Assert.Equal(1, rows[0].Facts!.ReopenCount);
        Assert.Equal(blank, rows[1].Facts);
    }

    [Fact]
    public async Task Hand_the_statistics_feed_the_rows_the_read_side_keeps_for_copies_with_the_same_values()
    {
        var store = new InMemoryReadModelStore();
        var caseRow = Case("case-1", "p1") with { Facts = new CaseFacts { TimeZoneId = "Asia/Shanghai" } };
        var taskRow = new TaskRow("t-a", "case-1:t1", "case-1", CaseTaskKind.NotifyFamilyEmergencyContact, "queue:level-1", CaseTaskStatus.Open, T0.AddHours(4), 0, T0)
        {
            OrganizationId = "u1",
            RiskLevel = RiskLevel.High,
        };
        var personRow = new PersonRow("t-a", "p1", "Zhang Wei", "u1") { ExternalId = "S01", TargetGroups = ["g1"] };
        await store.UpsertPersonAsync(personRow);
        await store.UpsertCaseAsync(caseRow);
        await store.UpsertTaskAsync(taskRow);
        var keptCase = (await store.QueryCasesAsync("t-a", new CaseQuery(), 10, null)).Items.Single();
        var keptTask = (await store.QueryTasksAsync("t-a", new TaskQuery(OpenOnly: false), 10, null)).Items.Single();
        var keptPerson = (await store.QueryPeopleAsync("t-a", PersonQuery.All, 10, null)).Items.Single();

        // What a grain call delivers: copies with strings and facts of their own (as Orleans' copier makes them).
        var feed = new StatisticsFeed(
            Copy(caseRow) with { Facts = new CaseFacts { TimeZoneId = Copy("Asia/Shanghai") } },
            [Copy(taskRow)],
            null);
        var shared = TenantStatisticsGrain.Shared(feed, store);
        Assert.Same(keptCase, shared.Case);
        Assert.Same(keptTask, Assert.Single(shared.Tasks));
        Assert.Same(keptPerson, TenantStatisticsGrain.Shared(new StatisticsFeed(null, [], Copy(personRow) with { TargetGroups = [Copy("g1")] }), store).Person);

        // A grain re-publishing the same values (on activation) leaves the kept instances in place, so a projection that holds
        // them goes on sharing them; a change replaces them.
        await store.UpsertCaseAsync(Copy(caseRow) with { Facts = new CaseFacts { TimeZoneId = Copy("Asia/Shanghai") } });
        await store.UpsertTaskAsync(Copy(taskRow));
        await store.UpsertPersonAsync(Copy(personRow) with { TargetGroups = [Copy("g1")] });
        Assert.Same(keptCase, (await store.QueryCasesAsync("t-a", new CaseQuery(), 10, null)).Items.Single());
        Assert.Same(keptTask, (await store.QueryTasksAsync("t-a", new TaskQuery(OpenOnly: false), 10, null)).Items.Single());
        Assert.Same(keptPerson, (await store.QueryPeopleAsync("t-a", PersonQuery.All, 10, null)).Items.Single());
        await store.UpsertTaskAsync(taskRow with { CreatedAt = taskRow.CreatedAt.ToOffset(TimeSpan.FromHours(8)) });
        var shiftedTask = (await store.QueryTasksAsync("t-a", new TaskQuery(OpenOnly: false), 10, null)).Items.Single();
        Assert.NotSame(keptTask, shiftedTask);
        Assert.Equal(TimeSpan.FromHours(8), shiftedTask.CreatedAt.Offset);
        await store.UpsertTaskAsync(taskRow);
        keptTask = (await store.QueryTasksAsync("t-a", new TaskQuery(OpenOnly: false), 10, null)).Items.Single();

        // The projection fed the shared rows counts as it counted the copies.
        var fromCopies = new TenantStatistics(CareGrid.Grains.Calendar.WorkingCalendar.Default);
        var fromShared = new TenantStatistics(CareGrid.Grains.Calendar.WorkingCalendar.Default);
        fromCopies.Apply(feed);
        fromShared.Apply(shared);
        var request = new StatisticsRequest(new StatisticsPeriod(new DateOnly(2026, 8, 31), new DateOnly(2026, 9, 6)), null);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(fromCopies.Report(request, T0.AddDays(1))),
            System.Text.Json.JsonSerializer.Serialize(fromShared.Report(request, T0.AddDays(1))));
    }

    [Fact]
    public async Task Hand_out_a_copy_equal_in_every_value_when_the_kept_row_holds_other_values_and_store_nothing()
    {
        var store = new InMemoryReadModelStore();
        var facts = new CaseFacts { TimeZoneId = "Asia/Shanghai", HighRiskSince = T0, ProtocolOpen = [new ProtocolTaskDue("t1", T0.AddHours(4))] };
        await store.UpsertCaseAsync(Case("case-1", "p1") with { Facts = facts });
        var kept = (await store.QueryCasesAsync("t-a", new CaseQuery(), 10, null)).Items.Single();

        // Newer than the kept row (written since), the same instant at another offset, non-blank facts of another instance,
        // a tenant the read side has no rows of: each comes back equal in every value, never as the kept row.
        var offset = TimeSpan.FromHours(8);
        CaseRow[] given =
        [
            Copy(kept) with { Status = CaseStatus.Closed },
            Copy(kept) with { ReportedAt = kept.ReportedAt.ToOffset(offset) },
            Copy(kept) with { Facts = facts with { HighRiskSince = T0.ToOffset(offset) } },
            Copy(kept) with { TenantId = "t-b" },
        ];
        foreach (var row in given)
        {
            var answer = store.Kept(row);
            Assert.NotSame(kept, answer);
            Assert.Equal(row, answer);
            Assert.Equal((row.ReportedAt.Offset, row.UpdatedAt.Offset), (answer.ReportedAt.Offset, answer.UpdatedAt.Offset));
            Assert.Equal(row.Facts?.HighRiskSince?.Offset, answer.Facts?.HighRiskSince?.Offset);
        }

        var task = new TaskRow("t-a", "case-1:t1", "case-1", CaseTaskKind.NotifyFamilyEmergencyContact, "queue:level-1", CaseTaskStatus.Open, T0.AddHours(4), 0, T0);
        await store.UpsertTaskAsync(task);
        var shifted = task with { DueAt = task.DueAt.ToOffset(offset) };
        Assert.Equal(shifted.DueAt.Offset, store.Kept(shifted).DueAt.Offset);
        Assert.Equal(shifted, store.Kept(shifted));
        var person = new PersonRow("t-a", "p1", "Zhang Wei", "u1");
        await store.UpsertPersonAsync(person);
        Assert.Equal("Li Na", store.Kept(person with { DisplayName = "Li Na" }).DisplayName);

        // Nothing was stored by asking.
        Assert.Same(kept, (await store.QueryCasesAsync("t-a", new CaseQuery(), 10, null)).Items.Single());
        Assert.Empty((await store.QueryCasesAsync("t-b", new CaseQuery(), 10, null)).Items);
        Assert.Equal(task.DueAt.Offset, (await store.QueryTasksAsync("t-a", new TaskQuery(OpenOnly: false), 10, null)).Items.Single().DueAt.Offset);
        Assert.Equal("Zhang Wei", (await store.QueryPeopleAsync("t-a", PersonQuery.All, 10, null)).Items.Single().DisplayName);
    }

    private static string Copy(string value) => new(value.AsSpan());

    private static CaseRow Copy(CaseRow row) => row with { TenantId = Copy(row.TenantId), Id = Copy(row.Id), PersonId = Copy(row.PersonId), OrganizationId = row.OrganizationId is null ? null : Copy(row.OrganizationId) };

    private static TaskRow Copy(TaskRow row) => row with { TenantId = Copy(row.TenantId), Id = Copy(row.Id), CaseId = Copy(row.CaseId), OwnerId = Copy(row.OwnerId) };

    private static PersonRow Copy(PersonRow row) => row with { TenantId = Copy(row.TenantId), Id = Copy(row.Id), DisplayName = Copy(row.DisplayName) };

    private static string Id(int n) => "case-" + n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    private static CaseRow Case(string id, string person) =>
        new("t-a", id, person, "u1", CaseStatus.Active, RiskLevel.Low, 1, null, T0, T0);
}
