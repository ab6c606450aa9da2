import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { routes } from '../../app/routes';
import { useSession } from '../../auth/session';
import { usePagedQuery } from '../../api/hooks';
import { Countdown } from '../../components/Countdown';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Notice';
import { Page } from '../../components/Page';
import { graphql } from '../../gql';
import type { SupervisionOverdueBoardQuery } from '../../gql/graphql';
import { hasString, useLang } from '../../i18n';
import { useKindT } from '../../i18n/tenantKind';
import { useFormat } from '../../i18n/format';
import { ExportButtons } from './ExportButtons';
import { useRichT } from './richText';
import { UnitPicker, useUnits } from './UnitPicker';
import './supervision.css';
import { CaseRef, shortReference } from '../cases/reference';

// The board carries no names, person ids or free text (docs/statistics.md "Overdue board"); this page shows exactly
// what it gives: the case id, the unit, the case's risk and level, the task's kind, the owner's kind (a queue, or "a
// named staff member" without saying who), the deadline and how late.
const BoardQuery = graphql(`
  query SupervisionOverdueBoard($organizationId: ID, $includeSubtree: Boolean, $dueWithinHours: Int, $first: Int, $after: String, $language: ReportLanguage) {
    overdueBoard(organizationId: $organizationId, includeSubtree: $includeSubtree, dueWithinHours: $dueWithinHours, first: $first, after: $after, language: $language) {
      totalCount asOf dueWithinHours timeZone
      pageInfo { hasNextPage endCursor }
      nodes {
        caseId unitId unitName riskLevel riskGraded escalationLevel kind kindLabel ownerKind ownerLabel ownerQueue
        dueAt overdue minutesLate daysLate workingDaysLate minutesLeft
      }
    }
  }
`);

type Board = SupervisionOverdueBoardQuery['overdueBoard'];
type Item = Board['nodes'][number];
type Ask = { unit: string; subtree: boolean; window: number };

const PageSize = 50;
const windows = [0, 24, 48, 72, 168];

/**
 * The overdue board: open tasks past their deadline (and, when asked, those due within a window),
 * most late first, a live countdown per deadline in the tenant's time zone, paged by "Load more", refreshed on demand,
 * with the CSV/XLSX export of the same request. Each case id links to the case page, which still applies need-to-know.
 */
