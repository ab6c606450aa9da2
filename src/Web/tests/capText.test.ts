import { describe, expect, it } from 'vitest';
import { translate } from '../src/i18n';
import { capText } from '../src/pages/admin/labels';

// The calendar cap of each deadline kind (protocolSettings.deadlines.calendarCapHours; docs/protocol.md "The calendar cap").
describe('capText: a kind\'s calendar cap in the settings page\'s words', () => {
  it.each([
    [24, '24 h', '24 小时'],
    [72, '72 h', '72 小时'],
    [336, '14 calendar day(s)', '14 个自然日'],
    [936, '39 calendar day(s)', '39 个自然日'],
  ])('%i hours', (hours, en, zh) => {
    expect(capText((k, p) => translate('en', k, p), hours)).toBe(en);
    expect(capText((k, p) => translate('zh', k, p), hours)).toBe(zh);
  });
});
