import { useMemo, useState, type FormEvent } from 'react';
import { useQuery } from '../../api/hooks';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Notice';
import { Page } from '../../components/Page';
import { graphql } from '../../gql';
import { useLang, useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useRichT } from './richText';
import { ExportButtons } from './ExportButtons';
import { riskColours, StatChart, type ChartSpec } from './StatChart';
import { StatTable, type StatTableData } from './StatTable';
import { UnitPicker, useUnits } from './UnitPicker';
import { isDate, MaxWeeks, todayIn, weeksEnding } from './weeks';
import './supervision.css';

const StatisticsQuery = graphql(`
  query SupervisionStatistics($period: StatisticsPeriodInput, $organizationId: ID, $includeSubtree: Boolean, $language: ReportLanguage) {
    statistics(period: $period, organizationId: $organizationId, includeSubtree: $includeSubtree, language: $language) {
      from to asOf timeZone
      cases { openByRiskLevel { riskLevel count } openUngraded }
      tasks { open overdue }
      timeliness {
        firstProfessionalContact { measured medianHours }
        highRiskProtocol { metShare }
        dischargeHandOvers { inTimeShare }
      }
      tables { key title columns rows { text number suppressed } }
    }
  }
`);

// Which tables are drawn, and how; every other table is shown as a table under "More figures". Keys are the API's
// stable table keys (docs/statistics.md "Asking"); the specs are constants so a chart is redrawn only with new figures.
const sections: { heading: string; charts: [string, ChartSpec | null][] }[] = [
  {
    heading: 'supervision.stats.cases',
    charts: [
      ['cases-by-risk-level', { type: 'bar', rowColours: riskColours }],
      ['cases-by-status', { type: 'bar' }],
      ['cases-by-escalation-level', { type: 'bar' }],
      ['cases-per-week', { type: 'line' }],
      ['cases-by-unit', { type: 'bar', horizontal: true, stacked: true }],
    ],
  },
  {
    heading: 'supervision.stats.tasks',
    charts: [
      ['overdue-tasks-by-kind', { type: 'bar', horizontal: true }],
      ['overdue-tasks-by-unit', { type: 'bar', horizontal: true }],
      ['task-deadlines-by-kind', { type: 'bar', horizontal: true, stacked: true }],
    ],
  },
  {
    heading: 'supervision.stats.timeliness',
    charts: [
      ['timeliness-durations', null],
      // The last row of these two is a share (0–1), not a count: only the counts are drawn.
      ['high-risk-protocol', { type: 'bar', rows: 4 }],
      ['discharge-hand-overs', { type: 'bar', rows: 5 }],
      ['referrals-by-outcome', { type: 'bar' }],
    ],
  },
];
const charted = new Set(sections.flatMap((s) => s.charts.map(([key]) => key)));
const weekChoices = [1, 4, 8, 13, 26, 52];

/** The period, unit and language asked for (the query's variables, also the export's parameters). */
type Ask = { weeks: number; lastDay: string; unit: string; subtree: boolean };

/**
 * Statistics (docs/statistics.md): key figures, the figures as Chart.js charts each with its table, the remaining
 * figures as tables, and the CSV/XLSX export of the same request. TenantAdmin, Supervisor, Auditor: whole tenant;
 * Coordinator: its units. Labels, titles and headers come from the API in the UI language (`language`).
 */
