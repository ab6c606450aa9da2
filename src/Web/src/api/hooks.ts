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
