using CareGrid.Grains.Cases;
using CareGrid.Grains.Screening;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CareGrid.Tests.Screening;

// docs/architecture.md "Screening": a score sets or raises the case's risk, never silently lowers it.
[Trait("tier", "domain")]
public class RiskPolicyShould
{
    public static TheoryData<RiskLevel, RiskLevel> AllPairs()
    {
        var data = new TheoryData<RiskLevel, RiskLevel>();
        foreach (var current in Enum.GetValues<RiskLevel>())
        {
            foreach (var suggested in Enum.GetValues<RiskLevel>())
            {
                data.Add(current, suggested);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Raise_returns_the_higher_level_so_a_screening_never_lowers_risk(RiskLevel current, RiskLevel suggested)
    {
        var raised = RiskPolicy.Raise(current, suggested);

        Assert.Equal((RiskLevel)Math.Max((int)current, (int)suggested), raised);
        Assert.True(raised >= current);
        Assert.True(raised >= suggested);
    }

    [Fact]
    public void Raise_keeps_Imminent_when_a_screening_suggests_Low()
    {
        Assert.Equal(RiskLevel.Imminent, RiskPolicy.Raise(RiskLevel.Imminent, RiskLevel.Low));
    }

    [Fact]
    public void Raise_lifts_Low_to_High_for_a_PHQ9_item9_result()
    {
        var result = ScreeningScorer.Score(new ScreeningAnswers(ScreeningInstrument.Phq9, [0, 0, 0, 0, 0, 0, 0, 0, 2]));

        Assert.Equal(RiskLevel.High, RiskPolicy.Raise(RiskLevel.Low, result.SuggestedRiskLevel));
    }

    [Fact]
    public void Risk_levels_keep_their_persisted_numeric_values()
    {
        Assert.Equal(0, (int)RiskLevel.Low);
        Assert.Equal(1, (int)RiskLevel.Moderate);
        Assert.Equal(2, (int)RiskLevel.High);
        Assert.Equal(3, (int)RiskLevel.Imminent);
    }

    [Property]
    public Property Raise_never_lowers_and_applying_suggestions_in_any_order_gives_the_maximum()
    {
        var level = Gen.Elements(Enum.GetValues<RiskLevel>());
        var sequences = Gen.Zip(level, level.ListOf()).ToArbitrary();
        return Prop.ForAll(sequences, start =>
        {
            var (current, suggestions) = start;
            var level = current;
            foreach (var suggested in suggestions)
            {
                var next = RiskPolicy.Raise(level, suggested);
                if (next < level)
                {
                    return false;
                }

                level = next;
            }

            return level == suggestions.Append(current).Max();
        });
    }
}
