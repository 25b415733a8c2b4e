import { eq } from 'drizzle-orm';
import { isMobifone, normalizeMsisdn } from '../../../protocols/subscriber-ledger/protocol.ts';
import type { SubscriberCheck } from '../contract.ts';
import { passwords } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { billpayError } from '../errors.ts';
import { lookupSubscriber } from '../queries.ts';

/** E1/E2 without the password: only whether the number can pay here and what kind it is (no name, address or debt). */
export async function checkSubscriber(d: Deps, typed: string): Promise<SubscriberCheck> {
  const msisdn = normalizeMsisdn(typed);
  if (!msisdn) throw billpayError('NOT_MOBIFONE_NUMBER', { msisdn: typed });
  if (!isMobifone(msisdn)) return { msisdn, mobifone: false, canPay: false, type: null, hasPassword: false };
  const s = await lookupSubscriber(d, msisdn);
  if (!s) return { msisdn, mobifone: true, canPay: false, type: null, hasPassword: false };
  const [pw] = s.type === 'postpaid' ? await d.database.db.select({ m: passwords.msisdn }).from(passwords).where(eq(passwords.msisdn, msisdn)) : [];
  return { msisdn, mobifone: true, canPay: true, type: s.type, hasPassword: Boolean(pw) };
}
