import { Link } from 'react-router-dom';
import { useQuery } from '../../api/hooks';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Notice';
import { UnassignedNotice } from '../../components/UnassignedNotice';
import { graphql } from '../../gql';
import { useKindT } from '../../i18n/tenantKind';
import { useFormat } from '../../i18n/format';
import { RiskBadge } from '../cases/labels';
import { CaseRef } from '../cases/reference';

// Open HIGH and IMMINENT cases of the units the caller serves: the ones the R-1.10 protocol notified level 2 of.
const NotifiedCases = graphql(`
  query Level2NotifiedCases {
    me { unassigned }
    imminent: cases(filter: { open: true, riskLevel: IMMINENT }, first: 50) { totalCount nodes { id person { displayName } riskLevel reportedAt } }
    high: cases(filter: { open: true, riskLevel: HIGH }, first: 50) { totalCount nodes { id person { displayName } riskLevel reportedAt } }
  }
`);

/**
 * What "level 2 notified" means in the console (new-user trial 2026-12-04: the timeline said 已通知第二级, and nothing
 * reached the grade leader): a level-2 Coordinator's start page lists the open High and Imminent cases of their units —
 * the ones the R-1.10 protocol notified them of — Imminent first, each linking to the case, which the escalation chain
 * lets them open (docs/protocol.md). Level 3 works the case; level 2 knows of it and supports.
 */
export function Level2Notice({ level = 2 }: {
  /** 2 for a Coordinator (notified, supports); 3 for a Counsellor or Clinician, who handles them (new-user trial: the
   * psychology teacher's start page said only “welcome” while a 2-hour deadline ran); 'supervisor' for a Supervisor. */
  level?: 2 | 3 | 'supervisor';
}) {
  const t = useKindT();
  // a school's Supervisor (the principal) knows of them too (round-31 trial: the start page said nothing of an Imminent case)
  const k = level === 'supervisor' ? 'home.supervisor' : level === 3 ? 'home.level3' : 'home.level2';
  const f = useFormat();
  const { data, error, loading, reload } = useQuery(NotifiedCases, {});
  const rows = data ? [...data.imminent.nodes, ...data.high.nodes] : [];
  const total = data ? data.imminent.totalCount + data.high.totalCount : 0;
  return (
    <section className="card" aria-labelledby="level2-notice-title" data-testid="level2-notice">
      <h2 id="level2-notice-title">{t(`${k}.title`)}</h2>
      <p>{t(`${k}.intro`)}</p>
      {loading && !data ? <Loading label={t('common.loading')} /> : null}
      {error ? <ErrorNotice error={error} onRetry={reload} /> : null}
      {/* round-33 trial: a principal in no unit read 目前没有 while a High case was open (the lists show a member of no unit
          only their own work; docs/access.md "No membership") */}
      {data?.me?.unassigned ? <UnassignedNotice /> : null}
      {data && rows.length === 0 && !data.me?.unassigned ? <p data-testid="level2-none">{t('home.level2.none')}</p> : null}
      {rows.length > 0 ? (
        <ul className="link-list">
          {rows.map((r) => (
            <li key={r.id} data-testid={`level2-case-${r.id}`}>
              <RiskBadge risk={r.riskLevel} /> <Link to={`/cases/${encodeURIComponent(r.id)}`}>{r.person ? <span translate="no">{r.person.displayName}</span> : <CaseRef id={r.id} />}</Link>
              {' · '}{t('home.level2.reported', { when: f.dateTime(r.reportedAt) })}
            </li>
          ))}
        </ul>
      ) : null}
      {total > rows.length ? <p className="hint">{t('home.level2.more', { shown: rows.length, total })}</p> : null}
    </section>
  );
}
