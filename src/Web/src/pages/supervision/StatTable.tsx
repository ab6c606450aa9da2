import { useEffect, useRef, useState } from 'react';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n';

/** One cell of a `StatisticsTable`: a label, a number, or a withheld value (docs/statistics.md "Roll-up"). */
export type StatCell = { text?: string | null; number?: number | null; suppressed: boolean };

/** A `StatisticsTable` of the API: titles, headers and labels already in the requested language. */
export type StatTableData = { key: string; title: string; columns: string[]; rows: StatCell[][] };

/** True when a label is data (a unit's or tenant's name, a staff login) rather than a translated word. */
function isData(text: string, data: Set<string>): boolean {
  return data.has(text) || text.includes('@');
}

/** True while the element is narrower than its content (it scrolls sideways); follows resizes. */
function useScrollsSideways(present: boolean) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    return () => observer.disconnect();
  }, [present]);
  return { ref, scrolls };
}

/**
 * A statistics table as an HTML table: its title is the caption, the first cell of each row is the row's header, numbers
 * are right-aligned in the UI language's format, and a withheld value reads "withheld" (explained under the table).
 * `data` holds names that are shown as written (`translate="no"`).
 */
export function StatTable({ table, data, captionHidden }: { table: StatTableData; data: Set<string>; captionHidden?: boolean }) {
  const t = useT();
  const f = useFormat();
  const box = useScrollsSideways(table.rows.length > 0);
  if (table.rows.length === 0) {
    return (
      <div className="stat-table" data-testid={`stat-table-${table.key}`}>
        {captionHidden ? null : <p className="stat-title">{table.title}</p>}
        <p className="empty">{t('supervision.noRows')}</p>
      </div>
    );
  }
  const cell = (c: StatCell) => {
    if (c.suppressed) return <span className="withheld">{t('supervision.withheld')}</span>;
    if (c.number != null) return f.number(c.number);
    if (c.text == null) return '—';
    const text = c.text;
    return isData(text, data) ? <span translate="no">{text}</span> : text;
  };
  const numeric = table.columns.map((_, i) => i > 0 && table.rows.some((row) => row[i]?.number != null || row[i]?.suppressed));
  return (
    // A wide table scrolls sideways inside its box; the box then takes focus so a keyboard can scroll it (WCAG 2.1.1).
    <div ref={box.ref} className="table-wrap stat-table" data-testid={`stat-table-${table.key}`}
      {...(box.scrolls ? { tabIndex: 0, role: 'region', 'aria-label': table.title } : {})}>
      <table className="data-table">
        <caption className={captionHidden ? 'sr-only' : undefined}>{table.title}</caption>
        <thead>
          <tr>{table.columns.map((c, i) => <th key={i} scope="col" className={numeric[i] ? 'num' : undefined}>{c}</th>)}</tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((c, i) => (i === 0
                ? <th key={i} scope="row">{cell(c)}</th>
                : <td key={i} className={c.number != null || c.suppressed ? 'num' : undefined} data-label={table.columns[i]}>{cell(c)}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
