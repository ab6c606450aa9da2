using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.People;
using CareGrid.Grains.Screening;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace CareGrid.Tests.Protocol;

/// <summary>
/// Property-based: random sequences of commands against a real case grain (FsCheck generates them); after
/// every step the invariants hold: a High/Imminent case is at level 3 with an owner; a closed case has no open
/// tasks; an accepted command adds to the timeline and a refused one changes nothing.
/// </summary>
[Trait("tier", "grains")]
[Collection(ClusterCollection.Name)]
public sealed class CaseInvariantsShould(ClusterFixture fixture, ITestOutputHelper output)
{
    public enum Op
    {
        Triage, Activate, StartInterventionLevel3, StartInterventionLevel1, Override, AssessLowLevel1, AssessLowLevel3,
        AssessModerate, AssessHigh, AssessImminent, ScreenPhq9Item9, ScreenPhq9Mild, ScreenInvalid, Close, CloseLevel3,
        Reopen, FollowUp, Propose, Send, Accept, Decline, Complete, CompleteFirstTask, LogContact, GrantIntervention, OverdueCheck,
    }

    [Fact]
    public async Task Hold_after_every_step_of_random_command_sequences()
    {
        var sequences = Gen.ListOf(Gen.Elements(Enum.GetValues<Op>())).Resize(25).Sample(40);
        var (tenant, _) = await Seeds.SchoolAsync(fixture.Grains);
        var n = 0;
        foreach (var ops in sequences)
        {
            var person = $"p{n++}";
            TenantContext.Set(tenant);
            var p = fixture.Grains.GetGrain<IPersonGrain>(TenantIds.Key(tenant, person));
            await p.Register(new RegisterPerson("P", "class-7-1", Sex.Male, 2012, null, []), Actor.System);
            await p.SetContacts([new PersonContact(ContactKind.Guardian, "Guardian P", "mother", null, null)], Actor.System); // a guardian decides for a minor
            var grain = await Seeds.ReportAsync(fixture.Grains, tenant, person);
            TenantContext.Set(tenant);
            var steps = new List<string>();
            foreach (var op in ops)
            {
                var before = (await grain.Get(Actor.System))!;
                bool accepted;
                try
                {
                    await Apply(grain, op, tenant, person);
                    accepted = true;
                }
                catch (CareGridException)
                {
                    accepted = false;
                }

                steps.Add($"{op}:{(accepted ? "ok" : "refused")}");
                var after = (await grain.Get(Actor.System))!;
                var trace = string.Join(" ", steps);
                if (after.RiskLevel >= RiskLevel.High)
                {
                    Assert.True(after.EscalationLevel == 3, $"High/Imminent case below level 3 after {trace}");
                    Assert.False(string.IsNullOrEmpty(after.AssigneeId), $"High/Imminent case without owner after {trace}");
                }

                if (after.Status == CaseStatus.Closed)
                {
                    Assert.True(after.Tasks.All(t => t.Status != CaseTaskStatus.Open), $"Closed case with open tasks after {trace}");
                }

                if (accepted && op is not (Op.GrantIntervention or Op.OverdueCheck))
                {
                    Assert.True(after.Timeline.Count > before.Timeline.Count, $"Accepted {op} left no timeline entry after {trace}");
                }

                if (!accepted)
                {
                    Assert.True(after.Timeline.Count == before.Timeline.Count, $"Refused {op} changed the timeline after {trace}");
                    Assert.Equal(before.Status, after.Status);
                    Assert.Equal(before.RiskLevel, after.RiskLevel);
                    Assert.Equal(before.Tasks.Count, after.Tasks.Count);
                }

                // The timeline is a continuous record of every status change: each entry starts where the previous ended,
                // and the last one ends in the case's current status.
                for (var k = 1; k < after.Timeline.Count; k++)
                {
                    Assert.True(after.Timeline[k].FromStatus == after.Timeline[k - 1].ToStatus, $"Timeline gap at {k} after {trace}");
                }

                Assert.True(after.Timeline[^1].ToStatus == after.Status, $"Timeline does not end in {after.Status} after {trace}");
            }

            TenantContext.Clear();
        }

        output.WriteLine($"{sequences.Count()} sequences, {sequences.Sum(s => s.Count())} steps checked");
    }

