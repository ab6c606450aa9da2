import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { graphql } from '../../gql';
import type { CasePersonQuery, ConsentGivenBy, ConsentPurpose, ConsentStatus } from '../../gql/graphql';
import { ageToday, guardianHint, onlyDecider } from './consentAge';
import { useT } from '../../i18n';
import { useFormat } from '../../i18n/format';
import type { ConsentPreset } from './NextActions';
import { OwnerName } from './labels';
import { shownConsent } from './shownConsent';

const RecordGuardianView = graphql(`
  mutation CaseRecordGuardianView($personId: ID!, $purpose: ConsentPurpose!, $agreed: Boolean!, $guardianName: String) {
    recordGuardianAgreement(personId: $personId, purpose: $purpose, agreed: $agreed, guardianName: $guardianName) { id }
  }
`);

/** The age of majority (PRC Civil Code art. 17): from 18 nobody notes a guardian's view (docs/consent.md "The guardian's view"). */
const AGE_OF_MAJORITY = 18;

const RecordConsent = graphql(`
  mutation CaseRecordConsent($personId: ID!, $purpose: ConsentPurpose!, $decision: ConsentStatus!, $givenBy: ConsentGivenBy) {
    recordConsent(personId: $personId, purpose: $purpose, decision: $decision, givenBy: $givenBy) { id }
  }
`);

export type CasePerson = NonNullable<CasePersonQuery['person']>;
const PURPOSES: ConsentPurpose[] = ['SERVICES', 'PROFESSIONAL_INTERVENTION', 'INFORMATION_SHARING', 'FAMILY_CONTACT'];

// docs/consent.md (ConsentStateMachine): PENDING → GRANTED | REFUSED, REFUSED → GRANTED, GRANTED → WITHDRAWN,
// WITHDRAWN → GRANTED. Only the decisions possible from the current status are offered.
function decisionsFrom(status: string): ConsentStatus[] {
  switch (status) {
    case 'GRANTED': return ['WITHDRAWN'];
    case 'REFUSED': case 'WITHDRAWN': return ['GRANTED'];
    default: return ['GRANTED', 'REFUSED'];
  }
}

// docs/consent.md "Who decides": below the tenant's age of consent, or with no birth data, a guardian decides; a birth
// year alone counts from 31 December. Counted here on the browser's date only to preset the form: the service decides.
function guardianByAge(p: CasePerson, ageOfConsent: number): boolean {
  const age = ageToday(p);
  return age === null || age < ageOfConsent;
}

