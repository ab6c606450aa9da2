using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.History;
using static CareGrid.Tests.Domain.CaseWorkFixtures;

namespace CareGrid.Tests.Domain;

/// <summary>The hot window of a case's histories (docs/storage.md): what is archived when, and the paging of a read.</summary>
[Trait("tier", "domain")]
public class HistoryWindowShould
{
    private static TimelineEntry Entry(int i, string? reason = null) => new(Now.AddMinutes(i), "a", "LogContact", CaseStatus.Active, CaseStatus.Active, reason ?? $"entry {i}");

    [Fact]
    public void Keep_a_window_that_fits()
    {
        var s = Case();
        s.Timeline.AddRange(Enumerable.Range(1, HistoryWindow.MaxEntries).Select(i => Entry(i)));
        Assert.False(HistoryWindow.NeedsArchiving(s));
        Assert.Empty(HistoryWindow.Trim(s));
        Assert.Equal(HistoryWindow.MaxEntries, s.Timeline.Count);
    }

    [Fact]
    public void Archive_the_oldest_entries_once_a_window_holds_too_many()
    {
        var s = Case();
        s.Timeline.AddRange(Enumerable.Range(1, HistoryWindow.MaxEntries + 1).Select(i => Entry(i)));
        Assert.True(HistoryWindow.NeedsArchiving(s));
        var moved = HistoryWindow.Trim(s);
        Assert.Equal(HistoryWindow.MaxEntries + 1 - HistoryWindow.KeepEntries, moved.Count);
        Assert.Equal(Enumerable.Range(1, moved.Count).Select(i => (long)i), moved.Select(e => e.Sequence));
        Assert.Equal(HistoryWindow.KeepEntries, s.Timeline.Count);
        Assert.Equal("entry 34", s.Timeline[0].Reason);
        Assert.Equal(moved.Count, s.Archived.Timeline);
        Assert.Equal(HistoryWindow.MaxEntries + 1, HistoryWindow.Counts(s).Timeline);
    }

    [Fact]
    public void Archive_by_size_but_always_keep_the_newest_entry()
    {
        var s = Case();
        var big = new string('x', 4000);
        s.Timeline.AddRange(Enumerable.Range(1, 4).Select(i => Entry(i, big)));
        Assert.True(HistoryWindow.NeedsArchiving(s));
        var moved = HistoryWindow.Trim(s);
        Assert.Equal(3, moved.Count);
        Assert.Equal(Now.AddMinutes(4), Assert.Single(s.Timeline).At);
    }

    [Fact]
    public void Never_archive_open_tasks_or_open_referrals()
    {
        var s = Case();
        for (var i = 0; i < 70; i++)
        {
            var status = i % 2 == 0 ? CaseTaskStatus.Open : CaseTaskStatus.Done;
            s.Tasks.Add(new CaseTask($"t{i}", CaseTaskKind.FollowUpVisit, "q", status, Now, Now.AddDays(1), 0, null, null, null, null, null));
            s.Referrals.Add(new Referral($"r{i}", "Centre", "why", i == 69 ? ReferralStatus.Sent : ReferralStatus.Declined, Now, "c", null, [], new Dictionary<string, string>(), null, null, null, null));
        }

        Assert.True(HistoryWindow.NeedsArchiving(s)); // 35 closed tasks fit; 69 finished referrals do not
        s.Tasks.AddRange(Enumerable.Range(70, 40).Select(i => new CaseTask($"t{i}", CaseTaskKind.FollowUpVisit, "q", CaseTaskStatus.Cancelled, Now, Now, 0, null, null, null, null, null)));
        var moved = HistoryWindow.Trim(s);
        Assert.All(moved.Where(e => e.Kind == CaseHistoryKind.Tasks), e => Assert.NotEqual(CaseTaskStatus.Open, e.Task!.Status));
        Assert.Equal(35, s.Tasks.Count(t => t.Status == CaseTaskStatus.Open));
        Assert.Contains(s.Referrals, r => r.Status == ReferralStatus.Sent);
        Assert.Equal(HistoryWindow.KeepEntries, s.Referrals.Count(r => r.Status == ReferralStatus.Declined));
    }

    [Theory]
    [InlineData(100, null, null, 1, 100)]
    [InlineData(100, 10, null, 1, 10)]
    [InlineData(100, null, 5, 96, 100)]
    [InlineData(100, 10, 3, 8, 10)]
    [InlineData(4, 10, 1000, 1, 4)]
    [InlineData(0, null, null, 1, 0)]
    public void Page_a_read_with_first_and_last(long total, int? first, int? last, long lo, long hi) =>
        Assert.Equal((lo, hi), HistoryWindow.Range(total, first, last));

    [Theory]
    [InlineData(0, null, "first")]
    [InlineData(null, 0, "last")]
    [InlineData(null, 1001, "last")]
    public void Refuse_a_page_out_of_bounds(int? first, int? last, string field)
    {
        var error = Refused(() => HistoryWindow.Range(10, first, last));
        Assert.Equal(("VALIDATION_FAILED", field), (error.Code, error.Details["field"]));
    }
}
