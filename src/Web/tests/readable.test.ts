import { describe, expect, it } from 'vitest';
import { deadlineText, endOfDayInstant, everyHours } from '../src/i18n/readable';

describe('everyHours: a frequency in the largest whole unit', () => {
  it.each([
    [336, 'zh', '每 2 周'], [336, 'en', 'every 2 weeks'],
    [168, 'zh', '每周'], [168, 'en', 'every week'],
    [72, 'zh', '每 3 天'], [72, 'en', 'every 3 days'],
    [24, 'zh', '每天'], [24, 'en', 'every day'],
    [12, 'zh', '每 12 小时'], [12, 'en', 'every 12 hours'],
    [36, 'zh', '每 36 小时'], [1, 'en', 'every hour'],
    [240, 'zh', '每 10 天'],
  ] as const)('%i h in %s → %s', (hours, lang, text) => {
    expect(everyHours(hours, lang)).toBe(text);
  });
});

describe('deadlineText: a local midnight is the end of the day before, in the tenant zone', () => {
  const plain = (iso: string) => `plain:${iso}`;

  it('shows 2026-12-04T00:00 Shanghai as the end of 3 December', () => {
    const due = '2026-12-03T16:00:00+00:00'; // 2026-12-04 00:00 in Asia/Shanghai
    expect(deadlineText(due, 'Asia/Shanghai', 'zh', plain)).toBe('2026/12/03 当日结束');
    expect(deadlineText(due, 'Asia/Shanghai', 'en', plain)).toBe('end of 3 Dec 2026');
  });

  it('judges midnight in the tenant zone, not UTC', () => {
    expect(endOfDayInstant('2026-12-04T00:00:00Z', 'Asia/Shanghai')).toBeNull(); // 08:00 in Shanghai
    expect(endOfDayInstant('2026-12-04T00:00:00Z', 'UTC')).not.toBeNull();
  });

  it('leaves any other time as it is', () => {
    expect(deadlineText('2026-12-03T01:30:00Z', 'Asia/Shanghai', 'zh', plain)).toBe('plain:2026-12-03T01:30:00Z');
    expect(deadlineText('2026-12-03T16:00:00.500Z', 'Asia/Shanghai', 'zh', plain)).toBe('plain:2026-12-03T16:00:00.500Z');
  });
});
