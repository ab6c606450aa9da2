using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Statistics;
using static CareGrid.Tests.Domain.CaseDomain;

namespace CareGrid.Tests.Statistics;

/// <summary>
/// The timeliness facts a case keeps as its transitions happen (docs/statistics.md "Timeliness"), on the case aggregate
/// alone: first professional contact, the high-risk episode and its protocol outcome, reopens, referrals, service per
/// unit and week — and that they stay right when the hot lists lose their old entries (docs/storage.md).
/// </summary>
[Trait("tier", "domain")]
public sealed class CaseFactsShould
{
    private static readonly ConsentSnapshot Granted = new(ConsentStatus.Granted, ConsentStatus.Granted);

    private static CaseFacts Facts(CaseAggregate c) => c.State.Facts ?? throw new InvalidOperationException("no facts");

    private static void StartIntervention(CaseAggregate c, CareGrid.Grains.Security.Actor actor) =>
        c.Fire(c.PrepareTransition(CaseTrigger.StartIntervention, new CaseCommand(null), actor));

    private static void Log(CaseAggregate c, CareGrid.Grains.Security.Actor actor, int minutes) =>
        c.CompleteOpenTasks(new CaseContacts(c).Log(ContactChannel.Phone, minutes, null, actor, Granted, null), actor);

    [Fact]
    public void Take_the_first_contact_or_intervention_by_a_level_3_professional_as_first_professional_contact()
    {
        var c = Reported(RiskLevel.Moderate);
        Log(c.Then(Friday.AddHours(1)), Homeroom, 20);
        Log(c.Then(Friday.AddHours(2)), GradeLeader, 20);
        Assert.Null(Facts(c).FirstProfessionalContactAt);

        Log(c.Then(Friday.AddHours(3)), Psych, 30);
        StartIntervention(c.Then(Friday.AddHours(4)), Clinician);
        Log(c.Then(Friday.AddHours(5)), Clinician, 30);

        Assert.Equal(Friday.AddHours(3), Facts(c).FirstProfessionalContactAt);
        Assert.Null(Facts(c).HighRiskSince);
        Assert.Null(Facts(c).CrisisInterventionAt); // intervention below High is no crisis intervention
    }

    [Fact]
    public void Count_intervention_started_by_a_professional_as_the_first_professional_contact()
    {
        var c = Reported(RiskLevel.Moderate);
        StartIntervention(c.Then(Friday.AddMinutes(90)), Psych);
        Assert.Equal(Friday.AddMinutes(90), Facts(c).FirstProfessionalContactAt);
    }

    [Fact]
    public void Meet_the_protocol_when_every_task_of_the_episode_is_done_by_its_deadline()
    {
        var c = Reported(RiskLevel.High);
        Assert.Equal((Friday, ProtocolOutcome.Pending, 4), (Facts(c).HighRiskSince, Facts(c).Protocol, Facts(c).ProtocolOpen.Count));
        Assert.Equal(Friday.AddHours(2), Facts(c).ProtocolPendingDue);

        var later = c.Then(Friday.AddHours(1));
        StartIntervention(later, Psych); // does the crisis-intervention task
        Log(later, Psych, 40);           // a call does the raise-visits task
        foreach (var task in c.State.Tasks.Where(t => t.Status == CaseTaskStatus.Open).ToList())
        {
            c.Then(Friday.AddHours(2)).CloseTask(c.Then(Friday.AddHours(2)).PrepareTaskClosure(task.Id, "done as planned", Psych, CaseTaskStatus.Done)!);
        }

        var facts = Facts(c);
        Assert.Equal((ProtocolOutcome.Met, 4, 0, 0), (facts.Protocol, facts.ProtocolMet, facts.ProtocolMissed, facts.ProtocolCancelled));
        Assert.Equal(Friday.AddHours(1), facts.CrisisInterventionAt);
        Assert.Empty(facts.ProtocolOpen);
    }

