import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Loading, Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { graphql } from '../../gql';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { statusLabel, kindLabel } from './labels';
import './platform.css';

const TenantsQuery = graphql(`
  query PlatformTenants { tenants { id name kind status parentId timeZone createdAt updatedAt adminSubjects } }
`);

const SuspendMutation = graphql(`
  mutation PlatformSuspendTenant($id: ID!, $reason: String) { suspendTenant(id: $id, reason: $reason) { id status } }
`);
const ReactivateMutation = graphql(`
  mutation PlatformReactivateTenant($id: ID!, $reason: String) { reactivateTenant(id: $id, reason: $reason) { id status } }
`);
const OffboardMutation = graphql(`
  mutation PlatformOffboardTenant($id: ID!, $reason: String!) { offboardTenant(id: $id, reason: $reason) { id status } }
`);
const ExportMutation = graphql(`
  mutation PlatformExportTenant($id: ID!) { exportTenant(id: $id) }
`);
const DeleteMutation = graphql(`
  mutation PlatformDeleteTenant($id: ID!, $reason: String!) { deleteTenant(id: $id, reason: $reason) { id status } }
`);

type Tenant = { id: string; name: string; kind: string; status: string; parentId?: string | null; timeZone: string; createdAt: string; adminSubjects: string[] };
type Action = 'suspend' | 'reactivate' | 'offboard' | 'delete';

/** The lifecycle actions a tenant in `status` can take (docs/api.md: ACTIVE ⇄ SUSPENDED → OFFBOARDING → DELETED). */
function actionsFor(status: string): (Action | 'export')[] {
  switch (status) {
    case 'ACTIVE': return ['suspend', 'offboard'];
    case 'SUSPENDED': return ['reactivate', 'offboard'];
    case 'OFFBOARDING': return ['export', 'delete'];
    default: return [];
  }
}

