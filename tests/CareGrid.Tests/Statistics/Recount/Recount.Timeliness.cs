using CareGrid.Grains.Cases;
using CareGrid.Grains.Statistics;

namespace CareGrid.Tests.Statistics.Recount;

/// <summary>
/// docs/statistics.md "Timeliness", recounted by walking each case's complete timeline, tasks, contacts
/// and referrals — not from the case's running facts.
/// </summary>
public sealed partial class Recount
{
    private static readonly CaseTaskKind[] ProtocolKinds =
    [
        CaseTaskKind.NotifyFamilyEmergencyContact, CaseTaskKind.ProfessionalCrisisIntervention, CaseTaskKind.RaiseVisitFrequency,
        CaseTaskKind.GuideToPsychiatricInstitution, CaseTaskKind.PoliceTransportAssistance,
    ];

    private void Timeliness()
    {
        if (actual.Timeliness is not { } t)
        {
            _differences.Add("timeliness: missing from the report");
            return;
        }

        var reported = Cases.Where(c => world.InPeriod(c.ReportedAt, period)).ToList();
        SameDurations("firstProfessionalContact", reported.Select(c => (c.ReportedAt, FirstProfessionalContact(c))), t.FirstProfessionalContact);
        var episodes = Cases.SelectMany(CountedEpisodes).Where(e => world.InPeriod(e.Start, period)).ToList();
        // An episode that ended without crisis intervention is not waiting for one (docs/statistics.md "Timeliness").
        SameDurations("crisisIntervention", episodes.Where(e => e.Last || e.Crisis is not null).Select(e => (e.Start, e.Crisis)), t.CrisisIntervention);
        Protocol(episodes.Select(e => e.Outcome).ToList(), t.Protocol);
        HandOvers(t.DischargeHandOvers);
        var referrals = Cases.SelectMany(c => c.Referrals).Where(r => world.InPeriod(r.ProposedAt, period)).ToList();
        SameCounts("referralsByOutcome", Enum.GetValues<ReferralStatus>().ToDictionary(s => s, s => (long)referrals.Count(r => r.Status == s)),
            t.Referrals.ByOutcome.ToDictionary(c => c.Key, c => c.Count));
        SameDurations("timeToAcceptance", referrals.Where(r => r.SentAt is not null && (r.Status is ReferralStatus.Sent or ReferralStatus.Accepted or ReferralStatus.Completed))
            .Select(r => (r.SentAt!.Value, r.Status == ReferralStatus.Sent ? (DateTimeOffset?)null : r.RespondedAt)), t.Referrals.TimeToAcceptance);
        var contacts = world.Cases.SelectMany(c => c.Contacts.Select(x => (Unit: ProviderUnit(x.By) ?? c.OrganizationId, Contact: x))).Where(x => Covers(x.Unit) && world.InPeriod(x.Contact.At, period)).ToList();
        var volume = contacts.GroupBy(x => x.Unit ?? "(none)").ToDictionary(g => g.Key, g => $"contacts {g.Count()} minutes {g.Sum(x => (long)x.Contact.DurationMinutes)}");
        SameMap("serviceVolume", volume, t.ServiceVolume.ToDictionary(v => v.OrganizationId ?? "(none)", v => $"contacts {v.Contacts} minutes {v.Minutes}"));
        Same("serviceVolume order", string.Join(",", volume.Keys.Order(StringComparer.Ordinal)), string.Join(",", t.ServiceVolume.Select(v => v.OrganizationId ?? "(none)")));
    }

    /// <summary>
    /// The earliest contact logged by, or intervention started by, a level-3 professional (docs/statistics.md: an actor holding
    /// the Counsellor or Clinician role when acting — here the psychology teacher only), or null.
    /// </summary>
    private static readonly Dictionary<string, string> StaffUnit = new(StringComparer.Ordinal)
    {
        ["homeroom1"] = "class-7-1", ["homeroom2"] = "class-7-2", ["leader"] = "grade-7", ["psych"] = "counselling-centre",
    };

