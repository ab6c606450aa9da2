import { describe, expect, it } from 'vitest';
import { addNotice, groupRowErrors, importOutcome, rowExcerpt, rowRanges } from '../src/pages/admin/importOutcome';
import { translate } from '../src/i18n';

const totals = (landed: number, invalid = 0, notWritten = 0) => ({ landed, invalid, notWritten });

describe('importOutcome: 完成 only when rows landed', () => {
  it('is a refusal, not done, when the service refused the file (wrong encoding, missing column)', () => {
    expect(importOutcome({ done: true, totals: totals(0) }, true)).toEqual({ kind: 'refused' });
  });

  it('is a refusal when the only part failed before any row landed', () => {
    expect(importOutcome({ done: true, failed: 'The file has no externalId column. / 缺少学号列。', totals: totals(0) }, false)).toEqual({ kind: 'refused' });
  });

  it('says how many rows landed when a later part stopped', () => {
    expect(importOutcome({ done: true, failed: 'x', totals: totals(120) }, false)).toEqual({ kind: 'stopped', landed: 120 });
    expect(importOutcome({ done: true, totals: totals(120) }, true)).toEqual({ kind: 'stopped', landed: 120 });
  });

  it('says nothing was imported when every row was refused', () => {
    expect(importOutcome({ done: true, totals: totals(0, 30) }, false)).toEqual({ kind: 'noneLanded', invalid: 30, notWritten: 0 });
  });

  it('is done when rows landed', () => {
    expect(importOutcome({ done: true, totals: totals(28, 2) }, false)).toEqual({ kind: 'done', landed: 28, invalid: 2, notWritten: 0 });
    expect(importOutcome({ done: false, totals: totals(0) }, false)).toEqual({ kind: 'running' });
  });

  it('never says 完成 / Done for a refusal or an import that landed nothing', () => {
    for (const key of ['admin.import.refusedNothingChanged', 'admin.import.noneLanded']) {
      expect(translate('zh', key, { invalid: 3, notWritten: 0 })).not.toContain('完成');
      expect(translate('zh', key, { invalid: 3, notWritten: 0 })).toContain('没有任何变化');
      expect(translate('en', key, { invalid: 3, notWritten: 0 })).not.toMatch(/^Done/);
    }
  });
});

describe('groupRowErrors and rowRanges: one line per reason, with its rows', () => {
  it('lists rows that share a column and reason once, in the order the reasons first appear', () => {
    const groups = groupRowErrors([
      { row: 27, column: 'unit', reason: 'no class 初二（3）班' }, { row: 11, column: 'sex', reason: 'sex' },
      { row: 25, column: 'unit', reason: 'no class 初二（3）班' }, { row: 26, column: 'unit', reason: 'no class 初二（3）班' },
      { row: 31, column: 'unit', reason: 'no class 初二（3）班' }, { row: 12, column: 'unit', reason: 'another reason' },
    ]);
    expect(groups.map((g) => [g.column, g.rows])).toEqual([['unit', [25, 26, 27, 31]], ['sex', [11]], ['unit', [12]]]);
  });

  it('writes consecutive rows as a run', () => {
    expect(rowRanges([25, 26, 27, 31], ', ')).toBe('25–27, 31');
    expect(rowRanges([7], '、')).toBe('7');
    expect(rowRanges([1, 3, 4], '、')).toBe('1、3–4');
  });
});

describe('rowExcerpt: whose row a refusal is about', () => {
  const lines = ['学号,姓名,班级', 'S1,林小雨,初二(1)班\r', 'S2,' + '长'.repeat(80)];
  it('shows the row as the file has it, header = row 1', () => {
    expect(rowExcerpt(lines, 2)).toBe('S1,林小雨,初二(1)班');
  });
  it('cuts a long row and answers nothing for a row the file does not have', () => {
    expect(rowExcerpt(lines, 3, 10)).toBe('S2,长长长长长长长…');
    expect(rowExcerpt(lines, 9)).toBe('');
  });
});

describe('addNotice: each notice once for a file imported in parts', () => {
  // the service's messages (Bilingual.Join / JoinAll): the first part's names the title and the notes column together
  const title = ["The row above the header ('初一名册') was read as the roster's title and skipped; the header is the row after it.", '表头上方的“初一名册”一行被视为名单标题，已跳过；其下一行作为表头。'];
  const notes = ["Free-text notes are not imported from a roster: column 5 ('备注') was not read. If a note tells of a concern, report it (reportConcern) or record it in the case.",
    '名单中的自由填写备注不随文件导入：第 5 列“备注”未读取。如备注中有需要关注的情况，请通过“上报关注”或在个案中记录。'];
  const both = `${title[0]} ${notes[0]} / ${title[1]}${notes[1]}`;
  const notesOnly = `${notes[0]} / ${notes[1]}`;

  it('shows the notes notice once when every part names the notes column (before: once per part)', () => {
    const shown = [both, notesOnly, notesOnly].reduce<string[]>((n, m) => addNotice(n, m), []);
    expect(shown).toEqual([both]);
    expect([notesOnly, notesOnly, null, undefined, ''].reduce<string[]>((n, m) => addNotice(n, m), [])).toEqual([notesOnly]);
  });

  it('keeps a notice the ones shown do not say, in the order the parts sent them', () => {
    const notWritten = '3 row(s) could not be written after 3 tries. / 有 3 行尝试 3 次后仍未写入。';
    expect(addNotice(addNotice([], notesOnly), notWritten)).toEqual([notesOnly, notWritten]);
    // English alone (an older message) is compared as written
    expect(addNotice(['Skipped.'], 'Skipped.')).toEqual(['Skipped.']);
    expect(addNotice(['Skipped.'], 'Other.')).toEqual(['Skipped.', 'Other.']);
  });
});