/** Consent by purpose and the form to record a decision. */
export function ConsentSection({ person, ageOfConsent, preset, onRecorded, readOnly = false }: {
  person: CasePerson; ageOfConsent: number; preset: ConsentPreset | null; onRecorded: () => void; readOnly?: boolean;
}) {
  const t = useT();
  const f = useFormat();
  const byPurpose = new Map(person.consents.map((c) => [c.purpose as string, c]));
  const guardians = person.contacts.filter((c) => c.kind === 'GUARDIAN').map((c) => c.name);
  const [purpose, setPurpose] = useState<ConsentPurpose>('PROFESSIONAL_INTERVENTION');
  // What the decision counts for today: a guardian's grant stops counting on the minor's coming of age (docs/consent.md).
  const status = byPurpose.get(purpose)?.effectiveStatus ?? 'PENDING';
  // No decision is preselected (new-user trial: after a grant the list held only 已撤回, preselected, so a second tap on
  // 记录决定 withdrew the consent just given); a refusal's preset chooses GRANTED on purpose.
  const [decision, setDecision] = useState<ConsentStatus | ''>('');
  const only = onlyDecider(person, ageOfConsent);
  const [givenBy, setGivenBy] = useState<ConsentGivenBy>(only ?? (guardianByAge(person, ageOfConsent) ? 'GUARDIAN' : 'SELF'));
  const [saved, setSaved] = useState(false);
  const [missing, setMissing] = useState(false);
  const age = ageToday(person);
  const hint = guardianHint(person, ageOfConsent, guardians.length);
  const record = useMutation(RecordConsent);
  const purposeRef = useRef<HTMLSelectElement>(null);
  const options = decisionsFrom(status);

  useEffect(() => {
    if (!preset) return;
    setPurpose(preset.purpose as ConsentPurpose);
    setDecision('GRANTED');
    if (preset.guardian && only !== 'SELF') setGivenBy('GUARDIAN');
    purposeRef.current?.scrollIntoView({ block: 'center' });
    purposeRef.current?.focus();
  }, [preset]);

  useEffect(() => {
    if (only && givenBy !== only) setGivenBy(only); // a birth date edited since: the rule's side changed
  }, [only]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (decision && !options.includes(decision)) setDecision('');
  }, [purpose, status]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    if (!decision) {
      setMissing(true);
      return;
    }
    const ok = await record.run({ personId: person.id, purpose, decision, givenBy }).catch(() => null);
    if (ok) {
      setSaved(true);
      setDecision('');
      onRecorded();
    }
  };

  return (
    <section className="case-section card" aria-labelledby="consent-title" id="consent">
      <h2 id="consent-title">{t('cases.consent.title')}</h2>
      <DataTable
        caption={t('cases.consent.caption')}
        rows={PURPOSES}
        rowKey={(p) => p}
        empty=""
        columns={[
          { key: 'purpose', header: t('cases.consent.col.purpose'), cell: (p) => t(`cases.purpose.${p}`) },
          { key: 'status', header: t('cases.consent.col.status'), cell: (p) => {
            const c = byPurpose.get(p);
            if (!c) return t('cases.consent.notRecorded');
            const shown = shownConsent(c);
            const badge = <span className={`badge consent-${shown.status.toLowerCase()}`}>{t(`cases.consentStatus.${shown.status}`)}</span>;
            return shown.lapsed ? <span>{badge} <span className="hint">{t('cases.consent.lapsed')}</span></span> : badge;
          } },
          { key: 'by', header: t('cases.consent.col.givenBy'), cell: (p) => { const c = byPurpose.get(p); return c ? t(`cases.givenBy.${c.givenBy}`) : ''; } },
          { key: 'at', header: t('cases.consent.col.recorded'), cell: (p) => { const c = byPurpose.get(p); return c ? <span>{f.dateTime(c.recordedAt)} · <OwnerName id={c.recordedBy} /></span> : ''; } },
          { key: 'guardian', header: t('cases.consent.col.guardianView'), cell: (p) => {
            const g = byPurpose.get(p)?.guardianAgreement;
            // whose view, and who noted it when (round-25 trial: a bare 不同意 under the pupil's 同意 read as the pupil's)
            return g ? <span data-testid={`guardian-view-${p}`}>{t(g.agreed ? 'cases.guardianView.cellAgreed' : 'cases.guardianView.cellDisagreed')} · <span translate="no">{g.guardianName}</span> · {f.dateTime(g.recordedAt)} · <OwnerName id={g.recordedBy} /></span> : '';
          } },
        ]}
      />
      {readOnly ? null : <>
      <h3>{t('cases.consent.record')}</h3>
      {hint === 'guardians' ? <p className="hint">{t('cases.consent.guardians')} <span translate="no">{guardians.join('、')}</span></p>
        : hint === 'noGuardian' ? <p className="hint" data-testid="consent-no-guardian">{t('cases.consent.noGuardian')} <a href="#contacts">{t('cases.consent.addGuardian')}</a></p>
        : null}
      <form onSubmit={submit}>
        <div className="grid">
          <div className="field">
            <label htmlFor="consent-purpose">{t('cases.consent.purpose')}</label>
            <select id="consent-purpose" ref={purposeRef} value={purpose} onChange={(e) => { setPurpose(e.target.value as ConsentPurpose); setSaved(false); }}>
              {PURPOSES.map((p) => <option key={p} value={p}>{t(`cases.purpose.${p}`)}</option>)}
            </select>
          </div>
          <Field label={t('cases.consent.decision')} error={missing && !decision ? t('cases.form.required') : undefined}>
            <select value={decision} onChange={(e) => { setDecision(e.target.value as ConsentStatus | ''); setMissing(false); }}>
              <option value="">{t('cases.consent.chooseDecision')}</option>
              {options.map((d) => <option key={d} value={d}>{t(`cases.consentStatus.${d}`)}</option>)}
            </select>
          </Field>
        </div>
        <fieldset className="risk-choice">
          <legend>{t('cases.consent.givenBy')}</legend>
          <p className="hint">{t('cases.consent.givenByHint', { age: ageOfConsent })}</p>
          {/* the person's age beside the rule (new-user trial: a pupil who had just turned 14 — the teacher had to work it out) */}
          <p className="hint" data-testid="consent-age">{age === null
            ? t('cases.consent.ageUnknown')
            : t(age < ageOfConsent ? 'cases.consent.ageMinor' : 'cases.consent.ageOfAge', { age, ageOfConsent, born: person.dateOfBirth ?? String(person.birthYear ?? '') })}</p>
          {(['SELF', 'GUARDIAN'] as ConsentGivenBy[]).map((g) => (
            <label key={g}><input type="radio" name="givenBy" value={g} checked={givenBy === g} disabled={only !== null && only !== g} onChange={() => setGivenBy(g)} /> {t(`cases.givenBy.${g}`)}</label>
          ))}
        </fieldset>
        {record.error ? <ErrorNotice error={record.error} /> : null}
        {saved ? <Notice kind="ok">{t('cases.consent.saved')}</Notice> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={record.running}>{t('cases.consent.submit')}</button>
        </div>
      </form>
      {age !== null && age >= ageOfConsent && age < AGE_OF_MAJORITY
        ? <GuardianViewForm person={person} guardians={guardians} onRecorded={onRecorded} />
        : null}
      </>}
    </section>
  );
}

