using CareGrid.Grains.Cases;
using CareGrid.Grains.Screening;
using static CareGrid.Tests.Screening.ScreeningAssert;

namespace CareGrid.Tests.Screening;

// K10: Kessler et al. 2002, items 1–5, total 10–50; Australian bands (Andrews & Slade 2001) 10–15 / 16–21 / 22–29 / 30–50.
public partial class ScreeningScorerShould
{
    [Theory]
    [InlineData(10, SeverityBand.Low, RiskLevel.Low)]
    [InlineData(15, SeverityBand.Low, RiskLevel.Low)]
    [InlineData(16, SeverityBand.Moderate, RiskLevel.Low)]
    [InlineData(21, SeverityBand.Moderate, RiskLevel.Low)]
    [InlineData(22, SeverityBand.High, RiskLevel.Moderate)]
    [InlineData(29, SeverityBand.High, RiskLevel.Moderate)]
    [InlineData(30, SeverityBand.VeryHigh, RiskLevel.High)]
    [InlineData(50, SeverityBand.VeryHigh, RiskLevel.High)]
    public void K10_bands_at_15_16_21_22_29_30_and_suggests_risk_by_policy(int total, SeverityBand band, RiskLevel risk)
    {
        var result = Score(ScreeningInstrument.K10, ItemsWithTotal(10, total, 1, 5));

        Assert.Equal(ScreeningInstrument.K10, result.Instrument);
        Assert.Equal(total, result.TotalScore);
        Assert.Equal(band, result.Band);
        Assert.Equal(risk, result.SuggestedRiskLevel);
        Assert.False(result.SuicidalIdeationFlag);
        Assert.False(result.Prorated);
    }

    [Theory]
    // sum of the 9 answered items → round(sum × 10 / 9)
    [InlineData(9, 10)]   // 10.00 (all 1): the minimum stays 10
    [InlineData(13, 14)]  // 14.44 rounds down
    [InlineData(14, 16)]  // 15.56 rounds up — across the Low/Moderate cut-off
    [InlineData(19, 21)]  // 21.11
    [InlineData(20, 22)]  // 22.22 — into High
    [InlineData(26, 29)]  // 28.89
    [InlineData(27, 30)]  // 30.00 exactly — Very high
    [InlineData(45, 50)]  // 50.00 (all 5): the maximum stays 50
    public void K10_prorates_exactly_one_missing_item_as_the_mean_of_the_other_nine(int sumOfNine, int expectedTotal)
    {
        var answered = ItemsWithTotal(9, sumOfNine, 1, 5);
        foreach (var missingAt in new[] { 0, 4, 9 })
        {
            var items = answered.ToList();
            items.Insert(missingAt, null);

            var result = Score(ScreeningInstrument.K10, [.. items]);

            Assert.Equal(expectedTotal, result.TotalScore);
            Assert.True(result.Prorated);
            Assert.Equal(K10BandOf(expectedTotal), result.Band);
        }
    }

    private static SeverityBand K10BandOf(int total) =>
        total >= 30 ? SeverityBand.VeryHigh : total >= 22 ? SeverityBand.High : total >= 16 ? SeverityBand.Moderate : SeverityBand.Low;

    [Fact]
    public void K10_prorated_total_matches_the_mean_rule_for_every_possible_sum()
    {
        for (var sum = 9; sum <= 45; sum++)
        {
            var items = ItemsWithTotal(9, sum, 1, 5).Append(null).ToArray();

            var result = Score(ScreeningInstrument.K10, items);

            var exact = sum * 10m / 9m;
            Assert.NotEqual(0.5m, exact - decimal.Floor(exact)); // no ties: rounding direction never matters
            Assert.Equal((int)decimal.Round(exact, MidpointRounding.AwayFromZero), result.TotalScore);
            Assert.InRange(result.TotalScore!.Value, 10, 50);
        }
    }

    [Fact]
    public void K10_rejects_two_missing_items()
    {
        Invalid(
            () => Score(ScreeningInstrument.K10, 2, null, 2, 2, null, 2, 2, 2, 2, 2),
            "answers",
            "K10 allows at most one missing answer, got 2 missing (answers[1], answers[4]).");
    }

    [Fact]
    public void K10_rejects_an_entirely_missing_answer_set()
    {
        var items = new int?[10];

        Invalid(
            () => Score(ScreeningInstrument.K10, items),
            "answers",
            "K10 allows at most one missing answer, got 10 missing (answers[0], answers[1], answers[2], answers[3], answers[4], answers[5], answers[6], answers[7], answers[8], answers[9]).");
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(9, 6)]
    [InlineData(3, -2)]
    public void K10_rejects_an_item_outside_1_to_5(int index, int value)
    {
        var items = Enumerable.Repeat<int?>(1, 10).ToArray();
        items[index] = value;

        Invalid(() => Score(ScreeningInstrument.K10, items), $"answers[{index}]", $"answers[{index}] must be 1–5, got {value}.");
    }

    [Theory]
    [InlineData(9)]
    [InlineData(11)]
    public void K10_rejects_a_wrong_number_of_answers(int count)
    {
        var items = Enumerable.Repeat<int?>(1, count).ToArray();

        Invalid(() => Score(ScreeningInstrument.K10, items), "answers", $"K10 needs 10 answers, got {count}.");
    }
}
