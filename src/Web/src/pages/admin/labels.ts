import { hasString } from '../../i18n';

type T = (key: string, params?: Record<string, string | number>) => string;

/**
 * The label of a template role code (seeds/templates: `PsychologyTeacher`, `HomeroomTeacher`, …) in the UI language.
 * The templates name their roles in English only, so the console carries the translations; a role it does not know
 * falls back to the template's own name (shown as data, `translate="no"` at the call site).
 */
export function roleLabel(t: T, code: string, templateName?: string | null): string {
  const key = `admin.role.${code}`;
  return hasString(key) ? t(key) : templateName ?? code;
}

/** True when the console has its own label for the role code (else the template's English name is shown as data). */
export function knowsRole(code: string): boolean {
  return hasString(`admin.role.${code}`);
}

/** An enum value's label, e.g. `enumLabel(t, 'admin.orgKind', 'CLASS')`; the raw value when no text exists. */
export function enumLabel(t: T, prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return hasString(key) ? t(key) : value;
}

/** A deadline as words: "1 min", "5 working days" (amount and unit of `DeadlineSetting`). */
export function deadlineText(t: T, amount: number, unit: string): string {
  const text = t(`admin.unitAmount.${unit}`, { n: amount });
  // 0 is "at once" (docs/protocol.md): the task is overdue as it opens, which "0 小时" does not say (round-31 trial)
  return amount === 0 ? t('admin.settings.atOnce', { deadline: text }) : text;
}

/**
 * A kind's calendar cap (`DeadlineSetting.calendarCapHours`, docs/protocol.md "The calendar cap") in the deadline's own
 * words: hours up to 72 ("72 h", "72 小时"), whole days beyond ("14 calendar day(s)", "14 个自然日") — elapsed time, so
 * calendar days, the settings page's term.
 */
export function capText(t: T, hours: number): string {
  return hours > 72 && hours % 24 === 0 ? t('admin.unitAmount.CALENDAR_DAYS', { n: hours / 24 }) : t('admin.unitAmount.HOURS', { n: hours });
}
