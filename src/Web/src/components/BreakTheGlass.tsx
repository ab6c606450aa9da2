import { useState, type FormEvent } from 'react';
import type { ApiError } from '../api/client';
import { useMutation } from '../api/hooks';
import { graphql } from '../gql';
import { useT } from '../i18n';
import { useFormat } from '../i18n/format';
import { Dialog } from './Dialog';
import { ErrorNotice } from './ErrorNotice';
import { Field } from './Field';
import { Notice } from './Notice';
import { isWrittenReason } from './writtenReason';

const BreakTheGlassMutation = graphql(`
  mutation BreakTheGlass($entity: GrantEntity!, $id: ID!, $reason: String!) {
    breakTheGlass(entity: $entity, id: $id, reason: $reason) { until }
  }
`);

/** True when the API refused for need-to-know on a case or person (extensions.rule = need-to-know), docs/access.md. */
export function isNeedToKnowRefusal(error: ApiError | undefined): boolean {
  const ext = error?.extensions ?? {};
  return error?.code === 'FORBIDDEN' && ext.rule === 'need-to-know' && (ext.entity === 'Case' || ext.entity === 'Person') && typeof ext.id === 'string';
}

/**
 * Shows a refusal. A need-to-know FORBIDDEN on a case or person offers break-the-glass: a dialog asks for the reason
 * (10–1000 characters), calls `breakTheGlass`, and `onGranted` reloads the page's query. Any other refusal shows as
 * {@link ErrorNotice}. The refused data is never shown.
 */
export function RefusalNotice({ error, onGranted, onRetry }: { error: ApiError; onGranted: () => void; onRetry?: () => void }) {
  const t = useT();
  const f = useFormat();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const [granted, setGranted] = useState<string>();
  const grant = useMutation(BreakTheGlassMutation);
  if (!isNeedToKnowRefusal(error)) return <ErrorNotice error={error} onRetry={onRetry} />;
  const ext = error.extensions;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!isWrittenReason(reason)) {
      setTooShort(true);
      return;
    }
    const answer = await grant.run({ entity: ext.entity === 'Case' ? 'CASE' : 'PERSON', id: String(ext.id), reason: reason.trim() }).catch(() => null);
    if (answer) {
      setGranted(answer.breakTheGlass.until);
      setOpen(false);
      onGranted();
    }
  };
  return (
    <>
      <Notice kind="warn">
        <p>{t('btg.explain')}</p>
        <button type="button" onClick={() => setOpen(true)}>{t('btg.open')}</button>
      </Notice>
      {granted ? <Notice kind="ok">{t('btg.granted', { until: f.dateTime(granted) })}</Notice> : null}
      <Dialog open={open} title={t('btg.title')} onClose={() => setOpen(false)}>
        <form onSubmit={submit}>
          <p>{t('btg.explain')}</p>
          <Field label={t('btg.reason')} hint={t('btg.reasonHint')} error={tooShort ? t('btg.reasonTooShort') : undefined} required>
            <textarea rows={4} maxLength={1000} value={reason} onChange={(e) => { setReason(e.target.value); setTooShort(false); }} />
          </Field>
          {grant.error ? <ErrorNotice error={grant.error} /> : null}
          <div className="actions">
            <button type="submit" className="primary" disabled={grant.running}>{t('btg.submit')}</button>
            <button type="button" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
