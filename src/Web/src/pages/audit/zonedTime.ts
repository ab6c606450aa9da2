// The audit filter's `from` and `to` are instants (UTC); a person types them as wall-clock times of the tenant's time
// zone (every time on the console is shown in it, docs/console.md). These helpers convert between the two without the
// browser's own zone.

/** The offset of `zone` from UTC at the instant `utcMs`, in minutes (e.g. +480 for Asia/Shanghai). */
export function offsetMinutes(utcMs: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(utcMs);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour') % 24, n('minute'), n('second'));
  return Math.round((wall - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/**
 * The UTC instant (ISO 8601) of a wall-clock `yyyy-MM-ddTHH:mm[:ss]` in `zone`, or null when `local` is not such a value.
 * A wall time that a daylight-saving change skips moves forward by the gap (02:30 on a spring-forward night is 03:30);
 * one that it repeats is the later of the two.
 */
export function zonedToUtc(local: string, zone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return null;
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  const first = guess - offsetMinutes(guess, zone) * 60_000;
  const second = guess - offsetMinutes(first, zone) * 60_000;
  return new Date(second).toISOString();
}
