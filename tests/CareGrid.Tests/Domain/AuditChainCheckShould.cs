using CareGrid.Grains.Audit;

namespace CareGrid.Tests.Domain;

/// <summary>
/// The audit chain's check on its own (<see cref="AuditChain.VerifyAsync"/>), without a silo: it reads up to the sequence the
/// log had when the check was asked for (round 18 red team RT18-3 moved the check out of the log grain, so records appended
/// meanwhile must not be read as part of it) and names the first broken record.
/// </summary>
[Trait("tier", "domain")]
public sealed class AuditChainCheckShould
{
    private static List<AuditRecord> Chain(int count)
    {
        var records = new List<AuditRecord>();
        var previous = AuditRecord.Genesis;
        for (var sequence = 1; sequence <= count; sequence++)
        {
            var draft = new AuditRecord("t1", sequence, DateTimeOffset.UnixEpoch.AddMinutes(sequence), "psych@t1", "READ", "Case", $"case-{sequence}",
                ["summary"], "case", $"corr-{sequence}", null, previous, "");
            var record = draft with { Hash = draft.ComputeHash() };
            records.Add(record);
            previous = record.Hash;
        }

        return records;
    }

    private static async IAsyncEnumerable<AuditRecord> Stream(IEnumerable<AuditRecord> records)
    {
        foreach (var record in records)
        {
            await Task.CompletedTask;
            yield return record;
        }
    }

    [Fact]
    public async Task Find_an_intact_chain_intact_up_to_the_sequence_asked_for()
    {
        var verdict = await AuditChain.VerifyAsync(Stream(Chain(9000)), upTo: 9000);

        Assert.True(verdict.Intact);
        Assert.Equal(9000, verdict.Checked);
    }

    [Fact]
    public async Task Leave_records_appended_after_the_check_began_unread()
    {
        var records = Chain(5);
        records[4] = records[4] with { Actor = "someone-else" }; // altered, but appended after the check began

        var verdict = await AuditChain.VerifyAsync(Stream(records), upTo: 3);

        Assert.True(verdict.Intact);
        Assert.Equal(3, verdict.Checked);
    }

    [Fact]
    public async Task Name_the_first_altered_record()
    {
        var records = Chain(5);
        records[2] = records[2] with { EntityId = "case-99" };

        var verdict = await AuditChain.VerifyAsync(Stream(records), upTo: 5);

        Assert.False(verdict.Intact);
        Assert.Equal(3, verdict.BrokenAt);
        Assert.Contains("altered", verdict.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Name_a_record_missing_in_the_middle_and_records_missing_at_the_end()
    {
        var records = Chain(5);

        var gap = await AuditChain.VerifyAsync(Stream(records.Where(r => r.Sequence != 2)), upTo: 5);
        var tail = await AuditChain.VerifyAsync(Stream(records.Take(3)), upTo: 5);

        Assert.Equal((false, 2L), (gap.Intact, gap.BrokenAt!.Value));
        Assert.Contains("record 2 is missing", gap.Problem, StringComparison.Ordinal);
        Assert.Equal((false, 4L), (tail.Intact, tail.BrokenAt!.Value));
        Assert.Contains("records 4–5 are missing at the end", tail.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Name_a_record_stored_again_out_of_order()
    {
        var records = Chain(4);
        var reordered = new[] { records[0], records[1], records[0], records[2], records[3] };

        var verdict = await AuditChain.VerifyAsync(Stream(reordered), upTo: 4);

        Assert.False(verdict.Intact);
        Assert.Contains("stored again or out of order", verdict.Problem, StringComparison.Ordinal);
    }
}
