import argon2 from 'argon2';
import { eq, sql } from 'drizzle-orm';
import { isMobifone, normalizeMsisdn } from '../../../protocols/subscriber-ledger/protocol.ts';
import type { SubscriberDetails } from '../contract.ts';
import { passwords } from '../db/schema.ts';
import { SYSTEM, type Deps } from '../deps.ts';
import { SMS } from '../domain/messages.ts';
import { isLocked, parsePasswordCommand, PASSWORD_RULES } from '../domain/password.ts';
import { billpayError } from '../errors.ts';
import { lookupSubscriber } from '../queries.ts';

/** argon2id with identity's parameters. */
const ARGON2 = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * E2, the "MK xxxx" SMS to 9223 (routed here by the notifications module): a postpaid subscriber
 * sets or changes the payment password; the reply SMS says so. Any earlier lockout ends.
 */
export async function setPasswordBySms(d: Deps, from: string, args: string[]): Promise<string> {
  const password = parsePasswordCommand(args);
  if (!password) return SMS.passwordSyntax;
  const msisdn = normalizeMsisdn(from);
  if (!msisdn || !isMobifone(msisdn)) return SMS.passwordPostpaidOnly;
  const subscriber = await d.ledger.subscriber(msisdn); // a failure here is answered "busy, try later" by notifications
  if (!subscriber || subscriber.type !== 'postpaid') return SMS.passwordPostpaidOnly;
  const hash = await argon2.hash(password, ARGON2);
  const now = d.clock.now();
  await d.database.db.transaction(async (tx) => {
    const [before] = await tx.select({ msisdn: passwords.msisdn }).from(passwords).where(eq(passwords.msisdn, msisdn));
    const row = { msisdn, hash, failedCount: 0, failedSince: null, lockedUntil: null, updatedAt: now };
    await tx.insert(passwords).values(row).onConflictDoUpdate({ target: passwords.msisdn, set: { hash, failedCount: 0, failedSince: null, lockedUntil: null, updatedAt: now } });
    await d.audit.record(tx, SYSTEM, { action: before ? 'billpay.password_changed' : 'billpay.password_registered', entityType: 'billpay_password', entityId: msisdn, after: { by: 'sms', to: '9223' } });
  });
  return SMS.passwordSet;
}

/**
 * E2: name, address and debt of a postpaid number, for its payment password only. Wrong answers are
 * counted in one SQL statement (no read-then-write race between processes) and lock the number out.
 */
export async function subscriberDetails(d: Deps, typed: string, password: string): Promise<SubscriberDetails> {
  const msisdn = normalizeMsisdn(typed);
  if (!msisdn || !isMobifone(msisdn)) throw billpayError('NOT_MOBIFONE_NUMBER', { msisdn: typed });
  const now = d.clock.now();
  const [row] = await d.database.db.select().from(passwords).where(eq(passwords.msisdn, msisdn));
  const lockedFor = (until: Date) => ({ minutes: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000)) });
  if (row && isLocked(row, now)) throw billpayError('PAYMENT_PASSWORD_LOCKED', lockedFor(row.lockedUntil!));
  if (!row || !(await argon2.verify(row.hash, password))) {
    if (row) await countFailure(d, msisdn, now);
    throw billpayError('PAYMENT_PASSWORD_INVALID');
  }
  if (row.failedCount > 0) await d.database.db.update(passwords).set({ failedCount: 0, failedSince: null }).where(eq(passwords.msisdn, msisdn));
  const s = await lookupSubscriber(d, msisdn);
  if (!s || s.type !== 'postpaid') throw billpayError('PAYMENT_PASSWORD_INVALID');
  const debt = BigInt(s.debtVnd);
  return { msisdn, name: s.name, address: s.address, debtVnd: (debt > 0n ? debt : 0n).toString() };
}

async function countFailure(d: Deps, msisdn: string, now: Date) {
  const at = now.toISOString();
  const windowStart = new Date(now.getTime() - PASSWORD_RULES.windowMs).toISOString();
  const lockUntil = new Date(now.getTime() + PASSWORD_RULES.lockMs).toISOString();
  const fresh = sql`(failed_since is null or failed_since <= ${windowStart}::timestamptz)`;
  const [after] = await d.database.rows<{ failed_count: number; locked: boolean }>(sql`
    update billpay.passwords set
      failed_count = case when ${fresh} then 1 else failed_count + 1 end,
      failed_since = case when ${fresh} then ${at}::timestamptz else failed_since end,
      locked_until = case when (case when ${fresh} then 1 else failed_count + 1 end) >= ${PASSWORD_RULES.maxFailures}
                          then ${lockUntil}::timestamptz else locked_until end
    where msisdn = ${msisdn}
    returning failed_count, (locked_until > ${at}::timestamptz) as locked`);
  if (after?.locked && after.failed_count === PASSWORD_RULES.maxFailures) {
    await d.audit.record(d.database.db, SYSTEM, { action: 'billpay.password_locked', entityType: 'billpay_password', entityId: msisdn, after: { minutes: PASSWORD_RULES.lockMs / 60_000 } });
  }
}
