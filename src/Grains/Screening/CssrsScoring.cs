using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;

namespace CareGrid.Grains.Screening;

/// <summary>
/// C-SSRS screener scoring. Sources: Posner K, Brown GK, Stanley B, et al. "The Columbia–Suicide Severity
/// Rating Scale: initial validity and internal consistency findings from three multisite studies with
/// adolescents and adults." Am J Psychiatry 2011;168(12):1266–1277; and the Columbia Lighthouse Project's
/// C-SSRS Screener (screen version) with its triage colouring: questions 1–2 yes → low risk; question 3 yes,
/// or behaviour (question 6) more than 3 months ago → moderate risk; questions 4 or 5 yes, or behaviour in the
/// past 3 months → high risk.
/// </summary>
/// <remarks>
/// Encoding (see <see cref="ScreeningAnswers"/>): 7 entries of 0 (no) / 1 (yes): questions 1–6 then the
/// "within the past 3 months?" follow-up of question 6. The screener's skip logic is validated, not
/// ignored: questions 3–5 are asked only when question 2 is yes, the follow-up only when question 6 is yes.
/// When skipped they may be null or 0; a 1 there contradicts the interview and is rejected, so a bad entry
/// is corrected by the interviewer rather than guessed at. When asked, they are required.
/// The screener is not a summed scale, so the total score is null.
/// </remarks>
internal static class CssrsScoring
{
    /// <summary>Questions 1–6 plus question 6's 3-month follow-up.</summary>
    public const int ItemCount = 7;

    private const int WishToBeDead = 0;
    private const int SuicidalThoughts = 1;
    private const int ThoughtsWithMethod = 2;
    private const int Intent = 3;
    private const int PlanWithIntent = 4;
    private const int Behaviour = 5;
    private const int BehaviourPast3Months = 6;

    /// <summary>Bands least to most severe.</summary>
    public static readonly IReadOnlyList<SeverityBand> Bands =
        [SeverityBand.None, SeverityBand.Low, SeverityBand.Moderate, SeverityBand.High];

    /// <summary>Validates (including skip logic) and triages the seven 0/1 entries.</summary>
    public static ScreeningResult Score(IReadOnlyList<int?> items)
    {
        const string name = "C-SSRS";
        if (items.Count != ItemCount)
        {
            throw CareGridException.Validation(
                "answers",
                $"{name} needs {ItemCount} answers (questions 1–6 and question 6's past-3-months follow-up), got {items.Count}.");
        }

        ItemValidation.RequireRange(items, 0, 1, "0 = no, 1 = yes");

        Require(items, WishToBeDead, "question 1 (wish to be dead) is always asked");
        Require(items, SuicidalThoughts, "question 2 (suicidal thoughts) is always asked");
        Require(items, Behaviour, "question 6 (suicidal behaviour) is always asked");

        var q2 = items[SuicidalThoughts] == 1;
        foreach (var (index, question) in new[] { (ThoughtsWithMethod, 3), (Intent, 4), (PlanWithIntent, 5) })
        {
            if (q2)
            {
                Require(items, index, $"question {question} is asked when question 2 is yes");
            }
            else
            {
                RejectYesWhenSkipped(items, index, $"question {question} is asked only when question 2 is yes, and question 2 is no");
            }
        }

        var q6 = items[Behaviour] == 1;
        if (q6)
        {
            Require(items, BehaviourPast3Months, "question 6's past-3-months follow-up is asked when question 6 is yes");
        }
        else
        {
            RejectYesWhenSkipped(items, BehaviourPast3Months, "question 6's past-3-months follow-up is asked only when question 6 is yes, and question 6 is no");
        }

        bool Yes(int index) => items[index] == 1;

        var band =
            Yes(Intent) || Yes(PlanWithIntent) || (q6 && Yes(BehaviourPast3Months)) ? SeverityBand.High
            : Yes(ThoughtsWithMethod) || q6 ? SeverityBand.Moderate
            : Yes(WishToBeDead) || q2 ? SeverityBand.Low
            : SeverityBand.None;

        var risk = band switch
        {
            SeverityBand.High => RiskLevel.High,
            SeverityBand.Moderate => RiskLevel.Moderate,
            _ => RiskLevel.Low,
        };

        // Questions 1–5 are the ideation questions (C-SSRS ideation types 1–5); question 6 is behaviour.
        var ideation = Yes(WishToBeDead) || q2 || Yes(ThoughtsWithMethod) || Yes(Intent) || Yes(PlanWithIntent);

        return new ScreeningResult(ScreeningInstrument.Cssrs, TotalScore: null, band, ideation, risk, Prorated: false);
    }

    private static void Require(IReadOnlyList<int?> items, int index, string why)
    {
        if (items[index] is null)
        {
            var field = ItemValidation.Field(index);
            throw CareGridException.Validation(field, $"{field} is missing: C-SSRS {why}.");
        }
    }

    private static void RejectYesWhenSkipped(IReadOnlyList<int?> items, int index, string why)
    {
        if (items[index] == 1)
        {
            var field = ItemValidation.Field(index);
            throw CareGridException.Validation(field, $"{field} must be empty or 0: C-SSRS {why}.");
        }
    }
}
