using CareGrid.Grains.Cases;

namespace CareGrid.Grains.History;

/// <summary>
/// The kinds of a case's histories kept outside its hot state (docs/storage.md). Each kind has its own sequence,
/// starting at 1, in the order the entries were archived.
/// </summary>
[GenerateSerializer, Alias("CareGrid.CaseHistoryKind")]
public enum CaseHistoryKind
{
    /// <summary>Timeline entries (<see cref="TimelineEntry"/>), oldest first.</summary>
    Timeline,
    /// <summary>Logged contacts (<see cref="ContactLog"/>), oldest first.</summary>
    Contacts,
    /// <summary>Screenings (<see cref="ScreeningRecord"/>), oldest first.</summary>
    Screenings,
    /// <summary>Notices sent up the chain (<see cref="CaseNotification"/>), oldest first.</summary>
    Notifications,
    /// <summary>Closed (done or cancelled) tasks (<see cref="CaseTask"/>), in the order they were archived.</summary>
    Tasks,
    /// <summary>Finished (declined or completed) referrals (<see cref="Referral"/>), in the order they were archived.</summary>
    Referrals,
}

/// <summary>
/// One archived entry of a case's history: exactly one payload property is set, the one of <see cref="Kind"/>.
/// Entries are immutable once archived (only finished tasks and referrals are archived).
/// </summary>
/// <param name="Kind">Which history.</param>
/// <param name="Sequence">1-based position in that history.</param>
[GenerateSerializer, Alias("CareGrid.CaseHistoryEntry"), Immutable]
public sealed record CaseHistoryEntry(
    [property: Id(0)] CaseHistoryKind Kind,
    [property: Id(1)] long Sequence)
{
    /// <summary>The timeline entry (kind <see cref="CaseHistoryKind.Timeline"/>).</summary>
    [Id(2)] public TimelineEntry? Timeline { get; init; }
    /// <summary>The contact (kind <see cref="CaseHistoryKind.Contacts"/>).</summary>
    [Id(3)] public ContactLog? Contact { get; init; }
    /// <summary>The screening (kind <see cref="CaseHistoryKind.Screenings"/>).</summary>
    [Id(4)] public ScreeningRecord? Screening { get; init; }
    /// <summary>The notification (kind <see cref="CaseHistoryKind.Notifications"/>).</summary>
    [Id(5)] public CaseNotification? Notification { get; init; }
    /// <summary>The closed task (kind <see cref="CaseHistoryKind.Tasks"/>).</summary>
    [Id(6)] public CaseTask? Task { get; init; }
    /// <summary>The finished referral (kind <see cref="CaseHistoryKind.Referrals"/>).</summary>
    [Id(7)] public Referral? Referral { get; init; }

    /// <summary>The payload as an object (the one set).</summary>
    public object Payload => (object?)Timeline ?? (object?)Contact ?? (object?)Screening ?? (object?)Notification ?? (object?)Task ?? Referral
        ?? throw new InvalidDataException($"History entry {Kind} {Sequence} has no payload.");

    /// <summary>An entry of the kind that matches <paramref name="payload"/>'s type.</summary>
    /// <exception cref="ArgumentException">The payload is not one of the six history types.</exception>
    public static CaseHistoryEntry Of(long sequence, object payload) => payload switch
    {
        TimelineEntry t => new(CaseHistoryKind.Timeline, sequence) { Timeline = t },
        ContactLog c => new(CaseHistoryKind.Contacts, sequence) { Contact = c },
        ScreeningRecord s => new(CaseHistoryKind.Screenings, sequence) { Screening = s },
        CaseNotification n => new(CaseHistoryKind.Notifications, sequence) { Notification = n },
        CaseTask k => new(CaseHistoryKind.Tasks, sequence) { Task = k },
        Referral r => new(CaseHistoryKind.Referrals, sequence) { Referral = r },
        _ => throw new ArgumentException($"{payload.GetType().Name} is not a case history type.", nameof(payload)),
    };
}

/// <summary>
/// How many entries of each history a case has archived to the <see cref="ICaseHistoryStore"/>: the high-water marks
/// (docs/storage.md). Rows of a kind above its mark are leftovers of a failed write and are never read.
/// </summary>
[GenerateSerializer, Alias("CareGrid.CaseHistoryMarks")]
public sealed class CaseHistoryMarks
{
    /// <summary>Archived timeline entries.</summary>
    [Id(0)] public long Timeline { get; set; }
    /// <summary>Archived contacts.</summary>
    [Id(1)] public long Contacts { get; set; }
    /// <summary>Archived screenings.</summary>
    [Id(2)] public long Screenings { get; set; }
    /// <summary>Archived notifications.</summary>
    [Id(3)] public long Notifications { get; set; }
    /// <summary>Archived (closed) tasks.</summary>
    [Id(4)] public long Tasks { get; set; }
    /// <summary>Archived (finished) referrals.</summary>
    [Id(5)] public long Referrals { get; set; }

    /// <summary>The mark of <paramref name="kind"/>.</summary>
    public long this[CaseHistoryKind kind]
    {
        get => kind switch
        {
            CaseHistoryKind.Timeline => Timeline,
            CaseHistoryKind.Contacts => Contacts,
            CaseHistoryKind.Screenings => Screenings,
            CaseHistoryKind.Notifications => Notifications,
            CaseHistoryKind.Tasks => Tasks,
            _ => Referrals,
        };
        set
        {
            switch (kind)
            {
                case CaseHistoryKind.Timeline: Timeline = value; break;
                case CaseHistoryKind.Contacts: Contacts = value; break;
                case CaseHistoryKind.Screenings: Screenings = value; break;
                case CaseHistoryKind.Notifications: Notifications = value; break;
                case CaseHistoryKind.Tasks: Tasks = value; break;
                default: Referrals = value; break;
            }
        }
    }
}

/// <summary>Total entries of each of a case's histories (archived and hot), as returned with a case.</summary>
/// <param name="Timeline">Timeline entries.</param>
/// <param name="Contacts">Contacts.</param>
/// <param name="Screenings">Screenings.</param>
/// <param name="Notifications">Notifications.</param>
/// <param name="Tasks">Tasks, open and closed.</param>
/// <param name="Referrals">Referrals, open and finished.</param>
[GenerateSerializer, Alias("CareGrid.CaseHistoryCounts"), Immutable]
public sealed record CaseHistoryCounts(
    [property: Id(0)] long Timeline,
    [property: Id(1)] long Contacts,
    [property: Id(2)] long Screenings,
    [property: Id(3)] long Notifications,
    [property: Id(4)] long Tasks,
    [property: Id(5)] long Referrals)
{
    /// <summary>The count of <paramref name="kind"/>.</summary>
    public long Of(CaseHistoryKind kind) => kind switch
    {
        CaseHistoryKind.Timeline => Timeline,
        CaseHistoryKind.Contacts => Contacts,
        CaseHistoryKind.Screenings => Screenings,
        CaseHistoryKind.Notifications => Notifications,
        CaseHistoryKind.Tasks => Tasks,
        _ => Referrals,
    };
}

/// <summary>A slice of one of a case's histories.</summary>
/// <param name="Total">Entries the history holds in all.</param>
/// <param name="Start">1-based position of the first item in the whole history.</param>
/// <param name="Items">The payloads (one of the six history types), oldest first.</param>
[GenerateSerializer, Alias("CareGrid.CaseHistoryPage"), Immutable]
public sealed record CaseHistoryPage(
    [property: Id(0)] long Total,
    [property: Id(1)] long Start,
    [property: Id(2)] IReadOnlyList<CaseHistoryEntry> Items);
