import { hasString, translate, type Lang } from '.';
import { splitBilingual } from './serviceText';

/** A refusal as the API sends it: the stable code, the service's message and the first error's `extensions`. */
export type RefusalLike = { code: string; message: string; extensions: Record<string, unknown> };

/** What the console shows of a refusal, every part in the UI language except `rawField` and an English-only `message`. */
export type RefusalText = {
  /** The code in plain words (`error.<CODE>`). */
  headline: string;
  /** The rule broken, in plain words, from `extensions.rule` (and `field`), with its numbers (e.g. `ageOfConsent`). */
  explanation?: string;
  /** "Check: date of birth" — the field in words; the field's API name only when the console has no words for it. */
  field?: string;
  /** The service's message: its part in the UI language when it sent both (`English / 中文`), else as sent. */
  message: string;
  /** The message's language: `zh-CN`, `en`, or undefined when unknown. */
  messageLang?: string;
};

/**
 * Turns a refusal into text for a person (round 16: a Chinese user read the raw `givenBy` and an English message):
 * `error.rule.<rule>.<field>` or `error.rule.<rule>` explains the rule, `error.field.<field>` names the field, and a
 * bilingual message shows in the UI language. Parameters of the texts come from `extensions` (strings and numbers).
 */
export function refusalText(error: RefusalLike, lang: Lang): RefusalText {
  const ext = error.extensions;
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(ext)) if (typeof v === 'string' || typeof v === 'number') params[k] = v;
  const field = typeof ext.field === 'string' ? ext.field : undefined;
  const rule = typeof ext.rule === 'string' ? ext.rule : undefined;
  const ruleKey = rule && [`error.rule.${rule}.${field}`, `error.rule.${rule}`].find(hasString);
  const code = hasString(`error.${error.code}`) ? `error.${error.code}` : 'error.UNKNOWN';
  const parts = splitBilingual(error.message);
  return {
    headline: translate(lang, code),
    explanation: ruleKey ? translate(lang, ruleKey, params) : consentLacking(error, lang),
    field: field ? translate(lang, 'error.fieldNamed', { field: fieldInWords(field, lang) }) : undefined,
    message: parts ? (lang === 'zh' ? parts.zh : parts.en) : error.message,
    messageLang: parts ? (lang === 'zh' ? 'zh-CN' : 'en') : /[\u4E00-\u9FFF]/.test(error.message) ? undefined : 'en',
  };
}

/**
 * The field in words: `error.field.<field>`; for a list item such as `contacts[2].phone`, `error.field.<list>.<member>`
 * with the item's number (1-based) as `n`; else the API name as sent.
 */
function fieldInWords(field: string, lang: Lang): string {
  if (hasString(`error.field.${field}`)) return translate(lang, `error.field.${field}`);
  const item = /^(\w+)\[(\d+)\]\.(\w+)$/.exec(field);
  if (item && hasString(`error.field.${item[1]}.${item[3]}`)) return translate(lang, `error.field.${item[1]}.${item[3]}`, { n: Number(item[2]) + 1 });
  return field;
}

/**
 * A consent refusal in words: which purpose, what it is now, and who decides (round-26 trial: the message named neither and
 * said "from the guardian for a minor" to the teacher of an 18-year-old). From `extensions.purpose`, `status` and `givenBy`.
 */
function consentLacking(error: RefusalLike, lang: Lang): string | undefined {
  const { purpose, status, givenBy } = error.extensions;
  if (error.code !== 'CONSENT_REQUIRED' || typeof purpose !== 'string' || typeof status !== 'string') return undefined;
  const words = (prefix: string, value: string) => (hasString(`${prefix}.${value}`) ? translate(lang, `${prefix}.${value}`) : value);
  const who = givenBy === 'SELF' ? 'error.consent.bySelf' : givenBy === 'GUARDIAN' ? 'error.consent.byGuardian' : 'error.consent.byAge';
  return translate(lang, 'error.consent.lacking', { purpose: words('cases.purpose', purpose), status: words('cases.consentStatus', status) })
    + translate(lang, who);
}
