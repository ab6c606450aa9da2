import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { constantCase, noticeText, timelineReason, type TimelineContext } from '../src/pages/cases/timelineText';

// Texts as src/Grains/Cases/Domain writes them (Record(...) calls; enum values as C# prints them).
const zh: TimelineContext = { lang: 'zh', owner: (id) => (id === 'queue:level-3' ? '三级队列' : id), deadline: (iso) => `D(${iso})` };
const en: TimelineContext = { ...zh, lang: 'en', owner: (id) => (id === 'queue:level-3' ? 'Level-3 queue' : id) };

describe('timelineReason: the service\'s own timeline texts in the UI language', () => {
  it.each([
    ['Intake', 'owner queue:level-3: the tenant\'s intake rule sends a new concern to level 3', '按本租户的接收规则交给三级队列（新上报的情况由第 3 级处理）。'],
    ['Escalate', 'level 1 → 3: risk is High (R-1.10)', '第 1 级 → 第 3 级：风险为高。'],
    ['Escalate', 'level 2 → 3: overdue task t4', '第 2 级 → 第 3 级：任务 t4 已逾期。'],
    ['Escalate', 'level 1 → 2: 班主任联系不上家长', '第 1 级 → 第 2 级：班主任联系不上家长'],
    ['Assign', 'owner queue:level-3 (high-risk protocol, R-1.10)', '负责人：三级队列（高风险处置流程）。'],
    ['Assign', 'owner teacher@s → queue:level-3: risk is Imminent (R-1.10); only a Counsellor or Clinician owns a level-3 case (R-4.3)',
      '负责人 teacher@s → 三级队列：风险为紧急；第三级个案只能由心理咨询师或临床医生负责。'],
    ['Assign', 'owner teacher@s → queue:level-3: professional review requested; only a Counsellor or Clinician owns a level-3 case (R-4.3)',
      '负责人 teacher@s → 三级队列：已请求专业评估；第三级个案只能由心理咨询师或临床医生负责。'],
    ['Assign', 'owner teacher@s → queue:level-3: escalated to level 3; only a Counsellor or Clinician owns a level-3 case (R-4.3)',
      '负责人 teacher@s → 三级队列：已升级至第 3 级；第三级个案只能由心理咨询师或临床医生负责。'],
    ['NotifyLevel2', 'Risk is High: case escalated to level 3 (R-1.10).', '风险为高：个案已升级至第 3 级。'],
    ['TaskCreated', 't1 NotifyFamilyEmergencyContact for queue:level-3, due 2026-12-02T03:33:57.4295953+00:00',
      '告知家属并提供紧急联系方式，负责：三级队列，截止：D(2026-12-02T03:33:57.4295953+00:00)。'],
    ['TaskOverdue', 't2 ProfessionalCrisisIntervention was due 2026-12-03T16:00:00.0000000+00:00; escalated from queue:level-3 to queue:supervisor',
      '专业人员危机干预截止于 D(2026-12-03T16:00:00.0000000+00:00)，已逾期，系统已将其从三级队列升级至queue:supervisor。'],
    ['TaskDone', 't1 NOTIFY_FAMILY_EMERGENCY_CONTACT completed by completeTask (c@s): 已电话告知母亲', '告知家属并提供紧急联系方式：已电话告知母亲'],
    ['TaskCancelled', 't3 POLICE_TRANSPORT_ASSISTANCE', '公安协助护送就医'],
    ['TaskDone', 't3 PROFESSIONAL_CRISIS_INTERVENTION completed by startIntervention (c@s): professional intervention started', '专业人员危机干预：因“开始干预”而完成'],
    ['TaskCancelled', 't5 FOLLOW_UP_VISIT cancelled by closeCase (c@s): case closed: 已转入医院治疗', '随访：因“结案”而取消：已转入医院治疗'],
    ['TaskDone', 't6 FOLLOW_UP_VISIT completed by logContact (c@s): HomeVisit contact logged', '随访：因“记录一次联系”而完成'],
    ['TaskDone', 't7 DISCHARGE_HAND_OVER completed by recordDischargeStep (c@s): d1 RECEIVED', '出院信息交接：因“记录出院交接步骤”而完成'],
    ['AssessRisk', 'Low → High: screening s2 (PHQ-9)', '风险 低 → 高：筛查 s2（PHQ-9）'],
    ['AssessRisk', 'High confirmed: 面谈后确认', '确认风险为高：面谈后确认'],
    ['AssessRisk', 'Ungraded → High: initial grading by the reporter', '风险 未评估 → 高：上报人的初步评估'],
    ['AssessRisk', 'Ungraded → Moderate: 面谈后评估', '风险 未评估 → 中：面谈后评估'],
    ['AssessRisk', 'Low → High: raised by an added concern', '风险 低 → 高：因新增关注而提高'],
    ['Reassess', 'level-3 reassessment: Moderate: 情绪稳定', '第三级重新评估：中：情绪稳定'],
    ['TakeCase', 'owner queue:level-3 → c@s', '负责人 三级队列 → c@s'],
    ['RecordScreening', 'PHQ-9: total 17, ModeratelySevere, suicidal ideation flagged, suggests High', 'PHQ-9：总分 17，中重度，提示有自杀意念；建议风险高'],
    ['LogContact', 'HomeVisit, 45 min', '家访，45 分钟'],
    ['ConsentGranted', 'PROFESSIONAL_INTERVENTION GRANTED, given by GUARDIAN; recorded by c@s', '专业干预：同意，作出人：监护人；记录人：c@s'],
    ['GuardianView', "FAMILY_CONTACT: the guardian does not agree with the person's own decision (GRANTED); noted by c@s; for the record only, it changes nothing the decision allows",
      '联系家属：监护人不同意本人的决定（同意）；记录人：c@s。仅作记录，不改变本人决定的效力。'],
    ['DutyOfCareOverride', 'logContact without PROFESSIONAL_INTERVENTION consent (WITHDRAWN) at High risk (duty of care, R-1.7): 家长撤回同意，仍需电话确认安全',
      '风险为“高”时未经“专业干预”同意（当前：已撤回）即执行“记录一次联系”（履行监护和救助责任）：家长撤回同意，仍需电话确认安全'],
    ['ConcernAdded', 'not graded: 上课哭泣', '未评估：上课哭泣'],
    ['DutyOfCareOverride', 'completeTask without PROFESSIONAL_INTERVENTION consent (WITHDRAWN) at Imminent risk (duty of care, R-1.7): 学生正在楼顶',
      '风险为“紧急”时未经“专业干预”同意（当前：已撤回）即执行“完成任务”（履行监护和救助责任）：学生正在楼顶'],
    ['DutyOfCareOverride', 'completeTask (PROFESSIONAL_CRISIS_INTERVENTION) without PROFESSIONAL_INTERVENTION consent (PENDING) at Imminent risk (duty of care, R-1.7): 学生今晚有具体计划',
      '风险为“紧急”时未经“专业干预”同意（当前：待定）即执行“完成任务：专业人员危机干预”（履行监护和救助责任）：学生今晚有具体计划'],
    ['DutyOfCareOverride', 'startIntervention without PROFESSIONAL_INTERVENTION consent (PENDING) and INFORMATION_SHARING consent (REFUSED) at Imminent risk (duty of care, R-1.7): 有具体计划',
      '风险为“紧急”时未经“专业干预”同意（当前：待定）和“信息共享（转介）”同意（当前：拒绝）即执行“开始干预”（履行监护和救助责任）：有具体计划'],
    ['UnitChanged', 'Unit class-7-1 → class-9-1: the person moved', '所属单位 class-7-1 → class-9-1：此人已调换单位，未结束的个案随之转入。'],
  ])('%s: %s', (action, reason, text) => {
    expect(timelineReason(action, reason, zh)).toBe(text);
  });

  it('says when a due time was cut at its kind\'s calendar cap (RT17-9)', () => {
    const reason = 't4 GuideToPsychiatricInstitution for queue:level-3, due 2024-03-22T07:00:00.0000000+00:00 (capped at 14 days, its kind\'s longest: '
      + 'the tenant\'s 3 WORKING_DAYS on its calendar would fall due 2024-04-19T16:00:00.0000000+00:00; RT17-9)';
    expect(timelineReason('TaskCreated', reason, zh)).toBe('引导至精神卫生专科机构，负责：三级队列，截止：D(2024-03-22T07:00:00.0000000+00:00)'
      + '（无论节假日，此类任务最长 14 天；按本单位工作日历，3 个工作日要到 D(2024-04-19T16:00:00.0000000+00:00) 才截止）。');
    expect(timelineReason('TaskCreated', reason.replace('14 days', '24 hours'), en)).toBe('Guide to a psychiatric institution for Level-3 queue, '
      + 'due D(2024-03-22T07:00:00.0000000+00:00): at most 24 h for this task, whatever the holidays (its 3 working day(s) on the tenant\'s calendar '
      + 'would end D(2024-04-19T16:00:00.0000000+00:00)).');
  });

  it('says when a reopened case\'s task kept the deadline closing had stopped', () => {
    const reason = 't9 NotifyFamilyEmergencyContact for psych@t, due 2024-03-08T02:00:00.0000000+00:00 (kept from before the case was closed; '
      + 'counted from now it would fall due 2024-03-08T03:55:00.0000000+00:00; R-1.10)';
    expect(timelineReason('TaskCreated', reason, zh)).toBe('告知家属并提供紧急联系方式，负责：psych@t，截止：D(2024-03-08T02:00:00.0000000+00:00)'
      + '（沿用结案前的截止时间；若从现在起算则为 D(2024-03-08T03:55:00.0000000+00:00)）。');
    expect(timelineReason('TaskCreated', reason, en)).toContain('the deadline it had before the case was closed');
  });

  it('reads in English too', () => {
    expect(timelineReason('Intake', 'owner queue:level-3: the tenant\'s intake rule sends a new concern to level 3', en))
      .toBe('Given to Level-3 queue by the tenant\'s intake rule (a new concern goes to level 3).');
    expect(timelineReason('Escalate', 'level 1 → 3: risk is High (R-1.10)', en)).toBe('Level 1 → 3: the risk is High.');
  });

  it('leaves free text and unknown wordings to be shown as sent', () => {
    expect(timelineReason('Close', '家长已带去医院', zh)).toBeNull();
    expect(timelineReason('Intake', 'some future wording', zh)).toBeNull();
  });

  it('turns the level-2 notices into the UI language', () => {
    expect(noticeText('Risk is Imminent: case escalated to level 3 (R-1.10).', 'zh')).toBe('风险为紧急：个案已升级至第 3 级。');
    expect(noticeText('Case reopened at risk High: the high-risk protocol runs again at level 3 (R-1.10).', 'en'))
      .toBe('The case was reopened at risk High: the high-risk protocol runs again at level 3.');
    expect(noticeText('Risk raised from High to Imminent (R-1.10).', 'zh')).toBe('风险由高升为紧急。');
    expect(noticeText('Risk raised from High to Imminent (R-1.10).', 'en')).toBe('The risk rose from High to Imminent.');
    expect(noticeText('Risk lowered from Imminent to Low by psych@school: 已与家长制定安全计划', 'zh')).toBe('psych@school 将风险由紧急降为低：已与家长制定安全计划');
    expect(noticeText('Case closed at risk High by psych@school: admitted to the mental health centre', 'en'))
      .toBe('psych@school closed the case while it was still at risk High: admitted to the mental health centre');
    expect(noticeText('Case closed at risk Imminent by psych@school: 已住院', 'zh')).toBe('psych@school 在风险仍为紧急时结案：已住院');
    expect(noticeText('hello', 'zh')).toBeNull();
  });

  it('says what happened to a referral in Chinese (round-31 trial: English lines in the Chinese console)', () => {
    expect(timelineReason('ProposeReferral', 'r6 to 市精神卫生中心: 需要住院评估', zh)).toBe('提议转介至市精神卫生中心：需要住院评估');
    expect(timelineReason('Refer', 'r6 sent to 市精神卫生中心; shared: caseId, riskLevel, reason, personDisplayName', zh))
      .toBe('转介已发送至市精神卫生中心；共享：个案编号、风险等级、转介原因、当事人姓名。');
    expect(timelineReason('ReferralAccepted', 'r6 市精神卫生中心', zh)).toBe('市精神卫生中心已接收转介。');
    expect(timelineReason('ReferralSharedBeforeWithdrawal', 'r6 市精神卫生中心: shared caseId, personDisplayName before INFORMATION_SHARING was withdrawn; tell the institution (R-1.7)', zh))
      .toBe('撤回信息共享同意之前，市精神卫生中心已收到：个案编号、当事人姓名。请告知该机构。');
    expect(timelineReason('ReferralDeclined', 'r6 Mental Health Centre: no beds: try next week', en)).toBe('Mental Health Centre declined the referral: no beds: try next week');
    expect(timelineReason('ReferralCompleted', 'r6 市精神卫生中心: 已住院', zh)).toBe('转介至市精神卫生中心已完成：已住院');
  });

  it('spells C# enum names as the schema does', () => {
    expect(constantCase('NotifyFamilyEmergencyContact')).toBe('NOTIFY_FAMILY_EMERGENCY_CONTACT');
    expect(constantCase('HIGH')).toBe('HIGH');
  });
});

// What the case rules write for a school's high-risk case (kept by ServiceTimelineTextsShould, which fails when the
// rules change): every text is recognised, and its Chinese has no English word left but ids, subs and R-numbers.
const samples: { action: string; reason: string }[] = JSON.parse(readFileSync(new URL('./fixtures/service-timeline.json', import.meta.url), 'utf8'));

describe('the texts the service writes today', () => {
  it.each(samples.map((s) => [s.action, s.reason]))('%s: %s is recognised', (action, reason) => {
    const text = timelineReason(action, reason, zh);
    expect(text).not.toBeNull();
    const leftover = text!.replace(/D\([^)]*\)|R-\d+\.\d+|\bt\d+\b|[\w.]+@\w+|queue:[\w-]+/g, '');
    expect(leftover).not.toMatch(/[A-Za-z]{2,}/);
  });
});
