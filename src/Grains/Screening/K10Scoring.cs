using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;

namespace CareGrid.Grains.Screening;

/// <summary>
/// K10 scoring. Sources: Kessler RC, Andrews G, Colpe LJ, et al. "Short screening scales to monitor
/// population prevalences and trends in non-specific psychological distress." Psychol Med
/// 2002;32(6):959–976 (ten items scored 1–5, total 10–50); bands from Andrews G, Slade T. "Interpreting
/// scores on the Kessler Psychological Distress Scale (K10)." Aust N Z J Public Health 2001;25(6):494–497,
/// as used in Australian scoring: 10–15 low, 16–21 moderate, 22–29 high, 30–50 very high.
/// </summary>
/// <remarks>
/// Missing items follow the convention of Australian outcome-measurement scoring guidance for the K10
/// (as used for the national mental-health outcome collections): with exactly one item
/// missing, the mean of the nine answered items stands in for it, i.e. total = sum of the 9 × 10 / 9,
/// rounded to the nearest integer; with more than one missing, no total is computed (here: a validation
/// error). Because the sum is divided by 9, the unrounded value is k + r/9 with r in 0–8, so it is never
/// exactly halfway and the rounding direction for ties never arises. The prorated total always lies in
/// 10–50 and is banded like any other total; <see cref="ScreeningResult.Prorated"/> records that it was prorated.
/// </remarks>
internal static class K10Scoring
{
    /// <summary>Ten items.</summary>
    public const int ItemCount = 10;

    /// <summary>Bands least to most severe.</summary>
    public static readonly IReadOnlyList<SeverityBand> Bands =
        [SeverityBand.Low, SeverityBand.Moderate, SeverityBand.High, SeverityBand.VeryHigh];

    /// <summary>Validates and scores ten 1–5 items, prorating one missing item.</summary>
    public static ScreeningResult Score(IReadOnlyList<int?> items)
    {
        ItemValidation.RequireCount("K10", items, ItemCount);
        ItemValidation.RequireRange(items, 1, 5);

        var missing = new List<int>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                missing.Add(i);
            }
        }

        if (missing.Count > 1)
        {
            var list = string.Join(", ", missing.Select(ItemValidation.Field));
            throw CareGridException.Validation(
                "answers",
                $"K10 allows at most one missing answer, got {missing.Count} missing ({list}).");
        }

        var sum = ItemValidation.Sum(items);
        var prorated = missing.Count == 1;

        // sum × 10 / 9 rounded to nearest: (10·sum + 4) / 9 in integer arithmetic (no ties exist, see remarks).
        var total = prorated ? ((sum * 10) + 4) / 9 : sum;
        var band = BandOf(total);

        // CareGrid policy: very high distress → High, high → Moderate, else Low (see ScreeningScorer).
        var risk = band switch
        {
            SeverityBand.VeryHigh => RiskLevel.High,
            SeverityBand.High => RiskLevel.Moderate,
            _ => RiskLevel.Low,
        };

        return new ScreeningResult(ScreeningInstrument.K10, total, band, SuicidalIdeationFlag: false, risk, prorated);
    }

    /// <summary>The band of a total 10–50.</summary>
    public static SeverityBand BandOf(int total) => total switch
    {
        >= 30 => SeverityBand.VeryHigh,
        >= 22 => SeverityBand.High,
        >= 16 => SeverityBand.Moderate,
        _ => SeverityBand.Low,
    };
}
