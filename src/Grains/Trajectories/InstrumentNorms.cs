using CareGrid.Grains.Screening;

namespace CareGrid.Grains.Trajectories;

/// <summary>
/// The published spread and reliability of an instrument's total score that the Jacobson–Truax reliable-change index is
/// computed with (R-3.6 close follow-up, R-6.3 "over a period of time"; docs/trajectories.md).
/// </summary>
/// <param name="StandardDeviation">The standard deviation of the total score in the reference sample, in score points (&gt; 0).</param>
/// <param name="Reliability">The reliability of the total score, 0 &lt; r &lt; 1 (test–retest where published).</param>
/// <param name="Source">The papers the two numbers come from, cited in full.</param>
[GenerateSerializer, Alias("CareGrid.InstrumentNorms")]
public sealed record InstrumentNorms(
    [property: Id(0)] double StandardDeviation,
    [property: Id(1)] double Reliability,
    [property: Id(2)] string Source)
{
    /// <summary>
    /// The norms CareGrid computes reliable change with, by instrument. An instrument missing here gets no index (its
    /// trajectory still shows scores and raw change): the K10 is missing until a reference SD and reliability are
    /// chosen and cited (docs/trajectories.md "What is left"); the C-SSRS screener has no total.
    /// </summary>
    /// <remarks>
    /// <para>PHQ-9: SD 3.5 — Kocalevent R-D, Hinz A, Brähler E. "Standardization of the depression screener Patient Health
    /// Questionnaire (PHQ-9) in the general population." Gen Hosp Psychiatry 2013;35(5):551–555 (n = 5018; women 3.1 (3.5),
    /// men 2.7 (3.5)); reliability 0.84 — the test–retest correlation in Kroenke K, Spitzer RL, Williams JBW. "The PHQ-9:
    /// validity of a brief depression severity measure." J Gen Intern Med 2001;16(9):606–613.</para>
    /// <para>GAD-7: SD 3.5 — the larger of the two published SDs (women 3.2 (3.5), men 2.7 (3.2)) in Löwe B, Decker O,
    /// Müller S, et al. "Validation and standardization of the Generalized Anxiety Disorder Screener (GAD-7) in the general
    /// population." Med Care 2008;46(3):266–274 (the larger SD asks for more change before calling it reliable); reliability
    /// 0.83 — the test–retest intraclass correlation in Spitzer RL, Kroenke K, Williams JBW, Löwe B. "A brief measure for
    /// assessing generalized anxiety disorder: the GAD-7." Arch Intern Med 2006;166(10):1092–1097.</para>
    /// </remarks>
    public static readonly IReadOnlyDictionary<ScreeningInstrument, InstrumentNorms> Published = new Dictionary<ScreeningInstrument, InstrumentNorms>
    {
        [ScreeningInstrument.Phq9] = new(3.5, 0.84,
            "SD 3.5: Kocalevent, Hinz & Brähler, Gen Hosp Psychiatry 2013;35(5):551–555; test–retest r 0.84: Kroenke, Spitzer & Williams, J Gen Intern Med 2001;16(9):606–613"),
        [ScreeningInstrument.Gad7] = new(3.5, 0.83,
            "SD 3.5: Löwe et al., Med Care 2008;46(3):266–274; test–retest ICC 0.83: Spitzer et al., Arch Intern Med 2006;166(10):1092–1097"),
    };

    /// <summary>The norms of <paramref name="instrument"/>, or null when CareGrid has none (no index is computed).</summary>
    public static InstrumentNorms? For(ScreeningInstrument instrument) => Published.TryGetValue(instrument, out var norms) ? norms : null;
}
