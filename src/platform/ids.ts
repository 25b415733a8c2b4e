import { randomFillSync } from 'node:crypto';

/**
 * Prefixed, time-sortable ids: `usr_01kx…`. 48-bit millisecond time + 80 random bits in Crockford
 * base32 (ULID layout), so ids sort by creation and explain themselves in logs.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export const ID_PREFIXES = {
  user: 'usr',
  session: 'ses',
  passwordReset: 'pwr',
  orgUnit: 'ou',
  customer: 'cus',
  message: 'msg',
  job: 'job',
  calendarOverride: 'cal',
  request: 'req',
  product: 'prd',
  plan: 'pln',
  priceVersion: 'prv',
  onpremQuote: 'qte',
  contract: 'ctr',
  amendment: 'amd',
  task: 'tsk',
  file: 'fil',
  ticket: 'tkt',
  ticketEvent: 'tev',
  payment: 'pay',
  refund: 'rfd',
  ipn: 'ipn',
  invoice: 'inv',
  commissionAccrual: 'cma',
  commissionStatement: 'cms',
  feedPush: 'bht',
  collectionCase: 'dbt',
  collectionPromise: 'ptp',
  writeOff: 'wof',
  apiKey: 'key',
  bill: 'bil',
  billRun: 'brn',
  billpayOrder: 'bpo',
  recoveryCase: 'bpc',
  invoiceBatch: 'bpb',
  ekycRequest: 'ekr',
  ekycImage: 'eki',
  meetingOrg: 'mor',
  meetingUnit: 'mun',
  meetingRoom: 'mrm',
  meeting: 'mtg',
  meetingParticipant: 'mtp',
  meetingInvite: 'miv',
  meetingDelivery: 'mwh',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

export function newId(kind: IdKind, now: Date = new Date()): string {
  return `${ID_PREFIXES[kind]}_${ulid(now.getTime())}`;
}

export function ulid(timeMs: number): string {
  let time = '';
  let t = timeMs;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const at = takeRandom(10);
  return time + base32of40(pool, at) + base32of40(pool, at + 5);
}

/**
 * Random bytes come from a pooled buffer refilled by the CSPRNG: a bill run makes hundreds of
 * thousands of ids, and one `randomBytes` call plus BigInt arithmetic per id cost ~10 µs each.
 */
const pool = Buffer.alloc(8192);
let poolAt = pool.length;
function takeRandom(n: number): number {
  if (poolAt + n > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  poolAt += n;
  return poolAt - n;
}

/** Five bytes (40 bits, exact in a double) as eight base32 characters, most significant first. */
function base32of40(bytes: Buffer, at: number): string {
  let n = bytes[at] * 2 ** 32 + bytes.readUInt32BE(at + 1);
  let out = '';
  for (let i = 0; i < 8; i++) {
    out = ALPHABET[n % 32] + out;
    n = Math.floor(n / 32);
  }
  return out;
}
