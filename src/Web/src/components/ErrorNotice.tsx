import type { ApiError } from '../api/client';
import { hasString, useLang, useT } from '../i18n';
import { refusalText } from '../i18n/refusal';
import { Notice } from './Notice';

/** The plain-words text of an API refusal: `error.<CODE>` in the UI language, then the service's own message. */
export function useErrorText() {
  const t = useT();
  return (error: ApiError) => (hasString(`error.${error.code}`) ? t(`error.${error.code}`) : t('error.UNKNOWN'));
}

/**
 * Shows an API refusal in plain words: the code, the rule broken (from `extensions.rule`) and the field in words, with
 * the service's own message (in the UI language when it sent both) as detail (i18n/refusal.ts).
 */
export function ErrorNotice({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const r = refusalText(error, lang);
  return (
    <Notice kind="error">
      <p><strong>{r.headline}</strong></p>
      {r.explanation ? <p data-testid="refusal-explanation">{r.explanation}</p> : null}
      {r.field ? <p data-testid="refusal-field">{r.field}</p> : null}
      {error.message && error.code !== 'NETWORK' ? (
        <details className="detail">
          <summary>{t('common.details')}</summary>
          <p lang={r.messageLang}>{t('error.detail', { message: r.message })}</p>
        </details>
      ) : null}
      {onRetry ? <button type="button" onClick={onRetry}>{t('common.retry')}</button> : null}
    </Notice>
  );
}
