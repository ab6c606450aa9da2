import { hasString, translate, type Lang } from '../../i18n';
import { shortReference } from './reference';
import { kindKey, type TenantKind } from '../../i18n/kindKey';

/** What the timeline texts need from the page: the UI language, an owner's name and a deadline, both as the page shows them. */
export type TimelineContext = { lang: Lang; owner: (id: string) => string; deadline: (iso: string) => string };

const iso = String.raw`\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})`;

/** `NotifyFamilyEmergencyContact` or `High` (a C# enum name) → `NOTIFY_FAMILY_EMERGENCY_CONTACT`, `HIGH` (the schema's). */
export function constantCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

function label(lang: Lang, prefix: string, value: string): string {
  const key = `${prefix}.${constantCase(value)}`;
  return hasString(key) ? translate(lang, key) : value;
}

/**
 * The service's wording of "why" inside a system text — "risk is High (R-1.10)", "screening s2 (PHQ-9)" — in the UI
 * language; anything else (a reason a person typed) as written.
 */
function why(text: string, c: TimelineContext): string {
  let m = /^risk is (\w+) \(R-1\.10\)$/.exec(text);
  if (m) return translate(c.lang, 'cases.tlr.riskIs', { risk: label(c.lang, 'cases.risk', m[1]) });
  if (text === 'initial grading by the reporter') return translate(c.lang, 'cases.tlr.reporterGrading');
  if (text === 'raised by an added concern') return translate(c.lang, 'cases.tlr.addedConcern');
  // CaseAggregate.PassStrandedOwnerToLevel3's other two reasons (requestProfessionalReview, escalateCase)
  if (text === 'professional review requested') return translate(c.lang, 'cases.tlr.reviewRequested');
  if (text === 'escalated to level 3') return translate(c.lang, 'cases.tlr.escalatedTo3');
  // CaseAggregate.FlagCrisisWords (docs/protocol.md "Crisis words")
  if (text === "the report's words suggest a crisis") return translate(c.lang, 'cases.tlr.crisisWhyShort');
  m = /^the report's words suggest a crisis \((.+)\)$/.exec(text);
  if (m) return translate(c.lang, 'cases.tlr.crisisWhy', { words: m[1] });
  m = /^screening (\w+) \((.+)\)$/.exec(text);
  if (m) return translate(c.lang, 'cases.tlr.screeningWhy', { id: m[1], name: m[2] });
  return text;
}

const consentPattern = /^([A-Z_]+) ([A-Z_]+), given by ([A-Z_]+); recorded by (\S+?)(?: \(([\s\S]*)\))?(; professional actions that need it are refused from now on, except at IMMINENT risk with a written override \(R-1\.7\))?$/;
type Rule = [RegExp, (m: RegExpExecArray, c: TimelineContext) => string];
const tr = (c: TimelineContext, key: string, params: Record<string, string | number>) => translate(c.lang, `cases.tlr.${key}`, params);
const owner = (c: TimelineContext, id: string) => (id === 'none' ? translate(c.lang, 'cases.owner.none') : c.owner(id));
const task = (c: TimelineContext, kind: string) => label(c.lang, 'cases.task', kind);
/** "not graded" or "graded Moderate" of a crisis-words text, in the UI language; anything else as written. */
function grading(text: string, lang: Lang): string {
  if (text === 'not graded') return translate(lang, 'cases.tlr.notGraded');
  const m = /^graded (\w+)$/.exec(text);
  return m ? translate(lang, 'cases.tlr.gradedAs', { risk: label(lang, 'cases.risk', m[1]) }) : text;
}

