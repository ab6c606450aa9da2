import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { gql } from '../../api/client';
import { useMutation, useQuery } from '../../api/hooks';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { graphql } from '../../gql';
import type { OrganizationKind } from '../../gql/graphql';
import { useT } from '../../i18n';
import { useKindT } from '../../i18n/tenantKind';
import { enumLabel } from './labels';

const KindsQuery = graphql(`
  query AdminTemplateKinds { jurisdiction { template { id organizationKinds { kind escalationLevel parentKinds } } } }
`);

const CreateUnitMutation = graphql(`
  mutation AdminCreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name status kind } }
`);

const ActivateUnitMutation = graphql(`
  mutation AdminActivateOrganization($id: ID!) { activateOrganization(id: $id) { id status } }
`);
const SuspendUnitMutation = graphql(`
  mutation AdminSuspendOrganization($id: ID!) { suspendOrganization(id: $id) { id status } }
`);
const CloseUnitMutation = graphql(`
  mutation AdminCloseOrganization($id: ID!) { closeOrganization(id: $id) { id status } }
`);

type UnitRow = { id: string; name: string; kind: string; status: string; depth: number };

/**
 * Adds a unit under another (TenantAdmin, `createOrganization`): the kinds the tenant's template knows, under a parent
 * of a kind the template allows, then activated (`activateOrganization`) unless the admin keeps it a draft. The id is
 * optional (generated, else 1–64 of A–Z a–z 0–9 _ -); an idempotency key makes a retried click create one unit only.
 */
export function CreateUnit({ units, onCreated }: { units: UnitRow[]; onCreated: () => void }) {
  const t = useKindT();
  const kinds = useQuery(KindsQuery, {});
  const create = useMutation(CreateUnitMutation);
  const [kind, setKind] = useState<OrganizationKind | ''>('');
  const [parent, setParent] = useState('');
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [activate, setActivate] = useState(true);
  const [checked, setChecked] = useState(false);
  const [key, setKey] = useState(() => `console-unit-${crypto.randomUUID()}`);
  const [created, setCreated] = useState<{ id: string; name: string; status: string; kind: string }>();
  const [activateError, setActivateError] = useState<unknown>();
  const options = kinds.data?.jurisdiction.template?.organizationKinds ?? [];
  const chosen = options.find((k) => k.kind === kind);
  const parents = units.filter((u) => u.status !== 'CLOSED' && (!chosen || chosen.parentKinds.length === 0 || chosen.parentKinds.includes(u.kind as OrganizationKind)));
  const idBad = id.trim() !== '' && !/^[A-Za-z0-9_-]{1,64}$/.test(id.trim());

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    setCreated(undefined);
    setActivateError(undefined);
    if (!kind || !name.trim() || idBad || (chosen && chosen.parentKinds.length > 0 && !parent)) return;
    const answer = await create.run({ input: {
      id: id.trim() || null, name: name.trim(), kind, parentId: parent || null,
      escalationLevel: chosen?.escalationLevel ?? null, idempotencyKey: key,
    } }).catch(() => null);
    if (!answer) return;
    let unit = answer.createOrganization;
    if (activate && unit.status === 'DRAFT') {
      try {
        unit = { ...unit, ...(await gql(ActivateUnitMutation, { id: unit.id })).activateOrganization };
      } catch (err) {
        setActivateError(err);
      }
    }
    setCreated(unit);
    setName('');
    setId('');
    setChecked(false);
    setKey(`console-unit-${crypto.randomUUID()}`);
    onCreated();
  };

  return (
    <section className="card" aria-labelledby="create-unit-title">
      <h2 id="create-unit-title">{t('admin.unitForm.title')}</h2>
      {kinds.error ? <ErrorNotice error={kinds.error} onRetry={kinds.reload} /> : null}
      <form onSubmit={submit}>
        <div className="inline-fields">
          <Field label={t('admin.unitForm.kind')} error={checked && !kind ? t('admin.unitForm.kindMissing') : undefined} required>
            <select value={kind} onChange={(e) => { setKind(e.target.value as OrganizationKind); setParent(''); }} data-testid="unit-kind">
              <option value="">{t('admin.unitForm.chooseKind')}</option>
              {options.map((k) => <option key={k.kind} value={k.kind}>{enumLabel(t, 'admin.orgKind', k.kind)}</option>)}
            </select>
          </Field>
          <Field label={t('admin.unitForm.parent')} error={checked && chosen && chosen.parentKinds.length > 0 && !parent ? t('admin.unitForm.parentMissing') : undefined}>
            <select value={parent} onChange={(e) => setParent(e.target.value)} data-testid="unit-parent">
              <option value="">{t('admin.unitForm.noParent')}</option>
              {parents.map((u) => <option key={u.id} value={u.id} translate="no">{u.name} · {enumLabel(t, 'admin.orgKind', u.kind)} ({u.id})</option>)}
            </select>
          </Field>
        </div>
        <div className="inline-fields">
          <Field label={t('admin.unitForm.name')} hint={t('admin.unitForm.nameHint')} error={checked && !name.trim() ? t('admin.unitForm.nameMissing') : undefined} required>
            <input type="text" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} data-testid="unit-name" />
          </Field>
          <Field label={t('admin.unitForm.id')} hint={t('admin.unitForm.idHint')} error={idBad ? t('admin.unitForm.idBad') : undefined}>
            <input type="text" autoComplete="off" spellCheck={false} value={id} onChange={(e) => setId(e.target.value)} data-testid="unit-id" />
          </Field>
        </div>
        <label className="admin-check"><input type="checkbox" checked={activate} onChange={(e) => setActivate(e.target.checked)} data-testid="unit-activate" /> {t('admin.unitForm.activate')}</label>
        {create.error ? <ErrorNotice error={create.error} /> : null}
        {activateError ? <Notice kind="warn">{t('admin.unitForm.activateFailed')}</Notice> : null}
        {created ? (
          <Notice kind="ok"><p data-testid="unit-created">{t('admin.unitForm.created', { status: enumLabel(t, 'admin.orgStatus', created.status) })}{' '}
            <strong translate="no">{created.name}</strong> (<code>{created.id}</code>)</p>
          {created.kind === 'CLASS' ? (
            // A class's concerns go to level 1 of the three-level warning, its homeroom teacher (round-26 trial: no prompt).
            <p data-testid="unit-created-next">{t('admin.unitForm.classNext')}{' '}
              <Link to={`/admin/members?org=${encodeURIComponent(created.id)}`}>{t('admin.unitForm.addMembers')}</Link></p>
          ) : null}</Notice>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={create.running} data-testid="unit-create">{t('admin.unitForm.submit')}</button>
        </div>
      </form>
    </section>
  );
}

