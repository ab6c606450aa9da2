import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import labels from '../src/i18n/strings/labels';
import { allStrings } from '../src/i18n/strings';

// The enum values as the served schema spells them (schema.graphql at the repository root, the console's contract).
const schema = readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8');
function enumValues(name: string): string[] {
  const body = new RegExp(`^enum ${name} \\{([^}]*)\\}`, 'm').exec(schema)?.[1] ?? '';
  return body.split('\n').map((l) => l.trim()).filter((l) => /^[A-Z_]+$/.test(l));
}

const families: [string, string][] = [
  ['CaseStatus', 'cases.status'],
  ['ReceiptStatus', 'frontline.receiptStatus'],
  ['RiskLevel', 'cases.risk'],
  ['CaseTaskKind', 'cases.task'],
];

describe('the one set of enum labels', () => {
  for (const [name, prefix] of families) {
    it(`labels every ${name} in both languages, once`, () => {
      const values = enumValues(name);
      expect(values.length).toBeGreaterThan(0);
      for (const v of values) {
        const key = `${prefix}.${v}` as keyof typeof labels.en;
        expect(labels.en[key], `${key} (en)`).toBeTruthy();
        expect(labels.zh[key], `${key} (zh)`).toBeTruthy();
        // defined in labels.ts only: no other strings area has its own label for the value
        expect(allStrings.filter((area) => key in area.en).length, key).toBe(1);
      }
    });
  }

  it('has no page-specific label families left for the same enums', () => {
    const keys = allStrings.flatMap((area) => Object.keys(area.en));
    expect(keys.filter((k) => /^(admin\.taskKind|supervision\.risk|supervision\.status)\./.test(k))).toEqual([]);
  });

  it('gives different statuses different words, and "escalated" is not the REPORTED status word', () => {
    const zh = enumValues('CaseStatus').map((v) => labels.zh[`cases.status.${v}` as keyof typeof labels.zh]);
    expect(new Set(zh).size).toBe(zh.length);
    const escalated = allStrings.find((a) => 'cases.tasks.escalated' in a.zh)!.zh['cases.tasks.escalated'];
    expect(escalated).not.toContain(labels.zh['cases.status.REPORTED']);
  });
});
