import { useMemo, useState, type FormEvent } from 'react';
import { usePagedQuery } from '../../api/hooks';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Notice';
import { Page } from '../../components/Page';
import { graphql } from '../../gql';
import type { AuditFilter } from '../../gql/graphql';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { RefusalFacts, useActionText, type AuditItem } from './records';
import { VerifyChain } from './VerifyChain';
import { zonedToUtc } from './zonedTime';
import './audit.css';

const AuditLogQuery = graphql(`
  query AuditLogPage($filter: AuditFilter, $first: Int, $after: String) {
    auditLog(filter: $filter, first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { ...AuditRecordFields }
    }
  }
`);

const actions = ['READ', 'WRITE', 'DENIED', 'BREAK_THE_GLASS'];
const PageSize = 50;

type Filters = { actor: string; action: string; entityType: string; entityId: string; callerTenant: string; from: string; to: string };
const noFilters: Filters = { actor: '', action: '', entityType: '', entityId: '', callerTenant: '', from: '', to: '' };

/** The API's filter from the form: empty fields left out, times read in the tenant's zone and sent as UTC instants. */
function toFilter(f: Filters, zone: string): AuditFilter {
  const text = (v: string) => (v.trim() ? v.trim() : undefined);
  return {
    actor: text(f.actor), action: text(f.action), entityType: text(f.entityType), entityId: text(f.entityId),
    callerTenant: text(f.callerTenant), from: zonedToUtc(f.from, zone) ?? undefined, to: zonedToUtc(f.to, zone) ?? undefined,
  };
}

/**
 * The tenant's audit log for its Auditors (docs/api.md "Privacy, security and audit"): records in sequence order with
 * the API's filters (who, action, record type and id, refused callers' tenant, from/to in the tenant's time zone), paged
 * by "Load more records"; and the chain's verification, which shows the first broken record.
 */
export default function AuditLogPage() {
  const t = useT();
  const f = useFormat();
  const action = useActionText();
  const [form, setForm] = useState<Filters>(noFilters);
  const [filter, setFilter] = useState<AuditFilter>({});
  const { data, items, error, loading, reload, more, hasMore } = usePagedQuery(AuditLogQuery, { filter, first: PageSize }, (d) => d.auditLog);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilter(toFilter(form, f.zone));
    reload();
  };
  const clear = () => {
    setForm(noFilters);
    setFilter({});
    reload();
  };
  const set = (key: keyof Filters) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  const columns = useMemo<Column<AuditItem>[]>(() => [
    { key: 'seq', header: t('audit.seq'), numeric: true, cell: (r) => r.sequence },
    { key: 'at', header: t('audit.at'), cell: (r) => <time dateTime={r.at}>{f.dateTime(r.at)}</time> },
    { key: 'who', header: t('audit.who'), cell: (r) => <span translate="no">{r.actor}</span> },
    { key: 'what', header: t('audit.what'), cell: (r) => <span><span className={`badge action-${r.action}`}>{action(r.action)}</span></span> },
    { key: 'record', header: t('audit.record'), cell: (r) => <span translate="no">{r.entityType} <code>{r.entityId}</code></span> },
    {
      key: 'purpose', header: t('audit.purpose'),
      cell: (r) => <span translate="no" className="fields">{r.purpose}{r.fields.length ? `: ${r.fields.join(', ')}` : ''}</span>,
    },
    { key: 'reason', header: t('audit.reason'), cell: (r) => (r.reason ? <span translate="no">{r.reason}</span> : null) },
    { key: 'refusal', header: t('audit.refusal'), cell: (r) => (r.refusal ? <RefusalFacts refusal={r.refusal} /> : null) },
    {
      key: 'hashes', header: t('audit.more.details'),
      cell: (r) => (
        <>
          <details className="hashes">
            <summary>{t('common.details')}</summary>
            <dl className="facts">
              <dt>{t('audit.correlation')}</dt><dd><code>{r.correlationId}</code></dd>
              <dt>{t('audit.previousHash')}</dt><dd><code className="hash">{r.previousHash}</code></dd>
              <dt>{t('audit.hash')}</dt><dd><code className="hash">{r.hash}</code></dd>
            </dl>
          </details>
        </>
      ),
    },
  ], [t, f, action]);

  return (
    <Page title={t('audit.title')}>
      <p>{t('audit.intro')}</p>
      <VerifyChain />

      <form className="card filters" onSubmit={submit} aria-labelledby="audit-filters">
        <h2 id="audit-filters">{t('audit.filters')}</h2>
        <div className="filter-grid">
          <Field label={t('audit.actor')}><input value={form.actor} onChange={set('actor')} autoComplete="off" /></Field>
          <Field label={t('audit.action')}>
            <select value={form.action} onChange={set('action')} data-testid="audit-action">
              <option value="">{t('audit.anyAction')}</option>
              {actions.map((a) => <option key={a} value={a}>{action(a)}</option>)}
            </select>
          </Field>
          <Field label={t('audit.entityType')} hint={t('audit.entityTypeHint')}><input value={form.entityType} onChange={set('entityType')} autoComplete="off" /></Field>
          <Field label={t('audit.entityId')}><input value={form.entityId} onChange={set('entityId')} autoComplete="off" /></Field>
          <Field label={t('audit.callerTenant')} hint={t('audit.callerTenantHint')}><input value={form.callerTenant} onChange={set('callerTenant')} autoComplete="off" /></Field>
          <Field label={t('audit.from')} hint={t('audit.timeHint')}><input type="datetime-local" value={form.from} onChange={set('from')} /></Field>
          <Field label={t('audit.to')} hint={t('audit.timeHint')}><input type="datetime-local" value={form.to} onChange={set('to')} /></Field>
        </div>
        <div className="actions">
          <button type="submit" className="primary">{t('audit.search')}</button>
          <button type="button" onClick={clear}>{t('audit.clear')}</button>
        </div>
      </form>

      {loading ? <Loading label={t('common.loading')} /> : null}
      {error ? <ErrorNotice error={error} onRetry={reload} /> : null}
      {data ? (
        <>
          <p role="status" data-testid="audit-count">{t('audit.shown', { n: items.length })}</p>
          <div data-testid="audit-records">
            <DataTable caption={t('audit.caption')} columns={columns} rows={items} rowKey={(r) => String(r.sequence)} empty={t('audit.empty')} />
          </div>
          {hasMore ? (
            <button type="button" onClick={more} disabled={loading}>{t('audit.more')}</button>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
