import { isRealDate, yearsBetween } from './dates.ts';
import type { Check } from './id-number.ts';

/**
 * The dates on a card, consistent with each other and with today. A citizen ID card is valid until
 * the holder's birthday at the next change age (25, 40, 60; also 14 for cards issued under the 2023
 * Identification Law from 1 July 2024); a card issued within 2 years before a change age runs to the
 * next one, and one issued from age 58 has no expiry. Pure.
 */
export interface CardDates {
  birthDate: string | null;
  issueDate: string | null;
  /** Null: the card shows no expiry. */
  expiryDate: string | null;
}

const NEW_LAW = '2024-07-01';

/** The expiry a card issued on `issueDate` to someone born on `birthDate` should carry (null: none). */
export function expectedExpiry(birthDate: string, issueDate: string): string | null {
  const ages = issueDate >= NEW_LAW ? [14, 25, 40, 60] : [25, 40, 60];
  const age = yearsBetween(birthDate, issueDate);
  const milestone = ages.find((m) => age < m - 2);
  if (milestone === undefined) return null;
  const iso = `${Number(birthDate.slice(0, 4)) + milestone}${birthDate.slice(4)}`;
  return isRealDate(iso) ? iso : `${iso.slice(0, 4)}-02-28`; // born on 29 February
}

export function checkCardDates(d: CardDates, today: string): Check[] {
  const checks: Check[] = [];
  if (d.birthDate) checks.push({ name: 'birthDateNotInFuture', ok: d.birthDate <= today });
  if (d.issueDate) checks.push({ name: 'issueDateNotInFuture', ok: d.issueDate <= today });
  if (d.birthDate && d.issueDate) {
    checks.push({ name: 'issuedAfterBirth', ok: d.issueDate > d.birthDate });
    // Before the 2023 law a citizen ID card was issued from age 14 only.
    if (d.issueDate < NEW_LAW) checks.push({ name: 'ageAtIssue', ok: yearsBetween(d.birthDate, d.issueDate) >= 14 });
    checks.push({ name: 'expiryMatchesAge', ok: expectedExpiry(d.birthDate, d.issueDate) === d.expiryDate });
  }
  checks.push({ name: 'notExpired', ok: d.expiryDate === null || d.expiryDate >= today });
  return checks;
}
