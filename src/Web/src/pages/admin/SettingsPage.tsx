import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '../../api/hooks';
import { DataTable } from '../../components/DataTable';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Loading, Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { graphql } from '../../gql';
import type { CaseTaskKind, DeadlineUnit } from '../../gql/graphql';
import { useT } from '../../i18n';
import { capText, deadlineText, enumLabel } from './labels';
import { sharingView } from './sharing';
import './admin.css';

const SettingsQuery = graphql(`
  query AdminProtocolSettings {
    protocolSettings { timeZone holidays extraWorkingDays ageOfConsent intakeOwnerLevel deadlines { kind amount unit calendarCapHours } }
  }
`);

const SetDeadlineMutation = graphql(`
  mutation AdminSetProtocolDeadline($kind: CaseTaskKind!, $amount: Int!, $unit: DeadlineUnit!) {
    setProtocolDeadline(kind: $kind, amount: $amount, unit: $unit) { deadlines { kind amount unit } }
  }
`);

const SetCalendarMutation = graphql(`
  mutation AdminSetWorkingCalendar($holidays: [DateOnly!]!, $extraWorkingDays: [DateOnly!]) {
    setWorkingCalendar(holidays: $holidays, extraWorkingDays: $extraWorkingDays) { holidays extraWorkingDays }
  }
`);

const SetAgeMutation = graphql(`
  mutation AdminSetAgeOfConsent($years: Int!) { setAgeOfConsent(years: $years) { ageOfConsent } }
`);

const SharingQuery = graphql(`
  query AdminStatisticsSharing { tenant { id parentId statisticsSharing } }
`);

const SetSharingMutation = graphql(`
  mutation AdminSetStatisticsSharing($enabled: Boolean!) { setStatisticsSharing(enabled: $enabled) { id statisticsSharing } }
`);

const taskKinds: CaseTaskKind[] = [
  'NOTIFY_FAMILY_EMERGENCY_CONTACT', 'PROFESSIONAL_CRISIS_INTERVENTION', 'RAISE_VISIT_FREQUENCY', 'GUIDE_TO_PSYCHIATRIC_INSTITUTION',
  'POLICE_TRANSPORT_ASSISTANCE', 'DISCHARGE_HAND_OVER', 'FOLLOW_UP_VISIT', 'DISCHARGE_COMMUNITY_CHECK',
  'GRADE_RISK',
];
const units: DeadlineUnit[] = ['MINUTES', 'HOURS', 'CALENDAR_DAYS', 'WORKING_DAYS'];

/**
 * Working calendar and protocol deadlines (TenantAdmin): each task kind's deadline (`setProtocolDeadline`,
 * — a change applies to tasks created from then on), the holidays and make-up working days the working-day
 * deadlines count on (`setWorkingCalendar`, local dates of the tenant's time zone) and the age of consent
 * (`setAgeOfConsent`, 10–21, PIPL art. 31), and whether the tenant shares its statistics with its parent tenant
 * (`setStatisticsSharing`; docs/statistics.md "Roll-up").
 */
export default function SettingsPage() {
  const t = useT();
  const settings = useQuery(SettingsQuery, {});
  const s = settings.data?.protocolSettings;
  return (
    <Page title={t('admin.settings.title')}>
      {settings.loading && !s ? <Loading label={t('common.loading')} /> : null}
      {settings.error ? <ErrorNotice error={settings.error} onRetry={settings.reload} /> : null}
      {s && !settings.error ? (
        <>
          <p>{t('admin.settings.zone')} <code>{s.timeZone}</code></p>
          <Deadlines deadlines={s.deadlines} onSaved={settings.reload} />
          <Calendar holidays={s.holidays} extra={s.extraWorkingDays} onSaved={settings.reload} />
          <AgeOfConsent years={s.ageOfConsent} onSaved={settings.reload} />
        </>
      ) : null}
      <StatisticsSharing />
    </Page>
  );
}