    /// <summary>The provider unit of a contact (R-1.12, docs/statistics.md "Timeliness"): the one unit the logging staff member is a member of, or null when none.</summary>
    private static string? ProviderUnit(string by) => StaffUnit.GetValueOrDefault(by.Split('@')[0]);

    private static DateTimeOffset? FirstProfessionalContact(CaseView c) =>
        c.Contacts.Where(x => x.By.StartsWith("psych@", StringComparison.Ordinal)).Select(x => (DateTimeOffset?)x.At)
            .Concat(c.Timeline.Where(e => e.Action == nameof(CaseTrigger.StartIntervention) && e.Actor.StartsWith("psych@", StringComparison.Ordinal)).Select(e => (DateTimeOffset?)e.At))
            .Min();

    /// <summary>An episode as the recount sees it: when it began, its crisis intervention, its R-1.10 outcome, and whether it is the case's last.</summary>
    private sealed record CountedEpisode(DateTimeOffset Start, DateTimeOffset? Crisis, ProtocolOutcome Outcome, bool Last);

    /// <summary>
    /// The case's high-risk episodes that the statistics count (docs/statistics.md "Timeliness"): the last, and before it
    /// those with a protocol outcome or a crisis intervention, at most <see cref="CaseFacts.MaxEarlierEpisodes"/>; past that
    /// the oldest that was not missed leaves (a missed one only when all kept are missed). Each with its outcome
    /// (<see cref="ProtocolOutcomeOf"/>).
    /// </summary>
    private IEnumerable<CountedEpisode> CountedEpisodes(CaseView c)
    {
        var episodes = Episodes(c);
        var closures = c.Timeline.Select((e, i) => (Entry: e, Index: i)).Where(x => x.Entry.Action is "TaskDone" or "TaskCancelled")
            .GroupBy(x => x.Entry.Reason!.Split(' ')[0]).ToDictionary(g => g.Key, g => g.First().Index);
        var kept = new List<CountedEpisode>();
        for (var i = 0; i < episodes.Count; i++)
        {
            var episode = new CountedEpisode(episodes[i].Start, episodes[i].Crisis, ProtocolOutcomeOf(c, episodes, i, closures), i == episodes.Count - 1);
            if (!episode.Last && episode is { Outcome: ProtocolOutcome.None, Crisis: null })
            {
                continue;
            }

            if (!episode.Last && kept.Count == CaseFacts.MaxEarlierEpisodes)
            {
                var leaving = kept.FindIndex(e => e.Outcome != ProtocolOutcome.Missed);
                kept.RemoveAt(leaving >= 0 ? leaving : 0);
            }

            kept.Add(episode);
        }

        return kept;
    }

    /// <summary>
    /// The case's high-risk episodes in order, walking the timeline: one begins when an <c>AssessRisk</c> entry raises the
    /// risk from below High to High or Imminent, and when a case at High or Imminent is reopened (the protocol runs again:
    /// docs/protocol.md "Reopening a High or Imminent case"), and ends when the next begins; crisis intervention is the first
    /// <c>StartIntervention</c> while at High or Imminent, or the first crisis-intervention task done, in it. Each with the
    /// index of the timeline entry that began it.
    /// </summary>
    private static List<(DateTimeOffset Start, DateTimeOffset? Crisis, int Index)> Episodes(CaseView c)
    {
        var crisisTasks = c.Tasks.Where(t => t.Kind == CaseTaskKind.ProfessionalCrisisIntervention).Select(t => t.Id + " ").ToList();
        var risk = RiskLevel.Low;
        var episodes = new List<(DateTimeOffset Start, DateTimeOffset? Crisis, int Index)>();
        for (var i = 0; i < c.Timeline.Count; i++)
        {
            var e = c.Timeline[i];
            if (e.Action == "AssessRisk")
            {
                var to = ParseRisk(e.Reason!);
                if (to >= RiskLevel.High && risk < RiskLevel.High)
                {
                    episodes.Add((e.At, null, i));
                }

                risk = to;
            }
            else if (e.Action == nameof(CaseTrigger.Reopen) && risk >= RiskLevel.High)
            {
                episodes.Add((e.At, null, i));
            }
            else if (episodes.Count > 0 && episodes[^1] is { Crisis: null } ep && ((e.Action == nameof(CaseTrigger.StartIntervention) && risk >= RiskLevel.High)
                         || (e.Action == "TaskDone" && crisisTasks.Any(id => e.Reason!.StartsWith(id, StringComparison.Ordinal)))))
            {
                episodes[^1] = ep with { Crisis = e.At };
            }
        }

        return episodes;
    }

