import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { useMemo } from 'react';
import { endpointFor } from '../../api/client';
import { useSession } from '../../auth/session';
import { useT } from '../../i18n';

// GraphiQL's tabs and history (query text and variables can name people) live in this tab's sessionStorage under
// this prefix, apart from the console's keys; signing out removes them (auth/session.ts).
const namespace = 'caregrid.graphiql:';
const ownKeys = () => Object.keys(sessionStorage).filter((k) => k.startsWith(namespace));
const storage: Storage = {
  get length() { return ownKeys().length; },
  clear: () => ownKeys().forEach((k) => sessionStorage.removeItem(k)),
  key: (i: number) => ownKeys()[i]?.slice(namespace.length) ?? null,
  getItem: (k: string) => sessionStorage.getItem(namespace + k),
  setItem: (k: string, v: string) => sessionStorage.setItem(namespace + k, v),
  removeItem: (k: string) => sessionStorage.removeItem(namespace + k),
};

// The first tab's query: who the token says you are, and your tenant.
const defaultQuery = '# CareGrid: docs/api.md\n{\n  me { subject tenantId roles }\n  tenant { id name timeZone }\n}\n';

/**
 * GraphiQL for integrators (bundled at build time, no CDN), sending the signed-in user's token to the same endpoint
 * the console uses: the tenant's `/t/{tenant}/graphql`, or `/graphql` for a platform admin. Its own chunk.
 */
export default function GraphiQLPage() {
  const t = useT();
  const session = useSession();
  const url = endpointFor();
  const fetcher = useMemo(
    () => createGraphiQLFetcher({ url, headers: session ? { authorization: `Bearer ${session.token}` } : {} }),
    [url, session],
  );
  return (
    <section className="graphiql-page" aria-labelledby="page-title">
      <h1 id="page-title">{t('graphiql.title')}</h1>
      <p>{t('graphiql.intro')} <code>{url}</code></p>
      <div className="graphiql-host" translate="no">
        <GraphiQL fetcher={fetcher} storage={storage} defaultQuery={defaultQuery} />
      </div>
    </section>
  );
}
