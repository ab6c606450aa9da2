import { Countdown } from '../../components/Countdown';
import { DataTable } from '../../components/DataTable';
import type { CaseDetailQuery } from '../../gql/graphql';
import { hasString, useLang, useT } from '../../i18n';
import { everyHours } from '../../i18n/readable';
import { localInstants, useFormat } from '../../i18n/format';
import type { NextAction } from './NextActions';
import { OwnerName, RiskBadge, useOwnerText } from './labels';
import { noticeText, timelineReason } from './timelineText';
import { useTenantKind } from '../../i18n/tenantKind';

type CaseView = NonNullable<CaseDetailQuery['case']>;

/**
 * Open tasks first, soonest deadline first, then the done and cancelled ones, latest closed first (round-31 trial: the
 * one-hour police-transport task was listed below the three-day referral task, off a phone's screen).
 */
export function tasksInOrder<T extends { status: string; dueAt: string; closedAt?: string | null; id: string }>(tasks: readonly T[]): T[] {
  const open = (x: T) => (x.status === 'OPEN' ? 0 : 1);
  return [...tasks].sort((a, b) => open(a) - open(b)
    || (open(a) === 0 ? Date.parse(a.dueAt) - Date.parse(b.dueAt) : Date.parse(b.closedAt ?? b.dueAt) - Date.parse(a.closedAt ?? a.dueAt))
    || a.id.localeCompare(b.id));
}

/** The deadline tasks (R-1.10) with live countdowns; complete/cancel buttons only where nextActions allows them. */
export function TasksSection({ c, onAct, contactsShown = false }: {
  c: CaseView; onAct: (action: string, taskId: string | null, override: boolean) => void;
  /** The family contacts are on the page (the caller may read the person): an open "notify the family" task links to them. */
  contactsShown?: boolean;
}) {
  const t = useT();
  const f = useFormat();
  const forTask = (id: string) => c.nextActions.filter((a: NextAction) => a.taskId === id);
  // the mutation that closed the task, by its button's name in the reader's language (new-user trial: "(assessRisk)")
  const closedThrough = (action: string) => t('cases.tasks.byAction', { action: hasString(`cases.action.${action}`) ? t(`cases.action.${action}`) : action });
  return (
    <section className="case-section card" aria-labelledby="tasks-title">
      <h2 id="tasks-title">{t('cases.tasks.title')}</h2>
      <DataTable
        caption={t('cases.tasks.caption')}
        rows={tasksInOrder(c.tasks)}
        rowKey={(x) => x.id}
        empty={t('cases.tasks.none')}
        columns={[
          { key: 'task', header: t('cases.tasks.col.task'), cell: (x) => (
            <span>
              <span data-testid={`task-${x.kind}`}>{t(`cases.task.${x.kind}`)}</span>
              {contactsShown && x.kind === 'NOTIFY_FAMILY_EMERGENCY_CONTACT' && x.status === 'OPEN' ? <> · <a href="#contacts">{t('cases.tasks.whomToCall')}</a></> : null}
            </span>
          ) },
          { key: 'due', header: t('cases.tasks.col.due'), cell: (x) => (x.status === 'OPEN' ? <Countdown due={x.dueAt} /> : <time dateTime={x.dueAt}>{f.deadline(x.dueAt)}</time>) },
          { key: 'status', header: t('cases.tasks.col.status'), cell: (x) => (
            <span>
              <span className={`badge${x.status === 'OPEN' && x.overdue ? ' high' : ''}`}>{x.status === 'OPEN' && x.overdue ? t('cases.taskStatus.overdue') : t(`cases.taskStatus.${x.status}`)}</span>
              {x.escalationCount > 0 ? <> {t('cases.tasks.escalated', { count: x.escalationCount })}</> : null}
              {x.status !== 'OPEN' && x.closedBy ? <> {t('cases.tasks.closedByWho')} <OwnerName id={x.closedBy} />{x.closedByAction ? <> {closedThrough(x.closedByAction)}</> : null}</> : null}
            </span>
          ) },
          { key: 'owner', header: t('cases.tasks.col.owner'), cell: (x) => <OwnerName id={x.ownerId} /> },
          { key: 'act', header: t('cases.tasks.col.actions'), cell: (x) => (
            <div className="next-actions">
              {forTask(x.id).map((a) => (a.allowed || a.allowedWithConsentOverride ? (
                <button key={a.action} type="button" onClick={() => onAct(a.action, x.id, !a.allowed)}
                  aria-label={`${t(`cases.action.${a.action}`)}: ${t(`cases.task.${x.kind}`)}`}>
                  {a.allowed ? t(`cases.action.${a.action}`) : t('cases.next.withOverride', { action: t(`cases.action.${a.action}`) })}
                </button>
              ) : a.action === 'completeTask' && a.code === 'CONSENT_REQUIRED' && a.purpose ? (
                <span key={a.action} className="hint">{t('cases.tasks.needsConsent', { purpose: t(`cases.purpose.${a.purpose}`) })}</span>
              ) : null))}
            </div>
          ) },
        ]}
      />
    </section>
  );
}

