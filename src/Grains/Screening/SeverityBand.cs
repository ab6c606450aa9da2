namespace CareGrid.Grains.Screening;

/// <summary>
/// The published severity band of a screening result. One enum serves every instrument; each
/// instrument uses only its own bands, listed least to most severe by
/// <see cref="ScreeningScorer.BandsOf(ScreeningInstrument)"/>. Bands of different instruments are not
/// comparable with each other. The numeric values are persisted and must never change.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>PHQ-9 (Kroenke 2001): <see cref="Minimal"/> 0–4 ("none–minimal"), <see cref="Mild"/> 5–9,
/// <see cref="Moderate"/> 10–14, <see cref="ModeratelySevere"/> 15–19, <see cref="Severe"/> 20–27.</item>
/// <item>GAD-7 (Spitzer 2006): <see cref="Minimal"/> 0–4, <see cref="Mild"/> 5–9, <see cref="Moderate"/> 10–14,
/// <see cref="Severe"/> 15–21.</item>
/// <item>C-SSRS screener triage (Columbia Lighthouse Project): <see cref="None"/> (every answer no),
/// <see cref="Low"/>, <see cref="Moderate"/>, <see cref="High"/>.</item>
/// <item>K10 (Andrews &amp; Slade 2001): <see cref="Low"/> 10–15, <see cref="Moderate"/> 16–21,
/// <see cref="High"/> 22–29, <see cref="VeryHigh"/> 30–50.</item>
/// </list>
/// </remarks>
[GenerateSerializer, Alias("CareGrid.SeverityBand")]
public enum SeverityBand
{
    /// <summary>C-SSRS: no question answered yes.</summary>
    None = 0,

    /// <summary>PHQ-9 "none–minimal" (0–4); GAD-7 "minimal" (0–4).</summary>
    Minimal = 1,

    /// <summary>PHQ-9 "mild" (5–9); GAD-7 "mild" (5–9).</summary>
    Mild = 2,

    /// <summary>PHQ-9 "moderate" (10–14); GAD-7 "moderate" (10–14); K10 "moderate" (16–21); C-SSRS moderate-risk triage.</summary>
    Moderate = 3,

    /// <summary>PHQ-9 "moderately severe" (15–19).</summary>
    ModeratelySevere = 4,

    /// <summary>PHQ-9 "severe" (20–27); GAD-7 "severe" (15–21).</summary>
    Severe = 5,

    /// <summary>K10 "low" (10–15, likely to be well); C-SSRS low-risk triage.</summary>
    Low = 6,

    /// <summary>K10 "high" (22–29); C-SSRS high-risk triage.</summary>
    High = 7,

    /// <summary>K10 "very high" (30–50).</summary>
    VeryHigh = 8
}
