import { Field } from '../../components/Field';
import { useQuery } from '../../api/hooks';
import { graphql } from '../../gql';
import { useT } from '../../i18n';

const UnitsQuery = graphql(`
  query SupervisionUnits { organizations(tree: true) { id name depth } }
`);

/**
 * The unit a supervision figure is limited to (`organizationId`), or the whole tenant (''), and whether the units below
 * it count too (`includeSubtree`). Units are listed as a tree (indented by depth); a Coordinator who picks a unit outside
 * its scope gets the API's FORBIDDEN, shown by the page.
 */
export function UnitPicker({ units, unit, subtree, onUnit, onSubtree }: {
  units: Unit[]; unit: string; subtree: boolean; onUnit: (id: string) => void; onSubtree: (on: boolean) => void;
}) {
  const t = useT();
  return (
    <>
      <Field label={t('supervision.unit')} hint={t('supervision.unitHint')}>
        <select value={unit} onChange={(e) => onUnit(e.target.value)} data-testid="supervision-unit">
          <option value="">{t('supervision.wholeTenant')}</option>
          {units.map((o) => (
            <option key={o.id} value={o.id} translate="no">{`${'\u00a0\u00a0'.repeat(o.depth)}${o.name}`}</option>
          ))}
        </select>
      </Field>
      <label className="check">
        <input type="checkbox" checked={subtree} disabled={!unit} onChange={(e) => onSubtree(e.target.checked)} />
        <span>{t('supervision.includeSubtree')}</span>
      </label>
    </>
  );
}

/** A unit of the tenant as the picker lists it. */
export type Unit = { id: string; name: string; depth: number };

/** The tenant's units in tree order (any tenant role may list them, docs/access.md); empty while loading or refused. */
export function useUnits(): Unit[] {
  const units = useQuery(UnitsQuery, {});
  return units.data?.organizations ?? [];
}
