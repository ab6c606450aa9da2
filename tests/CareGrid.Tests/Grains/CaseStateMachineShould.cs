using CareGrid.Grains.Cases;

namespace CareGrid.Tests.Grains;

/// <summary>
/// The precomputed permission table that lists a viewer's available actions on every read answers exactly what the
/// Stateless machine answers, for every status, guard combination and trigger (a wrong index would offer a
/// caller an action the machine then refuses, or hide one it allows).
/// </summary>
[Trait("tier", "domain")]
public sealed class CaseStateMachineShould
{
    public static TheoryData<CaseStatus, bool, bool> Combinations()
    {
        var data = new TheoryData<CaseStatus, bool, bool>();
        foreach (var status in Enum.GetValues<CaseStatus>())
        {
            foreach (var interventionNotStarted in new[] { false, true })
            {
                foreach (var noOpenReferral in new[] { false, true })
                {
                    data.Add(status, interventionNotStarted, noOpenReferral);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Permit_from_its_table_what_the_machine_permits(CaseStatus status, bool interventionNotStarted, bool noOpenReferral)
    {
        var current = status;
        var machine = CaseStateMachine.Build(() => current, s => current = s, () => interventionNotStarted, () => noOpenReferral);

        foreach (var trigger in Enum.GetValues<CaseTrigger>())
        {
            Assert.True(machine.CanFire(trigger) == CaseStateMachine.Permits(status, interventionNotStarted, noOpenReferral, trigger),
                $"{status} (intervention not started: {interventionNotStarted}, no open referral: {noOpenReferral}) on {trigger}");
        }
    }

    [Fact]
    public void Permit_the_guarded_transitions_only_when_their_guards_hold()
    {
        Assert.True(CaseStateMachine.Permits(CaseStatus.Active, interventionNotStarted: true, noOpenReferral: true, CaseTrigger.StartIntervention));
        Assert.False(CaseStateMachine.Permits(CaseStatus.Active, interventionNotStarted: false, noOpenReferral: true, CaseTrigger.StartIntervention));
        Assert.True(CaseStateMachine.Permits(CaseStatus.Referred, interventionNotStarted: true, noOpenReferral: true, CaseTrigger.StartFollowUp));
        Assert.False(CaseStateMachine.Permits(CaseStatus.Referred, interventionNotStarted: true, noOpenReferral: false, CaseTrigger.StartFollowUp));
        Assert.False(CaseStateMachine.Permits(CaseStatus.Closed, interventionNotStarted: true, noOpenReferral: true, CaseTrigger.Close));
    }
}