/** Screenings recorded on the case. */
export function ScreeningsTable({ c }: { c: CaseView }) {
  const t = useT();
  const f = useFormat();
  return (
    <DataTable
      caption={t('screening.history')}
      rows={[...c.screenings].reverse()}
      rowKey={(s) => s.id}
      empty={t('screening.none')}
      columns={[
        { key: 'when', header: t('screening.col.when'), cell: (s) => f.dateTime(s.at) },
        { key: 'inst', header: t('screening.col.instrument'), cell: (s) => t(`screening.instrument.${s.result.instrument}`) },
        { key: 'total', header: t('screening.col.total'), cell: (s) => (s.result.totalScore ?? '—'), numeric: true },
        { key: 'band', header: t('screening.col.band'), cell: (s) => t(`screening.band.${s.result.band}`) },
        { key: 'risk', header: t('screening.col.suggested'), cell: (s) => <RiskBadge risk={s.result.suggestedRiskLevel} /> },
        { key: 'ideation', header: t('screening.col.ideation'), cell: (s) => (s.result.suicidalIdeationFlag ? <strong>{t('screening.flagged')}</strong> : t('common.no')) },
        { key: 'by', header: t('screening.col.by'), cell: (s) => <OwnerName id={s.by} /> },
      ]}
    />
  );
}

/**
 * The concerns that joined the case after its first report, latest first (the timeline's `ConcernAdded` entries): a later,
 * graver report shows beside the case's summary, not only deep in the timeline (round-32 trial: an Imminent report joined a
 * Moderate case whose summary still read as the old one).
 */
export function LaterConcerns({ c }: { c: CaseView }) {
  const t = useT();
  const f = useFormat();
  const { lang } = useLang();
  const ownerText = useOwnerText();
  const added = c.timeline.filter((e) => e.action === 'ConcernAdded' && e.reason).reverse();
  if (added.length === 0) return null;
  const ctx = { lang, owner: ownerText, deadline: f.deadline };
  return (
    <>
      <h3>{t('cases.page.laterConcerns', { n: added.length })}</h3>
      <ul className="later-concerns" data-testid="later-concerns">
        {added.map((e, i) => (
          <li key={i}>{f.dateTime(e.at)} · <OwnerName id={e.actor} /> · <span translate="no" className="server-text">{timelineReason('ConcernAdded', e.reason!, ctx) ?? e.reason}</span></li>
        ))}
      </ul>
    </>
  );
}

/**
 * Referrals, contacts, notices and the timeline. The service's own wording of a timeline reason or a level-2 notice is
 * shown in the UI language (timelineText.ts); free text a person wrote, and a wording the console does not know, as written.
 */
