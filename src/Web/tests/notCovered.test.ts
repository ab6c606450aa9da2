import { describe, expect, it } from 'vitest';
import { notCoveredGroups } from '../src/pages/supervision/notCovered';
import { translate } from '../src/i18n';

// New-user trial: a district supervisor saw 2 of 6 child tenants on the roll-up and read the district's figures as complete.
describe('notCoveredGroups: the tenants the roll-up leaves out', () => {
  const left = [
    { id: 't2', name: '二镇', reason: 'TENANT_NOT_SHARING' as const },
    { id: 's1', name: '一中', reason: 'TENANT_BETWEEN_NOT_SHARING' as const },
    { id: 't3', name: '三镇', reason: 'TENANT_NOT_SHARING' as const },
  ];

  it('groups the names by why, the tenant itself first, in the order given', () => {
    expect(notCoveredGroups(left, 'zh')).toEqual([
      { reason: 'TENANT_NOT_SHARING', names: '二镇、三镇' },
      { reason: 'TENANT_BETWEEN_NOT_SHARING', names: '一中' },
    ]);
    expect(notCoveredGroups(left, 'en')[0].names).toBe('二镇, 三镇');
  });

  it('shows nothing when every descendant shares, and no group without names', () => {
    expect(notCoveredGroups([], 'en')).toEqual([]);
    expect(notCoveredGroups(left.filter((x) => x.reason === 'TENANT_NOT_SHARING'), 'en').map((g) => g.reason)).toEqual(['TENANT_NOT_SHARING']);
  });

  it('is worded in both languages', () => {
    expect(translate('zh', 'supervision.rollUp.notSharing', { names: '二镇' })).toBe('未共享统计的下级单位：二镇');
    expect(translate('en', 'supervision.rollUp.notSharing', { names: 'Town 2' })).toBe('Not sharing their statistics: Town 2');
  });
});