export default function OverdueBoardPage() {
  const t = useKindT();
  const rt = useRichT();
  const f = useFormat();
  const { lang } = useLang();
  const units = useUnits();
  const session = useSession();
  // The case id links to the case page for the roles that may open it (an Auditor reads the board but not cases).
  const canOpenCases = routes.some((r) => r.path === '/cases/:id' && session !== null && r.roles.includes(session.role));
  const [form, setForm] = useState<Ask>({ unit: '', subtree: true, window: 0 });
  const [ask, setAsk] = useState<Ask>(form);
  const language = lang === 'zh' ? ('ZH_HANS' as const) : ('EN' as const);

  // On a refusal nothing of the board is shown (not even an older page): the hook drops the list on an error.
  const { data, items, error, loading, reload, more, hasMore } = usePagedQuery(BoardQuery, {
    organizationId: ask.unit || null, includeSubtree: ask.subtree, dueWithinHours: ask.window, first: PageSize, language,
  }, (d) => d.overdueBoard);
  const board = data?.overdueBoard;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsk(form);
    reload();
  };
  const windowLabel = (h: number) => (h === 0 ? t('supervision.board.windowNone') : h % 24 === 0 && h > 24 ? t('supervision.board.windowDays', { n: h / 24 }) : t('supervision.board.windowHours', { n: h }));
  const riskClass = (r: string) => (r === 'HIGH' || r === 'IMMINENT' ? 'badge high' : 'badge');

  const columns = useMemo<Column<Item>[]>(() => [
    {
      key: 'case', header: t('supervision.board.case'),
      cell: (i) => (canOpenCases
        ? <Link to={`/cases/${encodeURIComponent(i.caseId)}`} aria-label={t('supervision.board.openCase', { id: shortReference(i.caseId) })}><CaseRef id={i.caseId} /></Link>
        : <CaseRef id={i.caseId} />),
    },
    { key: 'unit', header: t('supervision.board.unit'), cell: (i) => (i.unitName ? <span translate="no">{i.unitName}</span> : t('supervision.board.noUnit')) },
    { key: 'risk', header: t('supervision.board.risk'), // A case nobody has graded yet reads 未评估 / "Not yet graded", never its LOW placeholder (docs/protocol.md "Ungraded reports").
      cell: (i) => <span><span className={riskClass(i.riskLevel)}>{t(i.riskGraded ? `cases.risk.${i.riskLevel}` : 'cases.risk.UNGRADED')}</span></span> },
    { key: 'level', header: t('supervision.board.level'), cell: (i) => <span><span className={`badge level-${i.escalationLevel}`}>{t('supervision.board.levelN', { n: i.escalationLevel })}</span></span> },
    // The case page's words for the same task and queue, so both pages name them alike; the API's label otherwise.
    { key: 'task', header: t('supervision.board.task'), cell: (i) => (hasString(`cases.task.${i.kind}`) ? t(`cases.task.${i.kind}`) : i.kindLabel) },
    {
      key: 'owner', header: t('supervision.board.owner'),
      cell: (i) => (i.ownerQueue && hasString(`cases.owner.${i.ownerQueue}`) ? t(`cases.owner.${i.ownerQueue}`) : i.ownerLabel),
    },
    {
      key: 'due', header: t('supervision.board.due'),
      cell: (i) => <span>{i.overdue ? null : <><span className="badge at-risk">{t('supervision.board.atRisk')}</span>{' '}</>}<Countdown due={i.dueAt} /></span>,
    },
    // Days late first: a task overdue through a run of holidays is 0 working days late but still the most late (the board's order).
    { key: 'daysLate', header: t('supervision.board.daysLate'), numeric: true, cell: (i) => f.number(i.daysLate) },
    { key: 'late', header: t('supervision.board.late'), numeric: true, cell: (i) => f.number(i.workingDaysLate) },
  ], [t, f, canOpenCases]);

  return (
    <Page title={t('supervision.board.title')} actions={<button type="button" onClick={reload} disabled={loading}>{t('supervision.refresh')}</button>}>
      <p>{t('supervision.board.intro')}</p>
      <form className="card filters" onSubmit={submit} aria-label={t('supervision.filters')}>
        <UnitPicker units={units} unit={form.unit} subtree={form.subtree}
          onUnit={(unit) => setForm({ ...form, unit })} onSubtree={(subtree) => setForm({ ...form, subtree })} />
        <Field label={t('supervision.board.window')}>
          <select value={form.window} onChange={(e) => setForm({ ...form, window: Number(e.target.value) })} data-testid="overdue-window">
            {windows.map((h) => <option key={h} value={h}>{windowLabel(h)}</option>)}
          </select>
        </Field>
        <div className="actions">
          <button type="submit" className="primary">{t('supervision.board.show')}</button>
        </div>
      </form>

      {loading ? <Loading label={t('common.loading')} /> : null}
      {error ? <ErrorNotice error={error} onRetry={reload} /> : null}
      {board && !error ? (
        <>
          <p className="stat-period" role="status" data-testid="overdue-total">
            {t('supervision.board.total', { n: board.totalCount, asOf: f.dateTime(board.asOf) })}{' '}
            {rt('common.timeZone', { zone: <span translate="no">{board.timeZone}</span> })}
          </p>
          <ExportButtons name="overdue-board" params={{
            organizationId: ask.unit || undefined, includeSubtree: ask.unit ? String(ask.subtree) : undefined, dueWithinHours: String(ask.window),
          }} />
          <div data-testid="overdue-board">
            <DataTable caption={t('supervision.board.caption')} columns={columns} rows={items}
              rowKey={(i) => `${i.caseId}:${i.kind}:${i.dueAt}:${items.indexOf(i)}`}
              empty={board.dueWithinHours > 0 ? t('supervision.board.emptyWindow', { n: board.dueWithinHours }) : t('supervision.board.empty')} />
          </div>
          {hasMore ? (
            <button type="button" onClick={more} disabled={loading}>{t('common.more')}</button>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