export function HistorySections({ c }: { c: CaseView }) {
  const t = useT();
  const f = useFormat();
  const { lang } = useLang();
  const kind = useTenantKind();
  const ownerText = useOwnerText();
  const ctx = { lang, owner: ownerText, deadline: f.deadline };
  // A sentence in the UI language may hold a long login (an e-mail address): let it wrap at 360 px like the service's text.
  const localText = (text: string | null) => (text === null ? null : <span className="server-text">{text}</span>);
  const serverText = (text: string) => <span translate="no" className="server-text">{localInstants(text, f.dateTime)}</span>;
  const action = (a: string) => (hasString(`cases.tl.${a}`) ? t(`cases.tl.${a}`) : <code>{a}</code>);
  return (
    <>
      <section className="case-section card" aria-labelledby="referrals-title">
        <h2 id="referrals-title">{t('cases.referrals.title')}</h2>
        <DataTable
          caption={t('cases.referrals.caption')}
          rows={c.referrals}
          rowKey={(r) => r.id}
          empty={t('cases.referrals.none')}
          columns={[
            { key: 'inst', header: t('cases.referrals.col.institution'), cell: (r) => <span translate="no" className="server-text">{r.institution}</span> },
            { key: 'reason', header: t('cases.referrals.col.reason'), cell: (r) => <span translate="no" className="server-text">{r.reason}</span> },
            { key: 'status', header: t('cases.referrals.col.status'), cell: (r) => (
              <span>
                {t(`cases.referralStatus.${r.status}`)}
                {/* the institution holds data the person no longer agrees to share (round-31 trial): say whom to tell */}
                {r.consentWithdrawnAt ? <span className="badge warn" data-testid={`referral-withdrawn-${r.id}`}>{t('cases.referrals.withdrawnAfterSending', { at: f.dateTime(r.consentWithdrawnAt) })}</span> : null}
              </span>
            ) },
            { key: 'at', header: t('cases.referrals.col.proposed'), cell: (r) => f.dateTime(r.proposedAt) },
            // the fields in words (round-26 trial: "caseId, riskLevel, reason, personDisplayName" in the Chinese console)
            { key: 'shared', header: t('cases.referrals.col.shared'), cell: (r) => r.sharedFields.map((x) => (hasString(`cases.referrals.field.${x}`) ? t(`cases.referrals.field.${x}`) : x)).join(t('cases.referrals.fieldSeparator')) },
          ]}
        />
      </section>
      <section className="case-section card" aria-labelledby="contacts-title">
        <h2 id="contacts-title">{t('cases.contacts.title')}</h2>
        {/* a closed case has no visits due (round-32 trial: "下次随访截止" still showed after closing) */}
        <p>{c.status !== 'CLOSED'
          ? <>{t('cases.page.visitEvery', { every: everyHours(c.visitEveryHours, lang) })} · {t('cases.page.nextVisit')}: <Countdown due={c.nextVisitDue} /></>
          : t('cases.page.noVisitsClosed')}</p>
        <DataTable
          caption={t('cases.contacts.caption')}
          rows={[...c.contacts].reverse()}
          rowKey={(x) => `${x.at}-${x.by}`}
          empty={t('cases.contacts.none')}
          columns={[
            { key: 'when', header: t('cases.contacts.col.when'), cell: (x) => f.dateTime(x.at) },
            { key: 'by', header: t('cases.contacts.col.by'), cell: (x) => <OwnerName id={x.by} /> },
            { key: 'ch', header: t('cases.contacts.col.channel'), cell: (x) => t(`cases.form.channel.${x.channel}`) },
            { key: 'min', header: t('cases.contacts.col.minutes'), cell: (x) => x.durationMinutes, numeric: true },
            { key: 'notes', header: t('cases.contacts.col.notes'), cell: (x) => <span translate="no" className="server-text">{x.notes ?? ''}</span> },
          ]}
        />
      </section>
      {c.notifications.length > 0 ? (
        <section className="case-section card" aria-labelledby="notices-title">
          <h2 id="notices-title">{t('cases.notifications.title')}</h2>
          <ul>
            {c.notifications.map((n) => (
              <li key={`${n.at}-${n.to}`}>{f.dateTime(n.at)} → <OwnerName id={n.to} /> {noticeText(n.message, lang, kind) ? <span className="server-text">{noticeText(n.message, lang, kind)}</span> : serverText(n.message)}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="case-section card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('cases.timeline.title')}</h2>
        <DataTable
          caption={t('cases.timeline.caption')}
          rows={[...c.timeline].reverse().map((e, i) => ({ ...e, i }))}
          rowKey={(e) => `${e.at}-${e.i}`}
          empty=""
          columns={[
            { key: 'when', header: t('cases.timeline.col.when'), cell: (e) => f.dateTime(e.at) },
            { key: 'who', header: t('cases.timeline.col.who'), cell: (e) => <OwnerName id={e.actor} /> },
            { key: 'what', header: t('cases.timeline.col.what'), cell: (e) => action(e.action) },
            { key: 'status', header: t('cases.timeline.col.status'), cell: (e) => (e.fromStatus === e.toStatus ? t(`cases.status.${e.toStatus}`) : `${t(`cases.status.${e.fromStatus}`)} → ${t(`cases.status.${e.toStatus}`)}`) },
            { key: 'why', header: t('cases.timeline.col.why'), cell: (e) => (e.reason ? localText(timelineReason(e.action, e.reason, ctx)) ?? serverText(e.reason) : '') },
          ]}
        />
      </section>
    </>
  );
}
