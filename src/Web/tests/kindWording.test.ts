import { describe, expect, it } from 'vitest';
import { kindKey, type TenantKind } from '../src/i18n/kindKey';
import { hasString, translate } from '../src/i18n';
import { allStrings } from '../src/i18n/strings';

// New-user trial (a town tenant in Chinese): the high-risk receipt, the overdue board, the coordinator's start page, the
// lower-risk dialog, the member-of-no-unit notice and the import page read school words (心理教师, 学校协调人, 班级, 学号,
// 学生). Every key as a town or a district reads it (its `.town` / `.district` variant, else the key) is checked here.
const schoolWordsZh = /学校|班级|学生|学号|心理教师|心理老师|班主任|年级组长|教职工|全校|本班|离校|调班/;
const schoolWordsEn = /school|\bclass(es)?\b|student|pupil|homeroom|psychology teacher|grade leader/i;

// Keys that name school things on purpose: the sign-in page (before any tenant), the school template's unit kinds, roles
// and class rules (a town has none), a new class's next step, and the platform's and the roll-up's kinds of tenant (a
// district's roll-up lists its schools).
const schoolOnly = [/^signIn\./, /^admin\.orgKind\./, /^admin\.role\./, /^admin\.health/, /^admin\.unitForm\.(classNext|addMembers)$/, /^platform\./,
  /^supervision\.rollUp\./];

const baseKeys = [...new Set(allStrings.flatMap((area) => Object.keys(area.zh)))].filter((k) => !/\.(school|town|district)$/.test(k));

describe('wording by tenant kind', () => {
  for (const kind of ['TOWN', 'DISTRICT'] as TenantKind[]) {
    it(`shows a ${kind.toLowerCase()} no school words (Chinese and English)`, () => {
      const shown = baseKeys.filter((k) => !schoolOnly.some((r) => r.test(k))).map((k) => kindKey(k, kind, hasString));
      expect(shown.filter((k) => schoolWordsZh.test(translate('zh', k))).map((k) => `${k}: ${translate('zh', k)}`)).toEqual([]);
      expect(shown.filter((k) => schoolWordsEn.test(translate('en', k))).map((k) => `${k}: ${translate('en', k)}`)).toEqual([]);
    });
  }

  it('names the town’s and the district’s own level 3 and level 2 where the school’s named its roles', () => {
    const zh = (k: string, kind: TenantKind) => translate('zh', kindKey(k, kind, hasString), { risk: '高风险' });
    expect(zh('frontline.receipt.highRisk', 'TOWN')).toContain('第三级（卫生院专业人员：乡镇心理专干、卫生院医生）');
    expect(zh('frontline.receipt.highRisk', 'DISTRICT')).toContain('第三级（精神卫生中心专业人员）');
    expect(zh('frontline.receipt.highRisk', 'SCHOOL')).toContain('第三级（心理教师、咨询师）');
    expect(zh('cases.owner.queue:level-3', 'TOWN')).toBe('第三级队列（卫生院专业人员）');
    expect(zh('cases.owner.queue:level-3', 'SCHOOL')).toBe('第三级队列（心理教师或咨询师）');
    expect(zh('home.level2.intro', 'TOWN')).toContain('第二级（社会事务办）');
    expect(zh('home.level2.intro', 'DISTRICT')).toContain('第二级（街道）');
    expect(zh('cases.form.lowerNotifies', 'TOWN')).toContain('通知第二级（社会事务办）');
    expect(zh('cases.form.lowerNotifies', 'DISTRICT')).toContain('通知第二级（街道）');
    expect(zh('cases.form.lowerNotifies', 'SCHOOL')).toContain('通知二级（学校协调人）');
    expect(zh('admin.import.kindPeople', 'TOWN')).toBe('服务对象（居民）');
    expect(zh('admin.import.kindPeople', 'SCHOOL')).toBe('服务对象（学生）');
    expect(zh('admin.import.moved', 'TOWN')).toBe('其中从其他单位转入（编号和姓名相同）');
  });

  it('keeps the neutral key, shown before the tenant is known, free of school words', () => {
    for (const k of ['frontline.receipt.highRisk', 'cases.owner.queue:level-3', 'home.level2.intro', 'cases.form.lowerNotifies', 'common.unassigned.body', 'admin.import.kindPeople']) {
      expect(translate('zh', k), k).not.toMatch(schoolWordsZh);
      expect(translate('en', k), k).not.toMatch(schoolWordsEn);
    }
  });
});
