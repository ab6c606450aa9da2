import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import frontline from '../src/i18n/strings/frontline';
import { callRiskArgs } from '../src/pages/frontline/callLog';

// The enum values as the served schema spells them (schema.graphql at the repository root, the console's contract).
const schema = readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8');
const channels = (/^enum CallChannel \{([^}]*)\}/m.exec(schema)?.[1] ?? '').split('\n').map((l) => l.trim()).filter((l) => /^[A-Z_]+$/.test(l));

describe('the call log', () => {
  it('never asks for LOW when the worker wants the calls nobody graded, and a level lists graded calls only', () => {
    expect(callRiskArgs('UNGRADED')).toEqual({ riskGraded: false });
    expect(callRiskArgs('LOW')).toEqual({ riskLevel: 'LOW' });
    expect(callRiskArgs('')).toEqual({});
  });

  it('names every line of the schema in both languages', () => {
    expect(channels.length).toBeGreaterThan(0);
    for (const c of channels) {
      const key = `frontline.calls.channel.${c}` as keyof typeof frontline.en;
      expect(frontline.en[key], `${key} (en)`).toBeTruthy();
      expect(frontline.zh[key], `${key} (zh)`).toBeTruthy();
    }
  });
});
