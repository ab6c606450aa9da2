using CareGrid.Grains.Screening;

namespace CareGrid.GraphApi.Fhir;

/// <summary>
/// Which FHIR Questionnaire each screening instrument answers, and the <c>linkId</c> of each of its items (docs/fhir.md).
/// PHQ-9 and GAD-7 use LOINC's panels (LOINC 44249-1 "PHQ-9 quick depression assessment panel", 69737-5 "Generalized
/// anxiety disorder 7 item (GAD-7)") with LOINC's item codes as link ids, as the LOINC-derived Questionnaires do; the
/// C-SSRS screener and K10 have no LOINC panel CareGrid relies on, so they use CareGrid's own canonical names
/// (<see cref="OwnCanonicalBase"/>) with the item's number as link id.
/// </summary>
public static class ScreeningQuestionnaires
{
    /// <summary>The LOINC code system.</summary>
    public const string Loinc = "http://loinc.org";

    /// <summary>PHQ-9's Questionnaire: LOINC panel 44249-1.</summary>
    public const string Phq9 = "http://loinc.org/q/44249-1";

    /// <summary>GAD-7's Questionnaire: LOINC panel 69737-5.</summary>
    public const string Gad7 = "http://loinc.org/q/69737-5";

    /// <summary>CareGrid's own canonical names (a URN: a name, not a place to fetch): <c>cssrs-screener</c>, <c>k10</c>.</summary>
    public const string OwnCanonicalBase = "urn:caregrid:questionnaire:";

    /// <summary>PHQ-9 items 1–9 (LOINC 44250-9 … 44260-8, in the panel's order) and the total score (44261-6).</summary>
    private static readonly string[] Phq9Items = ["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"];

    /// <summary>GAD-7 items 1–7 (LOINC 69725-0 … 69736-7, in the panel's order) and the total score (70274-6).</summary>
    private static readonly string[] Gad7Items = ["69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"];

    /// <summary>The canonical URL (or URN) of <paramref name="instrument"/>'s Questionnaire.</summary>
    public static string Canonical(ScreeningInstrument instrument) => instrument switch
    {
        ScreeningInstrument.Phq9 => Phq9,
        ScreeningInstrument.Gad7 => Gad7,
        ScreeningInstrument.Cssrs => OwnCanonicalBase + "cssrs-screener",
        ScreeningInstrument.K10 => OwnCanonicalBase + "k10",
        _ => throw new ArgumentOutOfRangeException(nameof(instrument), instrument, "no Questionnaire for this instrument"),
    };

    /// <summary>
    /// The link id of item <paramref name="index"/> (0-based, in the order of <see cref="ScreeningAnswers.Items"/>): the LOINC
    /// item code for PHQ-9 and GAD-7, else the 1-based item number (C-SSRS: 1–6 and <c>6a</c>, question 6's "past 3 months").
    /// </summary>
    public static string ItemLinkId(ScreeningInstrument instrument, int index) => instrument switch
    {
        ScreeningInstrument.Phq9 => Phq9Items[index],
        ScreeningInstrument.Gad7 => Gad7Items[index],
        ScreeningInstrument.Cssrs when index == 6 => "6a",
        _ => (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The link id of the total score (LOINC 44261-6 for PHQ-9, 70274-6 for GAD-7, <c>total</c> for K10); null for the C-SSRS screener, which has none.</summary>
    public static string? TotalLinkId(ScreeningInstrument instrument) => instrument switch
    {
        ScreeningInstrument.Phq9 => "44261-6",
        ScreeningInstrument.Gad7 => "70274-6",
        ScreeningInstrument.K10 => "total",
        _ => null,
    };
}
