import { useQuery } from '../../api/hooks';
import { Field } from '../../components/Field';
import { graphql } from '../../gql';
import { useT } from '../../i18n';
import { enumLabel } from './labels';

const UnitsQuery = graphql(`
  query AdminUnits { organizations(tree: true) { id name kind status depth } }
`);

/** A unit of the tenant as the picker lists it (read side, depth-first). */
export type Unit = { id: string; name: string; kind: string; status: string; depth: number };

/** The tenant's units, depth-first (`organizations(tree: true)`), with loading and error state. */
export function useUnits() {
  const q = useQuery(UnitsQuery, {});
  return { units: (q.data?.organizations ?? []) as Unit[], loading: q.loading, error: q.error, reload: q.reload };
}

/**
 * Picks one unit of the tenant's tree: indented by depth, with its kind, units that are not active marked. Unit names
 * and ids are data (`translate="no"`).
 */
export function UnitSelect({ units, value, onChange, label, hint, testId }: {
  units: Unit[]; value: string; onChange: (id: string) => void; label: string; hint?: string; testId: string;
}) {
  const t = useT();
  return (
    <Field label={label} hint={hint} required>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">{t('admin.unit.choose')}</option>
        {units.map((u) => (
          <option key={u.id} value={u.id} translate="no">
            {'\u00a0\u00a0'.repeat(u.depth)}{u.name} · {enumLabel(t, 'admin.orgKind', u.kind)}{u.status === 'ACTIVE' ? '' : ` · ${enumLabel(t, 'admin.orgStatus', u.status)}`}{/^org-k[0-9a-f]{16,}$/.test(u.id) ? '' : ` (${u.id})`}
          </option>
        ))}
      </select>
    </Field>
  );
}
