import { randomBytes } from 'node:crypto';

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
  billLine: 'bln',
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
  const bytes = randomBytes(10);
  let rand = '';
  let acc = 0n;
  for (const b of bytes) acc = (acc << 8n) | BigInt(b);
  for (let i = 0; i < 16; i++) {
    rand = ALPHABET[Number(acc & 31n)] + rand;
    acc >>= 5n;
  }
  return time + rand;
}
