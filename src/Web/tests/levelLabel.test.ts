import { describe, expect, it } from 'vitest';
import { levelLabel } from '../src/pages/cases/labels';
import cases from '../src/i18n/strings/cases';

// Round-33 trial: a new concern in a school is owned by the level-3 queue at once while its escalation level stays 1, and
// the console said only "第 1 级" — read as "only the homeroom teacher knows".
describe('the escalation level badge', () => {
  it('says which level received a case that a higher queue owns', () => {
    expect(levelLabel(1, 'queue:level-3')).toEqual({ key: 'cases.levelReceived', params: { level: 1, by: 3 } });
    expect(levelLabel(1, 'queue:level-2')).toEqual({ key: 'cases.levelReceived', params: { level: 1, by: 2 } });
    expect(cases.zh['cases.levelReceived']).toBe('第 {level} 级（第 {by} 级已接收）');
    expect(cases.en['cases.levelReceived']).toBe('Level {level}, received by level {by}');
  });

  it('says the level alone when its own queue, a person or nobody owns the case', () => {
    expect(levelLabel(3, 'queue:level-3')).toEqual({ key: 'cases.level', params: { level: 3 } });
    expect(levelLabel(3, 'queue:level-2')).toEqual({ key: 'cases.level', params: { level: 3 } });
    expect(levelLabel(1, 'counsellor@demo-school')).toEqual({ key: 'cases.level', params: { level: 1 } });
    expect(levelLabel(2, null)).toEqual({ key: 'cases.level', params: { level: 2 } });
    expect(levelLabel(1, 'queue:supervisor')).toEqual({ key: 'cases.level', params: { level: 1 } });
  });
});