    /// <summary>The level an <c>AssessRisk</c> entry sets: "High confirmed: …" or "Low → High: …".</summary>
    private static RiskLevel ParseRisk(string reason)
    {
        var head = reason.Split(':')[0];
        var level = head.Contains('→', StringComparison.Ordinal) ? head.Split('→')[1].Trim() : head.Split(' ')[0];
        return Enum.Parse<RiskLevel>(level);
    }

    /// <summary>
    /// The R-1.10 outcome of episode <paramref name="i"/>, by timeline order (commands of one instant are ordered there). Its
    /// protocol tasks are those not closed before the entry that began it and not already past their deadline then (a task
    /// overdue when an episode begins is the earlier episode's miss, not this one's). Its decided tasks are those closed
    /// (<c>TaskDone</c>/<c>TaskCancelled</c>) after that entry and before the next episode's. Missed when a decided one was
    /// closed after its deadline, or one still open when the episode ended (now, for the last) was past its deadline then;
    /// else, for the last episode only, pending when one is open; else cancelled when one was cancelled; else met when one
    /// was done; else none. An earlier episode is never pending: its open tasks go on in the next.
    /// </summary>
    private ProtocolOutcome ProtocolOutcomeOf(CaseView c, List<(DateTimeOffset Start, DateTimeOffset? Crisis, int Index)> episodes, int i, Dictionary<string, int> closures)
    {
        var last = i == episodes.Count - 1;
        var (from, to) = (episodes[i].Index, last ? int.MaxValue : episodes[i + 1].Index);
        var (start, end) = (episodes[i].Start, last ? world.Now : episodes[i + 1].Start);
        var tasks = c.Tasks.Where(t => ProtocolKinds.Contains(t.Kind) && t.DueAt >= start && (!closures.TryGetValue(t.Id, out var k) || k > from)).ToList();
        var decided = tasks.Where(t => closures.TryGetValue(t.Id, out var k) && k < to).ToList();
        var openAtEnd = tasks.Where(t => last ? t.Status == CaseTaskStatus.Open : !closures.TryGetValue(t.Id, out var k) || k > to).ToList();
        return decided.Any(t => t.ClosedAt > t.DueAt) || openAtEnd.Any(t => t.DueAt < end) ? ProtocolOutcome.Missed
            : last && openAtEnd.Count > 0 ? ProtocolOutcome.Pending
            : decided.Any(t => t.Status == CaseTaskStatus.Cancelled) ? ProtocolOutcome.Cancelled
            : decided.Any(t => t.Status == CaseTaskStatus.Done) ? ProtocolOutcome.Met
            : ProtocolOutcome.None;
    }

    private void Protocol(List<ProtocolOutcome> outcomes, ProtocolFigures got)
    {
        long Of(ProtocolOutcome o) => outcomes.Count(x => x == o);
        var (met, missed, cancelled, pending) = (Of(ProtocolOutcome.Met), Of(ProtocolOutcome.Missed), Of(ProtocolOutcome.Cancelled), Of(ProtocolOutcome.Pending));
        var decided = met + missed + cancelled;
        Same("protocol", $"episodes {decided + pending} met {met} missed {missed} cancelled {cancelled} pending {pending} share {Share(met, decided)}",
            $"episodes {got.Episodes} met {got.Met} missed {got.Missed} cancelled {got.Cancelled} pending {got.Pending} share {got.MetShare?.ToString() ?? "-"}");
    }

