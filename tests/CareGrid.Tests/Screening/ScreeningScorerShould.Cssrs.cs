using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Screening;
using static CareGrid.Tests.Screening.ScreeningAssert;

namespace CareGrid.Tests.Screening;

// C-SSRS screener: Posner et al. 2011; Columbia Lighthouse Project screener triage (low / moderate / high).
// Encoding: [Q1 wish dead, Q2 thoughts, Q3 method, Q4 intent, Q5 plan+intent, Q6 behaviour, Q6 within 3 months], 0/1/null.
public partial class ScreeningScorerShould
{
    private static ScreeningResult Cssrs(int? q1, int? q2, int? q3, int? q4, int? q5, int? q6, int? recent) =>
        Score(ScreeningInstrument.Cssrs, q1, q2, q3, q4, q5, q6, recent);

    [Fact]
    public void Cssrs_all_no_is_band_None_suggests_Low_and_has_no_total()
    {
        var result = Cssrs(0, 0, null, null, null, 0, null);

        Assert.Equal(ScreeningInstrument.Cssrs, result.Instrument);
        Assert.Null(result.TotalScore);
        Assert.Equal(SeverityBand.None, result.Band);
        Assert.Equal(RiskLevel.Low, result.SuggestedRiskLevel);
        Assert.False(result.SuicidalIdeationFlag);
        Assert.False(result.Prorated);
    }

    [Fact]
    public void Cssrs_accepts_0_for_questions_skipped_by_the_screener_logic()
    {
        var result = Cssrs(0, 0, 0, 0, 0, 0, 0);

        Assert.Equal(SeverityBand.None, result.Band);
    }

    [Theory]
    [InlineData(1, 0, null, null, null, 0, null)] // Q1 only: passive wish to be dead
    [InlineData(0, 1, 0, 0, 0, 0, null)]          // Q2 only: active thoughts, no method/intent/plan
    [InlineData(1, 1, 0, 0, 0, 0, null)]
    public void Cssrs_question_1_or_2_alone_is_Low_risk_and_flags_ideation(int? q1, int? q2, int? q3, int? q4, int? q5, int? q6, int? recent)
    {
        var result = Cssrs(q1, q2, q3, q4, q5, q6, recent);

        Assert.Equal(SeverityBand.Low, result.Band);
        Assert.Equal(RiskLevel.Low, result.SuggestedRiskLevel);
        Assert.True(result.SuicidalIdeationFlag);
    }

    [Fact]
    public void Cssrs_question_3_thoughts_with_method_is_Moderate_risk()
    {
        var result = Cssrs(1, 1, 1, 0, 0, 0, null);

        Assert.Equal(SeverityBand.Moderate, result.Band);
        Assert.Equal(RiskLevel.Moderate, result.SuggestedRiskLevel);
        Assert.True(result.SuicidalIdeationFlag);
    }

    [Fact]
    public void Cssrs_lifetime_behaviour_beyond_3_months_is_Moderate_risk_without_ideation_flag()
    {
        var result = Cssrs(0, 0, null, null, null, 1, 0);

        Assert.Equal(SeverityBand.Moderate, result.Band);
        Assert.Equal(RiskLevel.Moderate, result.SuggestedRiskLevel);
        Assert.False(result.SuicidalIdeationFlag); // behaviour, not ideation: the risk level carries it
    }

    [Theory]
    [InlineData(0, 1, 0, 1, 0, 0, null)]    // Q4 intent
    [InlineData(0, 1, 0, 0, 1, 0, null)]    // Q5 plan with intent
    [InlineData(1, 1, 1, 1, 1, 1, 1)]       // everything yes
    public void Cssrs_intent_or_plan_is_High_risk(int? q1, int? q2, int? q3, int? q4, int? q5, int? q6, int? recent)
    {
        var result = Cssrs(q1, q2, q3, q4, q5, q6, recent);

        Assert.Equal(SeverityBand.High, result.Band);
        Assert.Equal(RiskLevel.High, result.SuggestedRiskLevel);
        Assert.True(result.SuicidalIdeationFlag);
    }

    [Fact]
    public void Cssrs_behaviour_in_the_past_3_months_is_High_risk_even_without_ideation()
    {
        var result = Cssrs(0, 0, null, null, null, 1, 1);

        Assert.Equal(SeverityBand.High, result.Band);
        Assert.Equal(RiskLevel.High, result.SuggestedRiskLevel);
        Assert.False(result.SuicidalIdeationFlag);
    }

    [Fact]
    public void Cssrs_wish_to_be_dead_with_old_behaviour_is_Moderate_risk()
    {
        var result = Cssrs(1, 0, null, null, null, 1, 0);

        Assert.Equal(SeverityBand.Moderate, result.Band);
        Assert.Equal(RiskLevel.Moderate, result.SuggestedRiskLevel);
        Assert.True(result.SuicidalIdeationFlag);
    }

    [Fact]
    public void Cssrs_method_with_recent_behaviour_is_High_risk()
    {
        var result = Cssrs(1, 1, 1, 0, 0, 1, 1);

        Assert.Equal(SeverityBand.High, result.Band);
        Assert.Equal(RiskLevel.High, result.SuggestedRiskLevel);
    }

