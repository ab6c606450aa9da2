import { describe, expect, it } from 'vitest';
import { refusalText } from '../src/i18n/refusal';

// The refusal of recordConsent for a minor with givenBy: SELF, as AgeOfConsent.EnsureMayDecide sends it.
const minorSelf = {
  code: 'VALIDATION_FAILED',
  message: 'The person is under this tenant\'s age of consent (14) on 2026-12-03 (tenant\'s local date) and decides alone only from 2027-05-10. Only a guardian can grant or withdraw consent: record it with givenBy: GUARDIAN.',
  extensions: { code: 'VALIDATION_FAILED', field: 'givenBy', rule: 'age-of-consent', ageOfConsent: '14' },
};

describe('refusalText: a refusal in the UI language, never the raw field name', () => {
  it('explains the age-of-consent rule on givenBy in Chinese, with the tenant\'s age', () => {
    const r = refusalText(minorSelf, 'zh');
    expect(r.explanation).toContain('未满本租户同意年龄（14 岁）时只能由监护人决定');
    expect(r.field).toBe('请检查：作出决定的人（本人或监护人）');
    expect(`${r.headline} ${r.explanation} ${r.field}`).not.toContain('givenBy');
    expect(r.messageLang).toBe('en');
  });

  it('explains it in English too', () => {
    const r = refusalText(minorSelf, 'en');
    expect(r.explanation).toContain('age of consent (14)');
    expect(r.field).toBe('Check: who gives the decision (the person or a guardian)');
  });

  it('explains a missing guardian and an unknown age by their rule and field', () => {
    expect(refusalText({ ...minorSelf, extensions: { field: 'contacts', rule: 'guardian-required' } }, 'zh').explanation).toContain('没有登记监护人');
    expect(refusalText({ ...minorSelf, extensions: { field: 'dateOfBirth', rule: 'age-of-consent' } }, 'zh').explanation).toContain('年龄未知');
  });

  it('explains a login that is no staff member covering the record (scheduleAppointment counsellorSubject, activity owner)', () => {
    const staff = { code: 'VALIDATION_FAILED', message: 'x / 某', extensions: { field: 'counsellorSubject', rule: 'staff-member', subject: 'psych@x' } };
    expect(refusalText(staff, 'zh').explanation).toContain('不是本机构中所属单位覆盖此记录的工作人员');
    expect(refusalText(staff, 'en').explanation).toContain('not a staff member of this organization');
  });

  it('shows a bilingual message in the UI language', () => {
    const r = refusalText({ code: 'VALIDATION_FAILED', message: 'The file is empty. / 文件为空。', extensions: { field: 'csv' } }, 'zh');
    expect(r.message).toBe('文件为空。');
    expect(r.messageLang).toBe('zh-CN');
    expect(r.field).toBe('请检查：文件');
    expect(r.explanation).toBeUndefined();
  });

  it('names an item of a list by its number (setPersonContacts contacts[1].phone)', () => {
    const phone = { code: 'VALIDATION_FAILED', message: 'A phone number is 7–15 digits', extensions: { field: 'contacts[1].phone' } };
    expect(refusalText(phone, 'zh').field).toBe('请检查：第 2 位联系人的电话（7–15 位数字，带分机号时最多 20 位、分机号最多 5 位；可含 +、空格、- 和括号；只填一个号码）');
    expect(refusalText(phone, 'en').field).toContain('the phone of contact 2');
    expect(refusalText({ ...phone, extensions: { field: 'contacts[0].unknownMember' } }, 'en').field).toBe('Check: contacts[0].unknownMember');
  });

  it('falls back to the field\'s API name only when the console has no words for it', () => {
    expect(refusalText({ code: 'VALIDATION_FAILED', message: 'x', extensions: { field: 'someNewField' } }, 'zh').field).toBe('请检查：someNewField');
  });
});

// ConsentGate.Refusal for sendReferral after the person withdrew INFORMATION_SHARING (round-26 trial: the message named
// neither the purpose nor its status, and told the teacher of an 18-year-old to ask the guardian).
describe('refusalText: a missing consent in words', () => {
  const withdrawn = (givenBy: string) => ({
    code: 'CONSENT_REQUIRED',
    message: 'sendReferral needs the person\'s INFORMATION_SHARING consent, which is WITHDRAWN. Record it with recordConsent(purpose: INFORMATION_SHARING, decision: GRANTED).',
    extensions: { code: 'CONSENT_REQUIRED', purpose: 'INFORMATION_SHARING', purposes: 'INFORMATION_SHARING', status: 'WITHDRAWN', grantedBy: 'recordConsent', givenBy },
  });

  it('names the purpose, what it is now and that an adult decides themself', () => {
    const r = refusalText(withdrawn('SELF'), 'zh');
    expect(r.explanation).toBe('需要“信息共享（转介）”的知情同意，目前为“已撤回”。请在个案页面的“知情同意”中登记决定后重试。此人已满同意年龄，由本人决定。');
    expect(`${r.headline}${r.explanation}`).not.toContain('监护人同意');
  });

  it('says the guardian decides for a minor, in English too', () => {
    expect(refusalText(withdrawn('GUARDIAN'), 'en').explanation).toContain('which is now “withdrawn”. Record a decision under Consent on the case page, then try again. The person is below the age of consent, so their guardian decides.');
  });

  it('explains why a case still at High risk does not close yet, in both languages (round-31 re-check F1)', () => {
    const closing = { code: 'REASSESSMENT_REQUIRED', message: 'A case still at HIGH or IMMINENT risk closes only once its crisis was worked … / 仍处于“高”或“紧急”风险的个案……', extensions: { code: 'REASSESSMENT_REQUIRED', rule: 'crisis-unworked' } };
    expect(refusalText(closing, 'zh').explanation).toContain('完成危机处置');
    expect(refusalText(closing, 'en').explanation).toContain('grades it lower first');
    expect(refusalText(closing, 'zh').message).toBe('仍处于“高”或“紧急”风险的个案……');
  });
});
