import { useEffect, useRef } from 'react';
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
  type ChartConfiguration, type ChartDataset,
} from 'chart.js';
import { useLang, useT } from '../../i18n';
import { StatTable, type StatTableData } from './StatTable';

// Chart.js is imported only here, and this module only by the statistics page, so the chart library is part of that
// page's lazy chunk and never of the console's first load (issue: "GraphiQL and the chart library load only on their
// own pages"). Only the pieces used are registered, which keeps the chunk small.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

/** How a statistics table is drawn: bars or a line, which numeric columns are series, which rows are plotted. */
export type ChartSpec = {
  type: 'bar' | 'line';
  /** Column indexes plotted as series (default: every column after the first). */
  series?: number[];
  /** Only the first `rows` rows (e.g. the counts of a table whose last row is a share). */
  rows?: number;
  horizontal?: boolean;
  stacked?: boolean;
  /** One colour per row (a single series), e.g. risk levels from low to imminent. */
  rowColours?: string[];
};

// Colours of bars and lines: each at least 3:1 against the white chart background (WCAG 2.2 SC 1.4.11), and never the
// only way to tell series apart (legend, tooltip and the table carry the labels).
const seriesColours = ['#0b5cad', '#1d6b32', '#a4161a', '#7a4d00', '#6b3fa0', '#4a5360'];
/**
 * Low, Moderate, High, Imminent, Not yet graded: the rows of `cases-by-risk-level` in the API's order. Not yet graded is
 * purple, never Low's green: a case nobody graded may be at any risk (docs/protocol.md "Ungraded reports").
 */
export const riskColours = ['#1d6b32', '#7a4d00', '#a4161a', '#5c0a0d', '#6b3fa0'];

/** The colour of row `i` from `colours`; a row past the list is neutral grey, never a colour of another row (a wrap-around once drew 未评估 green). */
export function rowColour(colours: readonly string[], i: number): string {
  return colours[i] ?? '#4a5360';
}

/**
 * A category label broken into lines of about `max` characters (at spaces; text without spaces, such as Chinese, at any
 * character), so long task kinds and unit names are not cut off at the chart's edge.
 */
export function wrapLabel(text: string, max = 18): string | string[] {
  if (text.length <= max) return text;
  const lines: string[] = [];
  if (text.includes(' ')) {
    let line = '';
    for (const word of text.split(' ')) {
      if (line && (line + ' ' + word).length > max) {
        lines.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    if (line) lines.push(line);
  } else {
    for (let i = 0; i < text.length; i += max) lines.push(text.slice(i, i + max));
  }
  return lines;
}

function config(table: StatTableData, spec: ChartSpec, locale: string): ChartConfiguration<'bar' | 'line'> {
  const rows = spec.rows === undefined ? table.rows : table.rows.slice(0, spec.rows);
  const series = spec.series ?? table.columns.map((_, i) => i).filter((i) => i > 0);
  const datasets: ChartDataset<'bar' | 'line'>[] = series.map((col, s) => {
    const colour = seriesColours[s % seriesColours.length];
    return {
      label: table.columns[col],
      data: rows.map((r) => (r[col]?.suppressed ? null : r[col]?.number ?? null)),
      backgroundColor: spec.rowColours && series.length === 1 ? rows.map((_, i) => rowColour(spec.rowColours!, i)) : colour,
      borderColor: colour,
      borderWidth: spec.type === 'line' ? 2 : 0,
      pointRadius: 3,
    };
  });
  const indexAxis = spec.horizontal ? 'y' : 'x';
  const valueAxis = spec.horizontal ? 'x' : 'y';
  return {
    type: spec.type,
    data: { labels: rows.map((r) => wrapLabel(r[0]?.text ?? '', spec.horizontal ? 16 : 12)), datasets },
    options: {
      locale,
      indexAxis,
      animation: false,
      layout: { padding: 4 },
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: series.length > 1, position: 'bottom' }, tooltip: { enabled: true } },
      scales: {
        [indexAxis]: { stacked: spec.stacked ?? false, ticks: { autoSkip: false } },
        [valueAxis]: { stacked: spec.stacked ?? false, beginAtZero: true, ticks: { precision: 0 } },
      },
    },
  };
}

/**
 * A statistics table drawn with Chart.js, with the same figures as an accessible table under it. The canvas is an image
 * whose name says what it shows and that the table holds its figures (WCAG 1.1.1); the table sits in a disclosure that
 * opens by keyboard. The chart is redrawn when the table or the UI language changes.
 */
export function StatChart({ table, spec, data }: { table: StatTableData; spec: ChartSpec; data: Set<string> }) {
  const t = useT();
  const { lang } = useLang();
  const canvas = useRef<HTMLCanvasElement>(null);
  const rows = spec.rows === undefined ? table.rows.length : Math.min(spec.rows, table.rows.length);
  const height = spec.horizontal ? Math.max(160, 44 * rows + 70) : 260;

  useEffect(() => {
    if (!canvas.current || table.rows.length === 0) return undefined;
    const style = getComputedStyle(document.documentElement);
    Chart.defaults.color = style.getPropertyValue('--text').trim() || '#1b1f24';
    Chart.defaults.font.family = style.fontFamily;
    const chart = new Chart(canvas.current, config(table, spec, lang === 'zh' ? 'zh-CN' : 'en-GB'));
    return () => chart.destroy();
  }, [table, spec, lang]);

  if (table.rows.length === 0) return <StatTable table={table} data={data} />;
  return (
    <figure className="stat-chart" data-testid={`chart-${table.key}`}>
      <div className="chart-box" style={{ height }}>
        <canvas ref={canvas} role="img" aria-label={t('supervision.chartLabel', { title: table.title })} />
      </div>
      <details className="chart-table">
        <summary>{t('supervision.showTable')}</summary>
        <StatTable table={table} data={data} captionHidden />
      </details>
    </figure>
  );
}
