namespace CareGrid.Grains.Screening;

/// <summary>
/// The standardized screening instruments CareGrid scores in code (docs/architecture.md, "Screening"
/// crisis risk assessment, R-2.6 psychological assessments, R-3.5/R-3.6 screening of students).
/// The numeric values are persisted and must never change.
/// </summary>
[GenerateSerializer, Alias("CareGrid.ScreeningInstrument")]
public enum ScreeningInstrument
{
    /// <summary>
    /// Patient Health Questionnaire-9 (depression): 9 items scored 0–3, total 0–27.
    /// Source: Kroenke K, Spitzer RL, Williams JBW. "The PHQ-9: validity of a brief depression severity
    /// measure." J Gen Intern Med 2001;16(9):606–613.
    /// </summary>
    Phq9 = 0,

    /// <summary>
    /// Generalized Anxiety Disorder-7: 7 items scored 0–3, total 0–21.
    /// Source: Spitzer RL, Kroenke K, Williams JBW, Löwe B. "A brief measure for assessing generalized
    /// anxiety disorder: the GAD-7." Arch Intern Med 2006;166(10):1092–1097.
    /// </summary>
    Gad7 = 1,

    /// <summary>
    /// Columbia–Suicide Severity Rating Scale, screener version (6 yes/no questions plus the
    /// "within the past 3 months" follow-up to question 6).
    /// Source: Posner K, Brown GK, Stanley B, et al. "The Columbia–Suicide Severity Rating Scale:
    /// initial validity and internal consistency findings from three multisite studies with adolescents
    /// and adults." Am J Psychiatry 2011;168(12):1266–1277; the Columbia Lighthouse Project's
    /// "C-SSRS Screener" with its triage (risk colouring).
    /// </summary>
    Cssrs = 2,

    /// <summary>
    /// Kessler Psychological Distress Scale (K10): 10 items scored 1–5, total 10–50.
    /// Source: Kessler RC, Andrews G, Colpe LJ, et al. "Short screening scales to monitor population
    /// prevalences and trends in non-specific psychological distress." Psychol Med 2002;32(6):959–976;
    /// bands from Andrews G, Slade T. "Interpreting scores on the Kessler Psychological Distress Scale
    /// (K10)." Aust N Z J Public Health 2001;25(6):494–497 (the Australian scoring used by the ABS).
    /// </summary>
    K10 = 3
}
