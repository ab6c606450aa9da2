import { describe, expect, it } from 'vitest';
import { crisisStepKeys, ownerOf, receiptHighRiskKey } from '../src/pages/frontline/crisisSteps';

describe('crisisStepKeys: the last step of "what to do now" fits who owns the case (round-40 new-user trial)', () => {
  it('tells the owner the case is theirs instead of to wait for level 3', () => {
    expect(crisisStepKeys('Counsellor', 'me')).toEqual(['call', 'stay', 'means', 'hotline', 'yours']);
    expect(crisisStepKeys('Clinician', 'me').at(-1)).toBe('yours');
  });

  it('tells a reporter who is not the owner to wait to be reached', () => {
    expect(crisisStepKeys('Caseworker', 'unknown').at(-1)).toBe('wait');
    expect(crisisStepKeys('Reporter', 'unknown').at(-1)).toBe('wait');
    expect(crisisStepKeys('Counsellor', 'other').at(-1)).toBe('wait');
    expect(crisisStepKeys(undefined, 'unknown').at(-1)).toBe('wait');
  });

  it('tells a level-3 reporter whose case waits in the level-3 queue to take it, and anyone else to wait', () => {
    expect(crisisStepKeys('Counsellor', 'level3Queue')).toEqual(['call', 'stay', 'means', 'hotline', 'take']);
    expect(crisisStepKeys('Clinician', 'level3Queue').at(-1)).toBe('take');
    expect(crisisStepKeys('Caseworker', 'level3Queue').at(-1)).toBe('wait');
    expect(crisisStepKeys('Coordinator', 'level3Queue').at(-1)).toBe('wait');
  });

  it('gives a level-3 reporter whose ownership is not known no last step rather than a wrong one', () => {
    expect(crisisStepKeys('Counsellor', 'unknown')).toEqual(['call', 'stay', 'means', 'hotline']);
    expect(crisisStepKeys('Clinician', 'unknown')).not.toContain('wait');
  });
});

describe('ownerOf: the case\'s assignee against the signed-in user', () => {
  it('is me only for the same subject, other for another, unknown without either', () => {
    expect(ownerOf('psych@school', 'psych@school')).toBe('me');
    expect(ownerOf('queue:level-3', 'psych@school')).toBe('level3Queue');
    expect(ownerOf('queue:level-2', 'psych@school')).toBe('other');
    expect(ownerOf('psych2@school', 'psych@school')).toBe('other');
    expect(ownerOf(null, 'psych@school')).toBe('unknown');
    expect(ownerOf('psych@school', undefined)).toBe('unknown');
  });
});

describe('receiptHighRiskKey: the receipt says where a high-risk case is', () => {
  it('says the case is the owner\'s, waits for a level-3 reporter in the queue, or is with level 3', () => {
    expect(receiptHighRiskKey('Counsellor', 'me')).toBe('frontline.receipt.highRiskMine');
    expect(receiptHighRiskKey('Counsellor', 'level3Queue')).toBe('frontline.receipt.highRiskQueue');
    expect(receiptHighRiskKey('Caseworker', 'level3Queue')).toBe('frontline.receipt.highRisk');
    expect(receiptHighRiskKey('Counsellor', 'other')).toBe('frontline.receipt.highRisk');
    expect(receiptHighRiskKey(undefined, 'unknown')).toBe('frontline.receipt.highRisk');
  });
});

describe('crisisStepKeys: case staff below level 3 may notify the family themselves (session 41 trial)', () => {
  it('tells a grid worker, homeroom teacher or coordinator to notify the family if they can, before waiting', () => {
    expect(crisisStepKeys('Caseworker', 'unknown')).toEqual(['call', 'stay', 'means', 'hotline', 'notify', 'wait']);
    expect(crisisStepKeys('Coordinator', 'other')).toEqual(['call', 'stay', 'means', 'hotline', 'notify', 'wait']);
  });

  it('does not tell a reporter, a volunteer or a level-3 professional that step', () => {
    expect(crisisStepKeys('Reporter', 'unknown')).not.toContain('notify');
    expect(crisisStepKeys('Volunteer', 'unknown')).not.toContain('notify');
    expect(crisisStepKeys('Counsellor', 'me')).not.toContain('notify');
    expect(crisisStepKeys('Clinician', 'level3Queue')).not.toContain('notify');
    expect(crisisStepKeys(undefined, 'unknown')).not.toContain('notify');
  });
});
