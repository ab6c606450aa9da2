using CareGrid.Grains.Cases;
using CareGrid.Grains.Statistics;

namespace CareGrid.Tests.Statistics;

/// <summary>Case facts with every member set, and the largest facts a case can hold (every bound reached, 64-character unit ids).</summary>
internal static class CaseFactsSamples
{
    /// <summary>Every member of <see cref="CaseFacts"/> set, instants from <paramref name="t0"/>.</summary>
    public static CaseFacts Full(DateTimeOffset t0) => CaseFacts.Opened("Asia/Shanghai").HighRiskBegan(t0)
        .TaskOpened(new CaseTask("t1", CaseTaskKind.NotifyFamilyEmergencyContact, "queue:level-3", CaseTaskStatus.Open, t0, t0.AddHours(2), 0, null, null, null, null, null))
        .TaskOpened(new CaseTask("t2", CaseTaskKind.ProfessionalCrisisIntervention, "queue:level-3", CaseTaskStatus.Open, t0, t0.AddHours(24), 0, null, null, null, null, null))
        .TaskClosed(new CaseTask("t2", CaseTaskKind.ProfessionalCrisisIntervention, "psych@t", CaseTaskStatus.Done, t0, t0.AddHours(24), 0, null, null, t0.AddHours(1), "psych@t", null))
        .ProfessionalContact(t0.AddMinutes(30)).Closed(t0.AddDays(3)).Reopened(t0.AddDays(4))
        .Referral(new Referral("r3", "Centre", "why", ReferralStatus.Accepted, t0, "psych@t", t0.AddHours(1), [], new Dictionary<string, string>(), null, t0.AddHours(9), null, null))
        .TaskOpened(HandOver("t5", t0)).TaskClosed(HandOver("t5", t0) with { Status = CaseTaskStatus.Done, ClosedAt = t0.AddDays(2) }).TaskOpened(HandOver("t6", t0))
        .Contact("class-1", t0, 45) with { Backfilled = true, EarlierService = new ServiceTotal(3, 90), ProtocolCancelled = 1, ProtocolMissed = 2,
            ReferralsBeyond = [new ReferralCount(ReferralStatus.Declined, 2)], LatestBeyond = new ReferralFact("r40", ReferralStatus.Sent, t0, t0, null),
            EarlierEpisodes = [new EpisodeFact(t0.AddDays(-9), t0.AddDays(-8), ProtocolOutcome.Missed), new EpisodeFact(t0.AddDays(-5), null, ProtocolOutcome.None)],
            EpisodesBeyond = [new EpisodeCount(ProtocolOutcome.Met, 3)] };

    /// <summary>An open discharge hand-over task created at <paramref name="t0"/>, due 5 days later .</summary>
    public static CaseTask HandOver(string id, DateTimeOffset t0) =>
        new(id, CaseTaskKind.DischargeHandOver, "psych@t", CaseTaskStatus.Open, t0, t0.AddDays(5), 0, null, null, null, null, null);

    /// <summary>The largest facts: every list at its bound with 64-character unit ids and long referral ids.</summary>
    public static CaseFacts Largest(DateTimeOffset t0)
    {
        var facts = Full(t0);
        for (var i = 0; i < CaseFacts.MaxReferrals; i++)
        {
            facts = facts.Referral(new Referral($"r{100000 + i}", "Centre", "why", ReferralStatus.Completed, t0.AddTicks(1234567), "p", t0.AddTicks(7654321),
                [], new Dictionary<string, string>(), null, t0.AddTicks(99999999), null, null));
        }

        for (var kind = 0; kind < 5; kind++)
        {
            facts = facts.TaskOpened(new CaseTask($"t{100000 + kind}", CaseFacts.IsProtocolKind((CaseTaskKind)kind) ? (CaseTaskKind)kind : CaseTaskKind.PoliceTransportAssistance,
                "q", CaseTaskStatus.Open, t0, t0.AddTicks(1234567), 0, null, null, null, null, null));
        }

        for (var i = 0; i < CaseFacts.MaxHandOvers; i++)
        {
            facts = facts.TaskOpened(HandOver($"t{200000 + i}", t0.AddTicks(1234567)));
        }

        for (var w = 0; w < CaseFacts.MaxServiceWeeks; w++)
        {
            facts = facts.Contact(new string((char)('a' + (w % 26)), 60) + $"{w:D4}", t0.AddDays(7 * w), 1440);
        }

        for (var e = 0; e < CaseFacts.MaxEarlierEpisodes; e++)
        {
            facts = facts.HighRiskBegan(t0.AddDays(e + 1).AddTicks(1234567)).CrisisIntervention(t0.AddDays(e + 1).AddTicks(7654321));
        }

        return facts with
        {
            ReferralsBeyond = [.. Enum.GetValues<ReferralStatus>().Select(s => new ReferralCount(s, int.MaxValue))], EarlierService = new ServiceTotal(int.MaxValue, long.MaxValue),
            EpisodesBeyond = [.. Enum.GetValues<ProtocolOutcome>().Select(o => new EpisodeCount(o, int.MaxValue))],
        };
    }
}
