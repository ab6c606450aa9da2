using CareGrid.Grains.Cases;
using CareGrid.Grains.Screening;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static CareGrid.Tests.Screening.ScreeningAssert;

namespace CareGrid.Tests.Screening;

// Shared rules of ScreeningScorer (docs/architecture.md "Screening"; error contract from docs/architecture.md "Error codes").
[Trait("tier", "domain")]
public partial class ScreeningScorerShould
{
    [Fact]
    public void Reject_missing_answers_with_field_answers()
    {
        Invalid(() => ScreeningScorer.Score(null!), "answers", "Screening answers are required.");
        Invalid(() => ScreeningScorer.Score(new ScreeningAnswers(ScreeningInstrument.Gad7, null!)), "answers", "GAD-7 answers are required.");
    }

    [Fact]
    public void Reject_an_unknown_instrument_with_field_instrument()
    {
        Invalid(
            () => ScreeningScorer.Score(new ScreeningAnswers((ScreeningInstrument)99, [0, 0])),
            "instrument",
            "Unknown screening instrument 99.");
    }

    [Theory]
    [InlineData(ScreeningInstrument.Phq9, 9, "PHQ-9")]
    [InlineData(ScreeningInstrument.Gad7, 7, "GAD-7")]
    [InlineData(ScreeningInstrument.Cssrs, 7, "C-SSRS")]
    [InlineData(ScreeningInstrument.K10, 10, "K10")]
    public void Describe_each_instrument_item_count_and_name(ScreeningInstrument instrument, int count, string name)
    {
        Assert.Equal(count, ScreeningScorer.ItemCount(instrument));
        Assert.Equal(name, ScreeningScorer.DisplayName(instrument));
        Assert.NotEmpty(ScreeningScorer.BandsOf(instrument));
    }

    [Fact]
    public void Never_suggest_Imminent_because_acute_danger_is_a_clinician_judgement()
    {
        var worst = new[]
        {
            Score(ScreeningInstrument.Phq9, 3, 3, 3, 3, 3, 3, 3, 3, 3),
            Score(ScreeningInstrument.Gad7, 3, 3, 3, 3, 3, 3, 3),
            Score(ScreeningInstrument.Cssrs, 1, 1, 1, 1, 1, 1, 1),
            Score(ScreeningInstrument.K10, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5),
        };

        Assert.All(worst, r => Assert.NotEqual(RiskLevel.Imminent, r.SuggestedRiskLevel));
    }

    [Fact]
    public void Round_trip_answers_and_results_through_the_Orleans_serializer()
    {
        var answers = new ScreeningAnswers(ScreeningInstrument.K10, [1, 2, null, 4, 5, 1, 2, 3, 4, 5]);
        var result = ScreeningScorer.Score(answers);

        var answersCopy = RoundTrip(answers);
        var resultCopy = RoundTrip(result);

        Assert.Equal(answers.Instrument, answersCopy.Instrument);
        Assert.Equal(answers.Items, answersCopy.Items);
        Assert.Equal(result, resultCopy);
        Assert.True(resultCopy.Prorated);

        var cssrs = RoundTrip(Score(ScreeningInstrument.Cssrs, 1, 0, null, null, null, 0, null));
        Assert.Null(cssrs.TotalScore);
        Assert.Equal(SeverityBand.Low, cssrs.Band);
    }

    private static readonly Arbitrary<int?[]> Phq9AnswerSets =
        Gen.Choose(0, 3).Select(v => (int?)v).ArrayOf(9).ToArbitrary();

    [Property]
    public Property Phq9_any_valid_answer_set_totals_the_sum_of_its_items() =>
        Prop.ForAll(Phq9AnswerSets, items =>
        {
            var result = Score(ScreeningInstrument.Phq9, items);
            return result.TotalScore == items.Sum()
                && result.SuicidalIdeationFlag == (items[8] > 0)
                && (items[8] == 0 || result.SuggestedRiskLevel >= RiskLevel.High);
        });

    [Property]
    public Property Phq9_severity_band_and_risk_without_item9_are_monotone_in_the_total() =>
        Prop.ForAll(Arb.Zip(Phq9AnswerSets, Phq9AnswerSets), pair =>
        {
            var bands = ScreeningScorer.BandsOf(ScreeningInstrument.Phq9).ToList();
            var (a, b) = pair;
            a[8] = 0;
            b[8] = 0;
            var ra = Score(ScreeningInstrument.Phq9, a);
            var rb = Score(ScreeningInstrument.Phq9, b);
            var (low, high) = ra.TotalScore <= rb.TotalScore ? (ra, rb) : (rb, ra);
            return bands.IndexOf(low.Band) <= bands.IndexOf(high.Band)
                && low.SuggestedRiskLevel <= high.SuggestedRiskLevel;
        });
}
