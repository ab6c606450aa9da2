import { useState, type FormEvent } from 'react';
import { useMutation } from '../../api/hooks';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { graphql } from '../../gql';
import { hasString } from '../../i18n';
import { useKindT } from '../../i18n/tenantKind';

const ReassignWorkMutation = graphql(`
  mutation AdminReassignWork($fromPersonId: ID!, $toPersonId: ID!, $reason: String!, $idempotencyKey: String) {
    reassignWork(fromPersonId: $fromPersonId, toPersonId: $toPersonId, reason: $reason, idempotencyKey: $idempotencyKey) {
      cases { caseId } tasks { caseId taskId } notMoved { caseId } remainingCases remainingTasks complete
    }
  }
`);

/**
 * Moves a departing member's open cases and tasks to one receiver (`reassignWork`, docs/staff-changes.md), offered when
 * taking a role away was refused with MEMBER_HAS_OPEN_WORK. All or nothing per call: a receiver who cannot own a case at
 * its level or does not cover its unit is RECEIVER_NOT_ELIGIBLE and nothing moves. `onMoved` is told whether all work moved.
 */
export function ReassignWork({ fromPersonId, staff, onMoved }: {
  fromPersonId: string; staff: { id: string; displayName: string }[]; onMoved: (complete: boolean) => void;
}) {
  const t = useKindT();
  const move = useMutation(ReassignWorkMutation);
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [checked, setChecked] = useState(false);
  const [key, setKey] = useState(() => `console-reassign-${crypto.randomUUID()}`);
  const [result, setResult] = useState<{ cases: number; tasks: number; notMoved: number; complete: boolean }>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (!to || !reason.trim()) return;
    const answer = await move.run({ fromPersonId, toPersonId: to, reason: reason.trim(), idempotencyKey: key }).catch(() => null);
    if (!answer) return;
    const r = answer.reassignWork;
    setResult({ cases: r.cases.length, tasks: r.tasks.length, notMoved: r.notMoved.length, complete: r.complete });
    setKey(`console-reassign-${crypto.randomUUID()}`);
    onMoved(r.complete);
  };
  return (
    <form onSubmit={submit} className="reassign" aria-labelledby="reassign-title">
      <h3 id="reassign-title">{t('admin.reassign.title')}</h3>
      <Field label={t('admin.reassign.to')} hint={t('admin.reassign.toHint')} error={checked && !to ? t('admin.reassign.toMissing') : undefined} required>
        <select value={to} onChange={(e) => setTo(e.target.value)} data-testid="reassign-to">
          <option value="">{t('admin.reassign.choose')}</option>
          {staff.filter((p) => p.id !== fromPersonId).map((p) => <option key={p.id} value={p.id} translate="no">{p.displayName} ({p.id})</option>)}
        </select>
      </Field>
      <Field label={t('admin.reassign.reason')} hint={t('admin.reassign.reasonHint')} error={checked && !reason.trim() ? t('admin.reassign.reasonMissing') : undefined} required>
        <textarea rows={2} maxLength={4000} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="reassign-reason" />
      </Field>
      {move.error ? <ErrorNotice error={move.error} /> : null}
      {move.error?.code === 'RECEIVER_NOT_ELIGIBLE' ? (
        <Notice kind="warn">
          <p>{t('admin.reassign.notEligible')} <code>{String(move.error.extensions.caseId ?? '')}</code></p>
          {typeof move.error.extensions.requiredRoles === 'string' ? <p>{t('admin.reassign.needs')} {move.error.extensions.requiredRoles.split(',').map((r) => (hasString(`role.${r}`) ? t(`role.${r}`) : r)).join(t('admin.listSeparator'))}</p> : null}
        </Notice>
      ) : null}
      {result ? (
        <Notice kind={result.complete ? 'ok' : 'warn'}>
          <p data-testid="reassign-result">{t('admin.reassign.moved', { cases: result.cases, tasks: result.tasks })}</p>
          {result.notMoved > 0 ? <p>{t('admin.reassign.notMoved', { n: result.notMoved })}</p> : null}
          <p>{result.complete ? t('admin.reassign.complete') : t('admin.reassign.more')}</p>
        </Notice>
      ) : null}
      <div className="actions">
        <button type="submit" disabled={move.running} data-testid="reassign-submit">{t('admin.reassign.submit')}</button>
      </div>
    </form>
  );
}
