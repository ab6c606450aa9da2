import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { hasString, useLang, translate } from '.';
import { kindKey, type TenantKind } from './kindKey';

const KindContext = createContext<TenantKind | undefined>(undefined);

/** Provides the signed-in tenant's kind (from `tenant { kind }`) so wording can fit a school, a town or a district. */
export function TenantKindProvider({ kind, children }: { kind?: TenantKind; children: ReactNode }) {
  return <KindContext.Provider value={kind}>{children}</KindContext.Provider>;
}

/** The tenant's kind; undefined before it is known and outside a tenant. */
export function useTenantKind(): TenantKind | undefined {
  return useContext(KindContext);
}

/** Like `useT`, but a key with a variant for the tenant's kind (`key.school`, `key.town`, `key.district`) shows that. */
export function useKindT(): (key: string, params?: Record<string, string | number>) => string {
  const { lang } = useLang();
  const kind = useTenantKind();
  return useCallback((key: string, params?: Record<string, string | number>) => translate(lang, kindKey(key, kind, hasString), params), [lang, kind]);
}
