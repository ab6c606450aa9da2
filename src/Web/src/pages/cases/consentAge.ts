import type { ConsentGivenBy } from '../../gql/graphql';

/** What the age rule needs of a person: the birth date, else the birth year. */
export type Born = { dateOfBirth?: string | null; birthYear?: number | null };

/** Full years of age on the browser's date (a birth year alone counts from 31 December), or null when unknown. */
export function ageToday(p: Born): number | null {
  return ageOn(p, new Date());
}

/** Full years of age on {@link now} (a birth year alone counts from 31 December), or null when unknown. */
export function ageOn(p: Born, now: Date): number | null {
  const born = p.dateOfBirth ? new Date(`${p.dateOfBirth}T00:00:00`) : p.birthYear ? new Date(p.birthYear, 11, 31) : null;
  if (!born) return null;
  const years = now.getFullYear() - born.getFullYear();
  const hadBirthday = now.getMonth() > born.getMonth() || (now.getMonth() === born.getMonth() && now.getDate() >= born.getDate());
  return Math.max(0, hadBirthday ? years : years - 1);
}

/**
 * Who may decide, as the service's rule says (docs/consent.md "Who decides": below the age of consent or of unknown age only a
 * guardian, from it only the person), or null when the browser's date is within a day of the person's coming of age — the
 * tenant's local date decides then, so both are offered. Round-25 trial: the form offered 监护人 for a 15-year-old, and the
 * service refused it.
 */
export function onlyDecider(p: Born, ageOfConsent: number, now: Date = new Date()): ConsentGivenBy | null {
  const day = 24 * 3600 * 1000;
  const sides = [-day, 0, day].map((shift) => { const age = ageOn(p, new Date(now.getTime() + shift)); return age === null || age < ageOfConsent; });
  return sides.every((minor) => minor) ? 'GUARDIAN' : sides.every((minor) => !minor) ? 'SELF' : null;
}


/**
 * What the consent form says about guardians: their names, or that none is registered (with the way to add one), only for a
 * person a guardian may decide for (below the age of consent, of unknown age, or coming of age today); for anyone else
 * nothing (new-user trial: "未登记监护人" for a 76-year-old).
 */
export function guardianHint(p: Born, ageOfConsent: number, guardianCount: number, now: Date = new Date()): 'guardians' | 'noGuardian' | null {
  if (onlyDecider(p, ageOfConsent, now) === 'SELF') return null;
  return guardianCount > 0 ? 'guardians' : 'noGuardian';
}
