import { shortReference } from '../cases/reference';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery } from '../../api/hooks';
import { RefusalNotice } from '../../components/BreakTheGlass';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Loading, Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { graphql } from '../../gql';
import type { ScreeningInstrument } from '../../gql/graphql';
import { useT } from '../../i18n';
import { keepKeyAfter, newIdempotencyKey } from '../frontline/roles';
import { RefusalText } from '../cases/NextActions';
import '../cases/cases.css';
import { isWrittenReason } from '../../components/writtenReason';
import { cssrsAsked, effectOn, INSTRUMENTS, score, SHAPE, toAnswers, type Answers, type Instrument, type Risk } from './scoring';

const ScreeningCase = graphql(`
  query ScreeningCase($id: ID!) {
    case(id: $id) {
      id riskLevel riskGraded escalationLevel
      nextActions { action allowed code reason purpose requiredRoles taskId allowedWithConsentOverride rule requiredArguments }
    }
  }
`);

const RecordScreening = graphql(`
  mutation RecordScreening($id: ID!, $instrument: ScreeningInstrument!, $answers: [Int]!, $override: String, $key: String) {
    recordScreening(id: $id, instrument: $instrument, answers: $answers, consentOverrideReason: $override, idempotencyKey: $key) {
      id riskLevel escalationLevel
    }
  }
`);

function optionLabel(instrument: Instrument, v: number): string {
  if (instrument === 'CSSRS') return v === 1 ? 'screening.yes' : 'screening.no';
  if (instrument === 'K10') return `screening.k10.${v}`;
  return `screening.freq.${v}`;
}