// The texts the service writes on the timeline (src/Grains/Cases/Domain: Record(...)), by action. The first rule whose
// pattern matches the whole text renders it; a text no rule matches is shown as the service wrote it.
const rules: Record<string, Rule[]> = {
  Intake: [[/^owner (\S+): the tenant's intake rule sends a new concern to level (\d)$/, (m, c) => tr(c, 'intake', { owner: owner(c, m[1]), level: m[2] })]],
  Escalate: [
    [/^level (\d) → (\d): risk is (\w+) \(R-1\.10\)$/, (m, c) => tr(c, 'escalateRisk', { from: m[1], to: m[2], risk: label(c.lang, 'cases.risk', m[3]) })],
    [/^level (\d) → (\d): overdue task (\w+)$/, (m, c) => tr(c, 'escalateOverdue', { from: m[1], to: m[2], task: m[3] })],
    [/^level (\d) → (\d): ([\s\S]*)$/, (m, c) => tr(c, 'escalate', { from: m[1], to: m[2], why: why(m[3], c) })],
  ],
  CrisisWords: [
    [/^words suggesting a risk of self-harm or suicide \((.+)\), ([^:]+): level 3 grades it \(docs\/protocol\.md "Crisis words"\)$/,
      (m, c) => tr(c, 'crisisWords', { words: m[1], grading: grading(m[2], c.lang) })],
    [/^words suggesting a risk of self-harm or suicide \((.+)\); graded (\w+) by a level-3 professional, which stands$/,
      (m, c) => tr(c, 'crisisWordsStands', { words: m[1], risk: label(c.lang, 'cases.risk', m[2]) })],
  ],
  Assign: [
    [/^owner (\S+) \(high-risk protocol, R-1\.10\)$/, (m, c) => tr(c, 'assignProtocol', { owner: owner(c, m[1]) })],
    [/^owner (\S+) → (\S+): ([\s\S]*); only a Counsellor or Clinician owns a level-3 case \(R-4\.3\)$/,
      (m, c) => tr(c, 'assignLevel3', { from: owner(c, m[1]), to: owner(c, m[2]), why: why(m[3], c) })],
  ],
  NotifyLevel2: [[/^([\s\S]+)$/, (m, c) => noticeText(m[1], c.lang) ?? m[1]]],
  // ConsentGate.OverrideNote: an action taken at HIGH or IMMINENT risk without a consent it needs (new-user trial: an English row)
  // "completeTask (PROFESSIONAL_CRISIS_INTERVENTION) without …" names the task too (round-32 trial: it stayed English)
  DutyOfCareOverride: [[/^(\w+)(?: \(([A-Z_]+)\))? without ([\s\S]+?) at (High|Imminent) risk \(duty of care, R-1\.7\): ([\s\S]*)$/, (m, c) => {
    const lacking = m[3].split(' and ').map((part) => /^(\w+) consent \((\w+)\)$/.exec(part));
    if (lacking.some((x) => x === null)) return m[0];
    const consents = lacking.map((x) => tr(c, 'overrideLacking', { purpose: label(c.lang, 'cases.purpose', x![1]), status: label(c.lang, 'cases.consentStatus', x![2]) }));
    const verb = hasString(`cases.action.${m[1]}`) ? translate(c.lang, `cases.action.${m[1]}`) : m[1];
    const action = m[2] ? translate(c.lang, 'cases.next.forTask', { action: verb, task: task(c, m[2]) }) : verb;
    return tr(c, 'dutyOfCare', { action, lacking: consents.join(translate(c.lang, 'cases.tlr.and')), risk: label(c.lang, 'cases.risk', m[4]), reason: m[5] });
  }]],
  // the person moved unit (a roster import with moves allowed, updatePerson); the open case went with them (docs/access.md)
  UnitChanged: [[/^Unit (\S+) → (\S+): the person moved$/, (m, c) => tr(c, 'unitChanged', { from: m[1], to: m[2] })]],
  TaskCreated: [
    [new RegExp(`^(\\w+) (\\w+) for (\\S+), due (${iso})$`), (m, c) => tr(c, 'taskCreated', { id: m[1], task: task(c, m[2]), owner: owner(c, m[3]), due: c.deadline(m[4]) })],
    // A due time cut at its kind's calendar cap (RT17-9, docs/protocol.md "How long a deadline may be").
    [new RegExp(`^(\\w+) (\\w+) for (\\S+), due (${iso}) \\(capped at (\\d+) (days|hours), its kind's longest: the tenant's (\\d+) ([A-Z_]+) on its calendar would fall due (${iso}); RT17-9\\)$`),
      (m, c) => tr(c, 'taskCreatedCapped', {
        id: m[1], task: task(c, m[2]), owner: owner(c, m[3]), due: c.deadline(m[4]),
        cap: translate(c.lang, m[6] === 'days' ? 'common.days' : 'common.hours', { n: m[5] }),
        deadline: translate(c.lang, `admin.unitAmount.${m[8]}`, { n: m[7] }), uncapped: c.deadline(m[9]),
      })],
    // A reopened case's protocol task keeps the deadline closing had stopped (docs/protocol.md "Reopening a High or Imminent case").
    [new RegExp(`^(\\w+) (\\w+) for (\\S+), due (${iso}) \\(kept from before the case was closed; counted from now it would fall due (${iso}); R-1\\.10\\)$`),
      (m, c) => tr(c, 'taskCreatedKept', { id: m[1], task: task(c, m[2]), owner: owner(c, m[3]), due: c.deadline(m[4]), fresh: c.deadline(m[5]) })],
    // A grading due within the hour: the report's words suggest a crisis (docs/protocol.md "Crisis words").
    [new RegExp(`^(\\w+) (\\w+) for (\\S+), due (${iso}) \\(the report's words suggest a crisis: due within 1 hour, docs/protocol\\.md "Crisis words"\\)$`),
      (m, c) => tr(c, 'taskCreatedCrisis', { id: m[1], task: task(c, m[2]), owner: owner(c, m[3]), due: c.deadline(m[4]) })],
  ],
  // An open grading brought forward to the hour by a concern whose words suggest a crisis (docs/protocol.md "Crisis words").
  TaskDueMoved: [[new RegExp(`^(\\w+) (\\w+) for (\\S+), due (${iso}) \\(was (${iso}) for (\\S+)\\): the report's words suggest a crisis$`),
    (m, c) => tr(c, 'taskDueMovedCrisis', { id: m[1], task: task(c, m[2]), owner: owner(c, m[3]), due: c.deadline(m[4]), was: c.deadline(m[5]) })]],
  TaskOverdue: [[new RegExp(`^(\\w+) (\\w+) was due (${iso}); escalated from (\\S+) to (\\S+)$`),
    (m, c) => tr(c, 'taskOverdue', { id: m[1], task: task(c, m[2]), due: c.deadline(m[3]), from: owner(c, m[4]), to: owner(c, m[5]) })]],
  TaskDone: taskClosed(),
  TaskCancelled: taskClosed(),
  TaskReassigned: [
    // takeCase moves the queue's open tasks with the case (CaseAggregate.Take)
    [/^(\w+) (\w+): owner (\S+) → (\S+): taken with the case \(takeCase\)$/, (m, c) => tr(c, 'taskTakenWithCase', { id: m[1], task: task(c, m[2]), from: owner(c, m[3]), to: owner(c, m[4]) })],
    [/^(\w+) (\w+): owner (\S+) → (\S+): ([\s\S]*)$/, (m, c) => tr(c, 'taskReassigned', { id: m[1], task: task(c, m[2]), from: owner(c, m[3]), to: owner(c, m[4]), why: m[5] })],
  ],
  AssessRisk: [
    [/^(\w+) confirmed: ([\s\S]*)$/, (m, c) => tr(c, 'riskConfirmed', { risk: label(c.lang, 'cases.risk', m[1]), why: why(m[2], c) })],
    [/^(\w+) → (\w+): ([\s\S]*)$/, (m, c) => tr(c, 'riskChanged', { from: label(c.lang, 'cases.risk', m[1]), to: label(c.lang, 'cases.risk', m[2]), why: why(m[3], c) })],
  ],
  Reassess: [[/^level-3 reassessment: (\w+): ([\s\S]*)$/, (m, c) => tr(c, 'reassess', { risk: label(c.lang, 'cases.risk', m[1]), why: m[2] })]],
  TakeCase: [[/^owner (\S+) → (\S+)$/, (m, c) => tr(c, 'ownerChanged', { from: owner(c, m[1]), to: owner(c, m[2]) })]],
  Reassign: [[/^owner (\S+) → (\S+): ([\s\S]*)$/, (m, c) => tr(c, 'ownerChangedWhy', { from: owner(c, m[1]), to: owner(c, m[2]), why: m[3] })]],
  RecordScreening: [[/^(.+?): total (\d+|n\/a), (\w+)(, suicidal ideation flagged)?, suggests (\w+)$/, (m, c) => tr(c, 'screening', {
    name: m[1], total: m[2] === 'n/a' ? '—' : m[2], band: label(c.lang, 'screening.band', m[3]),
    flag: m[4] ? translate(c.lang, 'cases.tlr.ideation') : '', risk: label(c.lang, 'cases.risk', m[5]),
  })]],
  LogContact: [[/^(\w+), (\d+) min$/, (m, c) => tr(c, 'contact', { channel: label(c.lang, 'cases.form.channel', m[1]), minutes: m[2] })]],
  StartFollowUp: [[/^referral completed$/, (_m, c) => tr(c, 'referralCompleted', {})]],
  // CaseReferrals (round-31 trial: these lines stayed English in the Chinese console)
  ProposeReferral: [[/^(\w+) to ([\s\S]+?): ([\s\S]*)$/, (m, c) => tr(c, 'referralProposed', { institution: m[2], why: m[3] })]],
  Refer: [[/^(\w+) sent to ([\s\S]+); shared: ([\w, ]*)$/, (m, c) => tr(c, 'referralSent', {
    institution: m[2],
    fields: sharedFields(m[3], c),
  })]],
  ReferralSharedBeforeWithdrawal: [[/^(\w+) ([\s\S]+): shared ([\w, ]*) before INFORMATION_SHARING was withdrawn; tell the institution \(R-1\.7\)$/,
    (m, c) => tr(c, 'sharedBeforeWithdrawal', { institution: m[2], fields: sharedFields(m[3], c) })]],
  ReferralAccepted: referralAnswer('referralAccepted'),
  ReferralDeclined: referralAnswer('referralDeclined'),
  ReferralCompleted: referralAnswer('referralDone'),
  ConcernAdded: [[/^(not graded|\w+): ([\s\S]*)$/, (m, c) => tr(c, 'concernAdded', {
    risk: m[1] === 'not graded' ? translate(c.lang, 'cases.risk.UNGRADED') : label(c.lang, 'cases.risk', m[1]), summary: m[2],
  })]],
  // The number the reporter was shown and quotes (pages/cases/reference.tsx), with the full id beside it.
  ReceiptGiven: [[/^receipt (\S+)$/, (m, c) => tr(c, 'receiptGiven', { id: shortReference(m[1]) === m[1] ? m[1] : `${shortReference(m[1])} (${m[1]})` })]],
};
for (const status of ['Granted', 'Refused', 'Withdrawn', 'Pending']) rules[`Consent${status}`] = [[consentPattern, consentText]];
// CaseConsent.RecordChange: a guardian's view noted beside a minor's own decision (docs/consent.md "The guardian's view").
rules.GuardianView = [[/^([A-Z_]+): the guardian (agrees|does not agree) with the person's own decision \(([A-Z_]+)\); noted by (\S+); for the record only, it changes nothing the decision allows$/,
  (m, c) => tr(c, m[2] === 'agrees' ? 'guardianAgrees' : 'guardianDisagrees', {
    purpose: label(c.lang, 'cases.purpose', m[1]), status: label(c.lang, 'cases.consentStatus', m[3]), by: owner(c, m[4]),
  })]];

/** Actions whose note a person typed (the task's own complete/cancel buttons); other actions close tasks with a note of the service's. */
const personNoteActions = new Set(['completeTask', 'cancelTask']);

function taskClosed(): Rule[] {
  return [
    [/^(\w+) ([A-Z_]+) (completed|cancelled) by (\w+) \(\S+\)(?:: ([\s\S]*))?$/, (m, c) => {
      const [, id, kind, how, action, note] = m;
      if (personNoteActions.has(action)) return note ? tr(c, 'taskClosedNote', { id, task: task(c, kind), note }) : tr(c, 'taskClosed', { id, task: task(c, kind) });
      // The service's note says the same as the action (e.g. "professional intervention started"); a closing's reason stays.
      const reason = action === 'closeCase' && note?.startsWith('case closed: ') ? note.slice('case closed: '.length) : '';
      const text = hasString(`cases.action.${action}`)
        ? tr(c, how === 'completed' ? 'taskDoneBy' : 'taskCancelledBy', { id, task: task(c, kind), action: translate(c.lang, `cases.action.${action}`) })
        : tr(c, 'taskClosed', { id, task: task(c, kind) });
      return reason ? tr(c, 'withReason', { text, reason }) : text;
    }],
    [/^(\w+) ([A-Z_]+)(?:: ([\s\S]*))?$/, (m, c) => (m[3]
      ? tr(c, 'taskClosedNote', { id: m[1], task: task(c, m[2]), note: m[3] })
      : tr(c, 'taskClosed', { id: m[1], task: task(c, m[2]) }))],
  ];
}

/** `caseId, riskLevel` (a referral's shared fields as the service names them) in the UI language. */
function sharedFields(keys: string, c: TimelineContext): string {
  return keys.split(', ').filter(Boolean).map((k) => (hasString(`cases.referrals.field.${k}`) ? translate(c.lang, `cases.referrals.field.${k}`) : k))
    .join(translate(c.lang, 'cases.referrals.fieldSeparator'));
}

/** `r6 市精神卫生中心` or `r6 市精神卫生中心: note` (CaseReferrals' answers), as `key` or `keyNote`. */
function referralAnswer(key: string): Rule[] {
  return [[/^(\w+) ([\s\S]+?)(?:: ([\s\S]*))?$/, (m, c) => (m[3]
    ? tr(c, `${key}Note`, { institution: m[2], note: m[3] })
    : tr(c, key, { institution: m[2] }))]];
}

function consentText(m: RegExpExecArray, c: TimelineContext): string {
  return tr(c, 'consent', {
    purpose: label(c.lang, 'cases.purpose', m[1]), status: label(c.lang, 'cases.consentStatus', m[2]),
    givenBy: label(c.lang, 'cases.givenBy', m[3]), by: owner(c, m[4]),
  }) + (m[5] ? tr(c, 'consentReason', { reason: m[5] }) : '') + (m[6] ? tr(c, 'consentRefusedTail', {}) : '');
}

/**
 * A timeline entry's reason in the UI language: the service's own wording of `action` (intake, escalation, owner,
 * tasks, risk, screening, contact, consent) as a sentence from its parts, with a reason a person typed kept as typed;
 * null when the text is not one the service writes (free text, or a wording this console does not know): show it as sent.
 */
export function timelineReason(action: string, reason: string, c: TimelineContext): string | null {
  for (const [pattern, render] of rules[action] ?? []) {
    const m = pattern.exec(reason);
    if (m) return render(m, c);
  }
  return null;
}

/**
 * A notice up the chain (src/Grains/Cases/Domain: every Notify(...)) in the UI language: the high-risk protocol's to level 2
 * a case passed to the level-3 queue, taken over, escalated, sent for professional review; a reason a person typed
 * is kept as typed. Null for any other text (show it as sent).
 */
export function noticeText(message: string, lang: Lang, kind?: TenantKind): string | null {
  const c: TimelineContext = { lang, owner: (id) => (hasString(`cases.owner.${id}`) ? translate(lang, kindKey(`cases.owner.${id}`, kind, hasString)) : id), deadline: (x) => x };
  let m = /^Risk is (\w+): case escalated to level 3 \(R-1\.10\)\.$/.exec(message);
  if (m) return translate(lang, 'cases.tlr.noticeRisk', { risk: label(lang, 'cases.risk', m[1]) });
  m = /^Risk raised from (\w+) to (\w+) \(R-1\.10\)\.$/.exec(message);
  if (m) return translate(lang, 'cases.tlr.noticeRaised', { from: label(lang, 'cases.risk', m[1]), risk: label(lang, 'cases.risk', m[2]) });
  m = /^Case reopened at risk (\w+): the high-risk protocol runs again at level 3 \(R-1\.10\)\.$/.exec(message);
  if (m) return translate(lang, 'cases.tlr.noticeReopened', { risk: label(lang, 'cases.risk', m[1]) });
  // supervision's view of the two ways a case leaves the protocol (docs/protocol.md "Guards"); the reason is as typed
  m = /^Risk lowered from (\w+) to (\w+) by (\S+?): ([\s\S]*)$/.exec(message);
  if (m) return translate(lang, 'cases.tlr.noticeLowered', { from: label(lang, 'cases.risk', m[1]), risk: label(lang, 'cases.risk', m[2]), by: m[3], why: m[4] });
  m = /^Case closed at risk (\w+) by (\S+?): ([\s\S]*)$/.exec(message);
  if (m) return translate(lang, 'cases.tlr.noticeClosedHigh', { risk: label(lang, 'cases.risk', m[1]), by: m[2], why: m[3] });
  // to a named owner who may not own a level-3 case (PassStrandedOwnerToLevel3, R-4.3; new-user trial: English on the Chinese page)
  m = /^Case passed to (\S+) at level 3 \(([\s\S]+)\): a Counsellor or Clinician owns it now\.$/.exec(message);
  if (m) return translate(lang, 'cases.tlr.noticePassed', { queue: owner(c, m[1]), why: why(m[2], c) });
  m = /^Case taken over by (\S+)\.$/.exec(message);
  if (m) return translate(lang, 'cases.tlr.noticeTaken', { by: m[1] });
  m = /^Professional review requested by (\S+?): ([\s\S]*)$/.exec(message);
  if (m) return translate(lang, 'cases.tlr.noticeReview', { by: m[1], why: m[2] });
  m = /^Words suggesting a risk of self-harm or suicide \((.+)\), ([^:]+): grade the risk now \(R-1\.10\)\.$/.exec(message);
  if (m) return translate(lang, 'cases.tlr.noticeCrisisWords', { words: m[1], grading: grading(m[2], lang) });
  m = /^Escalated to level (\d): ([\s\S]*)$/.exec(message);
  if (m) return translate(lang, 'cases.tlr.noticeEscalated', { level: m[1], why: why(m[2], c) });
  return null;
}
