using Stateless;

namespace CareGrid.Grains.Census;

/// <summary>
/// The census round lifecycle as a Stateless machine (R-3.5 "每班摸排", R-7.4 level 1): a round starts
/// <c>Open</c>, takes records while open (<see cref="CensusRoundTrigger.Record"/> re-enters <c>Open</c>) and ends
/// <c>Closed</c>; a closed round permits nothing. The machine keeps no state of its own: it reads and writes the status
/// through the accessors it is built with.
/// </summary>
internal static class CensusRoundStateMachine
{
    /// <summary>Builds the machine over <paramref name="read"/>/<paramref name="write"/>.</summary>
    /// <param name="read">Reads the current status.</param>
    /// <param name="write">Stores a new status.</param>
    public static StateMachine<CensusRoundStatus, CensusRoundTrigger> Build(Func<CensusRoundStatus> read, Action<CensusRoundStatus> write)
    {
        var m = new StateMachine<CensusRoundStatus, CensusRoundTrigger>(read, write);
        m.Configure(CensusRoundStatus.Open)
            .PermitReentry(CensusRoundTrigger.Record)
            .Permit(CensusRoundTrigger.Close, CensusRoundStatus.Closed);
        m.Configure(CensusRoundStatus.Closed);
        return m;
    }

    /// <summary>The machine over <paramref name="state"/>'s <see cref="CensusRoundState.Status"/>.</summary>
    /// <param name="state">The round's state; firing a trigger writes its status.</param>
    public static StateMachine<CensusRoundStatus, CensusRoundTrigger> Over(CensusRoundState state) =>
        Build(() => state.Status, s => state.Status = s);
}