    [Fact]
    public void Miss_the_protocol_when_a_task_is_done_late_and_say_cancelled_when_one_was_cancelled_in_time()
    {
        var late = Reported(RiskLevel.High);
        var notify = late.State.Tasks.Single(t => t.Kind == CaseTaskKind.NotifyFamilyEmergencyContact);
        var at = late.Then(Friday.AddHours(3)); // due after 2 h
        at.CloseTask(at.PrepareTaskClosure(notify.Id, "told the mother", Psych, CaseTaskStatus.Done)!);
        Assert.Equal((ProtocolOutcome.Missed, 1), (Facts(late).Protocol, Facts(late).ProtocolMissed));

        var cancelled = Reported(RiskLevel.High);
        var early = cancelled.Then(Friday.AddMinutes(30));
        foreach (var task in cancelled.State.Tasks.ToList())
        {
            early.CloseTask(early.PrepareTaskClosure(task.Id, task.Kind == CaseTaskKind.GuideToPsychiatricInstitution ? "not needed" : "done as planned", Psych,
                task.Kind == CaseTaskKind.GuideToPsychiatricInstitution ? CaseTaskStatus.Cancelled : CaseTaskStatus.Done)!);
        }

        Assert.Equal((ProtocolOutcome.Cancelled, 3, 1), (Facts(cancelled).Protocol, Facts(cancelled).ProtocolMet, Facts(cancelled).ProtocolCancelled));
        Assert.Equal(Friday.AddMinutes(30), Facts(cancelled).CrisisInterventionAt); // its task done by completeTask
    }

    [Fact]
    public void Start_a_new_episode_when_risk_rises_again_and_keep_the_last_ones_outcome_after_it_drops()
    {
        var c = Reported(RiskLevel.High);
        c.Then(Friday.AddHours(5)).AssessRisk(RiskLevel.Low, "calm, safety plan agreed", Psych);
        Assert.Equal((Friday, ProtocolOutcome.Pending), (Facts(c).HighRiskSince, Facts(c).Protocol)); // the last episode stays

        var open = c.State.Tasks.First(t => t.Status == CaseTaskStatus.Open);
        var after = c.Then(Friday.AddHours(6));
        after.CloseTask(after.PrepareTaskClosure(open.Id, "done late, after the weekend", Psych, CaseTaskStatus.Done)!);
        Assert.Equal(ProtocolOutcome.Missed, Facts(c).Protocol);

        c.Then(Friday.AddDays(3)).AssessRisk(RiskLevel.Imminent, "plan and means", Psych);
        var facts = Facts(c);
        Assert.Equal((Friday.AddDays(3), 0, (DateTimeOffset?)null), (facts.HighRiskSince, facts.ProtocolMissed, facts.CrisisInterventionAt));
        // Of the 3 left open from the first episode, the 2 overdue are that episode's miss, not carried again (round-28 red
        // team); the new episode has the one not yet due, the done one again and police transport.
        Assert.Equal(3, facts.ProtocolOpen.Count);
        Assert.All(facts.ProtocolOpen, t => Assert.True(t.DueAt >= Friday.AddDays(3)));
        Assert.Equal(ProtocolOutcome.Pending, facts.Protocol);
        Assert.True(facts.ProtocolPendingDue > Friday.AddDays(3));
        // The first episode is kept with its miss: lowering the risk and raising it again does not hide it.
        Assert.Equal([new EpisodeFact(Friday, null, ProtocolOutcome.Missed)], facts.EarlierEpisodes);
    }

    [Fact]
    public void Keep_the_miss_of_an_episode_when_the_case_is_closed_and_reopened()
    {
        var c = Reported(RiskLevel.High);
        var later = c.Then(Friday.AddHours(1));
        StartIntervention(later, Psych);
        var reassessed = c.Then(Friday.AddHours(4)); // notify family was due after 2 h
        reassessed.AssessRisk(RiskLevel.High, "level-3 reassessment before closing", Psych);
        reassessed.Fire(CaseTrigger.Close, new CaseCommand("stable"), Psych); // cancels the open tasks, notify family after its deadline
        Assert.Equal(ProtocolOutcome.Missed, Facts(c).Protocol);

        c.Then(Friday.AddDays(2)).Fire(CaseTrigger.Reopen, new CaseCommand("new worries"), Psych);
        var facts = Facts(c);
        Assert.Equal((Friday.AddDays(2), ProtocolOutcome.Pending), (facts.HighRiskSince, facts.Protocol)); // a new episode, due from now
        Assert.Equal([new EpisodeFact(Friday, Friday.AddHours(1), ProtocolOutcome.Missed)], facts.EarlierEpisodes);
    }

