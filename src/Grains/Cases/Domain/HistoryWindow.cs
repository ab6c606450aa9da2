using CareGrid.Grains.Errors;
using CareGrid.Grains.History;

namespace CareGrid.Grains.Cases.Domain;

/// <summary>
/// The hot window of a case's histories (docs/storage.md; keeps the case archive whole): timeline, contacts,
/// screenings, notifications, closed tasks and finished referrals keep only recent entries in the stored state; when a
/// window holds more than <see cref="MaxEntries"/> archivable entries or more than <see cref="MaxBytes"/> of estimated
/// text, its oldest archivable entries move out (numbered above the case's marks) until at most
/// <see cref="KeepEntries"/> and <see cref="KeepBytes"/> remain — always the newest. Open tasks and open referrals never
/// move. Also the paging of a history read. Pure: state in, entries to append to the history store out.
/// </summary>
public static class HistoryWindow
{
    /// <summary>A history window is archived once it holds more entries than this.</summary>
    public const int MaxEntries = 64;

    /// <summary>Entries a history window keeps after archiving (at most).</summary>
    public const int KeepEntries = 32;

    /// <summary>A history window is archived once its estimated size (UTF-8 worst case) passes this many bytes.</summary>
    public const int MaxBytes = 32 * 1024;

    /// <summary>Estimated bytes a history window keeps after archiving (at most, but always its newest entry).</summary>
    public const int KeepBytes = 16 * 1024;

    /// <summary>Largest <c>last</c> of one history read (the page size when paging with <c>first</c> and <c>last</c>).</summary>
    public const int MaxPage = 1000;

    /// <summary>True when a window of <paramref name="s"/> has outgrown its bounds (an old-shape state, or entries added since the last save).</summary>
    public static bool NeedsArchiving(CaseState s) =>
        Outgrown(Measure(s.Timeline, static _ => true, Size)) || Outgrown(Measure(s.Contacts, static _ => true, Size))
        || Outgrown(Measure(s.Screenings, static _ => true, Size)) || Outgrown(Measure(s.Notifications, static _ => true, Size))
        || Outgrown(Measure(s.Tasks, IsArchivable, Size)) || Outgrown(Measure(s.Referrals, IsArchivable, Size));

    private static bool Outgrown((int Count, long Bytes) window) => window.Count > MaxEntries || window.Bytes > MaxBytes;

    /// <summary>
    /// Takes what outgrew the windows out of <paramref name="s"/>, advancing its marks (<see cref="CaseState.Archived"/>), and
    /// returns the entries to append to the history store, each numbered by its kind's sequence. Empty when all fit.
    /// </summary>
    public static List<CaseHistoryEntry> Trim(CaseState s)
    {
        var moved = new List<CaseHistoryEntry>();
        Trim(s, s.Timeline, static _ => true, Size, CaseHistoryKind.Timeline, moved);
        Trim(s, s.Contacts, static _ => true, Size, CaseHistoryKind.Contacts, moved);
        Trim(s, s.Screenings, static _ => true, Size, CaseHistoryKind.Screenings, moved);
        Trim(s, s.Notifications, static _ => true, Size, CaseHistoryKind.Notifications, moved);
        Trim(s, s.Tasks, IsArchivable, Size, CaseHistoryKind.Tasks, moved);
        Trim(s, s.Referrals, IsArchivable, Size, CaseHistoryKind.Referrals, moved);
        return moved;
    }

    /// <summary>The hot (not yet archived) entries of <paramref name="kind"/>, oldest first.</summary>
    public static IReadOnlyList<object> Hot(CaseState s, CaseHistoryKind kind) => kind switch
    {
        CaseHistoryKind.Timeline => s.Timeline,
        CaseHistoryKind.Contacts => s.Contacts,
        CaseHistoryKind.Screenings => s.Screenings,
        CaseHistoryKind.Notifications => s.Notifications,
        CaseHistoryKind.Tasks => s.Tasks,
        _ => s.Referrals,
    };