/**
 * The guardian's view beside a minor's own decision (docs/consent.md "The guardian's view"): shown for a person of the age of
 * consent and under 18, for the purposes they decided on themself. For the record only: it changes nothing the decision allows.
 */
function GuardianViewForm({ person, guardians, onRecorded }: { person: CasePerson; guardians: string[]; onRecorded: () => void }) {
  const t = useT();
  const own = PURPOSES.filter((p) => person.consents.some((c) => c.purpose === p && c.givenBy === 'SELF'));
  const [purpose, setPurpose] = useState<ConsentPurpose | ''>('');
  const [guardian, setGuardian] = useState('');
  const [agreed, setAgreed] = useState<'yes' | 'no' | ''>('');
  const [missing, setMissing] = useState(false);
  const [saved, setSaved] = useState(false);
  const note = useMutation(RecordGuardianView);
  const chosenPurpose = purpose || (own.length === 1 ? own[0] : '');
  const chosenGuardian = guardian || (guardians.length === 1 ? guardians[0] : '');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    if (!chosenPurpose || !agreed || !chosenGuardian) {
      setMissing(true);
      return;
    }
    const ok = await note.run({ personId: person.id, purpose: chosenPurpose, agreed: agreed === 'yes', guardianName: chosenGuardian }).catch(() => null);
    if (ok) {
      setSaved(true);
      setAgreed('');
      onRecorded();
    }
  };

  return (
    <form onSubmit={submit} data-testid="guardian-view-form" aria-labelledby="guardian-view-title">
      <h3 id="guardian-view-title">{t('cases.guardianView.title')}</h3>
      <p className="hint">{t('cases.guardianView.hint')}</p>
      {own.length === 0 ? <p className="hint">{t('cases.guardianView.decideFirst')}</p> : null}
      {guardians.length === 0 ? <p className="hint">{t('cases.consent.noGuardian')} <a href="#contacts">{t('cases.consent.addGuardian')}</a></p> : null}
      {own.length > 0 && guardians.length > 0 ? (
        <>
          <div className="grid">
            <Field label={t('cases.consent.purpose')} error={missing && !chosenPurpose ? t('cases.form.required') : undefined}>
              <select value={chosenPurpose} onChange={(e) => { setPurpose(e.target.value as ConsentPurpose | ''); setMissing(false); }}>
                <option value="">{t('cases.guardianView.choosePurpose')}</option>
                {own.map((p) => <option key={p} value={p}>{t(`cases.purpose.${p}`)}</option>)}
              </select>
            </Field>
            <Field label={t('cases.guardianView.guardian')} error={missing && !chosenGuardian ? t('cases.form.required') : undefined}>
              <select value={chosenGuardian} onChange={(e) => { setGuardian(e.target.value); setMissing(false); }}>
                <option value="">{t('cases.guardianView.chooseGuardian')}</option>
                {guardians.map((g) => <option key={g} value={g} translate="no">{g}</option>)}
              </select>
            </Field>
          </div>
          <fieldset className="risk-choice">
            <legend>{t('cases.guardianView.legend')}</legend>
            {missing && !agreed ? <p className="field-error" role="alert">{t('cases.form.required')}</p> : null}
            <label><input type="radio" name="guardian-agreed" value="yes" checked={agreed === 'yes'} onChange={() => { setAgreed('yes'); setMissing(false); }} /> {t('cases.guardianView.agreed')}</label>
            <label><input type="radio" name="guardian-agreed" value="no" checked={agreed === 'no'} onChange={() => { setAgreed('no'); setMissing(false); }} /> {t('cases.guardianView.disagreed')}</label>
          </fieldset>
          {note.error ? <ErrorNotice error={note.error} /> : null}
          {saved ? <Notice kind="ok">{t('cases.guardianView.saved')}</Notice> : null}
          <div className="actions">
            <button type="submit" disabled={note.running}>{t('cases.guardianView.submit')}</button>
          </div>
        </>
      ) : null}
    </form>
  );
}
