using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>ScreeningInstrument</c> with the instruments' usual names: PHQ9, GAD7, CSSRS, K10.</summary>
public sealed class ScreeningInstrumentType : EnumerationGraphType
{
    /// <summary>Defines the values.</summary>
    public ScreeningInstrumentType()
    {
        Name = "ScreeningInstrument";
        Add("PHQ9", Grains.Screening.ScreeningInstrument.Phq9, "Patient Health Questionnaire-9 (Kroenke, Spitzer & Williams 2001): 9 items 0–3.");
        Add("GAD7", Grains.Screening.ScreeningInstrument.Gad7, "Generalized Anxiety Disorder-7 (Spitzer et al. 2006): 7 items 0–3.");
        Add("CSSRS", Grains.Screening.ScreeningInstrument.Cssrs, "Columbia Suicide Severity Rating Scale screener (Posner et al. 2011): 7 entries 0/1.");
        Add("K10", Grains.Screening.ScreeningInstrument.K10, "Kessler Psychological Distress Scale (Kessler et al. 2002): 10 items 1–5.");
    }
}
