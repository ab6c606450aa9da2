using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Screening;

/// <summary>
/// How a screening's suggested risk combines with a case's current risk (docs/architecture.md, "Screening": a score
/// sets or raises the case's risk, never silently lowers it).
/// </summary>
public static class RiskPolicy
{
    /// <summary>
    /// The risk level after applying a suggestion: the higher of the two. A screening can raise a case's
    /// risk but never lower it; lowering risk is a deliberate reassessment by a professional (level 3),
    /// not a side effect of a new score.
    /// </summary>
    /// <param name="current">The case's current risk level.</param>
    /// <param name="suggested">The risk level suggested by a screening (<see cref="ScreeningResult.SuggestedRiskLevel"/>).</param>
    /// <returns><paramref name="suggested"/> when it is higher than <paramref name="current"/>, otherwise <paramref name="current"/>.</returns>
    public static RiskLevel Raise(RiskLevel current, RiskLevel suggested) =>
        suggested > current ? suggested : current;
}
