using CareGrid.Grains.Cases;
using CareGrid.Grains.Screening;
using static CareGrid.Tests.Screening.ScreeningAssert;

namespace CareGrid.Tests.Screening;

// PHQ-9: Kroenke, Spitzer & Williams 2001 — 9 items 0–3, cut-offs 5/10/15/20; item 9 rule from docs/architecture.md "Screening".
public partial class ScreeningScorerShould
{
    private static ScreeningResult Phq9WithTotalAndNoItem9(int total)
    {
        // Items 1–8 carry the total (max 24); item 9 (index 8) stays 0.
        var items = ItemsWithTotal(8, total, 0, 3).Append(0).ToArray();
        return Score(ScreeningInstrument.Phq9, items);
    }

    [Theory]
    [InlineData(0, SeverityBand.Minimal, RiskLevel.Low)]
    [InlineData(4, SeverityBand.Minimal, RiskLevel.Low)]
    [InlineData(5, SeverityBand.Mild, RiskLevel.Low)]
    [InlineData(9, SeverityBand.Mild, RiskLevel.Low)]
    [InlineData(10, SeverityBand.Moderate, RiskLevel.Moderate)]
    [InlineData(14, SeverityBand.Moderate, RiskLevel.Moderate)]
    [InlineData(15, SeverityBand.ModeratelySevere, RiskLevel.Moderate)]
    [InlineData(19, SeverityBand.ModeratelySevere, RiskLevel.Moderate)]
    [InlineData(20, SeverityBand.Severe, RiskLevel.High)]
    [InlineData(24, SeverityBand.Severe, RiskLevel.High)]
    public void Phq9_bands_at_cutoffs_5_10_15_20_and_suggests_risk_by_policy(int total, SeverityBand band, RiskLevel risk)
    {
        var result = Phq9WithTotalAndNoItem9(total);

        Assert.Equal(ScreeningInstrument.Phq9, result.Instrument);
        Assert.Equal(total, result.TotalScore);
        Assert.Equal(band, result.Band);
        Assert.Equal(risk, result.SuggestedRiskLevel);
        Assert.False(result.SuicidalIdeationFlag);
        Assert.False(result.Prorated);
    }

    [Fact]
    public void Phq9_maximum_27_is_Severe_flags_ideation_and_suggests_High()
    {
        var result = Score(ScreeningInstrument.Phq9, 3, 3, 3, 3, 3, 3, 3, 3, 3);

        Assert.Equal(27, result.TotalScore);
        Assert.Equal(SeverityBand.Severe, result.Band);
        Assert.True(result.SuicidalIdeationFlag);
        Assert.Equal(RiskLevel.High, result.SuggestedRiskLevel);
    }

    [Fact]
    public void Phq9_item9_above_zero_flags_ideation_and_suggests_at_least_High()
    {
        // Total 1, band Minimal — but item 9 = 1: "whatever the total", at least High (docs/architecture.md; ).
        var result = Score(ScreeningInstrument.Phq9, 0, 0, 0, 0, 0, 0, 0, 0, 1);

        Assert.Equal(1, result.TotalScore);
        Assert.Equal(SeverityBand.Minimal, result.Band);
        Assert.True(result.SuicidalIdeationFlag);
        Assert.Equal(RiskLevel.High, result.SuggestedRiskLevel);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 3)]
    [InlineData(3, 7)]
    [InlineData(1, 12)]
    [InlineData(2, 16)]
    [InlineData(3, 24)]
    public void Phq9_item9_above_zero_suggests_High_whatever_the_other_items(int item9, int otherItemsTotal)
    {
        var items = ItemsWithTotal(8, otherItemsTotal, 0, 3).Append(item9).ToArray();

        var result = Score(ScreeningInstrument.Phq9, items);

        Assert.Equal(otherItemsTotal + item9, result.TotalScore);
        Assert.True(result.SuicidalIdeationFlag);
        Assert.True(result.SuggestedRiskLevel >= RiskLevel.High);
        Assert.Equal(RiskLevel.High, result.SuggestedRiskLevel); // a screening never suggests Imminent
    }

    [Fact]
    public void Phq9_item9_zero_never_flags_ideation_even_when_severe()
    {
        var result = Phq9WithTotalAndNoItem9(24);

        Assert.False(result.SuicidalIdeationFlag);
        Assert.Equal(SeverityBand.Severe, result.Band);
    }

    [Fact]
    public void Phq9_high_items_elsewhere_do_not_flag_ideation()
    {
        // Only item 9 (index 8) is the ideation item; a 3 on item 8 (index 7) is not.
        var result = Score(ScreeningInstrument.Phq9, 0, 0, 0, 0, 0, 0, 0, 3, 0);

        Assert.False(result.SuicidalIdeationFlag);
        Assert.Equal(RiskLevel.Low, result.SuggestedRiskLevel);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(0)]
    [InlineData(10)]
    public void Phq9_rejects_a_wrong_number_of_answers(int count)
    {
        var items = Enumerable.Repeat<int?>(0, count).ToArray();

        Invalid(() => Score(ScreeningInstrument.Phq9, items), "answers", $"PHQ-9 needs 9 answers, got {count}.");
    }

    [Theory]
    [InlineData(3, 4)]
    [InlineData(0, -1)]
    [InlineData(8, 4)]
    [InlineData(5, int.MaxValue)]
    public void Phq9_rejects_an_item_outside_0_to_3(int index, int value)
    {
        var items = Enumerable.Repeat<int?>(0, 9).ToArray();
        items[index] = value;

        Invalid(() => Score(ScreeningInstrument.Phq9, items), $"answers[{index}]", $"answers[{index}] must be 0–3, got {value}.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(8)]
    public void Phq9_rejects_a_missing_item_because_it_publishes_no_proration(int index)
    {
        var items = Enumerable.Repeat<int?>(1, 9).ToArray();
        items[index] = null;

        Invalid(() => Score(ScreeningInstrument.Phq9, items), $"answers[{index}]", $"answers[{index}] is missing: PHQ-9 needs every item answered.");
    }

    [Fact]
    public void Phq9_accepts_a_list_as_well_as_an_array()
    {
        var result = ScreeningScorer.Score(new ScreeningAnswers(ScreeningInstrument.Phq9, new List<int?> { 1, 1, 1, 1, 1, 1, 1, 1, 1 }));

        Assert.Equal(9, result.TotalScore);
        Assert.True(result.SuicidalIdeationFlag);
    }
}