    private async Task Apply(ICaseGrain grain, Op op, string tenant, string person)
    {
        var homeroom = Seeds.Homeroom(tenant);
        var psych = Seeds.PsychologyTeacher(tenant);
        switch (op)
        {
            case Op.Triage: await grain.Fire(CaseTrigger.Triage, new CaseCommand(null), homeroom); break;
            case Op.Activate: await grain.Fire(CaseTrigger.Activate, new CaseCommand(null, psych.Subject), homeroom); break;
            case Op.StartInterventionLevel3: await grain.Fire(CaseTrigger.StartIntervention, new CaseCommand(null), psych); break;
            case Op.StartInterventionLevel1: await grain.Fire(CaseTrigger.StartIntervention, new CaseCommand(null), homeroom); break;
            case Op.Override: await grain.Fire(CaseTrigger.StartIntervention, new CaseCommand(null, null, "danger to life"), psych); break;
            case Op.AssessLowLevel1: await grain.AssessRisk(RiskLevel.Low, "fine", homeroom); break;
            case Op.AssessLowLevel3: await grain.AssessRisk(RiskLevel.Low, "reassessed", psych); break;
            case Op.AssessModerate: await grain.AssessRisk(RiskLevel.Moderate, "worse", homeroom); break;
            case Op.AssessHigh: await grain.AssessRisk(RiskLevel.High, "self-harm", homeroom); break;
            case Op.AssessImminent: await grain.AssessRisk(RiskLevel.Imminent, "plan and means", homeroom); break;
            case Op.ScreenPhq9Item9: await grain.RecordScreening(new ScreeningAnswers(ScreeningInstrument.Phq9, [0, 0, 0, 0, 0, 0, 0, 0, 1]), homeroom); break;
            case Op.ScreenPhq9Mild: await grain.RecordScreening(new ScreeningAnswers(ScreeningInstrument.Phq9, [1, 1, 1, 1, 1, 1, 0, 0, 0]), homeroom); break;
            case Op.ScreenInvalid: await grain.RecordScreening(new ScreeningAnswers(ScreeningInstrument.Phq9, [4, 0, 0]), homeroom); break;
            case Op.Close: await grain.Fire(CaseTrigger.Close, new CaseCommand("done"), homeroom); break;
            case Op.CloseLevel3: await grain.Fire(CaseTrigger.Close, new CaseCommand("done"), psych); break;
            case Op.Reopen: await grain.Fire(CaseTrigger.Reopen, new CaseCommand("again"), homeroom); break;
            case Op.FollowUp: await grain.Fire(CaseTrigger.StartFollowUp, new CaseCommand(null), psych); break;
            case Op.Propose: await grain.ProposeReferral("City Psychiatric", "assessment", psych); break;
            case Op.Send: await grain.SendReferral(null, psych); break;
            case Op.Accept: await grain.RecordReferralResponse(true, null, psych); break;
            case Op.Decline: await grain.RecordReferralResponse(false, null, psych); break;
            case Op.Complete: await grain.CompleteReferral(null, psych); break;
            case Op.CompleteFirstTask:
                var open = (await grain.Get(Actor.System))!.Tasks.FirstOrDefault(t => t.Status == CaseTaskStatus.Open);
                await grain.CompleteTask(open?.Id ?? "t-none", null, psych);
                break;
            case Op.LogContact: await grain.LogContact(ContactChannel.HomeVisit, 30, null, homeroom); break;
            case Op.GrantIntervention:
                var p = fixture.Grains.GetGrain<IPersonGrain>(TenantIds.Key(tenant, person));
                await p.RecordConsent(ConsentPurpose.ProfessionalIntervention, ConsentStatus.Granted, ConsentGivenBy.Guardian, psych);
                await p.RecordConsent(ConsentPurpose.InformationSharing, ConsentStatus.Granted, ConsentGivenBy.Guardian, psych);
                break;
            case Op.OverdueCheck: await grain.CheckDeadlines(); break;
        }
    }
}