    [Fact]
    public void Judge_an_ended_episode_on_the_tasks_it_closed_and_keep_only_those_that_count()
    {
        var task = new CaseTask("t1", CaseTaskKind.NotifyFamilyEmergencyContact, "queue:level-3", CaseTaskStatus.Open, Friday, Friday.AddHours(2), 0, null, null, null, null, null);
        var met = CaseFacts.Opened("Asia/Shanghai").HighRiskBegan(Friday).TaskOpened(task)
            .TaskClosed(task with { Status = CaseTaskStatus.Done, ClosedAt = Friday.AddHours(1) });
        var carried = CaseFacts.Opened("Asia/Shanghai").HighRiskBegan(Friday).TaskOpened(task).HighRiskBegan(Friday.AddHours(1));
        var overdue = CaseFacts.Opened("Asia/Shanghai").HighRiskBegan(Friday).TaskOpened(task).HighRiskBegan(Friday.AddHours(3));
        Assert.Equal(ProtocolOutcome.Met, met.HighRiskBegan(Friday.AddDays(1)).EarlierEpisodes.Single().Outcome);
        Assert.Empty(carried.EarlierEpisodes); // nothing closed, nothing due, no crisis intervention: it counts nowhere
        Assert.Equal((ProtocolOutcome.Pending, 1), (carried.Protocol, carried.ProtocolOpen.Count)); // not yet due: goes on in the new episode
        Assert.Equal(ProtocolOutcome.Missed, overdue.EarlierEpisodes.Single().Outcome);
        Assert.Empty(overdue.ProtocolOpen); // the late task is the first episode's miss only
        // Lowering and raising again: the second episode closed nothing and the late task is not its own, so it is not kept.
        Assert.Single(overdue.HighRiskBegan(Friday.AddHours(4)).EarlierEpisodes);
    }

    [Fact]
    public void Keep_a_missed_episode_past_the_bound_while_other_episodes_leave()
    {
        var task = new CaseTask("t1", CaseTaskKind.NotifyFamilyEmergencyContact, "queue:level-3", CaseTaskStatus.Open, Friday, Friday.AddHours(2), 0, null, null, null, null, null);
        var facts = CaseFacts.Opened("Asia/Shanghai").HighRiskBegan(Friday).TaskOpened(task).HighRiskBegan(Friday.AddHours(3));
        for (var i = 1; i <= CaseFacts.MaxEarlierEpisodes + 2; i++)
        {
            facts = facts.CrisisIntervention(Friday.AddDays(i)).HighRiskBegan(Friday.AddDays(i).AddHours(1)); // each with a crisis intervention: kept
        }

        Assert.Equal(CaseFacts.MaxEarlierEpisodes, facts.EarlierEpisodes.Count);
        Assert.Equal(new EpisodeFact(Friday, null, ProtocolOutcome.Missed), facts.EarlierEpisodes[0]); // 19 ended, the miss still counted
        Assert.Equal(Friday.AddDays(3).AddHours(1), facts.EarlierEpisodes[1].Began);
        Assert.Equal([new EpisodeCount(ProtocolOutcome.None, 3)], facts.EpisodesBeyond);
    }

    [Fact]
    public void Count_reopens_and_keep_when_the_case_closed()
    {
        var c = Reported(RiskLevel.Moderate);
        c.Then(Friday.AddHours(1)).Fire(CaseTrigger.Triage, new CaseCommand(null), Psych);
        c.Then(Friday.AddHours(2)).Fire(CaseTrigger.Close, new CaseCommand("resolved"), Psych);
        Assert.Equal((0, Friday.AddHours(2)), (Facts(c).ReopenCount, Facts(c).ClosedAt));

        c.Then(Friday.AddDays(2)).Fire(CaseTrigger.Reopen, new CaseCommand("new worries"), Psych);
        c.Then(Friday.AddDays(3)).Fire(CaseTrigger.Close, new CaseCommand("resolved"), Psych);
        c.Then(Friday.AddDays(4)).Fire(CaseTrigger.Reopen, new CaseCommand("again"), Psych);

        var facts = Facts(c);
        Assert.Equal((2, (DateTimeOffset?)null, Friday.AddDays(4)), (facts.ReopenCount, facts.ClosedAt, facts.ReopenedAt));
    }

