import { describe, expect, it } from 'vitest';
import { translate } from '../src/i18n';
import { deadlineText } from '../src/pages/admin/labels';

const zh = (key: string, params?: Record<string, string | number>) => translate('zh', key, params);
const en = (key: string, params?: Record<string, string | number>) => translate('en', key, params);

describe('deadlineText: a protocol deadline as the settings page shows it', () => {
  it('says a deadline of 0 means at once, in both languages (round-31 trial: "0 小时" read as a mistake)', () => {
    expect(deadlineText(zh, 0, 'HOURS')).toMatch(/^立即（0/);
    expect(deadlineText(en, 0, 'HOURS')).toMatch(/^at once \(0/);
  });

  it('leaves other amounts as they are', () => {
    expect(deadlineText(zh, 2, 'HOURS')).not.toContain('立即');
    expect(deadlineText(en, 5, 'WORKING_DAYS')).not.toContain('at once');
  });
});
