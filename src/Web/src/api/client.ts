import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { getSession, setSession } from '../auth/session';

/** One GraphQL error as the API sends it (docs/api.md): message, path and `extensions.code`. */
export type GraphQLErrorLike = { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> };

/**
 * A refused or failed request. `code` is the first error's stable `extensions.code` (e.g. FORBIDDEN, CONSENT_REQUIRED),
 * `NETWORK` when the service could not be reached, `UNKNOWN` when the answer had no code. `data` is whatever partial
 * data came with the errors — pages never show it (a field the API refused is never shown).
 */
export class ApiError extends Error {
  readonly code: string;
  readonly errors: GraphQLErrorLike[];
  readonly data: unknown;
  readonly status: number;

  constructor(code: string, message: string, errors: GraphQLErrorLike[], data: unknown, status: number) {
    super(message);
    this.code = code;
    this.errors = errors;
    this.data = data;
    this.status = status;
  }

  /** The `extensions` of the first error (e.g. `field`, `rule`, `purpose`). */
  get extensions(): Record<string, unknown> {
    return this.errors[0]?.extensions ?? {};
  }
}

export type Document<TData, TVars> = TypedDocumentNode<TData, TVars> | string;

/** Options of one call: `platform` sends it to `/graphql` (platform admin) instead of the tenant's endpoint. */
export type CallOptions = { platform?: boolean; token?: string | null; tenant?: string };

const printed = new WeakMap<object, string>();

function text(doc: Document<unknown, unknown>): string {
  if (typeof doc === 'string') return doc;
  let s = printed.get(doc);
  if (!s) {
    s = print(doc);
    printed.set(doc, s);
  }
  return s;
}

/** The endpoint of a call: the tenant's `/t/{tenant}/graphql`, or `/graphql` for the platform. */
export function endpointFor(options?: CallOptions): string {
  const tenant = options?.tenant ?? getSession()?.tenant;
  return options?.platform || !tenant ? '/graphql' : `/t/${encodeURIComponent(tenant)}/graphql`;
}

/** Sends one operation and returns its data, or throws {@link ApiError} when the answer carries any error. */
export async function gql<TData, TVars>(doc: Document<TData, TVars>, variables?: TVars, options?: CallOptions): Promise<TData> {
  const token = options?.token === undefined ? getSession()?.token : options.token;
  let response: Response;
  try {
    response = await fetch(endpointFor(options), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: text(doc as Document<unknown, unknown>), variables: variables ?? {} }),
    });
  } catch (e) {
    throw new ApiError('NETWORK', e instanceof Error ? e.message : String(e), [], null, 0);
  }
  let body: { data?: TData | null; errors?: GraphQLErrorLike[] } = {};
  try {
    body = await response.json();
  } catch {
    throw new ApiError(response.status >= 500 ? 'UNAVAILABLE' : 'UNKNOWN', `HTTP ${response.status}`, [], null, response.status);
  }
  const errors = body.errors ?? [];
  if (errors.length > 0 || body.data == null) {
    const code = String(errors[0]?.extensions?.code ?? (response.status === 401 ? 'UNAUTHENTICATED' : 'UNKNOWN'));
    if (code === 'UNAUTHENTICATED' && token && options?.token === undefined) setSession(null);
    throw new ApiError(code, errors[0]?.message ?? `HTTP ${response.status}`, errors, body.data ?? null, response.status);
  }
  return body.data;
}
