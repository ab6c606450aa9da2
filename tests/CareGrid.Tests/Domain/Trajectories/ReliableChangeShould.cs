using CareGrid.Grains.Screening;
using CareGrid.Grains.Trajectories;

namespace CareGrid.Tests.Domain.Trajectories;

/// <summary>
/// The Jacobson–Truax reliable-change index (J Consult Clin Psychol 1991;59(1):12–19) against values computed by hand from
/// the published norms (R-3.6, R-6.3; docs/trajectories.md).
/// PHQ-9: SE = 3.5·√(1 − 0.84) = 1.4; S_diff = √2·1.4 = 1.979899; 1.96·S_diff = 3.880602 points.
/// GAD-7: SE = 3.5·√(1 − 0.83) = 1.443087; S_diff = 2.040833; 1.96·S_diff = 4.000033 points.
/// </summary>
[Trait("tier", "domain")]
public sealed class ReliableChangeShould
{
    private static readonly InstrumentNorms Phq9 = InstrumentNorms.For(ScreeningInstrument.Phq9)!;
    private static readonly InstrumentNorms Gad7 = InstrumentNorms.For(ScreeningInstrument.Gad7)!;

    [Fact]
    public void Use_the_published_norms_of_PHQ9_and_GAD7_and_none_for_K10_or_the_CSSRS()
    {
        Assert.Equal((3.5, 0.84), (Phq9.StandardDeviation, Phq9.Reliability));
        Assert.Equal((3.5, 0.83), (Gad7.StandardDeviation, Gad7.Reliability));
        Assert.Contains("Kroenke", Phq9.Source);
        Assert.Contains("Spitzer", Gad7.Source);
        Assert.Null(InstrumentNorms.For(ScreeningInstrument.K10));
        Assert.Null(InstrumentNorms.For(ScreeningInstrument.Cssrs));
    }

    [Fact]
    public void Compute_the_standard_errors_and_threshold_of_PHQ9_by_hand()
    {
        Assert.Equal(1.4, ReliableChange.StandardError(Phq9), 9);
        Assert.Equal(1.979899, ReliableChange.DifferenceError(Phq9), 6);
        Assert.Equal(3.880602, ReliableChange.ThresholdPoints(Phq9), 6);
    }

    [Theory]
    [InlineData(18, 14, -2.020305, ReliableChangeClass.Improved)]
    [InlineData(18, 15, -1.515229, ReliableChangeClass.NoReliableChange)]
    [InlineData(10, 14, 2.020305, ReliableChangeClass.Deteriorated)]
    [InlineData(12, 12, 0.0, ReliableChangeClass.NoReliableChange)]
    [InlineData(27, 0, -13.637059, ReliableChangeClass.Improved)]
    public void Classify_PHQ9_changes_as_computed_by_hand(int baseline, int latest, double index, ReliableChangeClass expected)
    {
        var rci = ReliableChange.Index(baseline, latest, Phq9);
        Assert.Equal(index, rci, 6);
        Assert.Equal(expected, ReliableChange.Classify(rci));
    }

    [Theory]
    [InlineData(15, 11, -1.959984, ReliableChangeClass.NoReliableChange)] // 4 points is just inside measurement error
    [InlineData(15, 10, -2.449980, ReliableChangeClass.Improved)]
    [InlineData(5, 10, 2.449980, ReliableChangeClass.Deteriorated)]
    public void Classify_GAD7_changes_as_computed_by_hand(int baseline, int latest, double index, ReliableChangeClass expected)
    {
        Assert.Equal(2.040833, ReliableChange.DifferenceError(Gad7), 6);
        var rci = ReliableChange.Index(baseline, latest, Gad7);
        Assert.Equal(index, rci, 6);
        Assert.Equal(expected, ReliableChange.Classify(rci));
    }

    [Fact]
    public void Count_an_index_of_exactly_the_critical_value_as_no_reliable_change()
    {
        Assert.Equal(ReliableChangeClass.NoReliableChange, ReliableChange.Classify(-1.96));
        Assert.Equal(ReliableChangeClass.NoReliableChange, ReliableChange.Classify(1.96));
        Assert.Equal(ReliableChangeClass.Improved, ReliableChange.Classify(-1.9600001));
    }

    [Theory]
    [InlineData(0.0, 0.8)]
    [InlineData(3.0, 1.0)]
    [InlineData(3.0, 0.0)]
    [InlineData(3.0, double.NaN)]
    public void Refuse_norms_that_make_no_index(double sd, double reliability) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ReliableChange.StandardError(new InstrumentNorms(sd, reliability, "test")));
}
