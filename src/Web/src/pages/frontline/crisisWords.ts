/**
 * Words in a report's free text that suggest a risk of self-harm or suicide (new-user trial: "不想活了，药都攒好了…" was sent
 * at “不确定” and waited 24 hours for grading). The list is short and certainly incomplete: a match only makes the report
 * form ask the reporter once whether to grade the risk High or Imminent; the reporter decides, and no match means nothing.
 */

/** Chinese words and phrases, matched as written anywhere in the text (Chinese has no spaces between words). */
export const CHINESE_CRISIS_WORDS: readonly string[] = [
  '不想活', '活不下去', '活着没意思', '活着没有意思', '自杀', '轻生', '寻死', '想死', '死了算了', '结束生命', '割腕', '跳楼', '跳下去', '跳河', '上吊',
  '攒药', '安眠药', '农药', '遗书', '告别',
];

/** English phrases, matched case-insensitively at word starts; each with the name it is shown by. */
const ENGLISH_CRISIS_PATTERNS: readonly [RegExp, string][] = [
  [/\bkill(?:ing)?\s+(?:my|him|her|them)sel(?:f|ves)\b/i, 'kill myself'],
  [/\bsuicid/i, 'suicide'],
  [/\bend(?:ing)?\s+(?:my|his|her|their)\s+(?:own\s+)?life\b/i, 'end my life'],
  [/\bwants?\s+to\s+die\b/i, 'want to die'],
  [/\b(?:do(?:es)?\s+not|don['’]t|doesn['’]t)\s+want\s+to\s+live\b/i, 'not want to live'],
  [/\boverdos/i, 'overdose'],
];

/** The phrases this module looks for, in both languages (for the docs and the tests). */
export const CRISIS_WORDS: readonly string[] = [...CHINESE_CRISIS_WORDS, ...ENGLISH_CRISIS_PATTERNS.map(([, name]) => name)];

/**
 * Words looked for by a pattern rather than as written: with others between (不想再活下去, the browser test's report;
 * 药都攒好了, 攒了好多药, the trial's), and 不想活 but not 不想活动 (does not want to do an activity).
 */
const spread: Record<string, RegExp> = {
  不想活: /不想再?活(?!动)/,
  攒药: /药[^。！？!?\n]{0,4}攒|攒[^。！？!?\n]{0,4}药/,
};

/** The crisis words found in `texts` (each once, in list order); empty when none. Pure. */
export function findCrisisWords(...texts: (string | null | undefined)[]): string[] {
  const text = texts.filter(Boolean).join('\n');
  const found = CHINESE_CRISIS_WORDS.filter((w) => (spread[w] ? spread[w].test(text) : text.includes(w)));
  for (const [pattern, name] of ENGLISH_CRISIS_PATTERNS) if (pattern.test(text)) found.push(name);
  return found;
}

/** The risk levels the report form offers ('' is “not sure”, sent as ungraded). */
export type ReportRisk = '' | 'LOW' | 'MODERATE' | 'HIGH' | 'IMMINENT';

/** True when the form should stop once and ask: the text suggests a crisis and the chosen risk is below High. Pure. */
export function shouldAskCrisis(risk: ReportRisk, ...texts: (string | null | undefined)[]): boolean {
  return risk !== 'HIGH' && risk !== 'IMMINENT' && findCrisisWords(...texts).length > 0;
}
