import { useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useMutation } from '../../api/hooks';
import { useSession } from '../../auth/session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { Dialog } from '../../components/Dialog';
import { graphql } from '../../gql';
import type { RiskLevel } from '../../gql/graphql';
import { useKindT } from '../../i18n/tenantKind';
import { useFormat } from '../../i18n/format';
import '../cases/cases.css';
import { PersonPicker, type PickedPerson } from './PersonPicker';
import { CaseRoles, keepKeyAfter, newIdempotencyKey, PeopleSearchRoles } from './roles';
import { CaseRef } from '../cases/reference';
import { belowHigh, CrisisWordsQuery, shouldAskCrisis } from './crisisWords';
import { gql } from '../../api/client';
import { CrisisSteps } from './CrisisSteps';
import { ownerOf, receiptHighRiskKey, type CaseOwner } from './crisisSteps';

// Only the receipt's own fields: a report-only caller (Reporter) or a reporter whose concern joined a case they may
// not open gets a receipt, and asking for any other field would be refused (docs/access.md "Receipts for reporters").
const ReportConcern = graphql(`
  mutation ReportConcern($input: ReportConcernInput!) {
    reportConcern(input: $input) { id reportOutcome reportedAt }
  }
`);

// A high-risk receipt for case staff asks who owns the case (a level-3 reporter of her own unit is its owner, R-1.10);
// separate from the report, so a case the reporter may not read cannot make the report itself fail.
const ReceiptOwner = graphql(`
  query ReceiptOwner($id: ID!) {
    case(id: $id) { id assigneeId }
  }
`);

type Receipt = { id: string; outcome?: string | null; reportedAt: string; highRisk: boolean; risk?: string; owner: CaseOwner };
const RISKS: RiskLevel[] = ['LOW', 'MODERATE', 'HIGH', 'IMMINENT'];

