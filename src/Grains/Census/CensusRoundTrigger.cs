namespace CareGrid.Grains.Census;

/// <summary>Triggers of the census round lifecycle, see <see cref="CensusRoundStateMachine"/>.</summary>
[GenerateSerializer, Alias("CareGrid.CensusRoundTrigger")]
public enum CensusRoundTrigger
{
    /// <summary>Records one person's census answers: <c>Open → Open</c>; refused once closed.</summary>
    Record,
    /// <summary>Closes the round: <c>Open → Closed</c>.</summary>
    Close,
}
