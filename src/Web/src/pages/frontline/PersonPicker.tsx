import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { ApiError, gql } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { ErrorNotice } from '../../components/ErrorNotice';
import { graphql } from '../../gql';
import { useKindT } from '../../i18n/tenantKind';

const PersonSearch = graphql(`
  query ReportPersonSearch($name: String!, $externalId: String!) {
    byName: people(filter: { name: $name, staff: false }, first: 8) { nodes { id displayName organizationId externalId } }
    byExternalId: people(filter: { externalId: $externalId, staff: false }, first: 3) { nodes { id displayName organizationId externalId } }
  }
`);

// The tenant's unit names, so a result reads "Wang Fang · 初二（1）班" rather than a unit id.
const UnitNames = graphql(`
  query ReportUnitNames { organizations { id name } }
`);

export type PickedPerson = { id: string; displayName: string; organizationId?: string | null; externalId?: string | null };

/**
 * Person search as you type (docs/search.md): a name prefix (张 finds 张伟) or the exact roster number (externalId),
 * both in one request, debounced. Results are buttons; Enter in the search box picks the only result.
 */
export function PersonPicker({ value, onChange, error }: { value: PickedPerson | null; onChange: (p: PickedPerson | null) => void; error?: string }) {
  const t = useKindT();
  const id = useId();
  const units = useQuery(UnitNames, {});
  const unitName = (id: string) => units.data?.organizations.find((o) => o.id === id)?.name ?? id;
  const [text, setText] = useState('');
  const [results, setResults] = useState<PickedPerson[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [failure, setFailure] = useState<ApiError>();
  const latest = useRef(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const q = text.trim();
    if (q.length === 0 || q.length > 64) {
      setResults(null);
      setSearching(false);
      return;
    }
    const n = ++latest.current;
    setSearching(true);
    const timer = window.setTimeout(() => {
      gql(PersonSearch, { name: q, externalId: q })
        .then((d) => {
          if (n !== latest.current) return;
          const seen = new Set<string>();
          const merged: PickedPerson[] = [];
          for (const p of [...d.byExternalId.nodes, ...d.byName.nodes]) {
            if (!seen.has(p.id)) { seen.add(p.id); merged.push(p); }
          }
          setResults(merged);
          setFailure(undefined);
        })
        .catch((e) => { if (n === latest.current) { setResults(null); setFailure(e instanceof ApiError ? e : undefined); } })
        .finally(() => { if (n === latest.current) setSearching(false); });
    }, 250);
    return () => window.clearTimeout(timer);
  }, [text]);

  if (value) {
    return (
      <div className="field picked-person">
        <span className="label-like">{t('frontline.person')}</span>
        <p>
          <strong data-testid="picked-person">{value.displayName}</strong>{' '}
          {value.organizationId ? <span translate="no">{unitName(value.organizationId)}</span> : null}{' '}
          {value.externalId ? <>{t('frontline.rosterNumber')} <span translate="no">{value.externalId}</span>{' '}</> : null}
          <button type="button" onClick={() => { onChange(null); setTimeout(() => input.current?.focus(), 0); }}>{t('frontline.changePerson')}</button>
        </p>
      </div>
    );
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      if (results && results.length === 1) onChange(results[0]);
    }
  };

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{t('frontline.searchPerson')}<span aria-hidden="true"> *</span></label>
      <input
        ref={input}
        id={id}
        type="search"
        autoComplete="off"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby={[hintId, error ? errorId : ''].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
        aria-controls={results && results.length > 0 ? `${id}-results` : undefined}
      />
      <p id={hintId} className="hint">{t('frontline.searchHint')}</p>
      {error ? <p id={errorId} className="field-error">{error}</p> : null}
      <p className="sr-only" role="status">
        {searching ? t('frontline.searching') : results ? t('frontline.resultCount', { count: results.length }) : ''}
      </p>
      {failure ? <ErrorNotice error={failure} /> : null}
      {results && results.length === 0 && !searching ? <p className="empty">{t('frontline.noResults')}</p> : null}
      {results && results.length > 0 ? (
        <ul id={`${id}-results`} className="person-results" aria-label={t('frontline.results')}>
          {results.map((p) => (
            <li key={p.id}>
              <button type="button" onClick={() => onChange(p)} aria-label={t('frontline.choose', { name: p.displayName })}>
                <strong>{p.displayName}</strong>
                {p.organizationId ? <> · <span translate="no">{unitName(p.organizationId)}</span></> : null}
                {/* the school's own number (学号), not CareGrid's id (new-user trial 2026-12-04: `student-7103`, `ext-…`) */}
                {p.externalId ? <> · {t('frontline.rosterNumber')} <span translate="no">{p.externalId}</span></> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
