namespace CareGrid.Grains.Trajectories;

/// <summary>Whether a change between two scores is larger than measurement error would make (Jacobson &amp; Truax 1991).</summary>
[GenerateSerializer, Alias("CareGrid.ReliableChangeClass")]
public enum ReliableChangeClass
{
    /// <summary>The first score of the trajectory: nothing to compare with.</summary>
    Baseline = 0,

    /// <summary>The score fell by more than measurement error explains (RCI &lt; −1.96): reliably improved.</summary>
    Improved = 1,

    /// <summary>The change is within measurement error (|RCI| ≤ 1.96).</summary>
    NoReliableChange = 2,

    /// <summary>The score rose by more than measurement error explains (RCI &gt; 1.96): reliably deteriorated.</summary>
    Deteriorated = 3,

    /// <summary>The instrument has no published norms in CareGrid (<see cref="InstrumentNorms.Published"/>): no index.</summary>
    NotComputed = 4,
}

/// <summary>
/// The Jacobson–Truax reliable-change index (Jacobson NS, Truax P. "Clinical significance: a statistical approach to
/// defining meaningful change in psychotherapy research." J Consult Clin Psychol 1991;59(1):12–19), used for score
/// trajectories (R-3.6, R-6.3; docs/trajectories.md). Pure arithmetic: no state, no clock.
/// </summary>
/// <remarks>
/// SE = SD·√(1 − r) is the standard error of measurement; S_diff = √(2·SE²) the standard error of the difference of two
/// scores; RCI = (x₂ − x₁) / S_diff. |RCI| &gt; 1.96 means the change would arise by measurement error alone in fewer than
/// 5 % of cases. PHQ-9, GAD-7 and K10 score higher when worse, so a negative RCI below −1.96 is an improvement.
/// </remarks>
public static class ReliableChange
{
    /// <summary>The two-sided 5 % critical value of the standard normal distribution.</summary>
    public const double Critical = 1.96;

    /// <summary>The standard error of measurement SD·√(1 − r), in score points.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When SD ≤ 0 or r is not in (0, 1).</exception>
    public static double StandardError(InstrumentNorms norms)
    {
        ArgumentNullException.ThrowIfNull(norms);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(norms.StandardDeviation);
        if (norms.Reliability is <= 0 or >= 1 || double.IsNaN(norms.Reliability))
        {
            throw new ArgumentOutOfRangeException(nameof(norms), "A reliability is between 0 and 1, exclusive.");
        }

        return norms.StandardDeviation * Math.Sqrt(1 - norms.Reliability);
    }

    /// <summary>The standard error of the difference of two scores, √2·SE, in score points.</summary>
    public static double DifferenceError(InstrumentNorms norms) => Math.Sqrt(2) * StandardError(norms);

    /// <summary>The index (<paramref name="latest"/> − <paramref name="baseline"/>) / S_diff; dimensionless.</summary>
    public static double Index(int baseline, int latest, InstrumentNorms norms) => (latest - baseline) / DifferenceError(norms);

    /// <summary>The smallest change in score points that is reliable: 1.96·S_diff (a change must exceed it).</summary>
    public static double ThresholdPoints(InstrumentNorms norms) => Critical * DifferenceError(norms);

    /// <summary>The class of an index for a scale on which higher is worse (PHQ-9, GAD-7, K10).</summary>
    public static ReliableChangeClass Classify(double index) => index switch
    {
        < -Critical => ReliableChangeClass.Improved,
        > Critical => ReliableChangeClass.Deteriorated,
        _ => ReliableChangeClass.NoReliableChange,
    };
}