type Step = 'activate' | 'suspend' | 'close';

/** The lifecycle steps a unit's status allows: DRAFT | SUSPENDED → ACTIVE, ACTIVE → SUSPENDED, any open → CLOSED. */
export function unitSteps(status: string): Step[] {
  switch (status) {
    case 'DRAFT': return ['activate', 'close'];
    case 'ACTIVE': return ['suspend', 'close'];
    case 'SUSPENDED': return ['activate', 'close'];
    default: return [];
  }
}

/**
 * The buttons of a unit's lifecycle and the one dialog confirming suspension or closing (a closed unit keeps its
 * history and takes no new cases, people or members). Activation needs no confirmation.
 */
export function useUnitLifecycle(onChanged: () => void) {
  const t = useT();
  const activate = useMutation(ActivateUnitMutation);
  const suspend = useMutation(SuspendUnitMutation);
  const close = useMutation(CloseUnitMutation);
  const [pending, setPending] = useState<{ step: Step; unit: UnitRow }>();
  const run = async (step: Step, unit: UnitRow) => {
    const m = step === 'activate' ? activate : step === 'suspend' ? suspend : close;
    const ok = await m.run({ id: unit.id }).catch(() => null);
    if (ok) { setPending(undefined); onChanged(); }
  };
  const buttons = (unit: UnitRow) => (
    <div className="org-actions">
      {unitSteps(unit.status).map((s) => (
        <button key={s} type="button" className={s === 'activate' ? undefined : 'danger-outline'} data-testid={`unit-${unit.id}-${s}`}
          onClick={() => { [activate, suspend, close].forEach((m) => m.reset()); if (s === 'activate') void run(s, unit); else setPending({ step: s, unit }); }}>
          {t(`admin.unitStep.${s}`)}
        </button>
      ))}
    </div>
  );
  const current = pending?.step === 'close' ? close : suspend;
  const dialog = (
    <Dialog open={pending !== undefined} title={pending ? t(`admin.unitStep.${pending.step}.title`) : ''} onClose={() => setPending(undefined)}>
      {pending ? (
        <>
          <p><strong translate="no">{pending.unit.name}</strong> (<code>{pending.unit.id}</code>)</p>
          <p>{t(`admin.unitStep.${pending.step}.text`)}</p>
          {current.error ? <ErrorNotice error={current.error} /> : null}
          <div className="actions">
            <button type="button" className="danger" disabled={current.running} onClick={() => run(pending.step, pending.unit)} data-testid="unit-step-confirm">{t(`admin.unitStep.${pending.step}`)}</button>
            <button type="button" onClick={() => setPending(undefined)}>{t('common.cancel')}</button>
          </div>
        </>
      ) : null}
    </Dialog>
  );
  return { buttons, dialog, activateError: activate.error };
}
