import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError, gql } from '../../api/client';
import { useMutation, useQuery } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Loading, Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { graphql } from '../../gql';
import { useT } from '../../i18n';
import { useKindT } from '../../i18n/tenantKind';
import { useFormat } from '../../i18n/format';
import { enumLabel, knowsRole, roleLabel } from './labels';
import { ReassignWork } from './ReassignWork';
import { UnitSelect, useUnits } from './UnitSelect';
import './admin.css';

const MembersQuery = graphql(`
  query AdminOrganizationMembers($id: ID!) {
    organization(id: $id) { id name kind status responsiblePersonId members { personId role since addedBy } }
  }
`);

const RolesQuery = graphql(`
  query AdminTemplateRoles { jurisdiction { template { id roles { code name accessRole organizationKinds qualifications } } } }
`);

const PeoplePageQuery = graphql(`
  query AdminPeopleNames($filter: PeopleFilter, $after: String) {
    people(filter: $filter, first: 100, after: $after) { nodes { id displayName organizationId } pageInfo { hasNextPage endCursor } }
  }
`);

const AddMemberMutation = graphql(`
  mutation AdminAddOrganizationMember($organizationId: ID!, $personId: ID!, $role: String!) {
    addOrganizationMember(organizationId: $organizationId, personId: $personId, role: $role) { id members { personId role } }
  }
`);

const RemoveMemberMutation = graphql(`
  mutation AdminRemoveOrganizationMember($organizationId: ID!, $personId: ID!, $role: String!) {
    removeOrganizationMember(organizationId: $organizationId, personId: $personId, role: $role) { id members { personId role } }
  }
`);

type Person = { id: string; displayName: string; organizationId?: string | null };
type Member = { personId: string; role: string; since: string; addedBy: string };

/** Reads every page of `people(filter)` (at most `maxPages` of 100), for names beside person ids. */
async function allPeople(filter: Record<string, unknown>, maxPages = 10): Promise<Person[]> {
  const out: Person[] = [];
  let after: string | null | undefined = null;
  for (let i = 0; i < maxPages; i++) {
    const page: { people: { nodes: Person[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } } } = await gql(PeoplePageQuery, { filter, after });
    out.push(...page.people.nodes);
    if (!page.people.pageInfo.hasNextPage) break;
    after = page.people.pageInfo.endCursor;
  }
  return out;
}

/** Names of the tenant's staff and of the unit's own people (a class's psychology committee members are students). */
function useNames(org: string, tick: number) {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [staff, setStaff] = useState<Person[]>([]);
  useEffect(() => {
    let live = true;
    Promise.all([allPeople({ staff: true }), org ? allPeople({ organization: org }) : Promise.resolve([])])
      .then(([s, own]) => { if (live) { setStaff(s); setNames(new Map([...s, ...own].map((p) => [p.id, p.displayName]))); } })
      .catch(() => { /* names are a help only: ids stay shown */ });
    return () => { live = false; };
  }, [org, tick]);
  return { names, staff };
}

/**
 * Members and roles of a unit (TenantAdmin, R-1.4): who holds which role of the tenant's template, since when and
 * given by whom; give a role (`addOrganizationMember`: the roles the template allows in this kind of unit) or take it
 * away (`removeOrganizationMember`, confirmed in a dialog; refused with MEMBER_HAS_OPEN_WORK while the member owns open
 * cases or tasks — docs/staff-changes.md says how to move them with `reassignWork` first).
 */
