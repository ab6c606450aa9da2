import type { ApiError } from '../api/client';
import { hasString, useT } from '../i18n';
import { Notice } from './Notice';

/** The plain-words text of an API refusal: `error.<CODE>` in the UI language, then the service's own message. */
export function useErrorText() {
  const t = useT();
  return (error: ApiError) => (hasString(`error.${error.code}`) ? t(`error.${error.code}`) : t('error.UNKNOWN'));
}

/** Shows an API refusal in plain words, with the field it names and the service's message as detail. */
export function ErrorNotice({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const t = useT();
  const text = useErrorText();
  const field = error.extensions.field;
  return (
    <Notice kind="error">
      <p><strong>{text(error)}</strong>{typeof field === 'string' ? <> (<code>{field}</code>)</> : null}</p>
      {error.message && error.code !== 'NETWORK' ? (
        <details className="detail">
          <summary>{t('common.details')}</summary>
          <p lang="en">{t('error.detail', { message: error.message })}</p>
        </details>
      ) : null}
      {onRetry ? <button type="button" onClick={onRetry}>{t('common.retry')}</button> : null}
    </Notice>
  );
}
