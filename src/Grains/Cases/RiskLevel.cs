namespace CareGrid.Grains.Cases;

/// <summary>
/// The risk grade of a case (docs/architecture.md, "CaseGrain"; R-1.1 "graded" help, R-1.10 high-risk protocol).
/// Ordered from least to most urgent, so values compare with <c>&lt;</c> and <c>&gt;</c>; the numeric
/// values are persisted and must never change.
/// </summary>
[GenerateSerializer, Alias("CareGrid.RiskLevel")]
public enum RiskLevel
{
    /// <summary>No sign of acute risk; routine support and follow-up.</summary>
    Low = 0,

    /// <summary>Elevated distress or risk indicators that call for closer follow-up and professional review.</summary>
    Moderate = 1,

    /// <summary>Self-harm, suicide or harm-to-others risk: triggers the high-risk protocol .</summary>
    High = 2,

    /// <summary>Acute danger now: the high-risk protocol plus the duty-of-care consent override and police transport .</summary>
    Imminent = 3
}