export default function MembersPage() {
  const t = useT();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const { units, loading: unitsLoading, error: unitsError, reload: reloadUnits } = useUnits();
  const org = params.get('org') ?? '';
  const setOrg = (id: string) => setParams(id ? { org: id } : {});
  const members = useQuery(MembersQuery, { id: org }, { skip: !org });
  const roles = useQuery(RolesQuery, {});
  const [tick, setTick] = useState(0);
  const { names, staff } = useNames(org, tick);
  const [removing, setRemoving] = useState<Member>();
  const [moved, setMoved] = useState(false);
  const [done, setDone] = useState<ReactNode>();
  const remove = useMutation(RemoveMemberMutation);
  const unit = members.data?.organization;
  const templateRoles = roles.data?.jurisdiction.template?.roles ?? [];
  const roleName = (code: string) => roleLabel(t, code, templateRoles.find((r) => r.code === code)?.name);
  const nameOf = (id: string) => names.get(id);

  const confirmRemove = async () => {
    if (!removing || !unit) return;
    const ok = await remove.run({ organizationId: unit.id, personId: removing.personId, role: removing.role }).catch(() => null);
    if (ok) {
      setDone(<>{t('admin.members.removed', { role: roleName(removing.role) })} <strong translate="no">{nameOf(removing.personId) ?? removing.personId}</strong></>);
      setRemoving(undefined);
      members.reload();
    }
  };
  const ext = remove.error?.extensions ?? {};

  return (
    <Page title={t('admin.members.title')}>
      <p>{t('admin.members.intro')}</p>
      {unitsLoading ? <Loading label={t('common.loading')} /> : null}
      {unitsError ? <ErrorNotice error={unitsError} onRetry={reloadUnits} /> : null}
      <div className="card">
        <UnitSelect units={units} value={org} onChange={(id) => { setOrg(id); setDone(undefined); }} label={t('admin.members.unit')} testId="members-unit" />
      </div>
      {org && members.loading ? <Loading label={t('common.loading')} /> : null}
      {members.error ? <ErrorNotice error={members.error} onRetry={members.reload} /> : null}
      {org && !members.loading && !members.error && !unit ? <Notice kind="error">{t('admin.members.unknownUnit')}</Notice> : null}
      {done ? <Notice kind="ok"><p data-testid="members-done">{done}</p></Notice> : null}
      {unit && !members.error ? (
        <>
          <section aria-labelledby="members-title">
            <h2 id="members-title">{t('admin.members.of')} <span translate="no">{unit.name}</span></h2>
            <p>{enumLabel(t, 'admin.orgKind', unit.kind)} · {enumLabel(t, 'admin.orgStatus', unit.status)}
              {unit.responsiblePersonId ? <> · {t('admin.members.responsible')} <span translate="no">{nameOf(unit.responsiblePersonId) ?? unit.responsiblePersonId}</span></> : null}</p>
            <div data-testid="members-table">
              <DataTable caption={t('admin.members.caption')} rows={unit.members as Member[]} rowKey={(m) => `${m.personId}/${m.role}`} empty={t('admin.members.none')} columns={[
                { key: 'person', header: t('admin.members.person'), cell: (m) => <span className="stack"><span translate="no">{nameOf(m.personId) ?? ''}</span> <code>{m.personId}</code></span> },
                { key: 'role', header: t('admin.members.role'), cell: (m) => <span translate={knowsRole(m.role) ? undefined : 'no'}>{roleName(m.role)}</span> },
                { key: 'since', header: t('admin.members.since'), cell: (m) => f.dateTime(m.since) },
                { key: 'by', header: t('admin.members.addedBy'), cell: (m) => <span translate="no">{m.addedBy}</span> },
                { key: 'actions', header: t('admin.members.actions'), cell: (m) => (
                  <button type="button" onClick={() => { remove.reset(); setMoved(false); setDone(undefined); setRemoving(m); }} data-testid={`remove-${m.personId}-${m.role}`}>
                    {t('admin.members.remove')}
                  </button>
                ) },
              ]} />
            </div>
          </section>
          {roles.error ? <ErrorNotice error={roles.error} onRetry={roles.reload} /> : (
            <AddMember unitId={unit.id} roles={templateRoles.filter((r) => r.organizationKinds.includes(unit.kind))} roleName={roleName}
              onAdded={(text) => { setDone(text); members.reload(); setTick((n) => n + 1); }} />
          )}
        </>
      ) : null}
      <Dialog open={removing !== undefined} title={t('admin.members.removeTitle')} onClose={() => setRemoving(undefined)}>
        {removing && unit ? (
          <>
            <p>{t('admin.members.removeConfirm', { role: roleName(removing.role) })}</p>
            <p><strong translate="no">{nameOf(removing.personId) ?? removing.personId}</strong> (<code>{removing.personId}</code>) · <span translate="no">{unit.name}</span></p>
            {remove.error ? <ErrorNotice error={remove.error} /> : null}
            {moved && !remove.error ? <Notice kind="ok"><p data-testid="reassign-complete">{t('admin.reassign.complete')}</p></Notice> : null}
            {remove.error?.code === 'MEMBER_HAS_OPEN_WORK' ? (
              <Notice kind="warn">
                <p>{t('admin.members.openWork', { cases: String(ext.openCases ?? 0), high: String(ext.openHighRiskCases ?? 0), ungraded: String(ext.openUngradedCases ?? 0), tasks: String(ext.openTasks ?? 0) })}</p>
                <p>{t('admin.members.openWorkNext')}</p>
              </Notice>
            ) : null}
            {remove.error?.code === 'MEMBER_HAS_OPEN_WORK' ? (
              <ReassignWork fromPersonId={removing.personId} staff={staff} onMoved={(complete) => { if (complete) { remove.reset(); setMoved(true); } }} />
            ) : null}
            <div className="actions">
              {remove.error?.code === 'MEMBER_HAS_OPEN_WORK' ? null : (
                <button type="button" className="danger" onClick={confirmRemove} disabled={remove.running} data-testid="remove-confirm">{t('admin.members.removeSubmit')}</button>
              )}
              <button type="button" onClick={() => setRemoving(undefined)}>{t('common.cancel')}</button>
            </div>
          </>
        ) : null}
      </Dialog>
    </Page>
  );
}

