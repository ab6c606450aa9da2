using Stateless;

namespace CareGrid.Grains.People.Domain;

/// <summary>
/// The monitoring level of the three-level dynamic archive as a Stateless machine:
/// <c>None → Census → Tracking → IndividualCase</c>, one level down on <see cref="MonitoringTrigger.StepDown"/>
/// (<c>IndividualCase → Tracking → Census</c>); a census record at Tracking or above changes nothing.
/// </summary>
public static class MonitoringStateMachine
{
    /// <summary>Builds the machine over <paramref name="read"/>/<paramref name="write"/> (it keeps no state of its own).</summary>
    /// <param name="read">Reads the person's current level.</param>
    /// <param name="write">Stores the new level.</param>
    public static StateMachine<MonitoringLevel, MonitoringTrigger> Build(Func<MonitoringLevel> read, Action<MonitoringLevel> write)
    {
        var m = new StateMachine<MonitoringLevel, MonitoringTrigger>(read, write);
        m.Configure(MonitoringLevel.None)
            .Permit(MonitoringTrigger.RecordCensus, MonitoringLevel.Census)
            .Permit(MonitoringTrigger.StartTracking, MonitoringLevel.Tracking)
            .Permit(MonitoringTrigger.OpenIndividualCase, MonitoringLevel.IndividualCase);
        m.Configure(MonitoringLevel.Census)
            .PermitReentry(MonitoringTrigger.RecordCensus)
            .Permit(MonitoringTrigger.StartTracking, MonitoringLevel.Tracking)
            .Permit(MonitoringTrigger.OpenIndividualCase, MonitoringLevel.IndividualCase);
        m.Configure(MonitoringLevel.Tracking)
            .Ignore(MonitoringTrigger.RecordCensus)
            .Permit(MonitoringTrigger.OpenIndividualCase, MonitoringLevel.IndividualCase)
            .Permit(MonitoringTrigger.StepDown, MonitoringLevel.Census);
        m.Configure(MonitoringLevel.IndividualCase)
            .Ignore(MonitoringTrigger.RecordCensus)
            .Permit(MonitoringTrigger.StepDown, MonitoringLevel.Tracking);
        return m;
    }
}
