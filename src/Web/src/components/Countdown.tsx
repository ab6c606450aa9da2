import { useEffect, useState } from 'react';
import { durationParts, useFormat } from '../i18n/format';
import { useT } from '../i18n';

/** Re-renders every `ms` milliseconds and returns the current time (epoch ms). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(id);
  }, [ms]);
  return now;
}

/**
 * A live countdown to a deadline: "due in 3 h 12 min" or "overdue by 5 min", with the deadline itself in the tenant's
 * time zone beside it (a `<time>` element; a local midnight reads as the end of the day before). Overdue deadlines are marked for the eye and in words.
 */
export function Countdown({ due }: { due: string }) {
  const t = useT();
  const f = useFormat();
  const now = useNow(1000);
  const left = Date.parse(due) - now;
  const parts = durationParts(left).map((p) => t(`common.${p.unit}`, { n: p.n })).join(' ');
  const overdue = left < 0;
  return (
    <span className={`countdown${overdue ? ' overdue' : left < 3600_000 ? ' soon' : ''}`}>
      <span>{overdue ? t('common.overdueBy', { time: parts }) : t('common.dueIn', { time: parts })}</span>{' '}
      <time dateTime={due}>({f.deadline(due)})</time>
    </span>
  );
}