function Deadlines({ deadlines, onSaved }: { deadlines: { kind: CaseTaskKind; amount: number; unit: DeadlineUnit; calendarCapHours: number }[]; onSaved: () => void }) {
  const t = useT();
  const set = useMutation(SetDeadlineMutation);
  const [kind, setKind] = useState<CaseTaskKind>('NOTIFY_FAMILY_EMERGENCY_CONTACT');
  const current = deadlines.find((d) => d.kind === kind);
  const [amount, setAmount] = useState(String(current?.amount ?? 1));
  const [unit, setUnit] = useState<DeadlineUnit>(current?.unit ?? 'HOURS');
  const [bad, setBad] = useState(false);
  const [saved, setSaved] = useState<string>();
  // 0 means at once: every such task is overdue as it opens; asked twice, as a typo for 2 would hit every new case (round-32 trial)
  const [confirmAtOnce, setConfirmAtOnce] = useState(false);
  const choose = (k: CaseTaskKind) => {
    setKind(k);
    const d = deadlines.find((x) => x.kind === k);
    if (d) { setAmount(String(d.amount)); setUnit(d.unit); }
    setSaved(undefined);
    setConfirmAtOnce(false);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(amount);
    if (!/^\d+$/.test(amount.trim()) || !Number.isSafeInteger(n)) { setBad(true); return; }
    if (n === 0 && !confirmAtOnce) { setConfirmAtOnce(true); return; }
    setConfirmAtOnce(false);
    setSaved(undefined);
    const answer = await set.run({ kind, amount: n, unit }).catch(() => null);
    if (answer) {
      const d = answer.setProtocolDeadline.deadlines.find((x) => x.kind === kind);
      setSaved(t('admin.settings.deadlineSaved', { kind: enumLabel(t, 'cases.task', kind), deadline: d ? deadlineText(t, d.amount, d.unit) : '' }));
      onSaved();
    }
  };
  return (
    <section className="card" aria-labelledby="deadlines-title">
      <h2 id="deadlines-title">{t('admin.settings.deadlinesTitle')}</h2>
      <p>{t('admin.settings.deadlinesIntro')}</p>
      <p>{t('admin.settings.calendarCapNote')}</p>
      <div data-testid="deadlines-table">
        <DataTable caption={t('admin.settings.deadlinesCaption')} rows={deadlines} rowKey={(d) => d.kind} empty={t('common.none')} columns={[
          { key: 'kind', header: t('admin.settings.taskKind'), cell: (d) => enumLabel(t, 'cases.task', d.kind) },
          { key: 'deadline', header: t('admin.settings.deadline'), cell: (d) => <span data-testid={`deadline-${d.kind}`}>{deadlineText(t, d.amount, d.unit)}</span> },
          { key: 'cap', header: t('admin.settings.calendarCap'), cell: (d) => <span data-testid={`cap-${d.kind}`}>{capText(t, d.calendarCapHours)}</span> },
        ]} />
      </div>
      <form onSubmit={submit} aria-labelledby="deadline-form-title">
        <h3 id="deadline-form-title">{t('admin.settings.changeDeadline')}</h3>
        <div className="inline-fields">
          <Field label={t('admin.settings.taskKind')}>
            <select value={kind} onChange={(e) => choose(e.target.value as CaseTaskKind)} data-testid="deadline-kind">
              {taskKinds.map((k) => <option key={k} value={k}>{enumLabel(t, 'cases.task', k)}</option>)}
            </select>
          </Field>
          <Field label={t('admin.settings.amount')} hint={t('admin.settings.amountHint')} error={bad ? t('admin.settings.amountBad') : undefined} required>
            <input type="number" min={0} step={1} inputMode="numeric" value={amount} onChange={(e) => { setAmount(e.target.value); setBad(false); setConfirmAtOnce(false); }} data-testid="deadline-amount" />
          </Field>
          <Field label={t('admin.settings.unit')}>
            <select value={unit} onChange={(e) => setUnit(e.target.value as DeadlineUnit)} data-testid="deadline-unit">
              {units.map((u) => <option key={u} value={u}>{enumLabel(t, 'admin.deadlineUnit', u)}</option>)}
            </select>
          </Field>
        </div>
        {set.error ? <ErrorNotice error={set.error} /> : null}
        {saved ? <Notice kind="ok"><p data-testid="deadline-saved">{saved}</p></Notice> : null}
        {confirmAtOnce ? <Notice kind="warn"><p data-testid="deadline-confirm-at-once">{t('admin.settings.confirmAtOnce', { kind: enumLabel(t, 'cases.task', kind) })}</p></Notice> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={set.running} data-testid="deadline-save">{t(confirmAtOnce ? 'admin.settings.saveAtOnce' : 'admin.settings.saveDeadline')}</button>
        </div>
      </form>
    </section>
  );
}

/** Adds ISO dates to a sorted, distinct list. */
function addDate(list: string[], date: string): string[] {
  return [...new Set([...list, date])].sort();
}

function DateList({ id, title, dates, onChange }: { id: string; title: string; dates: string[]; onChange: (dates: string[]) => void }) {
  const t = useT();
  const [date, setDate] = useState('');
  return (
    <fieldset className="date-list">
      <legend>{title}</legend>
      {dates.length === 0 ? <p className="empty">{t('admin.settings.noDates')}</p> : (
        <ul data-testid={`${id}-list`}>
          {dates.map((d) => (
            <li key={d}>
              <time dateTime={d}>{d}</time>{' '}
              <button type="button" onClick={() => onChange(dates.filter((x) => x !== d))} aria-label={t('admin.settings.removeDate', { date: d })}>
                {t('admin.settings.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="inline-fields">
        <Field label={t('admin.settings.addDateLabel', { list: title })}>
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid={`${id}-date`} />
        </Field>
        <button type="button" className="align-end" disabled={!/^\d{4}-\d{2}-\d{2}$/.test(date)} onClick={() => { onChange(addDate(dates, date)); setDate(''); }} data-testid={`${id}-add`}>
          {t('admin.settings.add')}
        </button>
      </div>
    </fieldset>
  );
}

function Calendar({ holidays, extra, onSaved }: { holidays: string[]; extra: string[]; onSaved: () => void }) {
  const t = useT();
  const set = useMutation(SetCalendarMutation);
  const [h, setH] = useState(holidays);
  const [x, setX] = useState(extra);
  const [saved, setSaved] = useState(false);
  useEffect(() => { setH(holidays); setX(extra); }, [holidays, extra]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    if (await set.run({ holidays: h, extraWorkingDays: x }).catch(() => null)) {
      setSaved(true);
      onSaved();
    }
  };
  return (
    <section className="card" aria-labelledby="calendar-title">
      <h2 id="calendar-title">{t('admin.settings.calendarTitle')}</h2>
      <p>{t('admin.settings.calendarIntro')}</p>
      <form onSubmit={submit}>
        <div className="grid">
          <DateList id="holidays" title={t('admin.settings.holidays')} dates={h} onChange={(d) => { setH(d); setSaved(false); }} />
          <DateList id="extra-days" title={t('admin.settings.extraDays')} dates={x} onChange={(d) => { setX(d); setSaved(false); }} />
        </div>
        {set.error ? <ErrorNotice error={set.error} /> : null}
        {saved ? <Notice kind="ok">{t('admin.settings.calendarSaved')}</Notice> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={set.running} data-testid="calendar-save">{t('admin.settings.saveCalendar')}</button>
        </div>
      </form>
    </section>
  );
}

function AgeOfConsent({ years, onSaved }: { years: number; onSaved: () => void }) {
  const t = useT();
  const set = useMutation(SetAgeMutation);
  const [value, setValue] = useState(String(years));
  const [saved, setSaved] = useState(false);
  const n = Number(value);
  const valid = /^\d+$/.test(value) && n >= 10 && n <= 21;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    setSaved(false);
    if (await set.run({ years: n }).catch(() => null)) {
      setSaved(true);
      onSaved();
    }
  };
  return (
    <section className="card" aria-labelledby="consent-age-title">
      <h2 id="consent-age-title">{t('admin.settings.ageTitle')}</h2>
      <form onSubmit={submit}>
        <Field label={t('admin.settings.age')} hint={t('admin.settings.ageHint')} error={value && !valid ? t('admin.settings.ageBad') : undefined} required>
          <input type="number" min={10} max={21} inputMode="numeric" value={value} onChange={(e) => { setValue(e.target.value); setSaved(false); }} data-testid="age-of-consent" />
        </Field>
        {set.error ? <ErrorNotice error={set.error} /> : null}
        {saved ? <Notice kind="ok">{t('admin.settings.ageSaved', { years: n })}</Notice> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={set.running || !valid}>{t('admin.settings.saveAge')}</button>
        </div>
      </form>
    </section>
  );
}

/** The child tenant's switch for sharing de-identified counts with its parent tenant's roll-up (off by default). */
function StatisticsSharing() {
  const t = useT();
  const tenant = useQuery(SharingQuery, {});
  const set = useMutation(SetSharingMutation);
  const [saved, setSaved] = useState(false);
  const tn = tenant.data?.tenant;
  const view = tn ? sharingView(tn.parentId, tn.statisticsSharing) : null;
  const change = async (enabled: boolean) => {
    setSaved(false);
    if (await set.run({ enabled }).catch(() => null)) {
      setSaved(true);
      tenant.reload();
    }
  };
  return (
    <section className="card" aria-labelledby="sharing-title">
      <h2 id="sharing-title">{t('admin.settings.sharingTitle')}</h2>
      <p>{t('admin.settings.sharingIntro')}</p>
      {tenant.loading && !tn ? <Loading label={t('common.loading')} /> : null}
      {tenant.error ? <ErrorNotice error={tenant.error} onRetry={tenant.reload} /> : null}
      {view ? (
        <>
          <p role="status" data-testid="sharing-state" data-state={view.state}>
            <strong>{t(view.state === 'on' ? 'admin.settings.sharingOn' : view.state === 'off' ? 'admin.settings.sharingOff' : 'admin.settings.sharingNoParent')}</strong>
            {saved ? <> {t('admin.settings.sharingSaved')}</> : null}
          </p>
          {set.error ? <ErrorNotice error={set.error} /> : null}
          {view.next !== null ? (
            <div className="actions">
              <button type="button" className={view.next ? 'primary' : undefined} disabled={set.running} onClick={() => void change(view.next)} data-testid="sharing-switch">
                {t(view.next ? 'admin.settings.sharingStart' : 'admin.settings.sharingStop')}
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
