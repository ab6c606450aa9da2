using CareGrid.Grains.Cases;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Tests.Domain;

/// <summary>
/// The embedded read side's secondary indexes (docs/read-side.md) against a brute-force reference: after random upserts
/// that move cases and tasks between units, assignees, owners, people and statuses, and tenant purges, every page sequence
/// of a random query (scope of units plus the caller's own rows, and the other filters) equals the filtered, id-ordered
/// full list — no row missed, none twice, the cursor exact. Fixed seeds, so a failure reproduces.
/// </summary>
[Trait("tier", "domain")]
public sealed class InMemoryListIndexShould
{
    private static readonly string[] Units = ["u1", "u2", "u3", "u4", "u5", "u6"];
    private static readonly string[] Staff = ["s1", "s2", "s3", "queue:level-1", "queue:level-3"];
    private static readonly string[] People = ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"];
    private static readonly DateTimeOffset T0 = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task Page_cases_exactly_like_a_filtered_full_scan_under_random_moves_and_purges(int seed)
    {
        var random = new Random(seed);
        var store = new InMemoryReadModelStore();
        var reference = new Dictionary<string, SortedDictionary<string, CaseRow>>(StringComparer.Ordinal);
        string[] tenants = ["t-a", "t-b"];
        for (var step = 0; step < 3000; step++)
        {
            var tenant = tenants[random.Next(tenants.Length)];
            if (random.Next(400) == 0)
            {
                await store.PurgeTenantAsync(tenant);
                reference.Remove(tenant);
                continue;
            }

            var row = RandomCase(random, tenant);
            await store.UpsertCaseAsync(row);
            Rows(reference, tenant)[row.Id] = row;
            if (step % 100 == 99)
            {
                foreach (var t in tenants)
                {
                    await AssertEveryPageAsync(random, store, t, Rows(reference, t).Values.ToList());
                }
            }
        }
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public async Task Page_tasks_exactly_like_a_filtered_full_scan_under_random_moves_and_purges(int seed)
    {
        var random = new Random(seed);
        var store = new InMemoryReadModelStore();
        var reference = new SortedDictionary<string, TaskRow>(StringComparer.Ordinal);
        for (var step = 0; step < 3000; step++)
        {
            if (random.Next(500) == 0)
            {
                await store.PurgeTenantAsync("t-a");
                reference.Clear();
                continue;
            }

            var row = RandomTask(random);
            await store.UpsertTaskAsync(row);
            reference[row.Id] = row;
            if (step % 100 == 99)
            {
                for (var q = 0; q < 12; q++)
                {
                    var query = RandomTaskQuery(random);
                    var expected = reference.Values.Where(query.Matches).ToList();
                    Assert.Equal(expected, await AllPagesAsync((first, after) => store.QueryTasksAsync("t-a", query, first, after), r => r.Id, random.Next(1, 9)));
                }
            }
        }
    }

    [Fact]
    public async Task Read_only_the_callers_units_and_own_cases_for_a_page_whatever_the_tenants_size()
    {
        var examined = new List<long>();
        foreach (var size in new[] { 1_000, 20_000 })
        {
            var store = new InMemoryReadModelStore();
            for (var i = 0; i < size; i++)
            {
                // 40 cases in the caller's unit u1 and 10 assigned to the caller elsewhere, spread over the whole id range.
                var unit = i % (size / 40) == 0 ? "u1" : "u2";
                var assignee = i % (size / 10) == 1 ? "s1" : "s2";
                await store.UpsertCaseAsync(Case("t-a", i, unit, assignee, "p1", CaseStatus.Active));
            }

            var query = new CaseQuery { OrganizationIds = new HashSet<string>(["u1"]), ScopeExemptAssignee = "s1" };
            var before = store.RowsExamined("t-a").Cases;
            var first = await store.QueryCasesAsync("t-a", query, 20, null);
            var second = await store.QueryCasesAsync("t-a", query, 20, first.Items[^1].Id);
            var third = await store.QueryCasesAsync("t-a", query, 20, second.Items[^1].Id);
            examined.Add(store.RowsExamined("t-a").Cases - before);
            Assert.Equal((20, 20, 10), (first.Items.Count, second.Items.Count, third.Items.Count));
            Assert.False(third.HasNextPage);
        }

        // 50 matching rows, each read once, plus the row that answers hasNextPage on each of the two full pages.
        Assert.Equal([52L, 52L], examined);
    }

    [Fact]
    public async Task Read_only_the_callers_owned_and_open_tasks_for_a_page_whatever_the_tenants_size()
    {
        var examined = new List<long>();
        foreach (var size in new[] { 1_000, 20_000 })
        {
            var store = new InMemoryReadModelStore();
            for (var i = 0; i < size; i++)
            {
                var owner = i % (size / 30) == 0 ? "s1" : "s2";
                await store.UpsertTaskAsync(TaskOf("t-a", i, owner, "u1", CaseTaskStatus.Open, escalated: false));
            }

            var query = new TaskQuery(["s1", "queue:level-3"]) { OrganizationIds = new HashSet<string>(["u1"]), ScopeExemptOwner = "s1" };
            var before = store.RowsExamined("t-a").Tasks;
            var page = await store.QueryTasksAsync("t-a", query, 20, null);
            examined.Add(store.RowsExamined("t-a").Tasks - before);
            Assert.Equal(20, page.Items.Count);
            Assert.True(page.HasNextPage);
        }

        Assert.Equal([21L, 21L], examined);
    }

    private static async Task AssertEveryPageAsync(Random random, InMemoryReadModelStore store, string tenant, List<CaseRow> rows)
    {
        for (var q = 0; q < 12; q++)
        {
            var query = RandomCaseQuery(random);
            var expected = rows.Where(query.Matches).ToList();
            var size = random.Next(1, 9);
            Assert.Equal(expected, await AllPagesAsync((first, after) => store.QueryCasesAsync(tenant, query, first, after), r => r.Id, size));

            // A cursor that names no row (deleted, or from another list) still starts right after it.
            var cursor = "case-" + random.Next(0, 400).ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + "x";
            var page = await store.QueryCasesAsync(tenant, query, size, cursor);
            var tail = expected.Where(r => string.CompareOrdinal(r.Id, cursor) > 0).ToList();
            Assert.Equal(tail.Take(size), page.Items);
            Assert.Equal(tail.Count > size, page.HasNextPage);
        }
    }

    private static async Task<List<T>> AllPagesAsync<T>(Func<int, string?, ValueTask<Page<T>>> read, Func<T, string> cursorOf, int size)
    {
        var all = new List<T>();
        string? after = null;
        for (var guard = 0; guard < 10_000; guard++)
        {
            var page = await read(size, after);
            Assert.True(page.Items.Count <= size);
            all.AddRange(page.Items);
            if (!page.HasNextPage)
            {
                return all;
            }

            Assert.Equal(size, page.Items.Count);
            after = cursorOf(page.Items[^1]);
        }

        throw new InvalidOperationException("The pages did not end.");
    }

    private static SortedDictionary<string, CaseRow> Rows(Dictionary<string, SortedDictionary<string, CaseRow>> reference, string tenant) =>
        reference.TryGetValue(tenant, out var rows) ? rows : reference[tenant] = new SortedDictionary<string, CaseRow>(StringComparer.Ordinal);

    private static CaseRow RandomCase(Random random, string tenant) => Case(tenant, random.Next(0, 400),
        random.Next(8) == 0 ? null : Pick(random, Units), random.Next(4) == 0 ? null : Pick(random, Staff), Pick(random, People),
        Pick(random, Enum.GetValues<CaseStatus>())) with
    {
        RiskLevel = Pick(random, Enum.GetValues<RiskLevel>()),
        EscalationLevel = random.Next(1, 4),
    };

    private static CaseRow Case(string tenant, int n, string? unit, string? assignee, string person, CaseStatus status) =>
        new(tenant, "case-" + n.ToString("D5", System.Globalization.CultureInfo.InvariantCulture), person, unit, status, RiskLevel.Low, 1,
            assignee, T0.AddMinutes(n), T0.AddMinutes(n));

    private static CaseQuery RandomCaseQuery(Random random)
    {
        var query = new CaseQuery(
            Status: random.Next(4) == 0 ? Pick(random, Enum.GetValues<CaseStatus>()) : null,
            RiskLevel: random.Next(6) == 0 ? Pick(random, Enum.GetValues<RiskLevel>()) : null,
            EscalationLevel: random.Next(6) == 0 ? random.Next(1, 4) : null,
            AssigneeId: random.Next(5) == 0 ? Pick(random, Staff) : null,
            OrganizationId: random.Next(5) == 0 ? Pick(random, Units) : null,
            PersonId: random.Next(5) == 0 ? Pick(random, People) : null,
            OpenOnly: random.Next(3) == 0);
        return random.Next(4) == 0 ? query : query with
        {
            OrganizationIds = Units.Where(_ => random.Next(3) == 0).ToHashSet(StringComparer.Ordinal),
            ScopeExemptAssignee = random.Next(3) == 0 ? null : Pick(random, Staff),
        };
    }

    private static TaskRow RandomTask(Random random) => TaskOf("t-a", random.Next(0, 400), Pick(random, Staff),
        random.Next(8) == 0 ? null : Pick(random, Units), Pick(random, Enum.GetValues<CaseTaskStatus>()), random.Next(3) == 0) with
    {
        DueAt = T0.AddHours(random.Next(0, 48)),
        EscalatedFromId = random.Next(3) == 0 ? Pick(random, Staff) : null,
    };

    private static TaskRow TaskOf(string tenant, int n, string owner, string? unit, CaseTaskStatus status, bool escalated) =>
        new(tenant, "case-" + n.ToString("D5", System.Globalization.CultureInfo.InvariantCulture) + ":t1", "case-x", CaseTaskKind.NotifyFamilyEmergencyContact,
            owner, status, T0.AddHours(n % 48), escalated ? 1 : 0, T0) { OrganizationId = unit };

    private static TaskQuery RandomTaskQuery(Random random)
    {
        var query = new TaskQuery(
            OwnerIds: random.Next(3) == 0 ? null : Staff.Where(_ => random.Next(3) == 0).ToList(),
            OpenOnly: random.Next(2) == 0,
            DueBefore: random.Next(3) == 0 ? T0.AddHours(random.Next(0, 48)) : null,
            UnescalatedOnly: random.Next(4) == 0);
        query = query with { IncludeEscalatedFrom = random.Next(2) == 0 };
        return random.Next(3) == 0 ? query : query with
        {
            OrganizationIds = Units.Where(_ => random.Next(3) == 0).ToHashSet(StringComparer.Ordinal),
            ScopeExemptOwner = random.Next(3) == 0 ? null : Pick(random, Staff),
            IncludeEscalatedFrom = random.Next(2) == 0,
        };
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];
}