/** Report a concern in under a minute: who (search or id), what was seen, the risk if known → a receipt with the reference. */
export default function ReportConcernPage() {
  const t = useKindT();
  const f = useFormat();
  const session = useSession();
  const canSearch = !!session && PeopleSearchRoles.includes(session.role);
  const canOpenCase = !!session && CaseRoles.includes(session.role);
  // Opened from the people list (人员名单) with the person already chosen (router state, never the address bar).
  const chosen = (useLocation().state as { person?: PickedPerson } | null)?.person ?? null;
  const [person, setPerson] = useState<PickedPerson | null>(chosen);
  const [personId, setPersonId] = useState('');
  const [summary, setSummary] = useState('');
  const [risk, setRisk] = useState<RiskLevel | ''>('');
  const [errors, setErrors] = useState<{ person?: string; summary?: string }>({});
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const key = useRef(newIdempotencyKey('report'));
  const report = useMutation(ReportConcern);
  const receiptRef = useRef<HTMLDivElement>(null);
  const summaryRef = useRef<HTMLTextAreaElement>(null);
  // Words of the summary that suggest self-harm or suicide while the risk is below High: the form asks once (new-user trial).
  const [crisisWords, setCrisisWords] = useState<string[] | null>(null);
  const crisisAsked = useRef(false);
  const [checking, setChecking] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const who = canSearch ? person?.id : personId.trim();
    const next = {
      person: who ? undefined : t('frontline.personRequired'),
      summary: summary.trim() ? undefined : t('frontline.summaryRequired'),
    };
    setErrors(next);
    if (next.person || next.summary || !who) return;
    if (!crisisAsked.current && belowHigh(risk)) {
      crisisAsked.current = true;
      // The service's list, which flags the same report when it is sent; if the check fails, the report goes out and is flagged there.
      setChecking(true);
      const found = await gql(CrisisWordsQuery, { text: summary.trim() }).then((d) => d.crisisWords, () => [] as string[]);
      setChecking(false);
      if (shouldAskCrisis(risk, found)) {
        setCrisisWords(found);
        return;
      }
    }
    await send(risk);
  };

  /** Sends the report at `chosen` (the form's risk, or the one chosen in the crisis prompt). */
  const send = async (chosen: RiskLevel | '') => {
    const who = canSearch ? person?.id : personId.trim();
    if (!who) return;
    const answer = await report.run({
      input: { personId: who, summary: summary.trim(), riskLevel: chosen || null, idempotencyKey: key.current },
    }).catch((err: { code?: string }) => {
      if (!keepKeyAfter(err?.code)) key.current = newIdempotencyKey('report');
      return null;
    });
    if (!answer) return;
    setReceipt({
      id: answer.reportConcern.id,
      outcome: answer.reportConcern.reportOutcome,
      // A concern that joined the person's open case is answered with that case, whose reportedAt is its first report's:
      // the receipt says when this one was received (round-29 new-user trial: 19:40 shown for a report made at 19:47).
      reportedAt: answer.reportConcern.reportOutcome === 'JOINED_OPEN_CASE' ? new Date().toISOString() : answer.reportConcern.reportedAt,
      highRisk: chosen === 'HIGH' || chosen === 'IMMINENT',
      risk: chosen,
      owner: 'unknown',
    });
    setTimeout(() => receiptRef.current?.focus(), 0);
    const id = answer.reportConcern.id;
    const outcome = answer.reportConcern.reportOutcome;
    if ((chosen === 'HIGH' || chosen === 'IMMINENT') && canOpenCase && (outcome === 'OPENED_NEW_CASE' || outcome === 'JOINED_OPEN_CASE')) {
      const owner = await gql(ReceiptOwner, { id }).then((d) => ownerOf(d.case?.assigneeId, session?.sub), () => 'unknown' as const);
      setReceipt((r) => (r && r.id === id ? { ...r, owner } : r));
    }
  };

  const riskName = risk ? t(`frontline.risk.${risk}`) : t('frontline.risk.unknown');
  /** The crisis prompt's answer: the risk it chose (or the form's, "send as it is"), kept on the form and sent. */
  const grade = (chosen: RiskLevel | '') => {
    setCrisisWords(null);
    setRisk(chosen);
    void send(chosen);
  };

  const again = () => {
    setReceipt(null);
    setPerson(null);
    setPersonId('');
    setSummary('');
    setRisk('');
    setErrors({});
    setCrisisWords(null);
    crisisAsked.current = false;
    report.reset();
    key.current = newIdempotencyKey('report');
  };

  if (receipt) {
    return (
      <Page title={t('frontline.report.title')}>
        <div className="card receipt" tabIndex={-1} ref={receiptRef} data-testid="report-receipt">
          <Notice kind="ok">
            <h2>{t('frontline.receipt.title')}</h2>
            <p>{t('frontline.receipt.reference')} <strong data-testid="receipt-reference" data-id={receipt.id}><CaseRef id={receipt.id} /></strong></p>
            <p>{t('frontline.receipt.quote')}</p>
            <p>{t('frontline.receipt.when', { when: f.dateTime(receipt.reportedAt) })}</p>
            {receipt.outcome ? <p>{t(`frontline.outcome.${receipt.outcome}`)}</p> : null}
            {receipt.highRisk ? <p data-testid="receipt-high-risk">{t(receiptHighRiskKey(session?.role, receipt.owner), { risk: t(`cases.risk.${receipt.risk}`) })}</p> : null}
          </Notice>
          {receipt.highRisk ? <CrisisSteps owner={receipt.owner} /> : null}
          <div className="actions">
            <button type="button" className="primary" onClick={again}>{t('frontline.receipt.another')}</button>
            <Link className="button" to="/my-reports">{t('frontline.receipt.myReports')}</Link>
            {canOpenCase && (receipt.outcome === 'OPENED_NEW_CASE' || receipt.outcome === 'JOINED_OPEN_CASE') ? <Link className="button" to={`/cases/${encodeURIComponent(receipt.id)}`}>{t('frontline.receipt.openCase')}</Link> : null}
          </div>
        </div>
      </Page>
    );
  }

  return (
    <Page title={t('frontline.report.title')}>
      <p>{t('frontline.report.intro')}</p>
      <form onSubmit={submit} noValidate className="report-form">
        {canSearch ? (
          <PersonPicker value={person} onChange={(p) => { setPerson(p); setErrors((x) => ({ ...x, person: undefined })); if (p) setTimeout(() => summaryRef.current?.focus(), 0); }} error={errors.person} />
        ) : (
          <Field label={t('frontline.personId')} hint={t('frontline.personIdHint')} error={errors.person} required>
            <input type="text" autoComplete="off" value={personId} onChange={(e) => setPersonId(e.target.value)} />
          </Field>
        )}
        <Field label={t('frontline.summary')} hint={t('frontline.summaryHint')} error={errors.summary} required>
          <textarea ref={summaryRef} rows={4} maxLength={4000} value={summary} onChange={(e) => setSummary(e.target.value)} />
        </Field>
        <fieldset className="risk-choice">
          <legend>{t('frontline.risk')}</legend>
          <p className="hint">{t('frontline.riskHint')}</p>
          <label><input type="radio" name="risk" value="" checked={risk === ''} onChange={() => setRisk('')} /> {t('frontline.risk.unknown')}</label>
          {RISKS.map((r) => (
            <label key={r}><input type="radio" name="risk" value={r} checked={risk === r} onChange={() => setRisk(r)} /> {t(`frontline.risk.${r}`)}</label>
          ))}
          {risk === 'HIGH' || risk === 'IMMINENT' ? <p className="notice notice-warn" role="status">{t('frontline.risk.protocol')}</p> : null}
        </fieldset>
        {report.error ? <ErrorNotice error={report.error} /> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={report.running || checking}>{report.running || checking ? t('frontline.sending') : t('frontline.submit')}</button>
        </div>
      </form>
      <Dialog open={crisisWords !== null} title={t('frontline.crisis.title')} onClose={() => setCrisisWords(null)}>
        <div role="alert" data-testid="crisis-prompt">
          <p>{t('frontline.crisis.found', { words: (crisisWords ?? []).join(t('frontline.crisis.wordSeparator')) })}</p>
          <p><strong>{t('frontline.crisis.question', { risk: riskName })}</strong></p>
        </div>
        <div className="actions">
          <button type="button" className="primary" onClick={() => grade('HIGH')}>{t('frontline.crisis.sendHigh')}</button>
          <button type="button" className="primary" onClick={() => grade('IMMINENT')}>{t('frontline.crisis.sendImminent')}</button>
          <button type="button" onClick={() => grade(risk)}>{t('frontline.crisis.sendAsIs', { risk: riskName })}</button>
          <button type="button" onClick={() => { setCrisisWords(null); setTimeout(() => summaryRef.current?.focus(), 0); }}>{t('frontline.crisis.edit')}</button>
        </div>
        <CrisisSteps />
      </Dialog>
    </Page>
  );
}