/** A screening form that scores as it is answered and says what the score will do to the case's risk. */
export default function ScreeningPage() {
  const t = useT();
  const id = useParams().id ?? '';
  const q = useQuery(ScreeningCase, { id });
  const [instrument, setInstrument] = useState<Instrument>('PHQ9');
  const [answers, setAnswers] = useState<Answers>(() => Array(SHAPE.PHQ9.items).fill(null));
  const [override, setOverride] = useState('');
  const [tried, setTried] = useState(false);
  const [saved, setSaved] = useState<{ risk: string; level: number } | null>(null);
  const key = useRef(newIdempotencyKey('screening'));
  const record = useMutation(RecordScreening);

  const choose = (i: Instrument) => {
    setInstrument(i);
    setAnswers(Array(SHAPE[i].items).fill(null));
    setTried(false);
    setSaved(null);
    key.current = newIdempotencyKey('screening');
  };
  const answer = (i: number, v: number) => {
    if (answers[i] === v) return;
    setAnswers((a) => a.map((x, j) => (j === i ? v : x)));
    setSaved(null);
    // other answers are another screening; the same answers sent again keep the key, so a second tap records nothing twice
    // (round-26 trial: tapping 保存筛查 again saved a duplicate PHQ-9)
    key.current = newIdempotencyKey('screening');
  };

  if (q.error) return <Page title={t('screening.title')}><RefusalNotice error={q.error} onGranted={q.reload} onRetry={q.reload} /></Page>;
  if (!q.data) return <Page title={t('screening.title')}><Loading label={t('common.loading')} /></Page>;
  const c = q.data.case;
  if (!c) return <Page title={t('screening.title')}><Notice kind="error">{t('cases.page.notFound', { id })}</Notice></Page>;

  const gate = c.nextActions.find((a) => a.action === 'recordScreening');
  const allowed = !!gate?.allowed;
  const needsOverride = !allowed && !!gate?.allowedWithConsentOverride;
  const live = score(instrument, answers);
  const current = c.riskLevel as Risk;
  // nothing is suggested before the first answer (round-24 trial: 0 of 9 answered already read 风险为“低”)
  const effect = live.suggested && answers.some((a) => a !== null) ? effectOn(current, live.suggested) : null;
  const asked = instrument === 'CSSRS' ? cssrsAsked(answers) : answers.map(() => true);
  const answered = answers.filter((a, i) => asked[i] && a !== null).length;
  const askedCount = asked.filter(Boolean).length;
  const risk = (r: string) => t(`cases.risk.${r}`);
  // Not yet graded (reported as unsure) reads 未评估 / "Not yet graded", not its LOW placeholder; recording the screening grades it.
  const currentLabel = c.riskGraded ? risk(current) : t('cases.risk.UNGRADED');
  const max = instrument === 'PHQ9' ? 27 : instrument === 'GAD7' ? 21 : 50;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!live.complete || (needsOverride && !isWrittenReason(override))) return;
    const done = await record.run({
      id: c.id, instrument: instrument as ScreeningInstrument, answers: toAnswers(instrument, answers),
      override: needsOverride ? override.trim() : null, key: key.current,
    }).catch((err: { code?: string }) => {
      if (!keepKeyAfter(err?.code)) key.current = newIdempotencyKey('screening');
      return null;
    });
    if (done) {
      setSaved({ risk: done.recordScreening.riskLevel, level: done.recordScreening.escalationLevel });
      q.reload();
    }
  };

  return (
    <Page title={t('screening.titleFor', { id: shortReference(c.id) })} actions={<Link className="button" to={`/cases/${encodeURIComponent(c.id)}`}>{t('screening.backToCase')}</Link>}>
      {!allowed && gate && !needsOverride ? (
        <Notice kind="warn">
          <p><strong>{t('screening.notAllowed')}</strong></p>
          <RefusalText a={gate} consents={null} onRecordConsent={() => { window.location.assign(`/cases/${encodeURIComponent(c.id)}#consent`); }} />
        </Notice>
      ) : !gate ? <Notice kind="warn">{t('screening.notAllowed')}</Notice> : null}
      <form onSubmit={submit} noValidate>
        <Field label={t('screening.instrument')}>
          <select value={instrument} onChange={(e) => choose(e.target.value as Instrument)}>
            {INSTRUMENTS.map((i) => <option key={i} value={i}>{t(`screening.instrument.${i}`)}</option>)}
          </select>
        </Field>
        <p>{t(`screening.stem.${instrument}`)}</p>
        {instrument === 'K10' ? <p className="hint">{t('screening.k10.skipHint')}</p> : null}
        {answers.map((a, i) => (
          <fieldset key={`${instrument}-${i}`} className={`screen-item${asked[i] ? '' : ' skipped'}`} data-testid={`item-${i + 1}`}>
            <legend>{t('screening.item', { n: i + 1 })}: {t(`screening.${instrument}.${i + 1}`)}</legend>
            {asked[i] ? (
              <div className="options">
                {SHAPE[instrument].values.map((v) => (
                  <label key={v}>
                    <input type="radio" name={`${instrument}-${i}`} value={v} checked={a === v} onChange={() => answer(i, v)} />
                    {t(optionLabel(instrument, v))}{instrument === 'CSSRS' ? null : <> ({v})</>}
                  </label>
                ))}
              </div>
            ) : <p className="hint">{t('screening.cssrs.skipped')}</p>}
          </fieldset>
        ))}
        <div className="score-panel" data-testid="screening-score">
          <p className="sr-only" role="status">{live.total !== null ? t('screening.total', { total: live.total, max }) : ''} {live.suggested && answered > 0 ? t('screening.suggests', { risk: risk(live.suggested) }) : ''}</p>
          <p><strong>{t('screening.score')}</strong> · {t('screening.answered', { n: answered, count: askedCount })}</p>
          <p>
            {instrument === 'CSSRS' ? t('screening.noTotal')
              : live.total === null ? t('screening.k10.tooMany')
              : live.prorated ? t('screening.totalProrated', { total: live.total })
              : t('screening.total', { total: live.total, max })}
          </p>
          {answered === 0 ? <p className="hint" data-testid="screening-unanswered">{t('screening.unanswered')}</p> : null}
          {live.band && answered > 0 ? <p>{t('screening.band', { band: t(`screening.band.${live.band}`) })}</p> : null}
          {live.ideation ? <p><strong>{t(instrument === 'PHQ9' ? 'screening.ideation.PHQ9' : 'screening.ideation.CSSRS')}</strong></p> : null}
          {live.suggested && answered > 0 ? <p>{t('screening.suggests', { risk: risk(live.suggested) })}</p> : null}
          {effect ? (
            <p data-testid="screening-effect"><strong>{effect.effect === 'stays'
              ? t('screening.effect.stays', { risk: risk(current) })
              : t(`screening.effect.${effect.effect}`, { from: currentLabel, to: risk(effect.after) })}</strong></p>
          ) : null}
        </div>
        {/* What does not change while answering stays out of the sticky panel, which covered a quarter of a phone screen (round-26 trial). */}
        <p>{t('screening.current', { risk: currentLabel, level: c.escalationLevel })}</p>
        <p className="hint">{t('screening.noImminent')} {t('screening.serviceDecides')}</p>
        {needsOverride && gate ? (
          <>
            <RefusalText a={gate} consents={null} onRecordConsent={() => { window.location.assign(`/cases/${encodeURIComponent(c.id)}#consent`); }} />
            <Field label={t('screening.overrideReason')} hint={t('screening.overrideHint')} error={tried && !isWrittenReason(override) ? t('btg.reasonTooShort') : undefined} required>
              <textarea rows={3} maxLength={1000} value={override} onChange={(e) => setOverride(e.target.value)} />
            </Field>
          </>
        ) : null}
        {tried && !live.complete ? <Notice kind="error">{t('screening.incomplete', { n: Math.max(live.missing.length - (instrument === 'K10' ? 1 : 0), 1) })}</Notice> : null}
        {record.error ? <ErrorNotice error={record.error} /> : null}
        {saved ? <Notice kind="ok">{t('screening.saved', { risk: risk(saved.risk), level: saved.level })}</Notice> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={record.running || !!saved || (!allowed && !needsOverride)}>{record.running ? t('screening.saving') : t('screening.submit')}</button>
          {saved ? <Link className="button" to={`/cases/${encodeURIComponent(c.id)}`}>{t('screening.backToCase')}</Link> : null}
        </div>
      </form>
    </Page>
  );
}
