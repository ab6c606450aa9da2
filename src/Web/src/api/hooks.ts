import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, gql, type CallOptions, type Document } from './client';

function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError('UNKNOWN', e instanceof Error ? e.message : String(e), [], null, 0);
}

/** Runs a query when mounted and whenever `variables` change (compared as JSON); `reload()` runs it again. */
export function useQuery<TData, TVars>(doc: Document<TData, TVars>, variables?: TVars, options?: CallOptions & { skip?: boolean }) {
  const [data, setData] = useState<TData | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(!options?.skip);
  const [tick, setTick] = useState(0);
  const vars = JSON.stringify(variables ?? {});
  const skip = options?.skip ?? false;
  const platform = options?.platform ?? false;
  const docRef = useRef(doc);
  docRef.current = doc;

  useEffect(() => {
    if (skip) {
      setLoading(false);
      return;
    }
    let live = true;
    setLoading(true);
    gql(docRef.current, JSON.parse(vars) as TVars, { platform })
      .then((d) => { if (live) { setData(d); setError(undefined); } })
      .catch((e) => { if (live) { setData(undefined); setError(asApiError(e)); } })
      .finally(() => { if (live) setLoading(false); });
    return () => { live = false; };
  }, [vars, skip, platform, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

/** A mutation: `run(variables)` sends it, keeps the last error, and rethrows it to the caller. */
export function useMutation<TData, TVars>(doc: Document<TData, TVars>, options?: CallOptions) {
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [running, setRunning] = useState(false);
  const platform = options?.platform ?? false;
  const run = useCallback(async (variables: TVars): Promise<TData> => {
    setRunning(true);
    setError(undefined);
    try {
      return await gql(doc, variables, { platform });
    } catch (e) {
      const err = asApiError(e);
      setError(err);
      throw err;
    } finally {
      setRunning(false);
    }
  }, [doc, platform]);
  return { run, error, running, reset: () => setError(undefined) };
}

/** One page of a GraphQL connection, as the API's paged fields return it. */
export interface Connection<TNode> {
  nodes: readonly TNode[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * A connection read page by page ("Load more"). The first page loads when mounted, when `variables` change (compared as
 * JSON) and on `reload()`; `more()` appends the next page after the last cursor. A reply that arrives after newer
 * variables or a reload is dropped, so a slow old page never lands in a new list. On an error nothing of the list is
 * kept: a refusal shows no older page. `data` is the latest page's whole answer (totals, as-of times).
 */
export function usePagedQuery<TData, TVars extends { after?: string | null }, TNode>(
  doc: Document<TData, TVars>,
  variables: Omit<TVars, 'after'>,
  select: (data: TData) => Connection<TNode>,
  options?: CallOptions,
) {
  const [state, setState] = useState<{ data?: TData; items: TNode[]; error?: ApiError }>({ items: [] });
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const generation = useRef(0);
  const vars = JSON.stringify(variables);
  const platform = options?.platform ?? false;
  const docRef = useRef(doc);
  docRef.current = doc;
  const selectRef = useRef(select);
  selectRef.current = select;

  const fetchPage = useCallback(async (after: string | null) => {
    const mine = after === null ? ++generation.current : generation.current;
    setLoading(true);
    try {
      const data = await gql(docRef.current, { ...JSON.parse(vars), after } as TVars, { platform });
      if (mine !== generation.current) return;
      const page = selectRef.current(data);
      setState((old) => ({ data, items: after ? [...old.items, ...page.nodes] : [...page.nodes] }));
    } catch (e) {
      if (mine !== generation.current) return;
      setState({ items: [], error: asApiError(e) });
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [vars, platform]);

  useEffect(() => { void fetchPage(null); }, [fetchPage, tick]);

  const pageInfo = state.data ? selectRef.current(state.data).pageInfo : undefined;
  const hasMore = !state.error && !!pageInfo?.hasNextPage;
  const more = useCallback(() => {
    if (pageInfo?.endCursor) void fetchPage(pageInfo.endCursor);
  }, [fetchPage, pageInfo?.endCursor]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.error ? undefined : state.data, items: state.items, error: state.error, loading, hasMore, more, reload };
}
