using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;

namespace CareGrid.Grains.Screening;

/// <summary>
/// Validates and scores screening answers in code, per each instrument's published scoring
/// (docs/architecture.md, "Screening"; sources on <see cref="ScreeningInstrument"/>), and suggests a case risk level
/// by CareGrid's policy below.
/// </summary>
/// <remarks>
/// <para><b>Suggested risk — CareGrid policy.</b> Published cut-offs describe symptom severity, not
/// suicide risk; the mapping to <see cref="RiskLevel"/> is CareGrid's own, chosen to be conservative
/// (a false "too high" costs a professional review; a false "too low" can cost a life):</para>
/// <list type="bullet">
/// <item>PHQ-9: item 9 above 0 flags suicidal ideation whatever the total and suggests at least
/// <see cref="RiskLevel.High"/> (docs/architecture.md rule; item 9 cannot tell passive from active ideation, so the
/// item alone triggers the high-risk protocol of and a professional assessment, ideally with the
/// C-SSRS). Otherwise Severe (20–27) → High; Moderately severe (15–19) and Moderate (10–14) → Moderate
/// (10 is the published cut-point for major depression, sensitivity and specificity 88%, Kroenke 2001);
/// Mild and Minimal → Low.</item>
/// <item>GAD-7: Moderate (10–14) and Severe (15–21) → Moderate; Minimal and Mild → Low. 10 is the published
/// cut-point for probable generalized anxiety disorder (Spitzer 2006). Anxiety alone never suggests High:
/// the GAD-7 asks nothing about self-harm, and risk of harm needs a risk instrument or a clinician.</item>
/// <item>C-SSRS screener: the Columbia triage colouring, one to one. High: question 4 (intent) or
/// question 5 (plan with intent) yes, or suicidal behaviour (question 6) within the past 3 months.
/// Moderate: question 3 (thoughts with method) yes, or suicidal behaviour more than 3 months ago.
/// Low: question 1 (wish to be dead) or question 2 (suicidal thoughts) yes and nothing above.
/// No yes at all → band <see cref="SeverityBand.None"/>, suggested <see cref="RiskLevel.Low"/>.
/// (A C-SSRS Low after a PHQ-9 item 9 High does not lower the case: see <see cref="RiskPolicy.Raise"/>.)</item>
/// <item>K10: Very high (30–50) → High; High (22–29) → Moderate; Moderate (16–21) and Low (10–15) → Low.
/// Very high distress is the band Andrews &amp; Slade (2001) found most likely to go with a current mental disorder;
/// it warrants professional review, but the K10 asks nothing about self-harm, so it never sets the suicidal
/// ideation flag and a High from it rests on distress alone.</item>
/// </list>
/// <para>No instrument suggests <see cref="RiskLevel.Imminent"/>: acute danger is a clinician's judgement.</para>
/// <para><b>Errors.</b> Invalid answers throw <see cref="CareGridException"/> with code
/// <see cref="ErrorCodes.ValidationFailed"/> and <c>field</c> <c>answers</c> (missing list, wrong count,
/// too many missing K10 items), <c>answers[i]</c> (item i out of range, missing, or inconsistent with the
/// C-SSRS skip logic) or <c>instrument</c> (unknown instrument). Scoring is pure: no state, no clock.</para>
/// </remarks>
public static class ScreeningScorer
{
    /// <summary>
    /// Validates <paramref name="answers"/> and scores them with the instrument's published rules.
    /// </summary>
    /// <param name="answers">The instrument and its item answers (encodings on <see cref="ScreeningAnswers"/>).</param>
    /// <returns>The total, band, suicidal ideation flag and suggested risk level.</returns>
    /// <exception cref="CareGridException">
    /// <see cref="ErrorCodes.ValidationFailed"/> when the answer set is invalid, e.g. "PHQ-9 needs 9 answers,
    /// got 8" (field <c>answers</c>) or "answers[3] must be 0–3, got 4" (field <c>answers[3]</c>).
    /// </exception>
    public static ScreeningResult Score(ScreeningAnswers answers)
    {
        if (answers is null)
        {
            throw CareGridException.Validation("answers", "Screening answers are required.");
        }

        if (!Enum.IsDefined(answers.Instrument))
        {
            throw CareGridException.Validation("instrument", $"Unknown screening instrument {(int)answers.Instrument}.");
        }

        if (answers.Items is null)
        {
            throw CareGridException.Validation("answers", $"{DisplayName(answers.Instrument)} answers are required.");
        }

        return answers.Instrument switch
        {
            ScreeningInstrument.Phq9 => Phq9Scoring.Score(answers.Items),
            ScreeningInstrument.Gad7 => Gad7Scoring.Score(answers.Items),
            ScreeningInstrument.Cssrs => CssrsScoring.Score(answers.Items),
            _ => K10Scoring.Score(answers.Items),
        };
    }

    /// <summary>The number of entries <see cref="ScreeningAnswers.Items"/> must have for an instrument.</summary>
    /// <param name="instrument">The instrument.</param>
    /// <returns>9 for PHQ-9, 7 for GAD-7, 7 for the C-SSRS screener (questions 1–6 and the 3-month follow-up), 10 for K10.</returns>
    /// <exception cref="CareGridException"><see cref="ErrorCodes.ValidationFailed"/> (field <c>instrument</c>) for an unknown instrument.</exception>
    public static int ItemCount(ScreeningInstrument instrument) => instrument switch
    {
        ScreeningInstrument.Phq9 => Phq9Scoring.ItemCount,
        ScreeningInstrument.Gad7 => Gad7Scoring.ItemCount,
        ScreeningInstrument.Cssrs => CssrsScoring.ItemCount,
        ScreeningInstrument.K10 => K10Scoring.ItemCount,
        _ => throw UnknownInstrument(instrument),
    };

    /// <summary>The severity bands an instrument can produce, ordered from least to most severe.</summary>
    /// <param name="instrument">The instrument.</param>
    /// <returns>The instrument's bands (see <see cref="SeverityBand"/> for the score ranges).</returns>
    /// <exception cref="CareGridException"><see cref="ErrorCodes.ValidationFailed"/> (field <c>instrument</c>) for an unknown instrument.</exception>
    public static IReadOnlyList<SeverityBand> BandsOf(ScreeningInstrument instrument) => instrument switch
    {
        ScreeningInstrument.Phq9 => Phq9Scoring.Bands,
        ScreeningInstrument.Gad7 => Gad7Scoring.Bands,
        ScreeningInstrument.Cssrs => CssrsScoring.Bands,
        ScreeningInstrument.K10 => K10Scoring.Bands,
        _ => throw UnknownInstrument(instrument),
    };

    /// <summary>The instrument's usual short name, as used in messages: "PHQ-9", "GAD-7", "C-SSRS", "K10".</summary>
    /// <param name="instrument">The instrument.</param>
    /// <returns>The short name; for an undefined value, its number.</returns>
    public static string DisplayName(ScreeningInstrument instrument) => instrument switch
    {
        ScreeningInstrument.Phq9 => "PHQ-9",
        ScreeningInstrument.Gad7 => "GAD-7",
        ScreeningInstrument.Cssrs => "C-SSRS",
        ScreeningInstrument.K10 => "K10",
        _ => ((int)instrument).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static CareGridException UnknownInstrument(ScreeningInstrument instrument) =>
        CareGridException.Validation("instrument", $"Unknown screening instrument {(int)instrument}.");
}