type TemplateRole = { code: string; name: string; accessRole: string; qualifications: string[] };

function AddMember({ unitId, roles, roleName, onAdded }: { unitId: string; roles: TemplateRole[]; roleName: (code: string) => string; onAdded: (text: ReactNode) => void }) {
  const t = useKindT();
  const add = useMutation(AddMemberMutation);
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<Person[]>();
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<ApiError>();
  const [person, setPerson] = useState('');
  const [role, setRole] = useState('');
  const [missing, setMissing] = useState(false);

  const find = async () => {
    const text = search.trim();
    if (!text) return;
    setSearching(true);
    setSearchError(undefined);
    try {
      let list = (await gql(PeoplePageQuery, { filter: { name: text }, after: null })).people.nodes;
      if (list.length === 0) list = (await gql(PeoplePageQuery, { filter: { externalId: text }, after: null })).people.nodes;
      setFound(list);
      setPerson(list.length === 1 ? list[0].id : '');
    } catch (e) {
      setSearchError(e instanceof ApiError ? e : new ApiError('UNKNOWN', String(e), [], null, 0));
    } finally {
      setSearching(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!person || !role) { setMissing(true); return; }
    const answer = await add.run({ organizationId: unitId, personId: person, role }).catch(() => null);
    if (answer) {
      const who = found?.find((p) => p.id === person)?.displayName ?? person;
      onAdded(<>{t('admin.members.added', { role: roleName(role) })} <strong translate="no">{who}</strong></>);
      setRole('');
    }
  };

  const selected = roles.find((r) => r.code === role);
  return (
    <section className="card" aria-labelledby="add-member-title">
      <h2 id="add-member-title">{t('admin.members.addTitle')}</h2>
      <form onSubmit={(e) => { e.preventDefault(); void find(); }} className="inline-fields" role="search" aria-label={t('admin.members.searchLabel')}>
        <Field label={t('admin.members.search')} hint={t('admin.members.searchHint')}>
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="member-search" />
        </Field>
        <button type="submit" className="align-end" disabled={searching} data-testid="member-search-submit">{t('common.search')}</button>
      </form>
      {searchError ? <ErrorNotice error={searchError} /> : null}
      {found && found.length === 0 ? <p className="empty" role="status">{t('admin.members.noneFound')}</p> : null}
      <form onSubmit={submit}>
        <Field label={t('admin.members.person')} error={missing && !person ? t('admin.members.choosePerson') : undefined} required>
          <select value={person} onChange={(e) => { setPerson(e.target.value); setMissing(false); }} data-testid="member-person">
            <option value="">{found ? t('admin.members.pickPerson', { n: found.length }) : t('admin.members.searchFirst')}</option>
            {(found ?? []).map((p) => <option key={p.id} value={p.id} translate="no">{p.displayName} ({p.id})</option>)}
          </select>
        </Field>
        <Field label={t('admin.members.role')} hint={selected && selected.qualifications.length > 0
          ? t('admin.members.needsQualifications', { list: selected.qualifications.map((q) => enumLabel(t, 'admin.qualification', q)).join(t('admin.listSeparator')) })
          : t('admin.members.roleHint')} error={missing && !role ? t('admin.members.chooseRole') : undefined} required>
          <select value={role} onChange={(e) => { setRole(e.target.value); setMissing(false); }} data-testid="member-role">
            <option value="">{roles.length ? t('admin.members.pickRole') : t('admin.members.noRoles')}</option>
            {roles.map((r) => <option key={r.code} value={r.code} translate={knowsRole(r.code) ? undefined : 'no'}>{roleName(r.code)} · {t(`role.${r.accessRole}`)}</option>)}
          </select>
        </Field>
        {add.error ? <ErrorNotice error={add.error} /> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={add.running} data-testid="member-add">{t('admin.members.addSubmit')}</button>
        </div>
      </form>
    </section>
  );
}
