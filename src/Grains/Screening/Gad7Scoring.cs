using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Screening;

/// <summary>
/// GAD-7 scoring. Source: Spitzer RL, Kroenke K, Williams JBW, Löwe B. "A brief measure for assessing
/// generalized anxiety disorder: the GAD-7." Arch Intern Med 2006;166(10):1092–1097: seven items scored
/// 0–3, total 0–21, cut-points 5, 10 and 15 for mild, moderate and severe anxiety (minimal 0–4).
/// No proration rule is published, so every item is required.
/// Risk mapping: CareGrid policy, see <see cref="ScreeningScorer"/>.
/// </summary>
internal static class Gad7Scoring
{
    /// <summary>Seven items.</summary>
    public const int ItemCount = 7;

    /// <summary>Bands least to most severe.</summary>
    public static readonly IReadOnlyList<SeverityBand> Bands =
        [SeverityBand.Minimal, SeverityBand.Mild, SeverityBand.Moderate, SeverityBand.Severe];

    /// <summary>Validates and scores seven 0–3 items.</summary>
    public static ScreeningResult Score(IReadOnlyList<int?> items)
    {
        const string name = "GAD-7";
        ItemValidation.RequireCount(name, items, ItemCount);
        ItemValidation.RequireRange(items, 0, 3);
        ItemValidation.RequireAll(name, items);

        var total = ItemValidation.Sum(items);
        var band = BandOf(total);

        // CareGrid policy: 10+ (the published GAD cut-point) → Moderate; anxiety alone never suggests High.
        var risk = band is SeverityBand.Moderate or SeverityBand.Severe ? RiskLevel.Moderate : RiskLevel.Low;

        return new ScreeningResult(ScreeningInstrument.Gad7, total, band, SuicidalIdeationFlag: false, risk, Prorated: false);
    }

    /// <summary>The band of a total 0–21.</summary>
    public static SeverityBand BandOf(int total) => total switch
    {
        >= 15 => SeverityBand.Severe,
        >= 10 => SeverityBand.Moderate,
        >= 5 => SeverityBand.Mild,
        _ => SeverityBand.Minimal,
    };
}
