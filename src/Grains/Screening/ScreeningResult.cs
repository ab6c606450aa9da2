using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Screening;

/// <summary>
/// The scored outcome of one screening (docs/architecture.md, "Screening"), produced by
/// <see cref="ScreeningScorer.Score(ScreeningAnswers)"/> and persisted with the case.
/// </summary>
/// <param name="Instrument">The instrument that was scored.</param>
/// <param name="TotalScore">
/// The instrument's total in its published units: PHQ-9 0–27, GAD-7 0–21, K10 10–50 (prorated when
/// one item was missing, see <paramref name="Prorated"/>). Always <c>null</c> for the C-SSRS screener,
/// which is not a summed scale: its meaning is in which questions were answered yes, not how many,
/// so CareGrid reports only its triage <paramref name="Band"/>.
/// </param>
/// <param name="Band">The published severity band for <paramref name="TotalScore"/> (or the C-SSRS triage band).</param>
/// <param name="SuicidalIdeationFlag">
/// True when the answers report suicidal ideation: PHQ-9 item 9 above 0 (whatever the total), or any
/// C-SSRS ideation question (1–5) answered yes. Always false for GAD-7 and K10, which do not ask about it.
/// </param>
/// <param name="SuggestedRiskLevel">
/// The case risk level CareGrid's policy suggests for this result (see <see cref="ScreeningScorer"/> for the
/// mapping). A suggestion only: applied through <see cref="RiskPolicy.Raise(RiskLevel, RiskLevel)"/>, it can
/// raise a case's risk but never lower it. A screening never suggests <see cref="RiskLevel.Imminent"/>:
/// that is a clinician's judgement of acute danger.
/// </param>
/// <param name="Prorated">True when <paramref name="TotalScore"/> was prorated from a missing item (K10 only).</param>
[GenerateSerializer, Alias("CareGrid.ScreeningResult")]
public sealed record ScreeningResult(
    [property: Id(0)] ScreeningInstrument Instrument,
    [property: Id(1)] int? TotalScore,
    [property: Id(2)] SeverityBand Band,
    [property: Id(3)] bool SuicidalIdeationFlag,
    [property: Id(4)] RiskLevel SuggestedRiskLevel,
    [property: Id(5)] bool Prorated);
