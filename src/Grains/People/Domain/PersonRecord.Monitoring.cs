using CareGrid.Grains.Hosting;
using Stateless;

namespace CareGrid.Grains.People.Domain;

/// <summary>The three-level dynamic archive: moves between monitoring levels and the history kept of them.</summary>
public sealed partial class PersonRecord
{
    /// <summary>
    /// How many monitoring-level changes a person keeps (the newest; ). Round-34 red team F2: 400 alternating
    /// <c>changeMonitoringLevel</c> calls with 1,000-character reasons grew the state by 1.24 MB, past what one Azure Table
    /// entity holds (~1 MiB), after which every write to the person — a consent withdrawal too — would answer
    /// <c>STORAGE_LIMIT</c>. Each change is also a <c>WRITE Person</c> in the audit log (docs/storage.md).
    /// </summary>
    public const int MaxMonitoringChanges = 50;

    /// <summary>
    /// Fires a monitoring trigger on <see cref="MonitoringStateMachine"/>, with a reason of at most 1000 characters;
    /// <c>INVALID_TRANSITION</c> when the level does not permit it.
    /// </summary>
    public PersonOutcome ChangeMonitoring(MonitoringTrigger trigger, string? reason, string by)
    {
        var note = PersonValidation.OptionalText(reason, "reason", 1000);
        var machine = Monitoring();
        if (!Enum.IsDefined(trigger) || !machine.CanFire(trigger))
        {
            throw Transitions.Invalid(S.Monitoring, trigger, machine.Permitted());
        }

        Fire(machine, trigger, by, note);
        return Touched();
    }

    /// <summary>
    /// Professional intervention started on the person's case <paramref name="caseId"/> (<c>startIntervention</c> by a level-3
    /// professional): the person is in individual counselling, level 3 of the three-level dynamic archive (R-7.4 (3): a
    /// one-to-one case record kept by the psychology teacher). A person at None, Census or Tracking moves to IndividualCase,
    /// with the case named in the level's history; one already there is unchanged. Stepping down stays a staff decision
    /// (<see cref="ChangeMonitoring"/>).
    /// </summary>
    public PersonOutcome NoteIndividualCounselling(string caseId, string by)
    {
        if (S.Monitoring == MonitoringLevel.IndividualCase)
        {
            return PersonOutcome.Unchanged;
        }

        Fire(Monitoring(), MonitoringTrigger.OpenIndividualCase, by,
            Imports.Bilingual.Join($"Professional intervention started on case {caseId} (R-7.4).", $"个案 {caseId} 已开始专业干预（R-7.4）。"));
        return Touched();
    }

    private StateMachine<MonitoringLevel, MonitoringTrigger> Monitoring() =>
        MonitoringStateMachine.Build(() => S.Monitoring, level => S.Monitoring = level);

    private void Fire(StateMachine<MonitoringLevel, MonitoringTrigger> machine, MonitoringTrigger trigger, string by, string? reason)
    {
        var from = S.Monitoring;
        machine.Fire(trigger);
        if (S.Monitoring != from)
        {
            S.MonitoringHistory.Add(new MonitoringChange(now, by, from, S.Monitoring, reason));
            if (S.MonitoringHistory.Count > MaxMonitoringChanges)
            {
                S.MonitoringHistory.RemoveRange(0, S.MonitoringHistory.Count - MaxMonitoringChanges);
            }
        }
    }
}
