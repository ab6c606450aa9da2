import { describe, expect, it } from 'vitest';
import { decodeRoster, isBlankLine, isSpreadsheet, splitRoster, titleRows } from '../src/pages/admin/rosterFile';

describe('a blank roster row, as the service reads cells', () => {
  it('is every cell empty or white space, quoted or not', () => {
    for (const line of ['', '   ', ',,,', ' , ,', '"",""', '"","",""', '" ",,""', ' "" , "" ']) expect(isBlankLine(line), line).toBe(true);
  });

  it('is not a row with any content, a quote character included', () => {
    for (const line of ['a,,', ',,b', '"a",,', '"""",', '" a ",', '"",x']) expect(isBlankLine(line), line).toBe(false);
  });

  it('leaves trailing quoted-empty rows out of the rows read, as the import leaves them out of its total', () => {
    const text = '学号,姓名\nS1,甲\nS2,乙\n"",""\n"",""\n';
    const roster = decodeRoster(new TextEncoder().encode(text));
    expect([roster.rows, roster.blank]).toEqual([2, 0]);
  });
});

describe('a roster split into parts and a title above its header', () => {
  const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => `S${from + i},学生${from + i},2012`).join('\n');

  it('starts every part with the header and numbers rows as the file does', () => {
    const text = `学号,姓名,出生年份\n${rows(1, 40)}\n`;
    const parts = splitRoster(decodeRoster(new TextEncoder().encode(text)), 300);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.text.split('\n')[0]).toBe('学号,姓名,出生年份');
    expect(parts.reduce((n, p) => n + p.rows, 0)).toBe(40);
    expect(parts[0].rowOffset).toBe(0);
    // the second part's first row is its row 2; its line in the file is 2 + offset
    const second = parts[1].text.split('\n')[1];
    expect(text.split('\n').indexOf(second) + 1).toBe(2 + parts[1].rowOffset);
  });

  it('keeps a title row in the first part only and starts later parts with the real header (round-34 trial)', () => {
    const text = `石桥镇居民心理关爱名册（2026年12月）,,\n编号,姓名,所属村（社区）\n${rows(1, 40)}\n`;
    const roster = decodeRoster(new TextEncoder().encode(text));
    expect([roster.header, roster.rows]).toEqual(['编号,姓名,所属村（社区）', 40]);
    const parts = splitRoster(roster, 300);
    expect(parts[0].text.split('\n').slice(0, 2)).toEqual(['石桥镇居民心理关爱名册（2026年12月）,,', '编号,姓名,所属村（社区）']);
    expect(parts[0].rowOffset).toBe(0);
    for (const p of parts.slice(1)) expect(p.text.split('\n')[0]).toBe('编号,姓名,所属村（社区）');
    const second = parts[1].text.split('\n')[1];
    expect(text.split('\n').indexOf(second) + 1).toBe(2 + parts[1].rowOffset);
    expect(parts.reduce((n, p) => n + p.rows, 0)).toBe(40);
  });

  it('starts each part where the one before ended, so the service reads a merged 班级 cell across the cut', () => {
    // a grade's list from Excel: a title, each class's name in the first row of its merged cell only, a blank row
    const body = Array.from({ length: 60 }, (_, i) => `S${i + 1},学生${i + 1},${i % 20 === 0 ? `初一（${i / 20 + 1}）班` : ''}`);
    body.splice(30, 0, ',,');
    const text = `初一年级学生名册,,\n学号,姓名,班级\n${body.join('\n')}\n`;
    const parts = splitRoster(decodeRoster(new TextEncoder().encode(text)), 300);
    // a part's lines; the last part also ends with the file's final line break, as an empty line
    const lines = (p: { text: string }) => p.text.replace(/\n+$/, '').split('\n');
    expect(parts.length).toBeGreaterThan(2);
    // some part starts inside a merged cell: its first row's class cell is blank
    expect(parts.slice(1).some((p) => lines(p)[1].endsWith(','))).toBe(true);
    let end = lines(parts[0]).length; // the first part is the file from its first line: its rows are the file's
    for (const p of parts.slice(1)) {
      expect(p.rowOffset + 1).toBe(end); // the line above the part is the last line of the part before
      end = p.rowOffset + lines(p).length;
    }
    expect(end).toBe(text.replace(/\n$/, '').split('\n').length);
    expect(parts.flatMap((p, i) => lines(p).slice(i === 0 ? 0 : 1)).join('\n')).toBe(text.replace(/\n$/, ''));
  });

  it('finds no title in a file whose first row is the header, or whose only rows have one cell', () => {
    expect(titleRows(['学号,姓名', 'S1,甲'])).toBe(0);
    expect(titleRows(['名单', '', '学号,姓名', 'S1,甲'])).toBe(2);
    expect(titleRows(['姓名', '甲', '乙'])).toBe(0);
  });
});

// New-user trial: an .xlsx chosen on /admin/import said only 请选择文件; the service imports CSV only (docs/rosters.md).
describe('a spreadsheet workbook chosen instead of CSV', () => {
  const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
  const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00]);
  const csv = new TextEncoder().encode('学号,姓名\nS1,甲\n');

  it('is known by its name or by its first bytes', () => {
    expect(isSpreadsheet('名单.xlsx', csv)).toBe(true);
    expect(isSpreadsheet('名单.XLS', csv)).toBe(true);
    expect(isSpreadsheet('名单.et', csv)).toBe(true);
    expect(isSpreadsheet('download', zip)).toBe(true);
    expect(isSpreadsheet('名单.csv', ole)).toBe(true);
    expect(isSpreadsheet('名单.csv', csv)).toBe(false);
  });

  it('is refused as a spreadsheet, not read as garbled text', () => {
    expect(() => decodeRoster(zip, 'auto', 'roster.xlsx')).toThrow(expect.objectContaining({ problem: { kind: 'spreadsheet' } }));
    expect(decodeRoster(csv, 'auto', '名单.csv').rows).toBe(1);
  });
});
