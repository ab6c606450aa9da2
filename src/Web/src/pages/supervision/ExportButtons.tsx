import { useState } from 'react';
import { ApiError, type GraphQLErrorLike } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Notice } from '../../components/Notice';
import { useLang, useT } from '../../i18n';
import { useRichT } from './richText';

/** The exports of docs/statistics.md "Exports" that these pages offer: each mirrors one root query field. */
export type ExportName = 'statistics' | 'overdue-board';

/** The file name a download is saved under: the `filename*` of Content-Disposition (RFC 6266/8187), else `filename`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // a malformed encoding: fall back to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : fallback;
}

/** The refusal of an export route: its JSON `{ errors: [{ message, extensions: { code } }] }` as an {@link ApiError}. */
async function refusalOf(response: Response): Promise<ApiError> {
  let errors: GraphQLErrorLike[] = [];
  try {
    const body = (await response.json()) as { errors?: GraphQLErrorLike[] };
    errors = body.errors ?? [];
  } catch {
    // not JSON: keep the status only
  }
  const code = String(errors[0]?.extensions?.code ?? (response.status === 401 ? 'UNAUTHENTICATED' : response.status >= 500 ? 'UNAVAILABLE' : 'UNKNOWN'));
  return new ApiError(code, errors[0]?.message ?? `HTTP ${response.status}`, errors, null, response.status);
}

/**
 * "Download CSV" and "Download Excel (XLSX)" for one export (`GET /t/{tenant}/exports/{name}.{csv|xlsx}`), sent with
 * the session's bearer token (a plain link could not carry it) and saved under the name the service gives, in the UI
 * language. `params` mirror the field's arguments (undefined ones are left out); a refusal shows as the API's error.
 */
export function ExportButtons({ name, params }: { name: ExportName; params: Record<string, string | undefined> }) {
  const t = useT();
  const rt = useRichT();
  const { lang } = useLang();
  const session = useSession();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();

  const download = async (format: 'csv' | 'xlsx') => {
    if (!session?.tenant) return;
    setRunning(true);
    setError(undefined);
    setDone(undefined);
    const query = new URLSearchParams({ language: lang === 'zh' ? 'zh-CN' : 'en' });
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') query.set(k, v);
    try {
      const response = await fetch(`/t/${encodeURIComponent(session.tenant)}/exports/${name}.${format}?${query}`, {
        headers: { authorization: `Bearer ${session.token}` },
      });
      if (!response.ok) {
        setError(await refusalOf(response));
        return;
      }
      const blob = await response.blob();
      const file = fileNameOf(response.headers.get('content-disposition'), `${name}.${format}`);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = file;
      document.body.appendChild(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setDone(file);
    } catch (e) {
      setError(new ApiError('NETWORK', e instanceof Error ? e.message : String(e), [], null, 0));
    } finally {
      setRunning(false);
    }
  };

  return (
    <div className="export" role="group" aria-labelledby={`export-${name}`}>
      <p id={`export-${name}`} className="export-title"><strong>{t('supervision.export.title')}</strong> <span className="hint">{t('supervision.export.hint')}</span></p>
      <div className="actions">
        <button type="button" onClick={() => void download('csv')} disabled={running} data-testid={`export-${name}-csv`}>{t('supervision.export.csv')}</button>
        <button type="button" onClick={() => void download('xlsx')} disabled={running} data-testid={`export-${name}-xlsx`}>{t('supervision.export.xlsx')}</button>
      </div>
      {running ? <p className="loading" role="status">{t('supervision.export.running')}</p> : null}
      {done ? <Notice kind="ok"><p>{rt('supervision.export.done', { file: <span translate="no">{done}</span> })}</p></Notice> : null}
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}
