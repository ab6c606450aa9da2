import { Link } from 'react-router-dom';
import { usePagedQuery } from '../../api/hooks';
import { useSession } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Notice';
import { Page } from '../../components/Page';
import { graphql } from '../../gql';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { CaseRoles } from './roles';
import { CaseRef } from '../cases/reference';

// A receipt carries no content, risk, names or person id (docs/access.md "Receipts for reporters").
const MyReports = graphql(`
  query MyReports($after: String) {
    myReports(first: 20, after: $after) {
      nodes { caseId reportedAt outcome status updatedOn }
      pageInfo { hasNextPage endCursor }
    }
  }
`);


/** The caller's own reports, newest first: the reference to quote, when, and where each stands. */
export default function MyReportsPage() {
  const t = useT();
  const f = useFormat();
  const session = useSession();
  const canOpen = !!session && CaseRoles.includes(session.role);
  const { data, items: rows, error, loading, reload, more, hasMore } = usePagedQuery(MyReports, {}, (d) => d.myReports);

  return (
    <Page title={t('frontline.myReports.title')} actions={<Link className="button primary" to="/report">{t('frontline.report.title')}</Link>}>
      <p>{t('frontline.myReports.intro')}</p>
      {error ? <ErrorNotice error={error} onRetry={reload} /> : null}
      {loading && rows.length === 0 ? <Loading label={t('common.loading')} /> : null}
      {!error && (data || rows.length > 0) ? (
        <DataTable
          caption={t('frontline.myReports.caption')}
          rows={rows}
          rowKey={(r) => `${r.caseId}-${r.reportedAt}`}
          empty={t('frontline.myReports.empty')}
          columns={[
            { key: 'ref', header: t('frontline.col.reference'), cell: (r) => (canOpen && r.outcome !== 'RECEIVED'
              ? <Link to={`/cases/${encodeURIComponent(r.caseId)}`}><CaseRef id={r.caseId} /></Link>
              : <CaseRef id={r.caseId} />) },
            { key: 'when', header: t('frontline.col.reportedAt'), cell: (r) => f.dateTime(r.reportedAt) },
            { key: 'status', header: t('frontline.col.status'), cell: (r) => <span className={`badge status-${r.status.toLowerCase()}`}>{t(`frontline.receiptStatus.${r.status}`)}</span> },
            { key: 'outcome', header: t('frontline.col.outcome'), cell: (r) => t(`frontline.outcomeShort.${r.outcome}`) },
            { key: 'updated', header: t('frontline.col.updatedOn'), cell: (r) => f.date(r.updatedOn) },
          ]}
        />
      ) : null}
      {hasMore ? (
        <button type="button" onClick={more} disabled={loading}>{t('common.more')}</button>
      ) : null}
    </Page>
  );
}
