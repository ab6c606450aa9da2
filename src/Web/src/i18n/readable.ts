import { translate, type Lang } from '.';

/**
 * A frequency given in hours (e.g. a case's `visitEveryHours`) in the largest whole unit, in the UI language: 336 →
 * "every 2 weeks" / "每 2 周", 72 → "every 3 days" / "每 3 天", 12 → "every 12 hours" / "每 12 小时", 24 → "every day" / "每天".
 * Weeks only when the hours are a whole number of weeks, days likewise; anything else stays in hours.
 */
export function everyHours(hours: number, lang: Lang): string {
  const [unit, n] = hours > 0 && hours % 168 === 0 ? ['week', hours / 168]
    : hours > 0 && hours % 24 === 0 ? ['day', hours / 24]
    : ['hour', hours];
  return n === 1 ? translate(lang, `common.every.${unit}`) : translate(lang, `common.every.${unit}s`, { n });
}

/**
 * When `iso` falls exactly on midnight (00:00:00.000) in `zone`, the deadline means the end of the day before: returns
 * an instant inside that day (one millisecond earlier) to format its date; otherwise null. A working-day deadline ends at
 * the local midnight that closes its last day (docs/protocol.md), which read as "12-04 00:00" looks a day late.
 */
export function endOfDayInstant(iso: string, zone: string): number | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t) || t % 1000 !== 0) return null;
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
    .formatToParts(t);
  const at = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return at('hour') === 0 && at('minute') === 0 && at('second') === 0 ? t - 1 : null;
}

/**
 * A deadline in `zone` and the UI language: a local midnight reads as the end of the day before ("2026/12/03 当日结束",
 * "end of 3 Dec 2026"); any other instant as `dateTime(iso)` does.
 */
export function deadlineText(iso: string, zone: string, lang: Lang, dateTime: (iso: string) => string): string {
  const day = endOfDayInstant(iso, zone);
  if (day === null) return dateTime(iso);
  const date = lang === 'zh'
    ? new Intl.DateTimeFormat('zh-CN', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(day)
    : new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: 'short', day: 'numeric' }).format(day);
  return translate(lang, 'common.endOfDay', { date });
}
