using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Intake;

/// <summary>
/// The grading of the brief risk check at intake (R-1.10, docs/intake.md). The C-SSRS screener's triage colouring
/// (Posner et al., Am J Psychiatry 2011; the screener's published triage): questions 1–2 only → low; question 3 (method)
/// → moderate; intent or plan (questions 4–5) or an attempt in the last three months (question 6) → high. Acute danger now
/// → imminent. The answerer's stated grading raises the level, never lowers it (a check answered yes is never graded down).
/// </summary>
public static class CallRiskRules
{
    /// <summary>The level of <paramref name="check"/> alone.</summary>
    public static RiskLevel LevelOf(CallRiskCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (check.InDangerNow)
        {
            return RiskLevel.Imminent;
        }

        if (check.IntentOrPlan || check.RecentAttempt)
        {
            return RiskLevel.High;
        }

        return check.Method ? RiskLevel.Moderate : RiskLevel.Low;
    }

    /// <summary>The call's grading: the check's level, raised to <paramref name="stated"/> when that is higher.</summary>
    public static RiskLevel Grade(CallRiskCheck check, RiskLevel? stated)
    {
        var level = LevelOf(check);
        return stated is { } s && s > level ? s : level;
    }
}
