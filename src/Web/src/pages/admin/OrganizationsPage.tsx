import type { CSSProperties } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '../../api/hooks';
import { useSession } from '../../auth/session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading, Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { graphql } from '../../gql';
import { useT } from '../../i18n';
import { useKindT } from '../../i18n/tenantKind';
import { useFormat } from '../../i18n/format';
import { enumLabel } from './labels';
import { CreateUnit, useUnitLifecycle } from './UnitForms';
import './admin.css';

const TreeQuery = graphql(`
  query AdminOrganizationTree { organizations(tree: true) { id name kind status parentId escalationLevel depth childCount } }
`);

const HealthQuery = graphql(`
  query AdminOrganizationHealth {
    organizationHealth {
      healthy templateId day organizationsChecked
      findings { rule requirement organizationId personId qualification message missingKnows count missingSex minimum present }
    }
  }
`);

type Row = { id: string; name: string; kind: string; status: string; parentId?: string | null; escalationLevel?: number | null; depth: number; childCount: number };
type Finding = {
  rule: string; requirement: string; organizationId?: string | null; personId?: string | null; qualification?: string | null;
  message: string; missingKnows: string[]; count?: number | null;
  missingSex?: string | null; minimum?: number | null; present?: number | null;
};

/** The templates' "someone supervises" rules: the school's leadership group (R-4.1), the district's health commission (R-1.13), the town's supervision (R-2.8). */
const SUPERVISION_REQUIREMENTS = ['R-4.1', 'R-1.13', 'R-2.8'];

/** The plain-words text of one finding, from its rule and fields (the service's own message is kept as detail). */
function findingText(t: (k: string, p?: Record<string, string | number>) => string, f: Finding): string {
  switch (f.rule) {
    case 'QUALIFICATIONS_VALID':
      return t('admin.health.qualification', { qualification: f.qualification ? enumLabel(t, 'admin.qualification', f.qualification) : '' });
    case 'THREE_KNOWS_COMPLETE':
      return f.count != null
        ? t('admin.health.threeKnowsCount', { n: f.count })
        : t('admin.health.threeKnowsMissing', { knows: f.missingKnows.map((k) => enumLabel(t, 'admin.know', k)).join(t('admin.listSeparator')) });
    case 'BOY_AND_GIRL_IN_ROLE':
      // One finding per missing sex: say which, so a class short of both shows two different lines.
      return f.missingSex === 'MALE' || f.missingSex === 'FEMALE'
        ? t(f.missingSex === 'MALE' ? 'admin.health.boysMissing' : 'admin.health.girlsMissing', { min: f.minimum ?? 1, n: f.present ?? 0 })
        : enumLabel(t, 'admin.healthRule', f.rule);
    case 'TENANT_HAS_ROLE':
      // nobody supervises: a task past its deadline at level 3 goes to queue:supervisor, which only Supervisors work (session 41 trial)
      return SUPERVISION_REQUIREMENTS.includes(f.requirement) ? t('admin.health.supervisorMissing') : enumLabel(t, 'admin.healthRule', f.rule);
    case 'EACH_UNIT_HAS_ROLE':
      // the school template's class rule: level 1 of the three-level warning (round-33 trial: four classes, no 班主任, no word)
      return f.requirement === 'R-4.3' ? t('admin.health.homeroomMissing') : enumLabel(t, 'admin.healthRule', f.rule);
    default:
      return enumLabel(t, 'admin.healthRule', f.rule);
  }
}

/**
 * The organization tree with its health findings (TenantAdmin, Supervisor, Coordinator): every unit depth-first with
 * kind, status, escalation level and the findings of `organizationHealth` on it — a boy and a girl among a
 * class's psychology committee members, R-2.7 a specialist and a staff member per village or community, R-4.1/R-1.13/R-2.8
 * someone who supervises (works the tasks escalated past level 3), R-1.4/R-7.7
 * qualifications held and unexpired, R-6.2/R-2.2 the three knows of left-behind children.
 */
