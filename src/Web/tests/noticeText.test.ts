import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { noticeText } from '../src/pages/cases/timelineText';

// The notices up the chain as src/Grains/Cases/Domain writes them (every Notify(...) call; enum values as C# prints them).
describe('noticeText: every notice the service writes, in Chinese and English', () => {
  it.each([
    // CaseAggregate.Ownership.PassStrandedOwnerToLevel3 (new-user trial: this one stayed English on the Chinese case page)
    ['Case passed to queue:level-3 at level 3 (risk is High (R-1.10)): a Counsellor or Clinician owns it now.',
      '个案已在第 3 级转交第三级队列（专业人员）（风险为高）：现由心理咨询师或临床医生负责。',
      'The case passed to Level-3 queue (professionals) at level 3 (the risk is High): a Counsellor or Clinician owns it now.'],
    ['Case passed to queue:level-3 at level 3 (professional review requested): a Counsellor or Clinician owns it now.',
      '个案已在第 3 级转交第三级队列（专业人员）（已请求专业评估）：现由心理咨询师或临床医生负责。',
      'The case passed to Level-3 queue (professionals) at level 3 (a professional review was requested): a Counsellor or Clinician owns it now.'],
    ['Case passed to queue:level-3 at level 3 (escalated to level 3): a Counsellor or Clinician owns it now.',
      '个案已在第 3 级转交第三级队列（专业人员）（已升级至第 3 级）：现由心理咨询师或临床医生负责。',
      'The case passed to Level-3 queue (professionals) at level 3 (escalated to level 3): a Counsellor or Clinician owns it now.'],
    // CaseAggregate.Routing: takeCase, requestProfessionalReview
    ['Case taken over by psych@school.', 'psych@school 已接手此个案。', 'psych@school took over the case.'],
    ['Professional review requested by teacher@school: 连续三天不进食', 'teacher@school 请求专业评估：连续三天不进食',
      'teacher@school asked for a professional review: 连续三天不进食'],
    // CaseAggregate.Escalation: escalateCase
    ['Escalated to level 2: 班主任联系不上家长', '个案已升级至第 2 级：班主任联系不上家长', 'The case was escalated to level 2: 班主任联系不上家长'],
    // CaseAggregate.HighRiskProtocol: the level-2 notices of, a lowered risk
    ['Risk is Imminent: case escalated to level 3 (R-1.10).', '风险为紧急：个案已升级至第 3 级。', 'The risk is Imminent: the case was escalated to level 3.'],
    ['Risk raised from High to Imminent (R-1.10).', '风险由高升为紧急。', 'The risk rose from High to Imminent.'],
    ['Case reopened at risk High: the high-risk protocol runs again at level 3 (R-1.10).', '个案在风险为高时重新开启：第 3 级重新启动高风险处置流程。',
      'The case was reopened at risk High: the high-risk protocol runs again at level 3.'],
    ['Risk lowered from Imminent to Low by psych@school: 已与家长制定安全计划', 'psych@school 将风险由紧急降为低：已与家长制定安全计划',
      'psych@school lowered the risk from Imminent to Low: 已与家长制定安全计划'],
    // CaseAggregate.Transitions: closeCase at High or Imminent
    ['Case closed at risk High by psych@school: 已住院', 'psych@school 在风险仍为高时结案：已住院', 'psych@school closed the case while it was still at risk High: 已住院'],
  ])('%s', (message, zh, en) => {
    expect(noticeText(message, 'zh')).toBe(zh);
    expect(noticeText(message, 'en')).toBe(en);
  });

  it('leaves any other text alone (shown as sent)', () => {
    expect(noticeText('hello', 'zh')).toBeNull();
    expect(noticeText('Case passed somewhere else.', 'zh')).toBeNull();
  });
});

// Every Notify(to, $"…") in the case domain, its holes filled with sample values: a new wording fails here until it is translated.
const domain = new URL('../../Grains/Cases/Domain/', import.meta.url);
const templates = readdirSync(domain).filter((f) => f.endsWith('.cs'))
  .flatMap((f) => [...readFileSync(new URL(f, domain), 'utf8').matchAll(/\bNotify\([^,]+, \$"((?:[^"\\]|\\.)*)"\)/g)].map((m) => m[1]));
// level2Notice: the texts RunHighRiskProtocol is given (HighRiskProtocol.cs)
const level2 = readFileSync(new URL('CaseAggregate.HighRiskProtocol.cs', domain), 'utf8');
const protocolNotices = [...level2.matchAll(/\$"((?:Risk is|Risk raised|Case reopened)[^"]*)"/g)].map((m) => m[1]);

function sample(template: string): string {
  return template
    .replace(/level \{level\}/g, 'level 3')
    .replace(/\{(?:previous|level|State\.RiskLevel)\}/g, (_m, offset: number) => (template.slice(0, offset).includes('to {') ? 'Imminent' : 'High'))
    .replace(/\{CaseQueues\.Level3\}/g, 'queue:level-3')
    .replace(/\{actor\.Subject\}/g, 'psych@school')
    .replace(/\{why\}/g, template.startsWith('Case passed') ? 'risk is High (R-1.10)' : '面谈后决定')
    .replace(/\{[^}]+\}/g, '已与家长沟通');
}

describe('the notices the service writes today', () => {
  it('finds them in the C# sources', () => {
    expect(templates.length).toBeGreaterThanOrEqual(6);
    expect(protocolNotices.length).toBe(3);
  });

  it.each([...templates, ...protocolNotices].map((x) => [x, sample(x)]))('%s is shown in Chinese', (_template, message) => {
    const text = noticeText(message, 'zh');
    expect(text).not.toBeNull();
    expect(text!.replace(/[\w.]+@\w+/g, '')).not.toMatch(/[A-Za-z]{2,}/);
  });
});