export default function StatisticsPage() {
  const t = useT();
  const rt = useRichT();
  const f = useFormat();
  const { lang } = useLang();
  const units = useUnits();
  const today = todayIn(f.zone);
  const [form, setForm] = useState<Ask>({ weeks: 4, lastDay: today, unit: '', subtree: true });
  const [ask, setAsk] = useState<Ask>(form);
  const period = weeksEnding(isDate(ask.lastDay) ? ask.lastDay : today, ask.weeks);
  const variables = {
    period,
    organizationId: ask.unit || null,
    includeSubtree: ask.subtree,
    language: lang === 'zh' ? ('ZH_HANS' as const) : ('EN' as const),
  };
  const stats = useQuery(StatisticsQuery, variables);
  const data = useMemo(() => new Set(units.map((u) => u.name)), [units]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Asking again with the same choices reads the figures again (they are current as of each request).
    setAsk(form);
    stats.reload();
  };
  const s = stats.data?.statistics;
  const byKey = new Map<string, StatTableData>((s?.tables ?? []).map((table) => [table.key, table]));
  // Cases not yet graded are their own bucket (openUngraded), never under LOW (docs/statistics.md).
  const openCases = (s?.cases.openByRiskLevel.reduce((n, r) => n + r.count, 0) ?? 0) + (s?.cases.openUngraded ?? 0);
  const notMeasured = <span className="not-measured">{t('supervision.stats.notMeasured')}</span>;
  const percent = (share: number | null | undefined) => (share == null ? notMeasured : t('supervision.stats.share', { n: f.number(Math.round(share * 1000) / 10) }));
  const firstContact = s?.timeliness.firstProfessionalContact;

  return (
    <Page title={t('supervision.stats.title')}>
      <p>{t('supervision.stats.intro')}</p>
      <form className="card filters" onSubmit={submit} aria-label={t('supervision.filters')}>
        <UnitPicker units={units} unit={form.unit} subtree={form.subtree}
          onUnit={(unit) => setForm({ ...form, unit })} onSubtree={(subtree) => setForm({ ...form, subtree })} />
        <Field label={t('supervision.weeks')} hint={t('supervision.weeksHint')}>
          <select value={form.weeks} onChange={(e) => setForm({ ...form, weeks: Number(e.target.value) })} data-testid="supervision-weeks">
            {weekChoices.filter((n) => n <= MaxWeeks).map((n) => <option key={n} value={n}>{t('supervision.weeksOption', { n })}</option>)}
          </select>
        </Field>
        <Field label={t('supervision.endWeek')} hint={t('supervision.endWeekHint')}>
          <input type="date" value={form.lastDay} onChange={(e) => setForm({ ...form, lastDay: e.target.value })} />
        </Field>
        <div className="actions">
          <button type="submit" className="primary">{t('supervision.show')}</button>
        </div>
      </form>

      {stats.loading ? <Loading label={t('common.loading')} /> : null}
      {stats.error ? <ErrorNotice error={stats.error} onRetry={stats.reload} /> : null}
      {s && !stats.error ? (
        <>
          <p className="stat-period">
            {t('supervision.period', { from: s.from, to: s.to })}{' '}
            {rt('supervision.asOf', { asOf: f.dateTime(s.asOf), zone: <span translate="no">{s.timeZone}</span> })}
          </p>
          <ExportButtons name="statistics" params={{
            from: period.from, to: period.to, organizationId: ask.unit || undefined, includeSubtree: ask.unit ? String(ask.subtree) : undefined,
          }} />

          <h2>{t('supervision.stats.key')}</h2>
          <dl className="key-figures" data-testid="key-figures">
            <div><dt>{t('supervision.stats.openCases')}</dt><dd>{f.number(openCases)}</dd></div>
            <div><dt>{t('supervision.stats.openTasks')}</dt><dd>{f.number(s.tasks.open)}</dd></div>
            <div className={s.tasks.overdue > 0 ? 'alert' : undefined}><dt>{t('supervision.stats.overdueTasks')}</dt><dd>{f.number(s.tasks.overdue)}</dd></div>
            <div><dt>{t('supervision.stats.protocolMet')}</dt><dd>{percent(s.timeliness.highRiskProtocol.metShare)}</dd></div>
            <div><dt>{t('supervision.stats.handOversInTime')}</dt><dd>{percent(s.timeliness.dischargeHandOvers.inTimeShare)}</dd></div>
            <div>
              <dt>{t('supervision.stats.firstContact')}</dt>
              <dd>{firstContact?.medianHours == null ? notMeasured : firstContact.medianHours < 1
                // under an hour in minutes (round-31 trial: "0.03 小时")
                ? t('supervision.stats.minutes', { n: f.number(Math.max(1, Math.round(firstContact.medianHours * 60))) })
                : t('supervision.stats.hours', { n: f.number(Math.round(firstContact.medianHours * 10) / 10) })}</dd>
            </div>
          </dl>

          {sections.map((section) => (
            <section key={section.heading} aria-labelledby={`sec-${section.heading}`}>
              <h2 id={`sec-${section.heading}`}>{t(section.heading)}</h2>
              <div className="chart-grid">
                {section.charts.map(([key, spec]) => {
                  const table = byKey.get(key);
                  if (!table) return null;
                  return (
                    <div className="card" key={key}>
                      <h3>{table.title}</h3>
                      {spec ? <StatChart table={table} spec={spec} data={data} /> : <StatTable table={table} data={data} captionHidden />}
                    </div>
                  );
                })}
              </div>
            </section>
          ))}

          <section aria-labelledby="sec-more">
            <h2 id="sec-more">{t('supervision.stats.more')}</h2>
            {(s.tables ?? []).filter((table) => !charted.has(table.key)).map((table) => (
              <div className="card" key={table.key}>
                <h3>{table.title}</h3>
                <StatTable table={table} data={data} captionHidden />
              </div>
            ))}
          </section>
        </>
      ) : null}
    </Page>
  );
}
