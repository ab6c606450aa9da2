// Live scoring of the four screening instruments, so a form can show its score while it is being answered.
// The service scores again and decides (recordScreening); this file only mirrors its published rules so the person
// answering sees what the result will do. Every number below comes from the service's own code and docs:
//   - src/Grains/Screening/Phq9Scoring.cs   (Kroenke 2001: 9 items 0–3, bands 5/10/15/20; item 9 > 0 → at least HIGH)
//   - src/Grains/Screening/Gad7Scoring.cs   (Spitzer 2006: 7 items 0–3, bands 5/10/15; 10+ → MODERATE, never HIGH)
//   - src/Grains/Screening/CssrsScoring.cs  (Columbia screener triage: 7 entries 0/1 with skip logic; no total)
//   - src/Grains/Screening/K10Scoring.cs    (Kessler 2002, Andrews & Slade 2001: 10 items 1–5, bands 16/22/30;
//                                            one missing item prorated as round(sum × 10 / 9))
//   - src/Grains/Screening/ScreeningScorer.cs (CareGrid's risk mapping) and RiskPolicy.cs (a screening only raises risk)
//   - docs/protocol.md "When risk becomes High or Imminent (R-1.10)" and "Guards" (what HIGH sets off).
// When one of those files changes, change this one with it.

export type Instrument = 'PHQ9' | 'GAD7' | 'CSSRS' | 'K10';
export type Risk = 'LOW' | 'MODERATE' | 'HIGH' | 'IMMINENT';
/** The API's SeverityBand enum values. */
export type Band = 'NONE' | 'MINIMAL' | 'MILD' | 'MODERATE' | 'MODERATELY_SEVERE' | 'SEVERE' | 'LOW' | 'HIGH' | 'VERY_HIGH';

export const INSTRUMENTS: readonly Instrument[] = ['PHQ9', 'GAD7', 'CSSRS', 'K10'];

/** Items per instrument and the answer values each item takes (ScreeningScorer.ItemCount, ItemValidation ranges). */
export const SHAPE: Record<Instrument, { items: number; values: readonly number[] }> = {
  PHQ9: { items: 9, values: [0, 1, 2, 3] },
  GAD7: { items: 7, values: [0, 1, 2, 3] },
  CSSRS: { items: 7, values: [0, 1] },
  K10: { items: 10, values: [1, 2, 3, 4, 5] },
};

const RISK_ORDER: readonly Risk[] = ['LOW', 'MODERATE', 'HIGH', 'IMMINENT'];

/** RiskPolicy.Raise: the higher of the two; a screening never lowers a case's risk. */
export function raise(current: Risk, suggested: Risk): Risk {
  return RISK_ORDER.indexOf(suggested) > RISK_ORDER.indexOf(current) ? suggested : current;
}

export type Answers = ReadonlyArray<number | null>;

export interface LiveScore {
  /** Every item the instrument needs is answered (C-SSRS: every question its skip logic asks). */
  complete: boolean;
  /** Total so far (null for the C-SSRS, which is not summed, and for a K10 with more than one item missing). */
  total: number | null;
  band: Band | null;
  suggested: Risk | null;
  ideation: boolean;
  prorated: boolean;
  /** Items still to answer (0-based). */
  missing: number[];
}

function sum(answers: Answers): number {
  return answers.reduce<number>((a, v) => a + (v ?? 0), 0);
}

