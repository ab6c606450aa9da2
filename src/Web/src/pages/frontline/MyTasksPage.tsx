import { Link } from 'react-router-dom';
import { usePagedQuery } from '../../api/hooks';
import { useSession } from '../../auth/session';
import { Countdown } from '../../components/Countdown';
import { DataTable } from '../../components/DataTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Notice';
import { Page } from '../../components/Page';
import { graphql } from '../../gql';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { OwnerName, RiskBadge } from '../cases/labels';
import { CaseRoles } from './roles';
import { CaseRef, shortReference } from '../cases/reference';

// List rows carry no sensitive fields (docs/access.md `Query.myTasks`): the caller's own tasks and those of the queues
// they hold, in their units.
const MyTasks = graphql(`
  query MyTasks($after: String) {
    myTasks(first: 50, after: $after) {
      nodes { id caseId kind ownerId status dueAt escalationCount case { riskLevel riskGraded person { displayName externalId } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);


/** My tasks: open deadline tasks, soonest first, each with a live countdown in the tenant's time zone. */
export default function MyTasksPage() {
  const t = useT();
  const f = useFormat();
  const session = useSession();
  const canOpen = !!session && CaseRoles.includes(session.role);
  const { data, items: rows, error, loading, reload, more, hasMore } = usePagedQuery(MyTasks, {}, (d) => d.myTasks);
  const sorted = [...rows].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));

  return (
    <Page title={t('frontline.myTasks.title')} actions={<button type="button" onClick={reload}>{t('cases.page.reload')}</button>}>
      <p>{t('frontline.myTasks.intro')} {t('common.timeZone', { zone: f.zone })}</p>
      {error ? <ErrorNotice error={error} onRetry={reload} /> : null}
      {loading && rows.length === 0 ? <Loading label={t('common.loading')} /> : null}
      {!error && (data || rows.length > 0) ? (
        <DataTable
          caption={t('frontline.myTasks.caption')}
          rows={sorted}
          rowKey={(r) => `${r.caseId}:${r.id}`}
          empty={t('frontline.myTasks.empty')}
          columns={[
            { key: 'task', header: t('cases.tasks.col.task'), cell: (r) => t(`cases.task.${r.kind}`) },
            // whom the task is about and how urgent the case is (TaskSummary.case: the cases list's row; the person is
            // null outside the caller's units, then the case reference alone says which case)
            { key: 'person', header: t('cases.col.person'), cell: (r) => (r.case?.person
              ? <span translate="no">{r.case.person.displayName}{r.case.person.externalId ? <> <span className="hint">{r.case.person.externalId}</span></> : null}</span>
              : <span className="hint">—</span>) },
            { key: 'risk', header: t('cases.col.risk'), cell: (r) => (r.case ? <RiskBadge risk={r.case.riskLevel} graded={r.case.riskGraded} /> : null) },
            { key: 'case', header: t('cases.col.case'), cell: (r) => (canOpen
              ? <Link to={`/cases/${encodeURIComponent(r.caseId)}`} aria-label={t('cases.open', { id: shortReference(r.caseId) })}><CaseRef id={r.caseId} /></Link>
              : <CaseRef id={r.caseId} />) },
            { key: 'due', header: t('cases.tasks.col.due'), cell: (r) => (r.status === 'OPEN' ? <Countdown due={r.dueAt} /> : f.deadline(r.dueAt)) },
            { key: 'status', header: t('cases.tasks.col.status'), cell: (r) => (
              <span>
                {t(`cases.taskStatus.${r.status}`)}
                {r.escalationCount > 0 ? <> · {t('cases.tasks.escalated', { count: r.escalationCount })}</> : null}
              </span>
            ) },
            { key: 'owner', header: t('cases.tasks.col.owner'), cell: (r) => <OwnerName id={r.ownerId} /> },
          ]}
        />
      ) : null}
      {hasMore ? (
        <button type="button" onClick={more} disabled={loading}>{t('common.more')}</button>
      ) : null}
    </Page>
  );
}
