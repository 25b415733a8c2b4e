import type { System } from '../../src/app.ts';
import type { Clock } from '../../src/platform/clock.ts';

/** The real time moved by `offsetMs`: the browser journeys run on real time, their history is made earlier. */
export class ShiftedClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/** 'YYYY-MM' of the month `back` months before the current one, in Asia/Ho_Chi_Minh. */
export function monthBefore(now: Date, back: number): string {
  const local = new Date(now.getTime() + 7 * 3_600_000);
  const m = local.getUTCFullYear() * 12 + local.getUTCMonth() - back;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
}

/**
 * A postpaid eKYC contract of the demo enterprise customer with last month's usage, made on a clock
 * moved back (active since the 10th of the month before last, 300 requests last month), so the bills
 * journey can bill last month from the screens. The clock is real again when this returns.
 */
export async function seedPostpaidHistory(system: System, clock: ShiftedClock): Promise<void> {
  const server = system.server!;
  const call = async (method: string, url: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await server.inject({
      method: method as 'POST',
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      payload: body !== undefined ? JSON.stringify(body) : undefined,
    });
    if (res.statusCode >= 300) throw new Error(`e2e billing seed: ${method} ${url} → ${res.statusCode} ${res.body}`);
    return res.body ? JSON.parse(res.body) : undefined;
  };
  const login = async (username: string) => (await call('POST', '/api/v1/auth/login', null, { username, password: 'Qldv@2026' })).token as string;
  const at = (localDate: string, hour = 10) => new Date(`${localDate}T${String(hour).padStart(2, '0')}:00:00+07:00`);
  const travel = (to: Date) => {
    clock.offsetMs = to.getTime() - Date.now();
  };
  const real = new Date();
  const [lastMonth, monthBeforeLast] = [monthBefore(real, 1), monthBefore(real, 2)];
  try {
    travel(at(`${monthBeforeLast}-10`));
    const [am, ctkv, ttcntt, ops, customer] = await Promise.all(['am1', 'approver.ctkv1', 'approver.ttcntt', 'ops1', 'enterprise1'].map(login));
    const me = await call('GET', '/api/v1/me', customer);
    const signedDate = `${monthBeforeLast}-10`;
    const c = await call('POST', '/api/v1/contracts', am, { customerId: me.user.customer.id, product: 'EKYC', billing: 'postpaid', quantity: 1, signedDate });
    await call('POST', `/api/v1/contracts/${c.id}/submit`, am, {});
    await call('POST', `/api/v1/contracts/${c.id}/approve`, ctkv, {});
    await call('POST', `/api/v1/contracts/${c.id}/approve`, ttcntt, {});
    await call('POST', `/api/v1/contracts/${c.id}/provisioning/complete`, ops, { accountRef: 'ekyc:e2e-bills' });
    const { key } = await call('POST', `/api/v1/contracts/${c.id}/api-keys`, customer, { name: 'E2E' });
    travel(at(`${lastMonth}-21`));
    const events = Array.from({ length: 300 }, (_, i) => ({
      transactionId: `e2e-bill-${i}`,
      metric: 'ekyc.request',
      timestamp: at(`${lastMonth}-${String(1 + (i % 20)).padStart(2, '0')}`, 9).toISOString(),
    }));
    const sent = await call('POST', '/api/v1/usage/events', null, { events }, { 'x-api-key': key });
    if (sent.accepted !== 300) throw new Error(`e2e billing seed: ${JSON.stringify(sent)}`);
  } finally {
    clock.offsetMs = 0;
  }
}
