import { useState } from 'react';
import { Link } from 'react-router-dom';
import { usePagedQuery } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Notice';
import { Page } from '../../components/Page';
import { graphql } from '../../gql';
import { useKindT } from '../../i18n/tenantKind';
import { useUnits } from '../admin/UnitSelect';
import { enumLabel } from '../admin/labels';

// List rows carry only id, name, unit and roster number (docs/access.md): no need-to-know field, nothing audited.
const PeopleList = graphql(`
  query PeopleList($filter: PeopleFilter, $after: String) {
    people(filter: $filter, first: 100, after: $after) {
      totalCount
      nodes { id displayName organizationId externalId }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

/**
 * Who is registered where: the people of one unit (and the units under it), or of every unit the caller serves, by name
 * (round-30 new-user trial: after importing the school's list, nothing in the console showed who was in each class).
 */
export default function PeoplePage() {
  const t = useKindT();
  const { units, error: unitsError } = useUnits();
  const [unit, setUnit] = useState('');
  const [name, setName] = useState('');
  const [applied, setApplied] = useState({ unit: '', name: '' });
  const filter = {
    staff: false,
    ...(applied.unit ? { organization: applied.unit, includeSubtree: true } : {}),
    ...(applied.name ? { name: applied.name } : {}),
  };
  const { data, items: rows, error, loading, reload, more, hasMore } = usePagedQuery(PeopleList, { filter }, (d) => d.people);
  const unitName = new Map(units.map((u) => [u.id, u.name]));

  return (
    <Page title={t('people.title')}>
      <p>{t('people.intro')}</p>
      {unitsError ? <ErrorNotice error={unitsError} /> : null}
      <form className="card" onSubmit={(e) => { e.preventDefault(); setApplied({ unit, name: name.trim() }); }}>
        <div className="grid">
          <Field label={t('people.unit')} hint={t('people.unitHint')}>
            <select value={unit} onChange={(e) => setUnit(e.target.value)} data-testid="people-unit">
              <option value="">{t('people.allUnits')}</option>
              {units.map((u) => (
                <option key={u.id} value={u.id} translate="no">{'\u00a0\u00a0'.repeat(u.depth)}{u.name} · {enumLabel(t, 'admin.orgKind', u.kind)}</option>
              ))}
            </select>
          </Field>
          <Field label={t('people.name')} hint={t('people.nameHint')}>
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={64} autoComplete="off" data-testid="people-name" />
          </Field>
        </div>
        <div className="actions"><button type="submit" className="primary" data-testid="people-show">{t('people.show')}</button></div>
      </form>
      {error ? <ErrorNotice error={error} onRetry={reload} /> : null}
      {loading && rows.length === 0 ? <Loading label={t('common.loading')} /> : null}
      {!error && data ? (
        <div data-testid="people-list">
          <p data-testid="people-count">{t('people.count', { n: data.people.totalCount })}</p>
          <DataTable
            caption={t('people.caption')}
            rows={rows}
            rowKey={(r) => r.id}
            empty={t('people.empty')}
            columns={[
              { key: 'name', header: t('people.col.name'), cell: (r) => <span translate="no">{r.displayName}</span> },
              { key: 'number', header: t('people.col.number'), cell: (r) => (r.externalId ? <code translate="no">{r.externalId}</code> : '') },
              { key: 'unit', header: t('people.col.unit'), cell: (r) => <span translate="no">{r.organizationId ? unitName.get(r.organizationId) ?? r.organizationId : ''}</span> },
              { key: 'act', header: t('people.col.actions'), cell: (r) => <Link to="/report" state={{ person: r }} aria-label={t('people.reportNamed', { name: r.displayName })}>{t('people.report')}</Link> },
            ]}
          />
        </div>
      ) : null}
      {hasMore ? <button type="button" onClick={more} disabled={loading}>{t('common.more')}</button> : null}
    </Page>
  );
}