    /// <summary>Every history's full length: archived plus hot.</summary>
    public static CaseHistoryCounts Counts(CaseState s) => new(
        s.Archived.Timeline + s.Timeline.Count,
        s.Archived.Contacts + s.Contacts.Count,
        s.Archived.Screenings + s.Screenings.Count,
        s.Archived.Notifications + s.Notifications.Count,
        s.Archived.Tasks + s.Tasks.Count,
        s.Archived.Referrals + s.Referrals.Count);

    /// <summary>
    /// The 1-based inclusive range of a read of <paramref name="total"/> entries: all, or the first <paramref name="first"/>,
    /// then of those the last <paramref name="last"/> (GraphQL's first/last convention). <c>VALIDATION_FAILED</c> for
    /// <paramref name="first"/> below 1 or <paramref name="last"/> outside 1–<see cref="MaxPage"/>.
    /// </summary>
    public static (long Lo, long Hi) Range(long total, int? first, int? last)
    {
        if (first is < 1)
        {
            throw CareGridException.Validation("first", "first is at least 1.");
        }

        if (last is < 1 or > MaxPage)
        {
            throw CareGridException.Validation("last", $"last is 1–{MaxPage}.");
        }

        var hi = first is { } f ? Math.Min(f, total) : total;
        var lo = last is { } l ? Math.Max(hi - l + 1, 1) : 1;
        return (lo, hi);
    }

    private static void Trim<T>(CaseState s, List<T> list, Func<T, bool> archivable, Func<T, long> size, CaseHistoryKind kind, List<CaseHistoryEntry> moved)
        where T : notnull
    {
        var (count, bytes) = Measure(list, archivable, size);
        if (count <= MaxEntries && bytes <= MaxBytes)
        {
            return;
        }

        var kept = new List<T>(list.Count);
        foreach (var item in list)
        {
            if (archivable(item) && count > 1 && (count > KeepEntries || bytes > KeepBytes))
            {
                moved.Add(CaseHistoryEntry.Of(++s.Archived[kind], item));
                count--;
                bytes -= size(item);
            }
            else
            {
                kept.Add(item);
            }
        }

        list.Clear();
        list.AddRange(kept);
    }

    private static (int Count, long Bytes) Measure<T>(List<T> list, Func<T, bool> archivable, Func<T, long> size)
    {
        var count = 0;
        var bytes = 0L;
        foreach (var item in list)
        {
            if (archivable(item))
            {
                count++;
                bytes += size(item);
            }
        }

        return (count, bytes);
    }

    private static bool IsArchivable(CaseTask task) => task.Status != CaseTaskStatus.Open;

    private static bool IsArchivable(Referral referral) => referral.Status is ReferralStatus.Declined or ReferralStatus.Completed;

    /// <summary>Worst-case UTF-8 bytes of some text (3 per UTF-16 unit).</summary>
    private static long Text(params ReadOnlySpan<string?> texts)
    {
        // Called for every entry of every window on every save: no array, no enumerator (a params span lives on the stack).
        var units = 0L;
        foreach (var text in texts)
        {
            units += text?.Length ?? 0;
        }

        return 3 * units;
    }

    private static long Size(TimelineEntry e) => 48 + Text(e.Actor, e.Action, e.Reason);

    private static long Size(ContactLog c) => 32 + Text(c.By, c.Notes, c.ProviderUnitId);

    private static long Size(ScreeningRecord s) => 64 + Text(s.Id, s.By) + 5L * s.Answers.Count;

    private static long Size(CaseNotification n) => 24 + Text(n.To, n.Message);

    private static long Size(CaseTask t) => 96 + Text(t.Id, t.OwnerId, t.OriginalOwnerId, t.ClosedBy, t.Note);

    private static long Size(Referral r) => 96 + Text(r.Id, r.Institution, r.Reason, r.ProposedBy, r.ConsentOverrideReason, r.Note)
        + Text([.. r.SharedFields]) + r.SharedData.Sum(p => Text(p.Key, p.Value));
}
