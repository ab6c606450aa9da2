using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Statistics;

/// <summary>The transitions of <see cref="CaseFacts"/>: each returns the facts after one case event (docs/statistics.md "Timeliness").</summary>
public sealed partial record CaseFacts
{
    /// <summary>The protocol task kinds (<see cref="Cases.Domain.CaseAggregate.HighRiskTasks"/> and police transport at Imminent).</summary>
    public static bool IsProtocolKind(CaseTaskKind kind) =>
        kind is CaseTaskKind.NotifyFamilyEmergencyContact or CaseTaskKind.ProfessionalCrisisIntervention or CaseTaskKind.RaiseVisitFrequency
            or CaseTaskKind.GuideToPsychiatricInstitution or CaseTaskKind.PoliceTransportAssistance;

    /// <summary>The facts of a case opened in a tenant whose calendar is in <paramref name="timeZoneId"/>.</summary>
    public static CaseFacts Opened(string timeZoneId) => new() { TimeZoneId = timeZoneId };

    /// <summary>The case closed at <paramref name="at"/>.</summary>
    public CaseFacts Closed(DateTimeOffset at) => this with { ClosedAt = at };

    /// <summary>The case reopened at <paramref name="at"/>: one more reopen, no longer closed.</summary>
    public CaseFacts Reopened(DateTimeOffset at) => this with { ReopenCount = ReopenCount + 1, ClosedAt = null, ReopenedAt = at };

    /// <summary>A level-3 professional logged a contact or started intervention at <paramref name="at"/>: the first one is kept.</summary>
    public CaseFacts ProfessionalContact(DateTimeOffset at) => FirstProfessionalContactAt is null ? this with { FirstProfessionalContactAt = at } : this;

    /// <summary>
    /// A high-risk episode began at <paramref name="at"/> (risk rose from below High, or a case at High or Imminent was
    /// reopened): a new episode with no crisis intervention and no protocol outcome yet. The episode before it, if any, ends
    /// with its outcome (<see cref="EpisodeFact.Outcome"/>: a task still open past its deadline at <paramref name="at"/> is
    /// its miss) and is kept in <see cref="EarlierEpisodes"/> when it counts in the figures (<see cref="WithEarlier"/>).
    /// Protocol tasks still open and not yet due go on in the new episode; an overdue one stays the earlier episode's miss
    /// only, so lowering and raising the risk cannot count one late task again and again (round-28 red team).
    /// </summary>
    public CaseFacts HighRiskBegan(DateTimeOffset at)
    {
        var facts = HighRiskSince is { } since ? WithEarlier(new EpisodeFact(since, CrisisInterventionAt, EndedOutcome(at))) : this;
        return facts with
        {
            HighRiskSince = at, CrisisInterventionAt = null, ProtocolMet = 0, ProtocolMissed = 0, ProtocolCancelled = 0,
            ProtocolOpen = ProtocolOpen.All(t => t.DueAt >= at) ? ProtocolOpen : [.. ProtocolOpen.Where(t => t.DueAt >= at)],
        };
    }

    /// <summary>The current episode's outcome if it ends at <paramref name="at"/> (<see cref="EpisodeFact.Outcome"/>).</summary>
    private ProtocolOutcome EndedOutcome(DateTimeOffset at) =>
        ProtocolMissed > 0 || ProtocolOpen.Any(t => t.DueAt < at) ? ProtocolOutcome.Missed
        : ProtocolCancelled > 0 ? ProtocolOutcome.Cancelled
        : ProtocolMet > 0 ? ProtocolOutcome.Met
        : ProtocolOutcome.None;

    /// <summary>
    /// <paramref name="ended"/> kept in <see cref="EarlierEpisodes"/>, unless it counts in no figure (no protocol outcome and no
    /// crisis intervention: risk lowered and raised with nothing done or due in between). Past the bound the oldest episode
    /// that was not missed leaves for <see cref="EpisodesBeyond"/>, and a missed one only when all kept ones are missed: a
    /// run of empty or met episodes cannot push a missed deadline out of the figures (round-28 red team: 17 risk changes did).
    /// </summary>
    private CaseFacts WithEarlier(EpisodeFact ended)
    {
        if (ended is { Outcome: ProtocolOutcome.None, CrisisInterventionAt: null })
        {
            return this;
        }

        if (EarlierEpisodes.Count < MaxEarlierEpisodes)
        {
            return this with { EarlierEpisodes = [.. EarlierEpisodes, ended] };
        }

        var leaving = EarlierEpisodes.ToList().FindIndex(e => e.Outcome != ProtocolOutcome.Missed) is var i and >= 0 ? i : 0;
        var counts = EpisodesBeyond.ToDictionary(c => c.Outcome, c => c.Count);
        var left = EarlierEpisodes[leaving];
        counts[left.Outcome] = counts.GetValueOrDefault(left.Outcome) + 1;
        return this with
        {
            EarlierEpisodes = [.. EarlierEpisodes.Take(leaving), .. EarlierEpisodes.Skip(leaving + 1), ended],
            EpisodesBeyond = [.. counts.OrderBy(c => c.Key).Select(c => new EpisodeCount(c.Key, c.Value))],
        };
    }

    /// <summary>Crisis intervention of the episode started at <paramref name="at"/> (the first time is kept; nothing without an episode).</summary>
    public CaseFacts CrisisIntervention(DateTimeOffset at) =>
        HighRiskSince is not null && CrisisInterventionAt is null ? this with { CrisisInterventionAt = at } : this;

