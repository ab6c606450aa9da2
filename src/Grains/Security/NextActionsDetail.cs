namespace CareGrid.Grains.Security;

/// <summary>
/// How much of a case's next actions the answer to a call needs (<see cref="Actor.NextActions"/>; docs/write-path-profile.md
/// "Round 39"): deciding them runs every case mutation's checks and consent decision, and the refusal texts are the
/// costly part.
/// </summary>
[GenerateSerializer, Alias("CareGrid.NextActionsDetail")]
public enum NextActionsDetail
{
    /// <summary>Both <c>nextActions</c> (each allowed or with its refusal's code, text, purpose and roles) and <c>availableActions</c>. The default.</summary>
    Full = 0,

    /// <summary>Only <c>availableActions</c>, the allowed names: a consent refusal is decided, its text not written; <c>nextActions</c> is empty.</summary>
    Names = 1,

    /// <summary>Neither: both lists are empty and nothing is decided.</summary>
    None = 2,
}
