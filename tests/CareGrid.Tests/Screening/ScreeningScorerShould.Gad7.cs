using CareGrid.Grains.Cases;
using CareGrid.Grains.Screening;
using static CareGrid.Tests.Screening.ScreeningAssert;

namespace CareGrid.Tests.Screening;

// GAD-7: Spitzer, Kroenke, Williams & Löwe 2006 — 7 items 0–3, cut-offs 5/10/15.
public partial class ScreeningScorerShould
{
    [Theory]
    [InlineData(0, SeverityBand.Minimal, RiskLevel.Low)]
    [InlineData(4, SeverityBand.Minimal, RiskLevel.Low)]
    [InlineData(5, SeverityBand.Mild, RiskLevel.Low)]
    [InlineData(9, SeverityBand.Mild, RiskLevel.Low)]
    [InlineData(10, SeverityBand.Moderate, RiskLevel.Moderate)]
    [InlineData(14, SeverityBand.Moderate, RiskLevel.Moderate)]
    [InlineData(15, SeverityBand.Severe, RiskLevel.Moderate)]
    [InlineData(21, SeverityBand.Severe, RiskLevel.Moderate)]
    public void Gad7_bands_at_cutoffs_5_10_15_and_suggests_risk_by_policy(int total, SeverityBand band, RiskLevel risk)
    {
        var result = Score(ScreeningInstrument.Gad7, ItemsWithTotal(7, total, 0, 3));

        Assert.Equal(ScreeningInstrument.Gad7, result.Instrument);
        Assert.Equal(total, result.TotalScore);
        Assert.Equal(band, result.Band);
        Assert.Equal(risk, result.SuggestedRiskLevel);
        Assert.False(result.Prorated);
    }

    [Fact]
    public void Gad7_severe_anxiety_alone_suggests_Moderate_never_High_and_never_flags_ideation()
    {
        var result = Score(ScreeningInstrument.Gad7, 3, 3, 3, 3, 3, 3, 3);

        Assert.Equal(21, result.TotalScore);
        Assert.Equal(SeverityBand.Severe, result.Band);
        Assert.Equal(RiskLevel.Moderate, result.SuggestedRiskLevel);
        Assert.False(result.SuicidalIdeationFlag);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(8)]
    [InlineData(9)]
    public void Gad7_rejects_a_wrong_number_of_answers(int count)
    {
        var items = Enumerable.Repeat<int?>(0, count).ToArray();

        Invalid(() => Score(ScreeningInstrument.Gad7, items), "answers", $"GAD-7 needs 7 answers, got {count}.");
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(6, -1)]
    public void Gad7_rejects_an_item_outside_0_to_3(int index, int value)
    {
        var items = Enumerable.Repeat<int?>(0, 7).ToArray();
        items[index] = value;

        Invalid(() => Score(ScreeningInstrument.Gad7, items), $"answers[{index}]", $"answers[{index}] must be 0–3, got {value}.");
    }

    [Fact]
    public void Gad7_rejects_a_missing_item()
    {
        Invalid(
            () => Score(ScreeningInstrument.Gad7, 1, 1, 1, null, 1, 1, 1),
            "answers[3]",
            "answers[3] is missing: GAD-7 needs every item answered.");
    }
}
