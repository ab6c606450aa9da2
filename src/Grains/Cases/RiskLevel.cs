namespace CareGrid.Grains.Cases;

/// <summary>
/// Graded risk of a case (R-1.1 "graded", R-1.10). High and Imminent start the high-risk protocol.
/// Ordered: a larger value is a higher risk.
/// </summary>
public enum RiskLevel
{
    /// <summary>No sign of danger to self or others.</summary>
    Low = 0,
    /// <summary>Distress that needs tracking and support.</summary>
    Moderate = 1,
    /// <summary>Self-harm, suicidal ideation or risk of hurting others .</summary>
    High = 2,
    /// <summary>Danger now: immediate intervention, police transport assistance .</summary>
    Imminent = 3,
}
