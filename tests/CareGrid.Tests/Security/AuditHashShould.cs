using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CareGrid.Grains.Audit;

namespace CareGrid.Tests.Security;

/// <summary>
/// <see cref="AuditRecord.ComputeHash"/> hashes the record's canonical form (docs/audit-storage.md "The hash"). Chains
/// already in storage were hashed by the StringBuilder implementation of round 11: the pinned hashes below were computed
/// with that code (main at a916ca2) before it was replaced, and checked against an independent implementation of the
/// canonical form (Python's <c>hashlib</c>), so any change of the canonical bytes fails here; a copy of the round-11
/// implementation is the oracle for the generated records.
/// </summary>
[Trait("tier", "domain")]
public sealed class AuditHashShould
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 20, 31, 5, TimeSpan.Zero);

    public static TheoryData<string, AuditRecord> Pinned => new()
    {
        {
            "aa906eb5ae9e67fd8df5d5f82ce11661ce28062d49135c19a6cdc6fca6141711",
            new AuditRecord("demo-school", 42, At.AddTicks(1234567), "psych@demo-school", "READ", "Case", "case-school-1", ["summary", "notes"], "case",
                "0HN8D5V2KQ3LM:00000001", null, AuditRecord.Genesis, "")
        },
        {
            "e04aa4e17c6694aa3e791d0915d2c172c2102d685ab5bac77a55141674642225",
            new AuditRecord("demo-school", 7, At, "homeroom@demo-town", "DENIED", "Case", "case-school-1", [], "case", "corr-7",
                "无权查看此个案（需知原则）", "3f1c0e5a9b7d2c4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e", "",
                new AuditRefusal("FORBIDDEN", "demo-town", "Counsellor,Caseworker", "route:/t/demo-school/graphql", "127.0.0.1"))
        },
        {
            "61f0c88587445098084c53e86b85c5c74f8779dd69334d8393a112857b6d9650",
            new AuditRecord("demo-city", 1_000_001, new DateTimeOffset(2026, 12, 2, 23, 59, 59, 999, TimeSpan.FromHours(8)), "辅导员@demo-city", "BREAK_THE_GLASS", "Person",
                "学生-001", ["显示名称", "", "备注 📝"], "紧急：学生自述有自伤念头 🆘", "c", "家长来电，需立即查看联系方式", AuditRecord.Genesis, "",
                new AuditRefusal("UNAUTHENTICATED", null, "", "none", null))
        },
        {
            "bfa056885ab258f7fdbb909babdcb33148bbbc4c070055f9dd5d7354fb3923cf",
            new AuditRecord("", 0, DateTimeOffset.MinValue, "", "", "", "", [""], "", "", "", "", "", null)
        },
    };

    [Theory]
    [MemberData(nameof(Pinned))]
    public void Hash_known_records_exactly_as_stored_chains_were_hashed(string expected, AuditRecord record) =>
        Assert.Equal(expected, record.ComputeHash());

    [Fact]
    public void Hash_like_the_string_canonical_form_for_any_text_including_lone_surrogates_and_long_values()
    {
        var random = new Random(18);
        string Text(int max)
        {
            var chars = new char[random.Next(max)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = random.Next(8) switch
                {
                    0 => (char)random.Next(0x4E00, 0x9FFF),
                    1 => (char)random.Next(0xD800, 0xE000), // surrogates, paired by chance or lone
                    2 => (char)random.Next(0x80, 0x800),
                    3 => '|',
                    _ => (char)random.Next(0x20, 0x7F),
                };
            }

            return new string(chars);
        }

        for (var i = 0; i < 500; i++)
        {
            var max = i % 50 == 0 ? 3000 : 40;
            var record = new AuditRecord(Text(max), random.NextInt64(long.MinValue, long.MaxValue), new DateTimeOffset(random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay), TimeSpan.FromMinutes(random.Next(-840, 841))),
                Text(max), Text(max), Text(max), Text(max), Enumerable.Range(0, random.Next(4)).Select(_ => Text(max)).ToArray(), Text(max), Text(max),
                random.Next(3) == 0 ? null : Text(max), Text(max), "",
                random.Next(2) == 0 ? null : new AuditRefusal(Text(max), random.Next(2) == 0 ? null : Text(max), Text(max), Text(max), random.Next(2) == 0 ? null : Text(max)));
            Assert.Equal(StringCanonicalHash(record), record.ComputeHash());
        }
    }

    /// <summary>The round-11 implementation, kept as the oracle of the canonical form.</summary>
    private static string StringCanonicalHash(AuditRecord r)
    {
        var builder = new StringBuilder(256);
        void Part(string? value) => builder.Append(value?.Length ?? -1).Append(':').Append(value).Append('|');
        Part(r.TenantId);
        Part(r.Sequence.ToString(CultureInfo.InvariantCulture));
        Part(r.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Part(r.Actor);
        Part(r.Action);
        Part(r.EntityType);
        Part(r.EntityId);
        builder.Append(r.Fields.Count).Append('[');
        foreach (var field in r.Fields)
        {
            Part(field);
        }

        builder.Append(']');
        Part(r.Purpose);
        Part(r.CorrelationId);
        Part(r.Reason);
        if (r.Refusal is { } refusal)
        {
            builder.Append("refusal[");
            Part(refusal.Code);
            Part(refusal.CallerTenant);
            Part(refusal.CallerRoles);
            Part(refusal.Via);
            Part(refusal.ClientAddress);
            builder.Append(']');
        }

        Part(r.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }
}