    [Fact]
    public void Keep_referral_outcomes_and_times_and_count_those_beyond_the_first_sixteen_by_outcome()
    {
        var c = Reported(RiskLevel.Moderate);
        StartIntervention(c.Then(Friday), Psych);
        for (var i = 0; i < CaseFacts.MaxReferrals + 3; i++)
        {
            var t = Friday.AddDays(i);
            var referrals = new CaseReferrals(c.Then(t), "case-1");
            referrals.Propose("Mental Health Centre", "assessment", Psych, Granted, null);
            new CaseReferrals(c.Then(t.AddHours(1)), "case-1").Send(Psych, Granted, "Student", null);
            new CaseReferrals(c.Then(t.AddHours(5)), "case-1").Respond(accepted: i % 2 == 0, null, Psych);
            if (i % 2 == 0)
            {
                new CaseReferrals(c.Then(t.AddHours(6)), "case-1").Complete(null, Psych);
                c.Then(t.AddHours(7)).Fire(CaseTrigger.Close, new CaseCommand("episode over"), Psych);
                c.Then(t.AddHours(8)).Fire(CaseTrigger.Reopen, new CaseCommand("back"), Psych);
                c.Then(t.AddHours(8)).Fire(CaseTrigger.Activate, new CaseCommand(null, "psych@t"), Psych);
            }
        }

        var facts = Facts(c);
        Assert.Equal(CaseFacts.MaxReferrals, facts.Referrals.Count);
        Assert.Equal(new ReferralFact("r1", ReferralStatus.Completed, Friday, Friday.AddHours(1), Friday.AddHours(5)), facts.Referrals[0]);
        Assert.Equal(new ReferralFact("r2", ReferralStatus.Declined, Friday.AddDays(1), Friday.AddDays(1).AddHours(1), null), facts.Referrals[1]);
        // Beyond: referrals 17 (declined) and 18 (completed) counted, 19 (completed) the latest.
        Assert.Equal([new ReferralCount(ReferralStatus.Declined, 1), new ReferralCount(ReferralStatus.Completed, 1)], facts.ReferralsBeyond);
        Assert.Equal(ReferralStatus.Completed, facts.LatestBeyond?.Status);
    }

    [Fact]
    public void Sum_contacts_and_minutes_per_provider_unit_and_local_iso_week()
    {
        var c = Reported(RiskLevel.Moderate);
        var sundayNight = At("2024-03-10T15:30:00Z"); // Sunday 23:30 in Shanghai
        var mondayEarly = At("2024-03-10T16:30:00Z"); // Monday 00:30 in Shanghai, still Sunday in UTC
        Log(c.Then(sundayNight), Homeroom, 10);
        Log(c.Then(mondayEarly), Homeroom, 25);
        Log(c.Then(mondayEarly.AddHours(2)), Psych, 5);
        c.State.OrganizationId = "centre"; // moved to another unit (routing); contacts now count for it
        Log(c.Then(mondayEarly.AddHours(3)), Psych, 60);

        Assert.Equal(
            [
                new ServiceWeek("class-1", new DateOnly(2024, 3, 4), 1, 10),
                new ServiceWeek("centre", new DateOnly(2024, 3, 11), 1, 60),
                new ServiceWeek("class-1", new DateOnly(2024, 3, 11), 2, 30),
            ],
            Facts(c).Service);
        Assert.Equal("Asia/Shanghai", Facts(c).TimeZoneId);
    }

