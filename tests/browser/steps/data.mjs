// The data of one pass: its own school tenant (so the English and the Chinese pass never meet), its units and staff,
// and the 30-row class roster with 2 bad rows of the step 2.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const NAMES = [
  '王子涵', '李雨桐', '张浩然', '刘欣怡', '林小雨', '陈思远', '杨梓萱', '赵一鸣', '黄诗琪', '周晓彤',
  '吴俊杰', '徐可馨', '孙宇航', '胡佳怡', '朱子轩', '高雅琪', '何文博', '郭欣然', '马天佑', '罗梦瑶',
  '梁家豪', '宋雨萱', '郑博文', '谢思琪', '韩明轩', '唐若曦', '冯子墨', '于佳琪', '董浩宇', '萧语嫣',
];

/**
 * @param {'en'|'zh'} lang
 * @param {string} runId a short lower-case run id, so that repeated runs on one silo never collide
 */
export function passData(lang, runId) {
  const tenant = `bt-${lang}-${runId}`;
  const zh = lang === 'zh';
  const student = { row: 5, externalId: `S${runId}-05`, name: NAMES[4] };
  return {
    tenant,
    tenantName: zh ? `浏览器测试学校 ${runId}` : `Browser Test School ${runId}`,
    platformSub: `platform@caregrid-${runId}.test`,
    admin: `admin@${tenant}`,
    homeroom: `homeroom-7-1@${tenant}`,
    otherHomeroom: `homeroom-7-2@${tenant}`,
    psych: `psych@${tenant}`,
    principal: `principal@${tenant}`,
    gradeLeader: `grade-7-leader@${tenant}`,
    auditor: `auditor@${tenant}`,
    grade: { id: 'grade-7', name: zh ? '七年级' : 'Grade 7' },
    classes: [{ id: 'class-7-1', name: zh ? '七年级1班' : 'Class 7-1' }, { id: 'class-7-2', name: zh ? '七年级2班' : 'Class 7-2' }],
    student,
    guardian: zh ? { name: '林美华', relationship: '母亲', phone: '139 0000 1234' } : { name: 'Lin Meihua', relationship: 'mother', phone: '139 0000 1234' },
    // An emergency contact added by mistake and removed: it stays readable under the earlier contacts.
    mistaken: zh ? { name: '王阿姨', phone: '137 0000 5678' } : { name: 'Auntie Wang', phone: '137 0000 5678' },
    summary: zh ? '课间独自坐在走廊里哭，说不想再活下去了。' : 'Crying alone in the corridor at break; said she does not want to live any more.',
    breakReason: zh ? '需核实紧急联系人' /* eight ideographs: a reason to the API, once refused by the console's count of characters */ : 'The student is absent today and her teacher is away: I must check the emergency contact now.',
    phq9: [1, 1, 1, 1, 0, 0, 0, 0, 2],
    roster: roster(runId),
    badRows: [13, 26],
  };
}

/** 30 data rows (spreadsheet rows 2–31); rows 13 and 26 are bad: an impossible date, a missing name. */
function roster(runId) {
  const lines = ['学号,姓名,性别,出生日期,监护人,监护人关系,监护人电话'];
  NAMES.forEach((name, i) => {
    const n = String(i + 1).padStart(2, '0');
    const sex = i % 2 === 0 ? '男' : '女';
    const row = i + 2;
    const date = row === 13 ? '2013-02-30' : `2013-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
    const shown = row === 26 ? '' : name;
    // The student of the flow (row 6) has no guardian on file, as in a 学籍 export without guardian columns: the
    // psychology teacher adds the guardian on the case page (step 4d; new-user trial 2026-12-04).
    const family = i === 4 ? ',,' : `${name.slice(0, 1)}家长,母亲,139000001${n}`;
    lines.push(`S${runId}-${n},${shown},${sex},${date},${family}`);
  });
  return lines.join('\n') + '\n';
}

/** The unit, role and template names the school template provisions — data in English only (a finding, see README of tests/browser). */
export function templateNames(repoRoot) {
  const text = readFileSync(join(repoRoot, 'seeds', 'templates', 'school.json'), 'utf8');
  const names = [];
  for (const match of text.matchAll(/"name(?:Zh)?"\s*:\s*"([^"]+)"/g)) {
    if (!match[1].includes('{')) names.push(match[1]);
  }
  return names;
}
