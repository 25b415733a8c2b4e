import { randomInt, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { newId } from '../../../platform/ids.ts';
import { requests } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { ACTIONS, pickActions, type Action } from '../domain/liveness.ts';
import { ekycError } from '../errors.ts';
import type { Caller } from './authorize-caller.ts';

/** How long a challenge may be answered. */
export const CHALLENGE_TTL_MS = 120_000;
const PURPOSE = 'liveness-challenge';

interface Payload {
  /** The verification's row id, reserved: a second use of the challenge collides on it. */
  r: string;
  c: string;
  a: Action[];
  e: string;
}

const b64 = (b: Buffer) => b.toString('base64url');

/**
 * A liveness challenge, stateless so any process can check it: the id carries the actions, the
 * contract, the expiry and the verification row id it reserves, signed with a key derived from the
 * image key. Single use: the verification that answers it is stored under that row id, so a second
 * verification with the same challenge is refused (EKYC_CHALLENGE_USED).
 */
export function issueChallenge(d: Deps, caller: Caller) {
  const now = d.clock.now();
  const payload: Payload = { r: newId('ekycRequest', now), c: caller.contractId, a: pickActions(() => randomInt(1_000_000) / 1_000_000, 2), e: new Date(now.getTime() + CHALLENGE_TTL_MS).toISOString() };
  const body = b64(Buffer.from(JSON.stringify(payload)));
  return { id: `lc1.${body}.${b64(d.vault.mac(PURPOSE, body))}`, actions: payload.a, expiresAt: payload.e };
}

/** The challenge's content when it is genuine and the caller's; its expiry and use are checked by `claimChallenge`. */
export function openChallenge(d: Deps, caller: Caller, id: string): Payload {
  const m = /^lc1\.([A-Za-z0-9_-]{1,600})\.([A-Za-z0-9_-]{43})$/.exec(id);
  if (!m) throw ekycError('EKYC_CHALLENGE_INVALID');
  const mac = Buffer.from(m[2], 'base64url');
  const expected = d.vault.mac(PURPOSE, m[1]);
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) throw ekycError('EKYC_CHALLENGE_INVALID');
  let p: Payload;
  try {
    p = JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8')) as Payload;
  } catch {
    throw ekycError('EKYC_CHALLENGE_INVALID');
  }
  if (p.c !== caller.contractId || !Array.isArray(p.a) || !p.a.every((a) => (ACTIONS as readonly string[]).includes(a))) throw ekycError('EKYC_CHALLENGE_INVALID');
  return p;
}

/** Before the (slow) judging of a new request: the challenge has not expired and no request used it. */
export async function claimChallenge(d: Deps, p: Payload) {
  if (d.clock.now().getTime() > Date.parse(p.e)) throw ekycError('EKYC_CHALLENGE_INVALID');
  const [used] = await d.database.db.select({ id: requests.id }).from(requests).where(eq(requests.id, p.r));
  if (used) throw ekycError('EKYC_CHALLENGE_USED');
}
