using CareGrid.Grains.Audit;

namespace CareGrid.Tests.Security;

/// <summary>
/// The embedded audit store keeps records in a compact form (docs/audit-storage.md "Embedded default"): whatever it is
/// given, reading back (the log, a page, the last record, after tampering) must return every value as appended, so
/// chains verify and <c>auditLog</c> answers as before.
/// </summary>
[Trait("tier", "domain")]
public sealed class InMemoryAuditStoreShould
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 20, 0, 0, TimeSpan.Zero);

    /// <summary>Every value of a record, the time with its offset.</summary>
    private static string Describe(AuditRecord r) =>
        string.Join("|", r.TenantId, r.Sequence, r.At.ToString("O"), r.Actor, r.Action, r.EntityType, r.EntityId, string.Join(",", r.Fields), r.Purpose,
            r.CorrelationId, r.Reason ?? "<null>", r.PreviousHash, r.Hash, r.Refusal?.ToString() ?? "<null>");

    /// <summary>A chain of ordinary and irregular records: refusals, Chinese text, non-UTC offsets, hashes not in the computed form.</summary>
    private static List<AuditRecord> Chain(string tenant)
    {
        var records = new List<AuditRecord>();
        var previous = AuditRecord.Genesis;
        AuditRecord Add(AuditRecord draft, bool hashed = true)
        {
            var record = hashed ? draft with { Hash = draft.ComputeHash() } : draft;
            records.Add(record);
            previous = record.Hash;
            return record;
        }

        Add(new AuditRecord(tenant, 1, T0.AddTicks(1234567), "psych@t", "READ", "Case", "case-1", ["summary", "notes"], "case", "corr-1", null, previous, ""));
        Add(new AuditRecord(tenant, 2, T0.AddMinutes(1), "homeroom@demo-town", "DENIED", "Case", "case-1", [], "case", "corr-2", "无权查看此个案（需知原则）", previous, "",
            new AuditRefusal("FORBIDDEN", "demo-town", "Counsellor,Caseworker", "route:/t/t/graphql", "127.0.0.1")));
        Add(new AuditRecord(tenant, 3, new DateTimeOffset(2026, 12, 3, 4, 2, 0, TimeSpan.FromHours(8)), "辅导员@t", "BREAK_THE_GLASS", "Person", "学生-001", ["显示名称"],
            "紧急 🆘", "corr-3", "家长来电", previous, ""));
        Add(new AuditRecord(tenant, 4, T0.AddMinutes(3), "a", "WRITE", "Case", "case-2", ["summary"], "closeCase", "corr-4", null, previous,
            "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789"), hashed: false);
        Add(new AuditRecord(tenant, 5, T0.AddMinutes(4), "a", "WRITE", "Case", "case-2", ["summary"], "closeCase", "corr-5", null, "not-a-hash", ""), hashed: false);
        Add(new AuditRecord(tenant, 6, T0.AddMinutes(5), "a", "READ", "Case", "case-2", ["summary"], "case", "corr-6", "", previous, ""));
        return records;
    }

    [Fact]
    public async Task Read_back_every_value_as_appended()
    {
        var store = new InMemoryAuditStore();
        var records = Chain("compact");
        foreach (var record in records)
        {
            await store.AppendAsync(record);
        }

        var all = new List<AuditRecord>();
        await foreach (var record in store.ReadAllAsync("compact"))
        {
            all.Add(record);
        }

        Assert.Equal(records.Select(Describe), all.Select(Describe));
        var page = await store.QueryAsync("compact", new AuditQuery(), 100, null);
        Assert.Equal(records.Select(Describe), page.Items.Select(Describe));
        Assert.Equal(Describe(records[^1]), Describe((await store.LastAsync("compact"))!));
        Assert.All(all.Where(r => r.Sequence is 1 or 2 or 3 or 6), r => Assert.Equal(r.Hash, r.ComputeHash()));
    }

    [Fact]
    public async Task Keep_the_read_sides_id_string_of_a_case_or_person_and_read_back_every_value_as_appended()
    {
        var readModel = new CareGrid.Grains.ReadModel.InMemoryReadModelStore();
        await readModel.UpsertPersonAsync(new CareGrid.Grains.ReadModel.PersonRow("shared", "学生-001", "Zhang Wei", null));
        await readModel.UpsertCaseAsync(new CareGrid.Grains.ReadModel.CaseRow("shared", "case-1", "学生-001", null, CareGrid.Grains.Cases.CaseStatus.Reported,
            CareGrid.Grains.Cases.RiskLevel.Low, 1, null, T0, T0));
        var caseId = (await readModel.QueryCasesAsync("shared", new CareGrid.Grains.ReadModel.CaseQuery(), 10, null)).Items.Single().Id;
        var personId = (await readModel.QueryPeopleAsync("shared", null, 10, null)).Items.Single().Id;
        var store = new InMemoryAuditStore(readModel);

        // Each record arrives with an id string of its own, as from a request; the chain includes ids the read side has no row for.
        var records = Chain("shared").Select(r => r with { EntityId = new string(r.EntityId.AsSpan()) }).ToList();
        foreach (var record in records)
        {
            await store.AppendAsync(record);
        }

        var page = (await store.QueryAsync("shared", new AuditQuery(), 100, null)).Items;
        Assert.Equal(records.Select(Describe), page.Select(Describe));
        Assert.Same(caseId, page[0].EntityId);
        Assert.Same(caseId, page[1].EntityId);
        Assert.Same(personId, page[2].EntityId);
        Assert.Equal("case-2", page[3].EntityId); // no row: kept as given
        Assert.Equal(Describe(records[^1]), Describe((await store.LastAsync("shared"))!));
        Assert.All(page.Where(r => r.Sequence is 1 or 2 or 3 or 6), r => Assert.Equal(r.Hash, r.ComputeHash()));
        Assert.Equal(2, (await store.QueryAsync("shared", new AuditQuery(EntityId: "case-1"), 100, null)).Items.Count);
    }

    [Fact]
    public async Task Filter_times_by_instant_whatever_the_offset()
    {
        var store = new InMemoryAuditStore();
        foreach (var record in Chain("times"))
        {
            await store.AppendAsync(record);
        }

        // Record 3 is 2026-12-03 04:02 +08:00 = 2026-12-02 20:02 UTC: between records 2 (20:01) and 4 (20:03).
        async Task<string> Sequences(DateTimeOffset? from, DateTimeOffset? to) =>
            string.Join(",", (await store.QueryAsync("times", new AuditQuery(From: from, To: to), 100, null)).Items.Select(r => r.Sequence));
        Assert.Equal("3,4", await Sequences(T0.AddMinutes(2), T0.AddMinutes(4)));
        Assert.Equal("3", await Sequences(new DateTimeOffset(2026, 12, 3, 4, 2, 0, TimeSpan.FromHours(8)), T0.AddMinutes(3)));
        Assert.Equal("1,2", await Sequences(null, new DateTimeOffset(2026, 12, 2, 12, 2, 0, TimeSpan.FromHours(-8))));
    }

    [Fact]
    public async Task Keep_a_tampered_record_exactly_as_changed_so_verification_sees_it()
    {
        var store = new InMemoryAuditStore();
        foreach (var record in Chain("tampered"))
        {
            await store.AppendAsync(record);
        }

        store.Tamper("tampered", 2, r => r with { Sequence = 9, TenantId = "elsewhere", Hash = r.Hash.ToUpperInvariant() });
        store.Tamper("tampered", 3, r => r with { PreviousHash = AuditRecord.Genesis, At = r.At.ToOffset(TimeSpan.FromHours(-5)) });
        store.Tamper("tampered", 4, _ => null);
        var all = new List<AuditRecord>();
        await foreach (var record in store.ReadAllAsync("tampered"))
        {
            all.Add(record);
        }

        var expected = Chain("tampered");
        expected[1] = expected[1] with { Sequence = 9, TenantId = "elsewhere", Hash = expected[1].Hash.ToUpperInvariant() };
        expected[2] = expected[2] with { PreviousHash = AuditRecord.Genesis, At = expected[2].At.ToOffset(TimeSpan.FromHours(-5)) };
        expected.RemoveAt(3);
        Assert.Equal(expected.Select(Describe), all.Select(Describe));
    }
}