function missingOf(answers: Answers, indexes: number[]): number[] {
  return indexes.filter((i) => answers[i] === null || answers[i] === undefined);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

// Phq9Scoring.BandOf and its risk switch.
function phq9(answers: Answers): LiveScore {
  const missing = missingOf(answers, range(9));
  const total = sum(answers);
  const band: Band = total >= 20 ? 'SEVERE' : total >= 15 ? 'MODERATELY_SEVERE' : total >= 10 ? 'MODERATE' : total >= 5 ? 'MILD' : 'MINIMAL';
  let suggested: Risk = band === 'SEVERE' ? 'HIGH' : band === 'MODERATELY_SEVERE' || band === 'MODERATE' ? 'MODERATE' : 'LOW';
  // Item 9 (index 8) above 0 flags suicidal ideation whatever the total: at least HIGH (docs/protocol.md "Guards").
  const ideation = (answers[8] ?? 0) > 0;
  if (ideation) suggested = raise(suggested, 'HIGH');
  return { complete: missing.length === 0, total, band, suggested, ideation, prorated: false, missing };
}

// Gad7Scoring: 10+ → MODERATE; anxiety alone never suggests HIGH.
function gad7(answers: Answers): LiveScore {
  const missing = missingOf(answers, range(7));
  const total = sum(answers);
  const band: Band = total >= 15 ? 'SEVERE' : total >= 10 ? 'MODERATE' : total >= 5 ? 'MILD' : 'MINIMAL';
  const suggested: Risk = band === 'MODERATE' || band === 'SEVERE' ? 'MODERATE' : 'LOW';
  return { complete: missing.length === 0, total, band, suggested, ideation: false, prorated: false, missing };
}

/** C-SSRS questions asked given the answers so far (CssrsScoring's skip logic): 3–5 only after a yes to 2, the follow-up only after a yes to 6. */
export function cssrsAsked(answers: Answers): boolean[] {
  const q2 = answers[1] === 1;
  const q6 = answers[5] === 1;
  return [true, true, q2, q2, q2, true, q6];
}

// CssrsScoring: Columbia triage colouring, one to one with the risk (HIGH / MODERATE / LOW, none → LOW).
function cssrs(answers: Answers): LiveScore {
  const asked = cssrsAsked(answers);
  const missing = missingOf(answers, range(7).filter((i) => asked[i]));
  const yes = (i: number) => asked[i] && answers[i] === 1;
  const q6 = yes(5);
  const band: Band = yes(3) || yes(4) || (q6 && yes(6)) ? 'HIGH' : yes(2) || q6 ? 'MODERATE' : yes(0) || yes(1) ? 'LOW' : 'NONE';
  const suggested: Risk = band === 'HIGH' ? 'HIGH' : band === 'MODERATE' ? 'MODERATE' : 'LOW';
  const ideation = yes(0) || yes(1) || yes(2) || yes(3) || yes(4);
  return { complete: missing.length === 0, total: null, band, suggested, ideation, prorated: false, missing };
}

// K10Scoring: one missing item prorated ((10·sum + 4) / 9, integer division), more than one → no total.
function k10(answers: Answers): LiveScore {
  const missing = missingOf(answers, range(10));
  if (missing.length > 1) {
    return { complete: false, total: null, band: null, suggested: null, ideation: false, prorated: false, missing };
  }
  const raw = sum(answers);
  const prorated = missing.length === 1;
  const total = prorated ? Math.floor((raw * 10 + 4) / 9) : raw;
  const band: Band = total >= 30 ? 'VERY_HIGH' : total >= 22 ? 'HIGH' : total >= 16 ? 'MODERATE' : 'LOW';
  const suggested: Risk = band === 'VERY_HIGH' ? 'HIGH' : band === 'HIGH' ? 'MODERATE' : 'LOW';
  // K10 may be sent with one item missing (it is prorated), so it is "complete" for submission then too.
  return { complete: true, total, band, suggested, ideation: false, prorated, missing };
}

export function score(instrument: Instrument, answers: Answers): LiveScore {
  switch (instrument) {
    case 'PHQ9':
      return phq9(answers);
    case 'GAD7':
      return gad7(answers);
    case 'CSSRS':
      return cssrs(answers);
    case 'K10':
      return k10(answers);
  }
}

/** What recording this result does to the case (docs/protocol.md): stays, rises, or rises into the protocol. */
export type Effect = 'stays' | 'rises' | 'protocol';

export function effectOn(current: Risk, suggested: Risk): { after: Risk; effect: Effect } {
  const after = raise(current, suggested);
  if (after === current) return { after, effect: 'stays' };
  // Risk becoming HIGH or IMMINENT from below runs the high-risk protocol in the same change.
  if (after === 'HIGH' || after === 'IMMINENT') return { after, effect: 'protocol' };
  return { after, effect: 'rises' };
}

/** The answers as recordScreening takes them: the C-SSRS questions its skip logic did not ask are sent as null. */
export function toAnswers(instrument: Instrument, answers: Answers): Array<number | null> {
  if (instrument === 'CSSRS') {
    const asked = cssrsAsked(answers);
    return range(7).map((i) => (asked[i] ? (answers[i] ?? null) : null));
  }
  return range(SHAPE[instrument].items).map((i) => answers[i] ?? null);
}
