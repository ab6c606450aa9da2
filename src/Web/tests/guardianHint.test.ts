import { describe, expect, it } from 'vitest';
import { guardianHint } from '../src/pages/cases/consentAge';

// New-user trial (town tenant): the consent form said 未登记监护人 for a 76-year-old. Only a person a guardian decides for hears it.
describe('guardianHint: the consent form speaks of guardians only where a guardian decides', () => {
  const today = new Date(2026, 11, 5, 10, 0, 0);

  it('says nothing about a guardian for an adult, with or without one registered', () => {
    expect(guardianHint({ dateOfBirth: '1950-03-02' }, 14, 0, today)).toBeNull();
    expect(guardianHint({ birthYear: 1950 }, 14, 1, today)).toBeNull();
    expect(guardianHint({ dateOfBirth: '2010-01-01' }, 14, 0, today)).toBeNull();
  });

  it('asks for a guardian below the age of consent and when the age is unknown', () => {
    expect(guardianHint({ dateOfBirth: '2014-06-01' }, 14, 0, today)).toBe('noGuardian');
    expect(guardianHint({}, 14, 0, today)).toBe('noGuardian');
  });

  it('names the registered guardians of a minor', () => {
    expect(guardianHint({ dateOfBirth: '2014-06-01' }, 14, 2, today)).toBe('guardians');
  });

  it('keeps the guardian in view on the day of coming of age, when either may decide', () => {
    expect(guardianHint({ dateOfBirth: '2012-12-05' }, 14, 0, today)).toBe('noGuardian');
  });

  it('follows the tenant\'s age of consent', () => {
    expect(guardianHint({ dateOfBirth: '2010-01-01' }, 18, 0, today)).toBe('noGuardian');
  });
});
