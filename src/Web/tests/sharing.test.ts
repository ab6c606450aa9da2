import { describe, expect, it } from 'vitest';
import { sharingView } from '../src/pages/admin/sharing';

// New-user trial: the roll-up page said a child tenant's admin switches sharing on, but no page offered it.
describe('sharingView: the statistics-sharing switch on the settings page', () => {
  it('offers to stop sharing while it is on', () => {
    expect(sharingView('demo-district', true)).toEqual({ state: 'on', next: false });
  });

  it('offers to start sharing with a parent tenant', () => {
    expect(sharingView('demo-district', false)).toEqual({ state: 'off', next: true });
  });

  it('offers nothing to switch on without a parent tenant, but still lets sharing be stopped', () => {
    expect(sharingView(null, false)).toEqual({ state: 'noParent', next: null });
    expect(sharingView(undefined, false)).toEqual({ state: 'noParent', next: null });
    expect(sharingView(null, true)).toEqual({ state: 'on', next: false });
  });
});
