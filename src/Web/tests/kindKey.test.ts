import { describe, expect, it } from 'vitest';
import { kindKey } from '../src/i18n/kindKey';
import { hasString, translate } from '../src/i18n';

// New-user trial: a town tenant read school wording (班主任, 年级组长, 学号, 初一（1）班). A key may carry a variant per tenant kind.
describe('kindKey: wording that fits the tenant kind', () => {
  const has = (k: string) => ['a', 'a.school', 'a.town'].includes(k);

  it('takes the variant of the tenant kind when there is one', () => {
    expect(kindKey('a', 'SCHOOL', has)).toBe('a.school');
    expect(kindKey('a', 'TOWN', has)).toBe('a.town');
  });

  it('falls back to the key, worded for every kind, without a variant or before the kind is known', () => {
    expect(kindKey('a', 'DISTRICT', has)).toBe('a');
    expect(kindKey('a', undefined, has)).toBe('a');
  });

  it('shows no school wording in a town for what the trial saw', () => {
    const town = (k: string) => translate('zh', kindKey(k, 'TOWN', hasString));
    const school = (k: string) => translate('zh', kindKey(k, 'SCHOOL', hasString));
    for (const k of ['role.Caseworker', 'role.Coordinator', 'role.Counsellor', 'role.Reporter', 'cases.owner.queue:level-3', 'frontline.report.intro',
      'admin.import.intro', 'admin.import.unitHint', 'people.col.number', 'people.intro', 'people.unitHint', 'admin.unitForm.nameHint',
      'frontline.searchPerson', 'frontline.searchHint', 'frontline.noResults', 'frontline.rosterNumber', 'frontline.personId', 'frontline.personIdHint']) {
      expect(town(k), k).not.toMatch(/班主任|年级组长|心理教师|学号|学生|初一|班级名单|全校/);
    }
    expect(school('people.col.number')).toBe('编号（学号）');
    expect(town('people.col.number')).toBe('编号');
    expect(school('role.Caseworker')).toBe('班主任');
    expect(town('role.Coordinator')).toBe('协调员（社会事务办）');
  });
});
