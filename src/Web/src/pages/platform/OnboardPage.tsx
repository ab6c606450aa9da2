import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery } from '../../api/hooks';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Loading, Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { graphql } from '../../gql';
import type { TenantKind } from '../../gql/graphql';
import { useT } from '../../i18n';
import { kindLabel, statusLabel, templateLabel } from './labels';
import './platform.css';

const OnboardDataQuery = graphql(`
  query PlatformOnboardData { jurisdictionTemplates { id name tenantKind version } tenants { id name kind status } }
`);

const OnboardMutation = graphql(`
  mutation PlatformOnboardTenant($input: OnboardTenantInput!) {
    onboardTenant(input: $input) { id name kind status timeZone adminSubjects }
  }
`);

const kinds: TenantKind[] = ['SCHOOL', 'TOWN', 'DISTRICT'];
const idPattern = /^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$/;

/**
 * Onboards a tenant (PlatformAdmin, `onboardTenant`): its slug id, name and kind, the jurisdiction template it is
 * provisioned from (district, town or school — the units, roles, deadlines and intake rule of seeds/templates), an
 * optional parent tenant (a district above a school or town), its time zone and its first TenantAdmin's login sub.
 */
export default function OnboardPage() {
  const t = useT();
  const data = useQuery(OnboardDataQuery, {}, { platform: true });
  const onboard = useMutation(OnboardMutation, { platform: true });
  const [template, setTemplate] = useState('school');
  const [kind, setKind] = useState<TenantKind>('SCHOOL');
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [parent, setParent] = useState('');
  const [zone, setZone] = useState('Asia/Shanghai');
  const [adminSub, setAdminSub] = useState('');
  const [adminName, setAdminName] = useState('');
  const [checked, setChecked] = useState(false);
  const [created, setCreated] = useState<{ id: string; name: string; status: string; admins: string[] }>();
  const templates = data.data?.jurisdictionTemplates ?? [];
  // a school's or town's parent is a district or a town (round-33 trial: the list offered schools too)
  const parents = (data.data?.tenants ?? []).filter((x) => (x.status === 'ACTIVE' || x.status === 'SUSPENDED') && (x.kind === 'DISTRICT' || x.kind === 'TOWN'));

  const chooseTemplate = (value: string) => {
    setTemplate(value);
    const tpl = templates.find((x) => x.id === value);
    if (tpl) setKind(tpl.tenantKind);
  };

  const idBad = !idPattern.test(id.trim());
  const nameBad = name.trim().length === 0;
  const subBad = adminSub.trim().length === 0;
  const kindMismatch = template !== '' && templates.some((x) => x.id === template && x.tenantKind !== kind);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    setCreated(undefined);
    if (idBad || nameBad || subBad || kindMismatch) return;
    const answer = await onboard.run({
      input: {
        id: id.trim(), name: name.trim(), kind, parentId: parent || null, timeZone: zone.trim() || null,
        firstAdminSubject: adminSub.trim(), firstAdminName: adminName.trim() || null, template: template || null,
      },
    }).catch(() => null);
    if (answer) {
      const x = answer.onboardTenant;
      setCreated({ id: x.id, name: x.name, status: x.status, admins: x.adminSubjects });
      data.reload();
    }
  };

  return (
    <Page title={t('platform.onboard.title')} actions={<Link className="button" to="/platform/tenants">{t('platform.onboard.back')}</Link>}>
      <p>{t('platform.onboard.intro')}</p>
      {data.loading && !data.data ? <Loading label={t('common.loading')} /> : null}
      {data.error ? <ErrorNotice error={data.error} onRetry={data.reload} /> : null}
      {created ? (
        <Notice kind="ok">
          <p data-testid="onboard-done">{t('platform.onboard.done', { status: statusLabel(t, created.status) })}{' '}
            <strong translate="no">{created.name}</strong> (<code>{created.id}</code>)</p>
          <p>{t('platform.onboard.doneAdmin')} <code>{created.admins.join(', ')}</code></p>
          <p><Link to="/platform/tenants">{t('platform.onboard.toList')}</Link></p>
        </Notice>
      ) : null}
      {data.data ? (
        <form className="card" onSubmit={submit} noValidate>
          <Field label={t('platform.onboard.template')} hint={t('platform.onboard.templateHint')}>
            <select value={template} onChange={(e) => chooseTemplate(e.target.value)} data-testid="onboard-template">
              {templates.map((x) => <option key={x.id} value={x.id}>{templateLabel(t, x.id, x.name)}</option>)}
              <option value="">{t('platform.onboard.noTemplate')}</option>
            </select>
          </Field>
          <Field label={t('platform.onboard.id')} hint={t('platform.onboard.idHint')} error={checked && idBad ? t('platform.onboard.idBad') : undefined} required>
            <input type="text" autoComplete="off" spellCheck={false} value={id} onChange={(e) => setId(e.target.value)} data-testid="onboard-id" />
          </Field>
          <Field label={t('platform.onboard.name')} hint={t('platform.onboard.nameHint')} error={checked && nameBad ? t('platform.onboard.nameMissing') : undefined} required>
            <input type="text" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} data-testid="onboard-name" />
          </Field>
          <Field label={t('platform.onboard.kind')} error={checked && kindMismatch ? t('platform.onboard.kindMismatch') : undefined} required>
            <select value={kind} onChange={(e) => setKind(e.target.value as TenantKind)} data-testid="onboard-kind">
              {kinds.map((k) => <option key={k} value={k}>{kindLabel(t, k)}</option>)}
            </select>
          </Field>
          <Field label={t('platform.onboard.parent')} hint={t('platform.onboard.parentHint')}>
            <select value={parent} onChange={(e) => setParent(e.target.value)} data-testid="onboard-parent">
              <option value="">{t('platform.onboard.noParent')}</option>
              {parents.map((x) => <option key={x.id} value={x.id} translate="no">{x.name} ({x.id})</option>)}
            </select>
          </Field>
          <Field label={t('platform.onboard.timeZone')} hint={t('platform.onboard.timeZoneHint')}>
            <input type="text" autoComplete="off" spellCheck={false} value={zone} onChange={(e) => setZone(e.target.value)} data-testid="onboard-timezone" />
          </Field>
          <Field label={t('platform.onboard.adminSub')} hint={t('platform.onboard.adminSubHint')} error={checked && subBad ? t('platform.onboard.adminSubMissing') : undefined} required>
            <input type="text" autoComplete="off" spellCheck={false} value={adminSub} onChange={(e) => setAdminSub(e.target.value)} data-testid="onboard-admin-sub" />
          </Field>
          <Field label={t('platform.onboard.adminName')}>
            <input type="text" maxLength={200} value={adminName} onChange={(e) => setAdminName(e.target.value)} data-testid="onboard-admin-name" />
          </Field>
          {onboard.error ? <ErrorNotice error={onboard.error} /> : null}
          <div className="actions">
            <button type="submit" className="primary" disabled={onboard.running} data-testid="onboard-submit">{t('platform.onboard.submit')}</button>
          </div>
        </form>
      ) : null}
    </Page>
  );
}
