import { describe, expect, it } from 'vitest';
import { decodeRoster, isBlankLine } from '../src/pages/admin/rosterFile';

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
