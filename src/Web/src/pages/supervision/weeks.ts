// Whole weeks for `statistics(period:)` and `statisticsRollUp(period:)`: a Monday to a Sunday, at most 53 weeks, in the
// tenant's time zone (docs/statistics.md "Asking"). Dates are local `yyyy-MM-dd` strings; the arithmetic is done on
// UTC midnights so no browser time zone enters it.

/** The largest number of weeks the API accepts in one period. */
export const MaxWeeks = 53;

/** Today's date in `zone` (an IANA id), as `yyyy-MM-dd`. */
export function todayIn(zone: string, now = Date.now()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

function toUtc(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `date` moved by `days` (negative: back). */
export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * 86_400_000);
}

/** The Monday of the week that holds `date`. */
export function mondayOf(date: string): string {
  const day = new Date(toUtc(date)).getUTCDay(); // 0 = Sunday
  return addDays(date, -((day + 6) % 7));
}

/** True for a well-formed `yyyy-MM-dd` that names a real day. */
export function isDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && fromUtc(toUtc(value)) === value;
}

/** The `weeks` whole weeks that end with the week of `lastDay`: `{ from: Monday, to: Sunday }`. */
export function weeksEnding(lastDay: string, weeks: number): { from: string; to: string } {
  const n = Math.min(Math.max(1, Math.trunc(weeks)), MaxWeeks);
  const monday = mondayOf(lastDay);
  return { from: addDays(monday, -7 * (n - 1)), to: addDays(monday, 6) };
}
