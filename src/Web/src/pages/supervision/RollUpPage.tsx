import { useMemo, useState, type FormEvent } from 'react';
import { useQuery } from '../../api/hooks';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Loading, Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { graphql } from '../../gql';
import { hasString, useLang, useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useRichT } from './richText';
import { StatTable } from './StatTable';
import { notCoveredGroups } from './notCovered';
import { isDate, MaxWeeks, todayIn, weeksEnding } from './weeks';
import './supervision.css';

const RollUpQuery = graphql(`
  query SupervisionRollUp($period: StatisticsPeriodInput, $language: ReportLanguage) {
    statisticsRollUp(period: $period, language: $language) {
      from to asOf threshold
      tenants { id name kind }
      tables { key title columns rows { text number suppressed } }
      notCovered { id name kind reason }
    }
  }
`);

const weekChoices = [1, 4, 8, 13, 26, 52];

/**
 * The child-tenant roll-up (docs/statistics.md "Roll-up"): the descendants that share their statistics with this tenant,
 * one table per figure family with a row per tenant; every small count, and every total it could be worked out from, is
 * shown as "withheld" — never a value. Supervisor and TenantAdmin of the parent tenant.
 */
export default function RollUpPage() {
  const t = useT();
  const rt = useRichT();
  const f = useFormat();
  const { lang } = useLang();
  const today = todayIn(f.zone);
  const [form, setForm] = useState({ weeks: 4, lastDay: today });
  const [ask, setAsk] = useState(form);
  const period = weeksEnding(isDate(ask.lastDay) ? ask.lastDay : today, ask.weeks);
  const rollUp = useQuery(RollUpQuery, { period, language: lang === 'zh' ? 'ZH_HANS' : 'EN' });
  const r = rollUp.data?.statisticsRollUp;
  const left = notCoveredGroups(r?.notCovered ?? [], lang === 'zh' ? 'zh' : 'en');
  const names = useMemo(() => new Set((r?.tenants ?? []).map((x) => x.name)), [r]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsk(form);
    rollUp.reload();
  };

  return (
    <Page title={t('supervision.rollUp.title')}>
      <p>{t('supervision.rollUp.intro')}</p>
      <form className="card filters" onSubmit={submit} aria-label={t('supervision.filters')}>
        <Field label={t('supervision.weeks')} hint={t('supervision.weeksHint')}>
          <select value={form.weeks} onChange={(e) => setForm({ ...form, weeks: Number(e.target.value) })}>
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

      {rollUp.loading ? <Loading label={t('common.loading')} /> : null}
      {rollUp.error ? <ErrorNotice error={rollUp.error} onRetry={rollUp.reload} /> : null}
      {r && !rollUp.error && left.length > 0 ? (
        // New-user trial: 2 of 6 child tenants shown, read as the whole district. Names the rest, never a count of theirs.
        <Notice kind="warn">
          {left.map((g) => (
            <p key={g.reason} data-testid={`rollup-${g.reason}`}>
              {g.reason === 'TENANT_NOT_SHARING' ? t('supervision.rollUp.notSharing', { names: g.names }) : t('supervision.rollUp.betweenNotSharing', { names: g.names })}
            </p>
          ))}
          <p>{t('supervision.rollUp.notCoveredHint')}</p>
        </Notice>
      ) : null}
      {r && !rollUp.error ? (
        r.tenants.length === 0 ? <Notice kind="info"><p>{t('supervision.rollUp.none')}</p></Notice> : (
          <>
            <p className="stat-period">
              {t('supervision.period', { from: r.from, to: r.to })}{' '}
              {rt('supervision.asOf', { asOf: f.dateTime(r.asOf), zone: <span translate="no">{f.zone}</span> })}
            </p>
            <h2>{t('supervision.rollUp.tenants')}</h2>
            <ul className="tenant-list" data-testid="rollup-tenants">
              {r.tenants.map((x) => (
                <li key={x.id}><span translate="no">{x.name}</span> <span className="badge">{t(`supervision.rollUp.kind.${x.kind}`)}</span></li>
              ))}
            </ul>
            <p className="hint">{t('supervision.withheldHint', { threshold: r.threshold })}</p>
            {r.tables.map((table) => (
              <div className="card" key={table.key}>
                <h2 className="table-heading">{table.title}</h2>
                {/* what a row counts, where the columns need it (round-32 trial: could one episode count twice?) */}
                {hasString(`supervision.rollUp.note.${table.key}`) ? <p className="hint">{t(`supervision.rollUp.note.${table.key}`)}</p> : null}
                <StatTable table={table} data={names} captionHidden />
              </div>
            ))}
          </>
        )
      ) : null}
    </Page>
  );
}
