using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Screening;

/// <summary>
/// PHQ-9 scoring. Source: Kroenke K, Spitzer RL, Williams JBW. "The PHQ-9: validity of a brief depression
/// severity measure." J Gen Intern Med 2001;16(9):606–613: nine items scored 0–3, total 0–27, severity
/// cut-points 5, 10, 15 and 20 (none–minimal 0–4, mild 5–9, moderate 10–14, moderately severe 15–19,
/// severe 20–27). The paper gives no proration rule, so every item is required.
/// Risk mapping: CareGrid policy, see <see cref="ScreeningScorer"/>.
/// </summary>
internal static class Phq9Scoring
{
    /// <summary>Nine items.</summary>
    public const int ItemCount = 9;

    /// <summary>Index of item 9 ("thoughts that you would be better off dead, or of hurting yourself").</summary>
    public const int SuicidalIdeationItemIndex = 8;

    /// <summary>Bands least to most severe.</summary>
    public static readonly IReadOnlyList<SeverityBand> Bands =
        [SeverityBand.Minimal, SeverityBand.Mild, SeverityBand.Moderate, SeverityBand.ModeratelySevere, SeverityBand.Severe];

    /// <summary>Validates and scores nine 0–3 items.</summary>
    public static ScreeningResult Score(IReadOnlyList<int?> items)
    {
        const string name = "PHQ-9";
        ItemValidation.RequireCount(name, items, ItemCount);
        ItemValidation.RequireRange(items, 0, 3);
        ItemValidation.RequireAll(name, items);

        var total = ItemValidation.Sum(items);
        var band = BandOf(total);
        var ideation = items[SuicidalIdeationItemIndex] > 0;

        var risk = band switch
        {
            SeverityBand.Severe => RiskLevel.High,
            SeverityBand.ModeratelySevere or SeverityBand.Moderate => RiskLevel.Moderate,
            _ => RiskLevel.Low,
        };

        if (ideation)
        {
            // docs/architecture.md "Screening": item 9 > 0 flags suicidal ideation whatever the total and raises
            // the suggested risk to at least High (R-1.10 high-risk protocol).
            risk = RiskPolicy.Raise(risk, RiskLevel.High);
        }

        return new ScreeningResult(ScreeningInstrument.Phq9, total, band, ideation, risk, Prorated: false);
    }

    /// <summary>The band of a total 0–27.</summary>
    public static SeverityBand BandOf(int total) => total switch
    {
        >= 20 => SeverityBand.Severe,
        >= 15 => SeverityBand.ModeratelySevere,
        >= 10 => SeverityBand.Moderate,
        >= 5 => SeverityBand.Mild,
        _ => SeverityBand.Minimal,
    };
}
