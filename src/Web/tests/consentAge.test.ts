import { describe, expect, it } from 'vitest';
import { onlyDecider } from '../src/pages/cases/consentAge';

// docs/consent.md "Who decides", with the default age of consent 14 (PIPL art. 31).
describe('onlyDecider: the consent form offers only who may decide (round-25 trial)', () => {
  const today = new Date(2026, 11, 5, 10, 0, 0);

  it('offers the guardian only below the age of consent and when no birth data is recorded', () => {
    expect(onlyDecider({ dateOfBirth: '2013-06-01' }, 14, today)).toBe('GUARDIAN');
    expect(onlyDecider({}, 14, today)).toBe('GUARDIAN');
  });

  it('offers the person only from the age of consent on, for a 15-year-old and an adult', () => {
    expect(onlyDecider({ dateOfBirth: '2011-03-10' }, 14, today)).toBe('SELF');
    expect(onlyDecider({ dateOfBirth: '2008-01-01' }, 14, today)).toBe('SELF');
  });

  it('counts a birth year alone from 31 December, as the service does', () => {
    expect(onlyDecider({ birthYear: 2012 }, 14, today)).toBe('GUARDIAN'); // 14 only on 2026-12-31
    expect(onlyDecider({ birthYear: 2011 }, 14, today)).toBe('SELF');
  });

  it('offers both within a day of the fourteenth birthday, where the tenant\'s local date decides', () => {
    expect(onlyDecider({ dateOfBirth: '2012-12-05' }, 14, today)).toBeNull();
    expect(onlyDecider({ dateOfBirth: '2012-12-06' }, 14, today)).toBeNull();
    expect(onlyDecider({ dateOfBirth: '2012-12-07' }, 14, today)).toBe('GUARDIAN');
    expect(onlyDecider({ dateOfBirth: '2012-12-03' }, 14, today)).toBe('SELF');
  });

  it('follows the tenant\'s age of consent', () => {
    expect(onlyDecider({ dateOfBirth: '2011-03-10' }, 16, today)).toBe('GUARDIAN');
  });
});
