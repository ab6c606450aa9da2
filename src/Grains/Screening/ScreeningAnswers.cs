namespace CareGrid.Grains.Screening;

/// <summary>
/// The answers of one completed screening, as entered by staff or the person.
/// Shaped to map one-to-one onto a GraphQL input <c>{ instrument: ScreeningInstrument!, answers: [Int]! }</c>:
/// one nullable integer per item, in the instrument's published item order, <c>null</c> meaning
/// "not answered" or "not asked". Validated and scored by <see cref="ScreeningScorer.Score(ScreeningAnswers)"/>.
/// </summary>
/// <remarks>
/// Item encodings, per instrument (index = position in <see cref="Items"/>):
/// <list type="bullet">
/// <item><see cref="ScreeningInstrument.Phq9"/>: 9 items, each 0–3 ("not at all" 0 … "nearly every day" 3);
/// index 8 is item 9 (thoughts of being better off dead or of self-harm). No item may be null.</item>
/// <item><see cref="ScreeningInstrument.Gad7"/>: 7 items, each 0–3. No item may be null.</item>
/// <item><see cref="ScreeningInstrument.Cssrs"/>: 7 entries, each 0 = no, 1 = yes: indexes 0–5 are
/// screener questions 1–6 (1 wish to be dead, 2 suicidal thoughts, 3 thoughts with method, 4 intent,
/// 5 plan with intent — questions 1–5 about the past month; 6 suicidal behaviour, lifetime) and index 6 is question 6's follow-up
/// "was this within the past 3 months?". Following the screener's skip logic, questions 3–5 are asked
/// only when question 2 is yes, and the follow-up only when question 6 is yes: when not asked they may
/// be null or 0, but never 1. Questions 1, 2 and 6 are always required.</item>
/// <item><see cref="ScreeningInstrument.K10"/>: 10 items, each 1–5 ("none of the time" 1 … "all of the time" 5).
/// At most one item may be null (its score is prorated). Where the interviewer applied the K10 skip rule
/// (item 3 skipped after item 2 = 1, item 6 skipped after item 5 = 1), send 1 for the skipped item, as the
/// published scoring instructions score it.</item>
/// </list>
/// Record equality compares the <see cref="Items"/> reference, as for any record holding a list; compare
/// answer sets with <c>SequenceEqual</c>.
/// </remarks>
/// <param name="Instrument">The instrument the answers belong to.</param>
/// <param name="Items">One entry per item in published order; <c>null</c> = not answered / not asked.</param>
[GenerateSerializer, Alias("CareGrid.ScreeningAnswers"), Immutable]
public sealed record ScreeningAnswers(
    [property: Id(0)] ScreeningInstrument Instrument,
    [property: Id(1)] IReadOnlyList<int?> Items);
