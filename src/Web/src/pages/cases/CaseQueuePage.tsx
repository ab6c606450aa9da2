import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery } from '../../api/hooks';
import { UnassignedNotice } from '../../components/UnassignedNotice';
import { useSession } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Notice';
import { Page } from '../../components/Page';
import { graphql } from '../../gql';
import type { CaseQueueQuery, RiskLevel } from '../../gql/graphql';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { LevelBadge, OwnerName, RiskBadge, StatusBadge, riskRank } from './labels';
import './cases.css';
import { CaseRef, matchesReference, shortReference } from './reference';

// List rows carry no sensitive fields (docs/access.md `Query.cases`); only units in the caller's scope and their own.
const CaseQueue = graphql(`
  query CaseQueue($filter: CaseFilter, $after: String) {
    me { unassigned }
    cases(filter: $filter, first: 50, after: $after) {
      totalCount
      nodes { id personId person { displayName externalId } status riskLevel riskGraded escalationLevel assigneeId reportedAt updatedAt }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

type Row = CaseQueueQuery['cases']['nodes'][number];
const RISKS: RiskLevel[] = ['LOW', 'MODERATE', 'HIGH', 'IMMINENT'];

/** The queue: cases with filters (open, risk, level, owner), highest risk first within the page, not yet graded right after High. */
export default function CaseQueuePage() {
  const t = useT();
  const f = useFormat();
  const session = useSession();
  const [open, setOpen] = useState(true);
  // A level filters graded cases only (LOW is never the placeholder of a case not yet graded); UNGRADED asks for those.
  const [risk, setRisk] = useState<RiskLevel | 'UNGRADED' | ''>('');
  const [level, setLevel] = useState('');
  const [owner, setOwner] = useState('');
  const [after, setAfter] = useState<string | null>(null);
  // A readable number a colleague read out (pages/cases/reference.tsx), from the field or from /cases?number= (the case
  // page sends a number typed into the address bar here); it narrows the loaded rows.
  const [params] = useSearchParams();
  const [number, setNumber] = useState(params.get('number') ?? '');
  const [rows, setRows] = useState<Row[]>([]);
  const assignee = owner === 'me' ? session?.sub : owner || undefined;
  const filter = {
    open: open ? true : undefined,
    riskLevel: risk && risk !== 'UNGRADED' ? risk : undefined,
    riskGraded: risk === 'UNGRADED' ? false : undefined,
    level: level ? Number(level) : undefined,
    assignee,
  };
  const { data, error, loading, reload } = useQuery(CaseQueue, { filter, after });
  useEffect(() => {
    if (data) setRows((prev) => (after ? [...prev, ...data.cases.nodes] : data.cases.nodes));
  }, [data, after]);
  const reset = () => setAfter(null);
  // Imminent, High, not yet graded (riskGraded false: reported as unsure), Moderate, Low; the page's own order otherwise.
  const sorted = [...rows].sort((a, b) => riskRank(a.riskLevel, a.riskGraded) - riskRank(b.riskLevel, b.riskGraded))
    .filter((r) => matchesReference(r.id, number));
  const searching = number.trim() !== '';
  const typedLength = number.replace(/[-\s]/g, '').length;
  const partial = searching && typedLength < 8 && /^[0-9a-f\-\s]+$/i.test(number.trim());

  return (
    <Page title={t('cases.queue.title')}>
      <form className="card queue-filters" aria-label={t('cases.queue.filters')} onSubmit={(e) => { e.preventDefault(); reset(); reload(); }}>
        <div className="grid">
          <div className="field">
            <label htmlFor="q-show">{t('cases.queue.show')}</label>
            <select id="q-show" value={open ? 'open' : 'all'} onChange={(e) => { setOpen(e.target.value === 'open'); reset(); }}>
              <option value="open">{t('cases.queue.show.open')}</option>
              <option value="all">{t('cases.queue.show.all')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="q-risk">{t('cases.queue.risk')}</label>
            <select id="q-risk" value={risk} onChange={(e) => { setRisk(e.target.value as RiskLevel | 'UNGRADED' | ''); reset(); }}>
              <option value="">{t('cases.queue.any')}</option>
              {RISKS.map((r) => <option key={r} value={r}>{t(`cases.risk.${r}`)}</option>)}
              <option value="UNGRADED">{t('cases.risk.UNGRADED')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="q-level">{t('cases.queue.level')}</label>
            <select id="q-level" value={level} onChange={(e) => { setLevel(e.target.value); reset(); }}>
              <option value="">{t('cases.queue.any')}</option>
              {[1, 2, 3].map((l) => <option key={l} value={l}>{t('cases.level', { level: l })}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="q-number">{t('cases.queue.number')}</label>
            <input id="q-number" type="search" inputMode="text" autoComplete="off" placeholder="7C32-56BB" value={number}
              onChange={(e) => setNumber(e.target.value)} aria-describedby="q-number-hint" />
            <p id="q-number-hint" className="hint">{t('cases.queue.numberHint')}</p>
          </div>
          <div className="field">
            <label htmlFor="q-owner">{t('cases.queue.owner')}</label>
            <select id="q-owner" value={owner} onChange={(e) => { setOwner(e.target.value); reset(); }}>
              <option value="">{t('cases.queue.owner.any')}</option>
              <option value="me">{t('cases.queue.owner.me')}</option>
              <option value="queue:level-3">{t('cases.queue.owner.level3')}</option>
              <option value="queue:level-2">{t('cases.queue.owner.level2')}</option>
            </select>
          </div>
        </div>
      </form>
      {data?.me?.unassigned ? <UnassignedNotice /> : null}
      {error ? <ErrorNotice error={error} onRetry={reload} /> : null}
      {loading && rows.length === 0 ? <Loading label={t('common.loading')} /> : null}
      {!error && data ? (
        <DataTable
          caption={searching ? t('cases.queue.captionNumber', { count: sorted.length }) : t('cases.queue.caption', { count: data.cases.totalCount ?? rows.length })}
          rows={sorted}
          rowKey={(r) => r.id}
          empty={searching
            // round-26 trial: "2D9D-358" found nothing without saying a number has 8 characters
            ? partial ? t('cases.queue.numberShort', { n: typedLength })
            : t(data.cases.pageInfo.hasNextPage ? 'cases.queue.numberNotLoaded' : 'cases.queue.numberNone', { number: number.trim(), count: rows.length })
            : t('cases.queue.empty')}
          columns={[
            { key: 'id', header: t('cases.col.case'), cell: (r) => <Link to={`/cases/${encodeURIComponent(r.id)}`} aria-label={t('cases.open', { id: shortReference(r.id) })}><CaseRef id={r.id} /></Link> },
            // who the case is about, as the people list names them (new-user trial: a queue of bare case ids)
            { key: 'person', header: t('cases.col.person'), cell: (r) => <span translate="no" data-testid={`queue-person-${r.id}`}>{r.person?.displayName ?? r.personId}{r.person?.externalId ? <> <span className="hint">{r.person.externalId}</span></> : null}</span> },
            { key: 'risk', header: t('cases.col.risk'), cell: (r) => <RiskBadge risk={r.riskLevel} graded={r.riskGraded} /> },
            { key: 'status', header: t('cases.col.status'), cell: (r) => <StatusBadge status={r.status} /> },
            { key: 'level', header: t('cases.col.level'), cell: (r) => <LevelBadge level={r.escalationLevel} owner={r.assigneeId} /> },
            { key: 'owner', header: t('cases.col.owner'), cell: (r) => <OwnerName id={r.assigneeId} /> },
            { key: 'reported', header: t('cases.col.reported'), cell: (r) => f.dateTime(r.reportedAt) },
            { key: 'updated', header: t('cases.col.updated'), cell: (r) => f.dateTime(r.updatedAt) },
          ]}
        />
      ) : null}
      {data?.cases.pageInfo.hasNextPage ? (
        <button type="button" onClick={() => setAfter(data.cases.pageInfo.endCursor ?? null)} disabled={loading}>{t('cases.queue.more')}</button>
      ) : null}
    </Page>
  );
}
