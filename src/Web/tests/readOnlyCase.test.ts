import { describe, expect, it } from 'vitest';
import { isReadOnly, type NextAction } from '../src/pages/cases/NextActions';

const action = (over: Partial<NextAction>): NextAction => ({
  action: 'triageCase', allowed: false, code: 'FORBIDDEN', reason: 'x', purpose: null, requiredRoles: null, taskId: null,
  allowedWithConsentOverride: false, rule: 'break-the-glass-read-only', ...over,
});

describe('isReadOnly: a case opened by break-the-glass alone offers no form (docs/access.md, round-29 trial)', () => {
  it('is read-only when every action is refused by the read-only rule', () => {
    expect(isReadOnly([action({}), action({ action: 'closeCase' })])).toBe(true);
  });

  it('is not read-only when one action is allowed, or refused for another reason, or when there are none', () => {
    expect(isReadOnly([action({}), action({ action: 'logContact', allowed: true, code: null, rule: null })])).toBe(false);
    expect(isReadOnly([action({ code: 'CONSENT_REQUIRED', rule: null })])).toBe(false);
    expect(isReadOnly([])).toBe(false);
  });
});