/** Saves a text as a file the browser downloads. */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The platform's tenants (PlatformAdmin): each with kind, status, parent and time zone, and the lifecycle steps its
 * status allows — suspend / reactivate, offboard (the tenant then serves no requests), export (the whole tenant as one
 * JSON file, recorded in the platform's audit log) and delete (purge after the export). Every step is confirmed in a
 * dialog naming the tenant; offboarding and deletion also ask for the tenant's id typed out and a reason.
 */
export default function TenantsPage() {
  const t = useT();
  const f = useFormat();
  const tenants = useQuery(TenantsQuery, {}, { platform: true });
  const suspend = useMutation(SuspendMutation, { platform: true });
  const reactivate = useMutation(ReactivateMutation, { platform: true });
  const offboard = useMutation(OffboardMutation, { platform: true });
  const exporter = useMutation(ExportMutation, { platform: true });
  const del = useMutation(DeleteMutation, { platform: true });
  const [pending, setPending] = useState<{ action: Action; tenant: Tenant }>();
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState<{ action: Action; tenant: Tenant }>();
  const [exported, setExported] = useState<string>();
  const list = (tenants.data?.tenants ?? []) as Tenant[];
  const names = new Map(list.map((x) => [x.id, x.name]));
  const mutation = { suspend, reactivate, offboard, delete: del }[pending?.action ?? 'suspend'];
  const strong = pending?.action === 'offboard' || pending?.action === 'delete';

  const open = (action: Action, tenant: Tenant) => {
    [suspend, reactivate, offboard, del].forEach((m) => m.reset());
    setReason('');
    setTyped('');
    setMissing(false);
    setDone(undefined);
    setPending({ action, tenant });
  };

  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    if (!pending) return;
    const { action, tenant } = pending;
    if (strong && (typed.trim() !== tenant.id || reason.trim().length === 0)) { setMissing(true); return; }
    const vars = { id: tenant.id, reason: reason.trim() || null };
    const run = action === 'suspend' ? suspend.run(vars)
      : action === 'reactivate' ? reactivate.run(vars)
      : action === 'offboard' ? offboard.run({ id: tenant.id, reason: reason.trim() })
      : del.run({ id: tenant.id, reason: reason.trim() });
    if (await run.catch(() => null)) {
      setDone({ action, tenant });
      setPending(undefined);
      tenants.reload();
    }
  };

  const doExport = async (tenant: Tenant) => {
    setDone(undefined);
    setExported(undefined);
    const answer = await exporter.run({ id: tenant.id }).catch(() => null);
    if (answer) {
      const file = `caregrid-tenant-${tenant.id}-export.json`;
      download(file, answer.exportTenant);
      setExported(t('platform.exported', { file, size: f.number(Math.ceil(new Blob([answer.exportTenant]).size / 1024)) }));
    }
  };

  return (
    <Page title={t('platform.tenants.title')} actions={<Link className="button primary" to="/platform/onboard">{t('platform.tenants.onboard')}</Link>}>
      <p>{t('platform.tenants.intro')}</p>
      {tenants.loading && !tenants.data ? <Loading label={t('common.loading')} /> : null}
      {tenants.error ? <ErrorNotice error={tenants.error} onRetry={tenants.reload} /> : null}
      {done ? <Notice kind="ok"><p data-testid="tenant-done">{t(`platform.done.${done.action}`)} <strong translate="no">{done.tenant.name}</strong> (<code>{done.tenant.id}</code>)</p></Notice> : null}
      {exporter.error ? <ErrorNotice error={exporter.error} /> : null}
      {exported ? <Notice kind="ok"><p data-testid="tenant-exported">{exported}</p></Notice> : null}
      {!tenants.error && tenants.data ? (
        <div data-testid="tenants-table">
          <DataTable caption={t('platform.tenants.caption', { n: list.length })} rows={list} rowKey={(x) => x.id} empty={t('platform.tenants.none')} columns={[
            { key: 'name', header: t('platform.tenant.name'), cell: (x) => <span className="stack"><span translate="no">{x.name}</span> <code>{x.id}</code></span> },
            { key: 'kind', header: t('platform.tenant.kind'), cell: (x) => kindLabel(t, x.kind) },
            { key: 'status', header: t('platform.tenant.status'), cell: (x) => <span className={`badge status-${x.status.toLowerCase()}`} data-testid={`tenant-${x.id}-status`}>{statusLabel(t, x.status)}</span> },
            { key: 'parent', header: t('platform.tenant.parent'), cell: (x) => (x.parentId ? <span translate="no">{names.get(x.parentId) ?? x.parentId}</span> : t('common.none')) },
            { key: 'zone', header: t('platform.tenant.timeZone'), cell: (x) => <span translate="no">{x.timeZone}</span> },
            { key: 'admins', header: t('platform.tenant.admins'), cell: (x) => <span translate="no">{x.adminSubjects.join(', ')}</span> },
            { key: 'created', header: t('platform.tenant.created'), cell: (x) => f.dateTime(x.createdAt) },
            { key: 'actions', header: t('platform.tenant.actions'), cell: (x) => (
              <div className="row-actions">
                {actionsFor(x.status).map((a) => (a === 'export' ? (
                  <button key={a} type="button" onClick={() => doExport(x)} disabled={exporter.running} data-testid={`tenant-${x.id}-export`}>{t('platform.action.export')}</button>
                ) : (
                  <button key={a} type="button" className={a === 'reactivate' ? undefined : 'danger-outline'} onClick={() => open(a, x)} data-testid={`tenant-${x.id}-${a}`}>
                    {t(`platform.action.${a}`)}
                  </button>
                )))}
              </div>
            ) },
          ]} />
        </div>
      ) : null}
      <Dialog open={pending !== undefined} title={pending ? t(`platform.confirm.${pending.action}.title`) : ''} onClose={() => setPending(undefined)}>
        {pending ? (
          <form onSubmit={confirm}>
            <p className="tenant-named" data-testid="confirm-tenant">
              <strong translate="no">{pending.tenant.name}</strong> (<code>{pending.tenant.id}</code>)
            </p>
            <p>{t(`platform.confirm.${pending.action}.text`)}</p>
            <Field label={strong ? t('platform.confirm.reason') : t('platform.confirm.reasonOptional')} hint={t('platform.confirm.reasonHint')}
              error={missing && strong && !reason.trim() ? t('platform.confirm.reasonMissing') : undefined} required={strong}>
              <textarea rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="confirm-reason" />
            </Field>
            {strong ? (
              <Field label={t('platform.confirm.typeId')} hint={<>{t('platform.confirm.typeIdHint')} <code>{pending.tenant.id}</code></>}
                error={missing && typed.trim() !== pending.tenant.id ? t('platform.confirm.typeIdWrong') : undefined} required>
                <input type="text" autoComplete="off" spellCheck={false} value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="confirm-id" />
              </Field>
            ) : null}
            {mutation.error ? <ErrorNotice error={mutation.error} /> : null}
            <div className="actions">
              <button type="submit" className={pending.action === 'reactivate' ? 'primary' : 'danger'} disabled={mutation.running} data-testid="confirm-submit">
                {t(`platform.action.${pending.action}`)}
              </button>
              <button type="button" onClick={() => setPending(undefined)}>{t('common.cancel')}</button>
            </div>
          </form>
        ) : null}
      </Dialog>
    </Page>
  );
}
