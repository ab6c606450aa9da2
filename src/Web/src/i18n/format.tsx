import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useLang } from '.';
import { deadlineText } from './readable';

const ZoneContext = createContext<string | undefined>(undefined);

/** Provides the tenant's IANA time zone (from `tenant { timeZone }`) to every date on the page. */
export function TimeZoneProvider({ zone, children }: { zone?: string; children: ReactNode }) {
  return <ZoneContext.Provider value={zone}>{children}</ZoneContext.Provider>;
}

/** The zone dates are shown in: the tenant's, else the browser's. */
export function useTimeZone(): string {
  return useContext(ZoneContext) ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Splits a duration (ms, sign ignored) into the two largest units, e.g. `{ d: 1, h: 3 }` → "1 d 3 h". */
export function durationParts(ms: number): { unit: 'days' | 'hours' | 'minutes' | 'seconds'; n: number }[] {
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400); s -= d * 86400;
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  const all = [
    { unit: 'days' as const, n: d }, { unit: 'hours' as const, n: h },
    { unit: 'minutes' as const, n: m }, { unit: 'seconds' as const, n: s },
  ];
  const first = all.findIndex((p) => p.n > 0);
  if (first < 0) return [{ unit: 'seconds', n: 0 }];
  const parts = all.slice(first, first + 2).filter((p) => p.n > 0);
  return d > 0 || h > 0 ? parts.filter((p) => p.unit !== 'seconds') : parts;
}

/** Date and time formatting in the tenant's time zone and the UI language. */
export function useFormat() {
  const zone = useTimeZone();
  const { lang } = useLang();
  return useMemo(() => {
    const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
    const dt = new Intl.DateTimeFormat(locale, { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
    const d = new Intl.DateTimeFormat(locale, { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    // A bare local date (yyyy-MM-dd) is the same day in every zone: formatted at UTC midnight in UTC, it reads as the
    // other dates do (round-29 new-user trial: 我的上报 showed 2026-12-05 beside 2026/12/05).
    const day = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
    const safe = (f: Intl.DateTimeFormat, iso?: string | null) => {
      if (!iso) return '';
      const t = Date.parse(iso);
      return Number.isNaN(t) ? iso : f.format(t);
    };
    return {
      zone,
      /** e.g. 2026-12-02 09:30 (zh: 2026/12/02 09:30) in the tenant's zone. */
      dateTime: (iso?: string | null) => safe(dt, iso),
      /** A deadline: as dateTime, but a local midnight reads as the end of the day before ("2026/12/03 当日结束"). */
      deadline: (iso?: string | null) => (iso ? deadlineText(iso, zone, lang, (x) => safe(dt, x)) : ''),
      /** A date in the UI language's form; a bare `yyyy-MM-dd` is that local day, in no zone. */
      date: (iso?: string | null) => (iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? safe(day, `${iso}T00:00:00Z`) : safe(d, iso)),
      number: (n: number) => new Intl.NumberFormat(locale).format(n),
    };
  }, [zone, lang]);
}

/**
 * Replaces the ISO-8601 instants inside a text written by the service (e.g. a timeline reason "due
 * 2026-12-02T03:33:57.4295953+00:00") with `format(instant)`, so they read in the tenant's time zone like every other
 * time on the page.
 */
export function localInstants(text: string, format: (iso: string) => string): string {
  return text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g, (iso) => format(iso));
}