export default function OrganizationsPage() {
  const t = useT();
  const f = useFormat();
  const session = useSession();
  const tree = useQuery(TreeQuery, {});
  const health = useQuery(HealthQuery, {});
  const rows = (tree.data?.organizations ?? []) as Row[];
  const report = health.data?.organizationHealth;
  const findings = (report?.findings ?? []) as Finding[];
  const byUnit = new Map<string, Finding[]>();
  for (const x of findings) {
    const key = x.organizationId ?? '';
    byUnit.set(key, [...(byUnit.get(key) ?? []), x]);
  }
  const names = new Map(rows.map((r) => [r.id, r.name]));
  const admin = session?.role === 'TenantAdmin';
  const reloadAll = () => { tree.reload(); health.reload(); };
  const lifecycle = useUnitLifecycle(reloadAll);
  return (
    <Page title={t('admin.org.title')}>
      <section aria-labelledby="health-title" className="card">
        <h2 id="health-title">{t('admin.health.title')}</h2>
        {health.loading ? <Loading label={t('common.loading')} /> : null}
        {health.error ? <ErrorNotice error={health.error} onRetry={health.reload} /> : null}
        {report && !health.error ? (
          <>
            <Notice kind={report.healthy ? 'ok' : 'warn'}>
              <p data-testid="health-summary">
                {report.healthy
                  ? t('admin.health.healthy', { n: report.organizationsChecked })
                  : t('admin.health.unhealthy', { n: findings.length, units: report.organizationsChecked })}
              </p>
              <p className="hint">{t('admin.health.checkedOn', { day: f.date(report.day) })}</p>
            </Notice>
            {byUnit.get('') ? (
              <ul className="findings" aria-label={t('admin.health.tenantWide')}>
                {byUnit.get('')!.map((x, i) => <FindingItem key={i} finding={x} />)}
              </ul>
            ) : null}
          </>
        ) : null}
      </section>
      <section aria-labelledby="tree-title">
        <h2 id="tree-title">{t('admin.org.treeTitle')}</h2>
        {tree.loading ? <Loading label={t('common.loading')} /> : null}
        {tree.error ? <ErrorNotice error={tree.error} onRetry={tree.reload} /> : null}
        {!tree.error && !tree.loading && rows.length === 0 ? <p className="empty">{t('admin.org.none')}</p> : null}
        {!tree.error && rows.length > 0 ? (
          <ol className="org-tree" data-testid="org-tree">
            {rows.map((r) => {
              const mine = byUnit.get(r.id) ?? [];
              return (
                <li key={r.id} className="org-row" style={{ '--depth': Math.min(r.depth, 8) } as CSSProperties} data-testid={`org-${r.id}`}>
                  <div className="org-head">
                    <span className="org-name" translate="no">{r.name}</span>
                    <span className="badge">{enumLabel(t, 'admin.orgKind', r.kind)}</span>
                    {r.status !== 'ACTIVE' ? <span className="badge warn">{enumLabel(t, 'admin.orgStatus', r.status)}</span> : null}
                    {r.escalationLevel ? <span className="badge">{t('admin.org.level', { n: r.escalationLevel })}</span> : null}
                    {mine.length > 0 ? <span className="badge high">{t('admin.org.findings', { n: mine.length })}</span> : null}
                  </div>
                  <div className="org-meta">
                    <code>{r.id}</code>
                    {r.parentId ? <span> · {t('admin.org.under')} <span translate="no">{names.get(r.parentId) ?? r.parentId}</span></span> : null}
                    {r.childCount > 0 ? <span> · {t('admin.org.children', { n: r.childCount })}</span> : null}
                    {admin ? (
                      <>
                        {' · '}<Link to={`/admin/members?org=${encodeURIComponent(r.id)}`}>{t('admin.org.members')}<span className="sr-only"> <span translate="no">{r.name}</span></span></Link>
                        {' · '}<Link to={`/admin/import?org=${encodeURIComponent(r.id)}`}>{t('admin.org.import')}<span className="sr-only"> <span translate="no">{r.name}</span></span></Link>
                      </>
                    ) : null}
                  </div>
                  {admin ? lifecycle.buttons(r) : null}
                  {mine.length > 0 ? (
                    <ul className="findings" aria-label={t('admin.health.findingsList')}>
                      {mine.map((x, i) => <FindingItem key={i} finding={x} />)}
                    </ul>
                  ) : null}
                </li>
              );
            })}
          </ol>
        ) : null}
        {lifecycle.activateError ? <ErrorNotice error={lifecycle.activateError} /> : null}
      </section>
      {admin && !tree.error ? <CreateUnit units={rows} onCreated={reloadAll} /> : null}
      {lifecycle.dialog}
    </Page>
  );
}

function FindingItem({ finding }: { finding: Finding }) {
  const t = useT();
  const kindT = useKindT();
  return (
    <li className="finding" data-testid={`finding-${finding.rule}`}>
      <span className="badge high">{finding.requirement}</span>{' '}
      <strong>{findingText(kindT, finding)}</strong>
      {finding.personId ? <> · {t('admin.health.person')} <code>{finding.personId}</code></> : null}
      <details className="detail">
        <summary>{t('common.details')}</summary>
        <p lang="en">{finding.message}</p>
      </details>
    </li>
  );
}
