import { describe, expect, it } from 'vitest';
import { shownConsent } from '../src/pages/cases/shownConsent';

describe('shownConsent: a lapsed guardian grant is never shown as granted (docs/consent.md "Who decides")', () => {
  it('shows what the decision counts for today, flagged as lapsed, when the service counts a guardian grant as pending', () => {
    expect(shownConsent({ status: 'GRANTED', effectiveStatus: 'PENDING' })).toEqual({ status: 'PENDING', lapsed: true });
  });

  it('shows a decision that counts as recorded as it is', () => {
    expect(shownConsent({ status: 'GRANTED', effectiveStatus: 'GRANTED' })).toEqual({ status: 'GRANTED', lapsed: false });
    expect(shownConsent({ status: 'WITHDRAWN', effectiveStatus: 'WITHDRAWN' })).toEqual({ status: 'WITHDRAWN', lapsed: false });
  });
});
