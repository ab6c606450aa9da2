import { useT } from '../../i18n';
import { useSession } from '../../auth/session';
import { crisisStepKeys, type CaseOwner } from './crisisSteps';

// The numbers to dial (110 police, 120 ambulance, 12356 the national psychological assistance hotline); the words are in the strings files.
const CALLS = ['110', '120', '12356'] as const;

/**
 * What the person on the scene does now, for a report graded High or Imminent or one whose words suggest a crisis
 * (new-user trial: the receipt only said the protocol had started). Short, numbered, with tap-to-call buttons for a phone.
 * `owner`: who owns the case, when known (the last step tells its owner the case is theirs: crisisStepKeys).
 */
export function CrisisSteps({ headingLevel = 3, owner = 'unknown' }: { headingLevel?: 2 | 3; owner?: CaseOwner }) {
  const t = useT();
  const steps = crisisStepKeys(useSession()?.role, owner);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="crisis-steps notice notice-warn" aria-labelledby="crisis-steps-title" data-testid="crisis-steps">
      <Heading id="crisis-steps-title">{t('frontline.crisis.stepsTitle')}</Heading>
      <ol>
        {steps.map((s) => <li key={s}>{t(`frontline.crisis.step.${s}`)}</li>)}
      </ol>
      <div className="actions" role="group" aria-label={t('frontline.crisis.calls')}>
        {CALLS.map((n) => <a key={n} className="button" href={`tel:${n}`}>{t(`frontline.crisis.call${n}`)}</a>)}
      </div>
    </section>
  );
}