    /// <summary>Discharge hand-over tasks (R-2.4) due in the period, by outcome now.</summary>
    private void HandOvers(HandOverFigures got)
    {
        var tasks = Tasks.Select(x => x.Task).Where(t => t.Kind == CaseTaskKind.DischargeHandOver && world.InPeriod(t.DueAt, period)).ToList();
        long inTime = tasks.Count(t => t.Status == CaseTaskStatus.Done && t.ClosedAt <= t.DueAt), late = tasks.Count(t => t.Status == CaseTaskStatus.Done && t.ClosedAt > t.DueAt);
        long overdue = tasks.Count(IsOverdue), open = tasks.Count(t => t.Status == CaseTaskStatus.Open) - overdue, cancelled = tasks.Count(t => t.Status == CaseTaskStatus.Cancelled);
        var whole = inTime + late + overdue;
        Same("dischargeHandOvers", $"inTime {inTime} late {late} overdue {overdue} open {open} cancelled {cancelled} share {Share(inTime, whole)}",
            $"inTime {got.DoneInTime} late {got.DoneLate} overdue {got.Overdue} open {got.Open} cancelled {got.Cancelled} share {got.InTimeShare?.ToString() ?? "-"}");
    }

    /// <summary>Durations from start to end (null: still waiting): nearest-rank median and p90, in hours and in working days.</summary>
    private void SameDurations(string figure, IEnumerable<(DateTimeOffset Start, DateTimeOffset? End)> spans, DurationFigures got)
    {
        var list = spans.ToList();
        var measured = list.Where(s => s.End is not null).ToList();
        var elapsed = measured.Select(s => s.End!.Value <= s.Start ? 0L : (long)Math.Floor((s.End.Value - s.Start).TotalMinutes)).Order().ToList();
        var working = measured.Select(s => WorkingMinutes(s.Start, s.End!.Value)).Order().ToList();
        string Render(long m, long w, decimal? mh, decimal? ph, decimal? md, decimal? pd) => $"measured {m} waiting {w} median {mh?.ToString() ?? "-"} h / {md?.ToString() ?? "-"} wd, p90 {ph?.ToString() ?? "-"} h / {pd?.ToString() ?? "-"} wd";
        Same(figure, Render(measured.Count, list.Count - measured.Count, Hours(Rank(elapsed, 50)), Hours(Rank(elapsed, 90)), Days(Rank(working, 50)), Days(Rank(working, 90))),
            Render(got.Measured, got.Waiting, got.MedianHours, got.P90Hours, got.MedianWorkingDays, got.P90WorkingDays));
    }

    /// <summary>Nearest rank: the value at rank ⌈p/100 · n⌉ of the sorted values (1-based), or null when there are none.</summary>
    private static long? Rank(List<long> sorted, int p) => sorted.Count == 0 ? null : sorted[(int)Math.Ceiling(p / 100.0 * sorted.Count) - 1];

    /// <summary>Hours to two decimals, halves away from zero (docs/statistics.md "Timeliness").</summary>
    private static decimal? Hours(long? minutes) => minutes is { } m ? Math.Round(m / 60m, 2, MidpointRounding.AwayFromZero) : null;

    /// <summary>Working days to two decimals, halves away from zero.</summary>
    private static decimal? Days(long? minutes) => minutes is { } m ? Math.Round(m / 1440m, 2, MidpointRounding.AwayFromZero) : null;

    /// <summary>A share to four decimals, halves away from zero; "-" when nothing is decided.</summary>
    private static string Share(long part, long whole) => whole == 0 ? "-" : Math.Round(part / (decimal)whole, 4, MidpointRounding.AwayFromZero).ToString();

    /// <summary>Minutes of [from, to) that fall on the tenant's working days (local midnight to midnight, zone database).</summary>
    private long WorkingMinutes(DateTimeOffset from, DateTimeOffset to)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(world.Calendar.TimeZoneId);
        long total = 0;
        for (var day = world.LocalDate(from); day <= world.LocalDate(to); day = day.AddDays(1))
        {
            if (!world.Calendar.IsWorkingDay(day))
            {
                continue;
            }

            var start = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), zone), TimeSpan.Zero);
            var end = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue), zone), TimeSpan.Zero);
            var overlap = ((to < end ? to : end) - (from > start ? from : start)).TotalMinutes;
            total += overlap > 0 ? (long)Math.Round(overlap) : 0;
        }

        return total;
    }
}
