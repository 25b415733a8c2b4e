/**
 * E5 risk checks after the money is taken: each rule adds its score when it fires; at or above the
 * threshold the transaction is suspected fraud and rejected without clearing. Rules and scores are
 * data (`RiskConfig`, editable by the clearing desk's administrator), the evaluation is pure.
 */
export interface RiskConfig {
  threshold: number;
  /** Looked back over for the counting rules. */
  windowMinutes: number;
  /** Many orders for one number in the window. */
  velocity: { maxOrders: number; score: number };
  /** Many failed card attempts for one number in the window (card testing). */
  failures: { maxFailed: number; score: number };
  /** One device (IP address) paying for many different numbers in the window. */
  sharedDevice: { maxNumbers: number; score: number };
  /** A number's first payment here, and a large one. */
  largeFirstPayment: { minVnd: bigint; score: number };
  /** Listed numbers, addresses and card banks are suspected outright. */
  blacklist: { msisdns: string[]; ips: string[]; bankCodes: string[]; score: number };
}

export const DEFAULT_RISK_CONFIG: RiskConfig = {
  threshold: 100,
  windowMinutes: 60,
  velocity: { maxOrders: 3, score: 40 },
  failures: { maxFailed: 3, score: 40 },
  sharedDevice: { maxNumbers: 3, score: 60 },
  largeFirstPayment: { minVnd: 5_000_000n, score: 30 },
  blacklist: { msisdns: [], ips: [], bankCodes: [], score: 100 },
};

export interface RiskFacts {
  msisdn: string;
  amountVnd: bigint;
  ip: string;
  bankCode: string | null;
  /** Orders for the number created in the window, this one included. */
  ordersInWindow: number;
  /** Its orders that failed in the window. */
  failedInWindow: number;
  /** Distinct numbers ordered from the same IP in the window, this one included. */
  numbersFromIp: number;
  /** Paid orders of the number before this one (ever). */
  earlierPaid: number;
}

export interface RiskHit {
  rule: 'velocity' | 'failures' | 'shared_device' | 'large_first_payment' | 'blacklist';
  score: number;
  detail: string;
}

export interface RiskVerdict {
  score: number;
  hits: RiskHit[];
  decision: 'accept' | 'reject';
}

export function evaluateRisk(f: RiskFacts, c: RiskConfig): RiskVerdict {
  const hits: RiskHit[] = [];
  if (f.ordersInWindow > c.velocity.maxOrders) {
    hits.push({ rule: 'velocity', score: c.velocity.score, detail: `${f.ordersInWindow} orders in ${c.windowMinutes} min` });
  }
  if (f.failedInWindow >= c.failures.maxFailed) {
    hits.push({ rule: 'failures', score: c.failures.score, detail: `${f.failedInWindow} failed in ${c.windowMinutes} min` });
  }
  if (f.numbersFromIp > c.sharedDevice.maxNumbers) {
    hits.push({ rule: 'shared_device', score: c.sharedDevice.score, detail: `${f.numbersFromIp} numbers from ${f.ip}` });
  }
  if (f.earlierPaid === 0 && f.amountVnd >= c.largeFirstPayment.minVnd) {
    hits.push({ rule: 'large_first_payment', score: c.largeFirstPayment.score, detail: `first payment of ${f.amountVnd} đ` });
  }
  const listed = [
    c.blacklist.msisdns.includes(f.msisdn) && `number ${f.msisdn}`,
    c.blacklist.ips.includes(f.ip) && `address ${f.ip}`,
    f.bankCode !== null && c.blacklist.bankCodes.includes(f.bankCode) && `bank ${f.bankCode}`,
  ].filter((x): x is string => typeof x === 'string');
  if (listed.length) hits.push({ rule: 'blacklist', score: c.blacklist.score, detail: listed.join(', ') });
  const score = hits.reduce((s, h) => s + h.score, 0);
  return { score, hits, decision: score >= c.threshold ? 'reject' : 'accept' };
}
