using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.Statistics.Sections;

/// <summary>
/// Timeliness (docs/statistics.md "Timeliness") from the facts each case row carries
/// (<see cref="CaseRow.Facts"/>): report to first professional contact, High/Imminent to crisis intervention, the
/// protocol met, discharge hand-overs in time, referrals by outcome and time to acceptance, service volume per provider
/// unit. Counters per (unit, ISO week) bucket; a request sums the buckets of its weeks and units, and its percentiles come
/// from the buckets' minute count maps (<see cref="MinuteCounts"/>), so its cost does not grow with the number of cases.
/// Rows without facts (written before rows carried them) count nothing here until their case rewrites them.
/// </summary>
/// <param name="calendar">The tenant's calendar: its zone makes the weeks, its working days the working-day durations.</param>
public sealed partial class TimelinessSection(WorkingCalendar calendar) : IStatisticsSection
{
    private const string NoUnit = "\0";
    private readonly Dictionary<DateOnly, Dictionary<string, TimelinessBucket>> _weeks = [];

    /// <inheritdoc />
    public void OnCase(CaseRow? before, CaseRow? after)
    {
        if (before is not null)
        {
            Count(before, -1);
        }

        if (after is not null)
        {
            Count(after, 1);
        }
    }

    private TimelinessBucket Bucket(string? unit, DateOnly week)
    {
        if (!_weeks.TryGetValue(week, out var units))
        {
            _weeks[week] = units = new Dictionary<string, TimelinessBucket>(StringComparer.Ordinal);
        }

        var key = unit ?? NoUnit;
        if (!units.TryGetValue(key, out var bucket))
        {
            units[key] = bucket = new TimelinessBucket();
        }

        return bucket;
    }

    private DateOnly WeekOf(DateTimeOffset at) => StatisticsPeriod.WeekOf(at, calendar);

    /// <summary>Counts (sign +1) or uncounts (-1) one case row's facts in their buckets.</summary>
    private void Count(CaseRow row, int sign)
    {
        if (row.Facts is not { } facts)
        {
            return;
        }

        var unit = row.OrganizationId;
        Bucket(unit, WeekOf(row.ReportedAt)).FirstContact.Add(row.ReportedAt, facts.FirstProfessionalContactAt, sign, calendar);
        if (facts.HighRiskSince is { } since)
        {
            var episode = Bucket(unit, WeekOf(since));
            episode.Crisis.Add(since, facts.CrisisInterventionAt, sign, calendar);
            if (facts.Protocol == ProtocolOutcome.Pending)
            {
                episode.ProtocolPending.Add(facts.ProtocolPendingDue!.Value, sign);
            }
            else
            {
                episode.Protocol[(int)facts.Protocol] += sign;
            }
        }

        foreach (var earlier in facts.EarlierEpisodes)
        {
            var ended = Bucket(unit, WeekOf(earlier.Began));
            if (earlier.CrisisInterventionAt is { } crisis)
            {
                ended.Crisis.Add(earlier.Began, crisis, sign, calendar); // one that ended without crisis intervention is not waiting for it
            }

            ended.Protocol[(int)earlier.Outcome] += sign;
        }

        foreach (var handOver in facts.HandOvers)
        {
            CountHandOver(Bucket(unit, WeekOf(handOver.DueAt)), handOver, sign);
        }

        var referrals = facts.LatestBeyond is { } latest ? facts.Referrals.Append(latest) : facts.Referrals;
        foreach (var referral in referrals)
        {
            var bucket = Bucket(unit, WeekOf(referral.ProposedAt));
            bucket.Referrals[(int)referral.Status] += sign;
            if (referral.SentAt is { } sent && (referral.AcceptedAt is not null || referral.Status == ReferralStatus.Sent))
            {
                bucket.Acceptance.Add(sent, referral.AcceptedAt, sign, calendar);
            }
        }

        foreach (var service in facts.Service)
        {
            var bucket = Bucket(service.UnitId, service.Week);
            bucket.Contacts += sign * service.Contacts;
            bucket.Minutes += sign * service.Minutes;
        }
    }

    private static void CountHandOver(TimelinessBucket bucket, HandOverFact handOver, int sign)
    {
        switch (handOver.Status)
        {
            case CaseTaskStatus.Open:
                bucket.HandOversOpen.Add(handOver.DueAt, sign);
                break;
            case CaseTaskStatus.Cancelled:
                bucket.HandOversCancelled += sign;
                break;
            default:
                if (handOver.ClosedAt <= handOver.DueAt)
                {
                    bucket.HandOversInTime += sign;
                }
                else
                {
                    bucket.HandOversLate += sign;
                }

                break;
        }
    }
}
