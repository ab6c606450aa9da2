import { describe, expect, it } from 'vitest';
import { riskColours, rowColour } from '../src/pages/supervision/StatChart';

describe('the risk chart colours', () => {
  it('draws Not yet graded (the fifth row) in its own colour, never Low green', () => {
    expect(rowColour(riskColours, 4)).not.toBe(rowColour(riskColours, 0));
    expect(new Set(riskColours.map((_, i) => rowColour(riskColours, i))).size).toBe(5);
  });

  it('gives a row past the list a neutral colour instead of cycling back to another row', () => {
    expect(rowColour(['#1d6b32'], 1)).toBe('#4a5360');
  });
});
