import { describe, expect, it } from 'vitest';
import { belowHigh, shouldAskCrisis } from '../src/pages/frontline/crisisWords';

// The words themselves are the service's (CrisisWordsShould, docs/protocol.md "Crisis words"); the console only decides when to ask.
describe('shouldAskCrisis: ask once when the service found crisis words and the chosen risk is below High', () => {
  it.each([['', true], ['LOW', true], ['MODERATE', true], ['HIGH', false], ['IMMINENT', false]] as const)('risk "%s" → %s', (risk, ask) => {
    expect(shouldAskCrisis(risk, ['死了算了'])).toBe(ask);
    expect(belowHigh(risk)).toBe(ask);
  });

  it('never asks when the service found none', () => {
    expect(shouldAskCrisis('', [])).toBe(false);
  });
});