    [Fact]
    public void Stay_right_when_old_contacts_tasks_and_referrals_leave_the_hot_state()
    {
        var c = Reported(RiskLevel.High);
        Log(c.Then(Friday.AddMinutes(10)), Psych, 30);
        var before = Facts(c);
        c.State.Contacts.Clear(); // as if archived (docs/storage.md)
        c.State.Tasks.RemoveAll(t => t.Status != CaseTaskStatus.Open);
        Log(c.Then(Friday.AddMinutes(20)), Homeroom, 15);

        var facts = Facts(c);
        Assert.Equal(Friday.AddMinutes(10), facts.FirstProfessionalContactAt);
        Assert.Equal(new ServiceWeek("class-1", new DateOnly(2024, 3, 4), 2, 45), Assert.Single(facts.Service));
        Assert.Equal(before.ProtocolMet, facts.ProtocolMet); // the raise-visits task done by the first call, archived since
        Assert.Equal(1, facts.ProtocolMet);
    }

    [Fact]
    public void Keep_discharge_hand_overs_with_their_deadline_and_closing()
    {
        var c = Reported(RiskLevel.Moderate);
        var first = c.Then(Friday.AddHours(1)).AddTaskOnce(CaseTaskKind.DischargeHandOver)!;
        Assert.Equal(At("2024-03-15T16:00:00Z"), first.DueAt); // 5 working days in Shanghai: end of the next Friday
        var done = c.Then(Friday.AddDays(6));
        done.CloseTask(done.PrepareTaskClosure(first.Id, "handed over", Psych, CaseTaskStatus.Done)!);
        var second = c.Then(Friday.AddDays(7)).AddTaskOnce(CaseTaskKind.DischargeHandOver)!;

        Assert.Equal(
            [new HandOverFact(first.Id, first.DueAt, CaseTaskStatus.Done, Friday.AddDays(6)), new HandOverFact(second.Id, second.DueAt, CaseTaskStatus.Open, null)],
            Facts(c).HandOvers);
        Assert.Equal(ProtocolOutcome.None, Facts(c).Protocol);
    }

    [Fact]
    public void Fold_the_oldest_service_weeks_into_totals_past_the_bound()
    {
        var facts = CaseFacts.Opened("Asia/Shanghai");
        for (var w = 0; w < CaseFacts.MaxServiceWeeks + 5; w++)
        {
            facts = facts.Contact("class-1", Friday.AddDays(7 * w), 10);
        }

        Assert.Equal(CaseFacts.MaxServiceWeeks, facts.Service.Count);
        Assert.Equal(new ServiceTotal(5, 50), facts.EarlierService);
        Assert.Equal(new DateOnly(2024, 3, 4).AddDays(7 * 5), facts.Service[0].Week);
    }

    [Fact]
    public void Compare_by_value_lists_included_so_an_unchanged_row_is_not_written_again()
    {
        static CaseFacts Build() => CaseFacts.Opened("Asia/Shanghai").HighRiskBegan(Friday)
            .TaskOpened(new CaseTask("t1", CaseTaskKind.NotifyFamilyEmergencyContact, "queue:level-3", CaseTaskStatus.Open, Friday, Friday.AddHours(2), 0, null, null, null, null, null))
            .Contact("class-1", Friday, 30);

        Assert.Equal(Build(), Build());
        Assert.NotSame(Build().Service, Build().Service);
        var row = new CaseRow("t", "c1", "p1", "class-1", CaseStatus.Active, RiskLevel.High, 3, null, Friday, Friday);
        Assert.Equal(row with { Facts = Build() }, row with { Facts = Build() });
        Assert.NotEqual(row with { Facts = Build() }, row with { Facts = Build().Contact("class-1", Friday, 1) });
        Assert.NotEqual(Build(), Build().ProfessionalContact(Friday));
    }

    [Fact]
    public void Backfill_an_old_case_from_what_its_hot_state_still_holds()
    {
        var c = Reported(RiskLevel.High, Psych);
        Log(c.Then(Friday.AddMinutes(10)), Psych, 30);
        StartIntervention(c.Then(Friday.AddHours(1)), Psych);
        var kept = Facts(c);
        c.State.Facts = null; // stored before cases kept facts

        var facts = CaseFactsBackfill.From(c.State, "Asia/Shanghai");

        Assert.True(facts.Backfilled);
        Assert.Equal(kept with { Backfilled = true }, facts);

        // The next change on such a case starts from the backfill.
        Log(c.Then(Friday.AddHours(2)), Homeroom, 5);
        Assert.True(Facts(c).Backfilled);
        Assert.Equal(2, Facts(c).Service.Single().Contacts);
    }
}