    /// <summary>
    /// A task was created: an protocol task joins the episode's open ones (at most one per kind is ever open); a
    /// discharge hand-over is kept while fewer than <see cref="MaxHandOvers"/> are.
    /// </summary>
    public CaseFacts TaskOpened(CaseTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Kind == CaseTaskKind.DischargeHandOver)
        {
            return HandOvers.Count >= MaxHandOvers || HandOvers.Any(h => h.TaskId == task.Id) ? this
                : this with { HandOvers = [.. HandOvers, new HandOverFact(task.Id, task.DueAt, CaseTaskStatus.Open, null)] };
        }

        if (!IsProtocolKind(task.Kind) || HighRiskSince is null || ProtocolOpen.Any(t => t.TaskId == task.Id))
        {
            return this;
        }

        return this with { ProtocolOpen = [.. ProtocolOpen, new ProtocolTaskDue(task.Id, task.DueAt)] };
    }

    /// <summary>
    /// A task was closed (<paramref name="task"/> as after closing): an open protocol task is met (done by its deadline),
    /// missed (done or cancelled after it) or cancelled (before it); a done crisis-intervention task starts crisis intervention;
    /// a kept hand-over takes its status and closing time.
    /// </summary>
    public CaseFacts TaskClosed(CaseTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var facts = this;
        if (HandOvers.Any(h => h.TaskId == task.Id))
        {
            facts = facts with { HandOvers = [.. HandOvers.Select(h => h.TaskId == task.Id ? h with { Status = task.Status, ClosedAt = task.ClosedAt } : h)] };
        }

        var done = task.Status == CaseTaskStatus.Done;
        if (done && task.Kind == CaseTaskKind.ProfessionalCrisisIntervention && task.ClosedAt is { } started)
        {
            facts = facts.CrisisIntervention(started);
        }

        if (facts.ProtocolOpen.FirstOrDefault(t => t.TaskId == task.Id) is not { } open || task.ClosedAt is not { } closedAt)
        {
            return facts;
        }

        var late = closedAt > open.DueAt;
        return facts with
        {
            ProtocolOpen = [.. facts.ProtocolOpen.Where(t => t.TaskId != task.Id)],
            ProtocolMet = facts.ProtocolMet + (done && !late ? 1 : 0),
            ProtocolMissed = facts.ProtocolMissed + (late ? 1 : 0),
            ProtocolCancelled = facts.ProtocolCancelled + (!done && !late ? 1 : 0),
        };
    }

    /// <summary>
    /// A referral was proposed or changed (as it is now): updated in place when kept in detail, added while fewer than
    /// <see cref="MaxReferrals"/> are, else tracked as <see cref="LatestBeyond"/> (the previous one counted by its outcome).
    /// </summary>
    public CaseFacts Referral(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var fact = new ReferralFact(referral.Id, referral.Status, referral.ProposedAt, referral.SentAt,
            referral.Status is ReferralStatus.Accepted or ReferralStatus.Completed ? referral.RespondedAt : null);
        var index = Referrals.ToList().FindIndex(r => r.Id == referral.Id);
        if (index >= 0)
        {
            return this with { Referrals = [.. Referrals.Take(index), fact, .. Referrals.Skip(index + 1)] };
        }

        if (Referrals.Count < MaxReferrals)
        {
            return this with { Referrals = [.. Referrals, fact] };
        }

        if (LatestBeyond is null || LatestBeyond.Id == referral.Id)
        {
            return this with { LatestBeyond = fact };
        }

        var counts = ReferralsBeyond.ToDictionary(c => c.Status, c => c.Count);
        counts[LatestBeyond.Status] = counts.GetValueOrDefault(LatestBeyond.Status) + 1;
        return this with { LatestBeyond = fact, ReferralsBeyond = [.. counts.OrderBy(c => c.Key).Select(c => new ReferralCount(c.Key, c.Value))] };
    }

    /// <summary>
    /// A contact of <paramref name="minutes"/> minutes was logged at <paramref name="at"/> for the provider unit
    /// <paramref name="unitId"/> (R-1.12): added to its (unit, ISO week) entry in <see cref="TimeZoneId"/> (the default zone
    /// when none). Past <see cref="MaxServiceWeeks"/> entries, the oldest week's entry folds into <see cref="EarlierService"/>.
    /// </summary>
    public CaseFacts Contact(string? unitId, DateTimeOffset at, int minutes)
    {
        var week = StatisticsMath.WeekOf(at, TimeZoneId ?? WorkingCalendar.DefaultTimeZoneId);
        var service = Service.ToList();
        var index = service.FindIndex(s => s.UnitId == unitId && s.Week == week);
        if (index >= 0)
        {
            service[index] = service[index] with { Contacts = service[index].Contacts + 1, Minutes = service[index].Minutes + minutes };
            return this with { Service = service };
        }

        service.Add(new ServiceWeek(unitId, week, 1, minutes));
        service.Sort((a, b) => a.Week != b.Week ? a.Week.CompareTo(b.Week) : string.CompareOrdinal(a.UnitId, b.UnitId));
        var earlier = EarlierService;
        while (service.Count > MaxServiceWeeks)
        {
            earlier = new ServiceTotal(earlier.Contacts + service[0].Contacts, earlier.Minutes + service[0].Minutes);
            service.RemoveAt(0);
        }

        return this with { Service = service, EarlierService = earlier };
    }
}
