import { Link } from 'react-router-dom';
import type { CaseDetailQuery } from '../../gql/graphql';
import { hasString, useT } from '../../i18n';
import { useKindT } from '../../i18n/tenantKind';

export type NextAction = NonNullable<CaseDetailQuery['case']>['nextActions'][number];
export type ConsentPreset = { purpose: string; guardian: boolean; n: number };

/**
 * True when every next action is refused because only a break-the-glass grant opens the case and the caller's units do not
 * cover it (rule `break-the-glass-read-only`, docs/access.md): the case is there to read, and no form is offered.
 */
export function isReadOnly(actions: readonly NextAction[]): boolean {
  return actions.length > 0 && actions.every((a) => !a.allowed && a.rule === 'break-the-glass-read-only');
}

/** Actions shown in the tasks table rather than here (one per open task). */
const TASK_ACTIONS = new Set(['completeTask', 'cancelTask']);

/** Consent status the refusal found: the person's record when open to the caller, else the refusal's own words. */
export function consentStatusOf(a: NextAction, consents: Map<string, string> | null): string {
  if (a.purpose && consents?.has(a.purpose)) return consents.get(a.purpose)!;
  const m = /which is (PENDING|REFUSED|WITHDRAWN|GRANTED)/.exec(a.reason ?? '');
  return m ? m[1] : 'PENDING';
}

/**
 * docs/consent.md: for a person below the age of consent, or with no birth data, the refusal's fix names the guardian
 * (`recordConsent(…, givenBy: GUARDIAN)`), so the form is preset to a guardian's decision then.
 */
export function guardianDecides(a: NextAction): boolean {
  return /givenBy: GUARDIAN/.test(a.reason ?? '');
}

/** Why a refused action is refused, in plain words, and what makes it possible (docs/api.md "Next actions"). */
export function RefusalText({ a, consents, onRecordConsent }: { a: NextAction; consents: Map<string, string> | null; onRecordConsent: (p: ConsentPreset) => void }) {
  const t = useKindT();
  // joined as the UI language lists (、 in Chinese; round-31 trial: "心理教师 / 咨询师, 临床医生")
  const roles = (a.requiredRoles ?? []).filter((r): r is string => !!r).map((r) => (hasString(`role.${r}`) ? t(`role.${r}`) : r)).join(t('admin.listSeparator'));
  return (
    <>
      {a.code === 'CONSENT_REQUIRED' && a.purpose ? (
        <>
          <p>{t('cases.next.consent', { purpose: t(`cases.purpose.${a.purpose}`), status: t(`cases.consentStatus.${consentStatusOf(a, consents)}`) })}</p>
          <p>{t('cases.next.consentFix', { purpose: t(`cases.purpose.${a.purpose}`) })}</p>
          {guardianDecides(a) ? <p>{t('cases.next.consentFixGuardian')}</p> : null}
          {a.allowedWithConsentOverride ? <p>{t('cases.next.consentOverride')}</p> : null}
          <button type="button" onClick={() => onRecordConsent({ purpose: a.purpose!, guardian: guardianDecides(a), n: Date.now() })}>
            {t('cases.next.consentFixGo', { purpose: t(`cases.purpose.${a.purpose}`) })}
          </button>
        </>
      ) : a.code === 'FORBIDDEN' ? (
        <p>{roles ? t('cases.next.forbidden', { roles }) : t('error.FORBIDDEN')}</p>
      ) : a.code === 'REASSESSMENT_REQUIRED' ? (
        <p>{t(a.rule === 'crisis-unworked' ? 'cases.next.crisisUnworked' : a.rule === 'risk-ungraded' ? 'cases.next.ungraded' : 'cases.next.reassess')}</p>
      ) : (
        <p>{a.code && hasString(`error.${a.code}`) ? t(`error.${a.code}`) : t('cases.next.validation')}</p>
      )}
      {a.reason ? (
        <details className="detail">
          <summary>{t('cases.next.serverSays')}</summary>
          <p lang="en" className="server-text">{a.reason}</p>
        </details>
      ) : null}
    </>
  );
}

/** The allowed actions as buttons; the refused ones explained, each with its fix. */
export function NextActions({ caseId, actions, consents, onAct, onRecordConsent }: {
  caseId: string;
  actions: NextAction[];
  consents: Map<string, string> | null;
  onAct: (action: string, taskId: string | null, override: boolean) => void;
  onRecordConsent: (p: ConsentPreset) => void;
}) {
  const t = useT();
  const seen = new Set<string>();
  const allowed = actions.filter((a) => a.allowed && !TASK_ACTIONS.has(a.action) && !seen.has(a.action) && seen.add(a.action));
  const refused = actions.filter((a) => !a.allowed && !TASK_ACTIONS.has(a.action) && !seen.has(`x:${a.action}`) && seen.add(`x:${a.action}`));
  return (
    <section className="case-section card" aria-labelledby="next-title">
      <h2 id="next-title">{t('cases.next.title')}</h2>
      {allowed.length === 0 ? <p>{t('cases.next.none')}</p> : (
        <div className="next-actions">
          {allowed.map((a) => (a.action === 'recordScreening'
            ? <Link key={a.action} className="button primary" to={`/cases/${encodeURIComponent(caseId)}/screening`}>{t('cases.action.recordScreening')}</Link>
            : <button key={a.action} type="button" className="primary" onClick={() => onAct(a.action, null, false)}>{t(`cases.action.${a.action}`)}</button>))}
        </div>
      )}
      {actions.some((a) => TASK_ACTIONS.has(a.action)) ? <p className="hint">{t('cases.next.taskHint')}</p> : null}
      {refused.length > 0 ? (
        <>
          <h3>{t('cases.next.refused')}</h3>
          <p className="hint">{t('cases.next.refusedIntro')}</p>
          <ul className="refusals">
            {refused.map((a) => (
              <li key={a.action} data-testid={`refused-${a.action}`}>
                <p><strong>{t(`cases.action.${a.action}`)}</strong></p>
                <RefusalText a={a} consents={consents} onRecordConsent={onRecordConsent} />
                {a.allowedWithConsentOverride ? (
                  a.action === 'recordScreening'
                    ? <Link className="button" to={`/cases/${encodeURIComponent(caseId)}/screening`}>{t('cases.next.withOverride', { action: t('cases.action.recordScreening') })}</Link>
                    : <button type="button" onClick={() => onAct(a.action, null, true)}>{t('cases.next.withOverride', { action: t(`cases.action.${a.action}`) })}</button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