    public static IEnumerable<int?[]> ValidCssrsAnswerSets()
    {
        foreach (var q1 in new int?[] { 0, 1 })
        {
            foreach (var q2 in new int?[] { 0, 1 })
            {
                var followUps = q2 == 1
                    ? from a in new int?[] { 0, 1 } from b in new int?[] { 0, 1 } from c in new int?[] { 0, 1 } select new[] { a, b, c }
                    : new[] { new int?[] { null, null, null }, new int?[] { 0, 0, 0 } };
                foreach (var q345 in followUps)
                {
                    foreach (var q6 in new int?[] { 0, 1 })
                    {
                        foreach (var recent in q6 == 1 ? new int?[] { 0, 1 } : new int?[] { null, 0 })
                        {
                            yield return [q1, q2, q345[0], q345[1], q345[2], q6, recent];
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void Cssrs_one_more_yes_never_lowers_the_triage_band_risk_or_flag()
    {
        var bands = ScreeningScorer.BandsOf(ScreeningInstrument.Cssrs).ToList();
        var sets = ValidCssrsAnswerSets().ToList();
        Assert.Equal(80, sets.Count);

        foreach (var set in sets)
        {
            var before = Score(ScreeningInstrument.Cssrs, set);
            Assert.Null(before.TotalScore);
            Assert.Equal(set.Take(5).Any(v => v == 1), before.SuicidalIdeationFlag);

            for (var i = 0; i < set.Length; i++)
            {
                if (set[i] != 0)
                {
                    continue;
                }

                var more = (int?[])set.Clone();
                more[i] = 1;
                ScreeningResult after;
                try
                {
                    after = Score(ScreeningInstrument.Cssrs, more);
                }
                catch (CareGridException)
                {
                    continue; // a yes the skip logic does not allow
                }

                Assert.True(bands.IndexOf(after.Band) >= bands.IndexOf(before.Band), $"{string.Join(",", set)} → {string.Join(",", more)}");
                Assert.True(after.SuggestedRiskLevel >= before.SuggestedRiskLevel);
                Assert.True(after.SuicidalIdeationFlag || !before.SuicidalIdeationFlag);
            }
        }
    }

    [Theory]
    [InlineData(6)]
    [InlineData(8)]
    public void Cssrs_rejects_a_wrong_number_of_answers(int count)
    {
        var items = Enumerable.Repeat<int?>(0, count).ToArray();

        Invalid(
            () => Score(ScreeningInstrument.Cssrs, items),
            "answers",
            $"C-SSRS needs 7 answers (questions 1–6 and question 6's past-3-months follow-up), got {count}.");
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(5, -1)]
    [InlineData(6, 3)]
    public void Cssrs_rejects_values_other_than_0_or_1(int index, int value)
    {
        var items = new int?[] { 0, 0, null, null, null, 0, null };
        items[index] = value;

        Invalid(() => Score(ScreeningInstrument.Cssrs, items), $"answers[{index}]", $"answers[{index}] must be 0–1 (0 = no, 1 = yes), got {value}.");
    }

    [Theory]
    [InlineData(0, "question 1 (wish to be dead) is always asked")]
    [InlineData(1, "question 2 (suicidal thoughts) is always asked")]
    [InlineData(5, "question 6 (suicidal behaviour) is always asked")]
    public void Cssrs_requires_questions_1_2_and_6(int index, string why)
    {
        var items = new int?[] { 0, 0, null, null, null, 0, null };
        items[index] = null;

        Invalid(() => Score(ScreeningInstrument.Cssrs, items), $"answers[{index}]", $"answers[{index}] is missing: C-SSRS {why}.");
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(3, 4)]
    [InlineData(4, 5)]
    public void Cssrs_requires_questions_3_to_5_when_question_2_is_yes(int index, int question)
    {
        var items = new int?[] { 1, 1, 0, 0, 0, 0, null };
        items[index] = null;

        Invalid(
            () => Score(ScreeningInstrument.Cssrs, items),
            $"answers[{index}]",
            $"answers[{index}] is missing: C-SSRS question {question} is asked when question 2 is yes.");
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(3, 4)]
    [InlineData(4, 5)]
    public void Cssrs_rejects_a_yes_to_questions_3_to_5_when_question_2_is_no(int index, int question)
    {
        var items = new int?[] { 1, 0, null, null, null, 0, null };
        items[index] = 1;

        Invalid(
            () => Score(ScreeningInstrument.Cssrs, items),
            $"answers[{index}]",
            $"answers[{index}] must be empty or 0: C-SSRS question {question} is asked only when question 2 is yes, and question 2 is no.");
    }

    [Fact]
    public void Cssrs_requires_the_3_month_follow_up_when_question_6_is_yes()
    {
        Invalid(
            () => Cssrs(0, 0, null, null, null, 1, null),
            "answers[6]",
            "answers[6] is missing: C-SSRS question 6's past-3-months follow-up is asked when question 6 is yes.");
    }

    [Fact]
    public void Cssrs_rejects_a_recent_behaviour_yes_when_question_6_is_no()
    {
        Invalid(
            () => Cssrs(0, 0, null, null, null, 0, 1),
            "answers[6]",
            "answers[6] must be empty or 0: C-SSRS question 6's past-3-months follow-up is asked only when question 6 is yes, and question 6 is no.");
    }
}
