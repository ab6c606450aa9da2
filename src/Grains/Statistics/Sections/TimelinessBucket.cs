using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Statistics.Sections;

/// <summary>
/// The timeliness counters of one (unit, ISO week) bucket (<see cref="TimelinessSection"/>, docs/statistics.md
/// "Timeliness"). Every counter takes a sign: +1 counts a case row, -1 uncounts the row it replaces.
/// </summary>
internal sealed class TimelinessBucket
{
    /// <summary>Report to first professional contact, of cases reported in this week.</summary>
    public DurationCounts FirstContact { get; } = new();

    /// <summary>High/Imminent to crisis intervention, of episodes that began in this week.</summary>
    public DurationCounts Crisis { get; } = new();

    /// <summary>Protocol outcomes decided without the clock (met, missed, cancelled), of episodes that began in this week.</summary>
    public long[] Protocol { get; } = new long[Enum.GetValues<ProtocolOutcome>().Length];

    /// <summary>Pending episodes by the deadline of their earliest open protocol task (missed once the clock passes it).</summary>
    public DeadlineCounts ProtocolPending { get; } = new();

    /// <summary>Hand-overs due in this week that were done in time, done late, or cancelled.</summary>
    public long HandOversInTime { get; set; }

    /// <summary>Hand-overs due in this week done after their deadline.</summary>
    public long HandOversLate { get; set; }

    /// <summary>Hand-overs due in this week that were cancelled.</summary>
    public long HandOversCancelled { get; set; }

    /// <summary>Open hand-overs due in this week, by deadline (overdue once the clock passes it).</summary>
    public DeadlineCounts HandOversOpen { get; } = new();

    /// <summary>Referrals proposed in this week, by their status now (indexed by <see cref="ReferralStatus"/>).</summary>
    public long[] Referrals { get; } = new long[Enum.GetValues<ReferralStatus>().Length];

    /// <summary>Sent to accepted, of referrals proposed in this week.</summary>
    public DurationCounts Acceptance { get; } = new();

    /// <summary>Contacts logged in this week for this provider unit.</summary>
    public long Contacts { get; set; }

    /// <summary>Their minutes.</summary>
    public long Minutes { get; set; }
}

/// <summary>Durations of one kind in one bucket: elapsed minutes, working-day minutes, and the cases still waiting.</summary>
internal sealed class DurationCounts
{
    /// <summary>Elapsed minutes.</summary>
    public MinuteCounts Elapsed { get; } = new();

    /// <summary>Working-day minutes on the section's calendar (<see cref="StatisticsMath.WorkingMinutes"/>).</summary>
    public MinuteCounts Working { get; } = new();

    /// <summary>Cases whose end has not happened yet.</summary>
    public long Waiting { get; set; }

    /// <summary>Counts (or with <paramref name="sign"/> -1 uncounts) a duration from <paramref name="from"/> to <paramref name="to"/>, or a wait when <paramref name="to"/> is null.</summary>
    public void Add(DateTimeOffset from, DateTimeOffset? to, int sign, WorkingCalendar calendar)
    {
        if (to is not { } end)
        {
            Waiting += sign;
            return;
        }

        Elapsed.Add(StatisticsMath.Minutes(from, end), sign);
        Working.Add(StatisticsMath.WorkingMinutes(calendar, from, end), sign);
    }
}
