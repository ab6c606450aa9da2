import { useEffect, useState } from 'react';
import { useQuery } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Notice';
import { Page } from '../../components/Page';
import { graphql } from '../../gql';
import type { CallLogQuery, RiskLevel } from '../../gql/graphql';
import { useKindT } from '../../i18n/tenantKind';
import { useFormat } from '../../i18n/format';
import { OwnerName, RiskBadge } from '../cases/labels';
import { callRiskArgs, type CallRiskChoice } from './callLog';
import '../cases/cases.css';
import { CaseRef } from '../cases/reference';

// List rows carry no summary, caller identity or risk answers (docs/intake.md): level 3 sees its units' and the anonymous
// calls, everyone else the calls they answered.
const CallLog = graphql(`
  query CallLog($riskLevel: RiskLevel, $riskGraded: Boolean, $after: String) {
    calls(riskLevel: $riskLevel, riskGraded: $riskGraded, first: 50, after: $after) {
      nodes { id channel answeredAt answeredBy knownCaller riskLevel riskGraded caseId }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

type Row = CallLogQuery['calls']['nodes'][number];
const RISKS: RiskLevel[] = ['LOW', 'MODERATE', 'HIGH', 'IMMINENT'];

/** The call log, newest first: a call nobody graded shows 未评估 / "Not yet graded", never its LOW placeholder. */
export default function CallLogPage() {
  const t = useKindT();
  const f = useFormat();
  const [risk, setRisk] = useState<CallRiskChoice>('');
  const [after, setAfter] = useState<string | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const { data, error, loading, reload } = useQuery(CallLog, { ...callRiskArgs(risk), after });
  useEffect(() => {
    if (data) setRows((prev) => (after ? [...prev, ...data.calls.nodes] : data.calls.nodes));
  }, [data, after]);

  return (
    <Page title={t('frontline.calls.title')}>
      <p>{t('frontline.calls.intro')}</p>
      <form className="card queue-filters" aria-label={t('frontline.calls.filters')} onSubmit={(e) => { e.preventDefault(); setAfter(null); reload(); }}>
        <div className="field">
          <label htmlFor="c-risk">{t('cases.queue.risk')}</label>
          <select id="c-risk" value={risk} onChange={(e) => { setRisk(e.target.value as CallRiskChoice); setAfter(null); }}>
            <option value="">{t('cases.queue.any')}</option>
            {RISKS.map((r) => <option key={r} value={r}>{t(`cases.risk.${r}`)}</option>)}
            <option value="UNGRADED">{t('cases.risk.UNGRADED')}</option>
          </select>
        </div>
      </form>
      {error ? <ErrorNotice error={error} onRetry={reload} /> : null}
      {loading && rows.length === 0 ? <Loading label={t('common.loading')} /> : null}
      {!error && data ? (
        <DataTable
          caption={t('frontline.calls.caption')}
          rows={rows}
          rowKey={(r) => r.id}
          empty={t('frontline.calls.empty')}
          columns={[
            { key: 'answered', header: t('frontline.calls.col.answeredAt'), cell: (r) => f.dateTime(r.answeredAt) },
            { key: 'line', header: t('frontline.calls.col.line'), cell: (r) => t(`frontline.calls.channel.${r.channel}`) },
            { key: 'risk', header: t('cases.col.risk'), cell: (r) => <RiskBadge risk={r.riskLevel} graded={r.riskGraded} /> },
            { key: 'caller', header: t('frontline.calls.col.caller'), cell: (r) => t(r.knownCaller ? 'frontline.calls.caller.known' : 'frontline.calls.caller.anonymous') },
            { key: 'by', header: t('frontline.calls.col.answeredBy'), cell: (r) => <OwnerName id={r.answeredBy} /> },
            // Only its converter is told the case id in the list (docs/intake.md); anyone else reads the call.
            { key: 'case', header: t('cases.col.case'), cell: (r) => (r.caseId ? <CaseRef id={r.caseId} /> : null) },
          ]}
        />
      ) : null}
      {data?.calls.pageInfo.hasNextPage ? (
        <button type="button" onClick={() => setAfter(data.calls.pageInfo.endCursor ?? null)} disabled={loading}>{t('cases.queue.more')}</button>
      ) : null}
    </Page>
  );
}
