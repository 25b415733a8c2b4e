import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { withinScope, type Role } from '../../src/modules/identity/index.ts';
import { createTestSystem, DEMO_PASSWORD, type TestSystem } from '../system.ts';

/**
 * The world the robustness tests run in: the whole system, one signed-in caller per role (and the
 * desks C1…C6_ePayment, an AM of CTKV 2), objects that belong to different units, customers and
 * billing centers, and a snapshot of everything a refused request must leave alone.
 */

/** Who calls: a demo account per role, plus an AM of another CTKV (CTKV 2) and every clearing desk. */
export const CALLERS = {
  anonymous: null,
  customer1: 'customer',
  enterprise1: 'customer',
  am1: 'am',
  'am.ctkv2': 'am',
  kam1: 'kam',
  agent1: 'agent',
  'approver.ctkv1': 'approver_ctkv',
  'approver.ttcntt': 'approver_ttcntt',
  ops1: 'ops',
  invoice1: 'invoice_officer',
  callcenter1: 'call_center',
  'product.ctkv1': 'product_ctkv',
  gpth1: 'gpth',
  accountant1: 'accountant',
  collector1: 'collector',
  admin: 'admin',
  C1_ePayment: 'clearing',
  C2_ePayment: 'clearing',
  C3_ePayment: 'clearing',
  C4_ePayment: 'clearing',
  C5_ePayment: 'clearing',
  C6_ePayment: 'clearing',
} as const satisfies Record<string, Role | null>;
export type Caller = keyof typeof CALLERS;

/** One demo account of each role: the caller the fuzzer signs in as. */
export const ACCOUNT_OF: Record<Role, Caller> = {
  admin: 'admin',
  customer: 'customer1',
  am: 'am1',
  kam: 'kam1',
  agent: 'agent1',
  approver_ctkv: 'approver.ctkv1',
  approver_ttcntt: 'approver.ttcntt',
  ops: 'ops1',
  invoice_officer: 'invoice1',
  call_center: 'callcenter1',
  product_ctkv: 'product.ctkv1',
  gpth: 'gpth1',
  accountant: 'accountant1',
  collector: 'collector1',
  clearing: 'C1_ePayment',
};

/**
 * Routes that end or change the session they run in: each case signs in afresh (DELETE /me/sessions
 * is not one: it ends the caller's other sessions, so it runs in the caller's main one).
 */
export const OWN_SESSION = new Set(['POST /api/v1/auth/logout', 'DELETE /api/v1/me/sessions/:id', 'POST /api/v1/me/password']);

/** Where an object belongs: its regional company (or none), its customer, its billing center. */
export interface Owned {
  id: string;
  unit?: 'CTKV1' | 'CTKV2';
  customer?: 'customer1' | 'enterprise1' | 'ctkv2';
  center?: number;
}

export interface World {
  s: TestSystem;
  token: Partial<Record<Caller, string>>;
  objects: Partial<Record<string, Owned[]>>;
  /**
   * Row count and content checksum of every table (the audit entries, seals and chain head included):
   * what a refused request must not change.
   */
  snapshot(): Promise<Record<string, string>>;
  /** A fresh session of `caller` (for routes that end or change the session they run in). */
  freshToken(caller: Caller): Promise<string | undefined>;
}

/** The caller's relation to an object: may they reach it (own) or not (other unit, other customer, other center)? */
export function relation(caller: Caller, o: Owned, kind?: string): 'own' | 'other_unit' | 'other_customer' | 'other_center' {
  const role = CALLERS[caller];
  if (role === 'customer') return o.customer === caller ? 'own' : 'other_customer';
  if (role === 'clearing') return o.center === undefined || o.center === Number(caller.slice(1, 2)) ? 'own' : 'other_center';
  if (!role || !o.unit) return 'own';
  if (withinScope({ kind: 'user', roles: [role] }, null, '/')) return 'own'; // corporate roles reach every unit
  // The product department's scope is its center (TT KDCNS of CTKV 1), not the whole CTKV, except for the
  // tickets of its CTKV (it is their level-2 desk); an agent's scope is the agent.
  const product = kind === 'ticket' ? 'CTKV1' : 'CTKV1-KDCNS';
  const home = caller === 'am.ctkv2' ? 'CTKV2' : caller === 'agent1' ? 'agent' : caller === 'product.ctkv1' ? product : 'CTKV1';
  return home === o.unit ? 'own' : 'other_unit';
}

export async function createWorld(): Promise<World> {
  const s = await createTestSystem();
  const token: World['token'] = {};
  const admin = await s.login('admin');
  const kv2 = s.identity.orgUnitByCode('CTKV2-KHDN')!.id;
  const am2 = await s.http('POST', '/api/v1/admin/users', {
    token: admin,
    body: { username: 'am.ctkv2', password: DEMO_PASSWORD, fullName: 'AM Khu vực 2', email: 'am.ctkv2@example.vn', roles: ['am'], orgUnitId: kv2 },
  });
  expect(am2.status, JSON.stringify(am2.body)).toBe(201);
  for (const c of Object.keys(CALLERS) as Caller[]) if (c !== 'anonymous') token[c] = await s.login(c);

  // Customers: two of CTKV 1 (an individual and an enterprise, each with an account) and one of CTKV 2.
  const me = async (c: Caller) => (await s.http('GET', '/api/v1/me', { token: token[c] })).body.user.customer.id as string;
  const cus1 = await me('customer1');
  const cusE = await me('enterprise1');
  const cusB = await s.http('POST', '/api/v1/customers', {
    token: admin,
    body: { type: 'individual', name: 'Đinh Văn Khu Hai', email: 'kv2@example.vn', phone: '0977000222', managingUnitId: kv2 },
  });
  expect(cusB.status, JSON.stringify(cusB.body)).toBe(201);

  // Contracts: customer1's own order (awaiting payment), a draft of the enterprise (CTKV 1) and one of CTKV 2.
  const order = await s.http('POST', '/api/v1/orders', { token: token.customer1, body: { product: 'MEETING', quantity: 2, periodMonths: 1 } });
  expect(order.status, JSON.stringify(order.body)).toBe(201);
  const declare = async (who: Caller, customerId: string) => {
    const r = await s.http('POST', '/api/v1/contracts', { token: token[who], body: { customerId, product: 'MEETING', quantity: 3, periodMonths: 6, signedDate: '2026-03-02' } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id as string;
  };
  const ctrE = await declare('am1', cusE);
  const ctrB = await declare('admin', cusB.body.id);

  // Tickets on each contract.
  const ticket = async (who: Caller, contractId: string, channel: string) => {
    const r = await s.http('POST', '/api/v1/tickets', { token: token[who], body: { channel, requestType: 'question', subject: 'Hỏi giá', description: 'Khách hỏi giá gia hạn', contractId } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id as string;
  };
  const tktA = await ticket('customer1', order.body.contractId, 'web_portal');
  const tktE = await ticket('enterprise1', ctrE, 'web_portal');
  const tktB = await ticket('callcenter1', ctrB, 'hotline_9090');

  // Bill payment orders of billing centers 1 and 2 (demo subscribers of the ledger simulator).
  const billpay = async (msisdn: string) => {
    const r = await s.http('POST', '/api/v1/billpay/orders', { body: { msisdn, kind: 'bill', amountVnd: '100000', cardType: 'domestic' } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.orderId as string;
  };
  const bp1 = await billpay('0901234567');
  const bp2 = await billpay('0931234567');

  // An invoice of customer1: a second order paid by bank transfer, its e-invoice issued by the job.
  const paid = await s.http('POST', '/api/v1/orders', { token: token.customer1, body: { product: 'MEETING', quantity: 1, periodMonths: 1 } });
  const contract = (await s.http('GET', `/api/v1/contracts/${paid.body.contractId}`, { token: admin })).body;
  const transfer = { contractId: paid.body.contractId, amountVnd: contract.totalVnd, paidAt: s.clock.now().toISOString(), bankRef: 'FT26061100001' };
  const recorded = await s.http('POST', '/api/v1/payments/manual', { token: token.accountant1, body: transfer });
  expect(recorded.status, JSON.stringify(recorded.body)).toBeLessThan(300);
  await s.jobs.drain();
  const invoices = await s.http('GET', `/api/v1/invoices?contractId=${paid.body.contractId}`, { token: admin });
  expect(invoices.body.items, JSON.stringify(invoices.body)).toHaveLength(1);

  const objects: World['objects'] = {
    customer: [
      { id: cus1, unit: 'CTKV1', customer: 'customer1' },
      { id: cusE, unit: 'CTKV1', customer: 'enterprise1' },
      { id: cusB.body.id, unit: 'CTKV2', customer: 'ctkv2' },
    ],
    contract: [
      { id: order.body.contractId, unit: 'CTKV1', customer: 'customer1' },
      { id: ctrE, unit: 'CTKV1', customer: 'enterprise1' },
      { id: ctrB, unit: 'CTKV2', customer: 'ctkv2' },
    ],
    ticket: [
      { id: tktA, unit: 'CTKV1', customer: 'customer1' },
      { id: tktE, unit: 'CTKV1', customer: 'enterprise1' },
      { id: tktB, unit: 'CTKV2', customer: 'ctkv2' },
    ],
    payment: [{ id: order.body.paymentId, unit: 'CTKV1', customer: 'customer1' }],
    invoice: [{ id: invoices.body.items[0].id, unit: 'CTKV1', customer: 'customer1' }],
    billpay_order: [
      { id: bp1, center: 1 },
      { id: bp2, center: 2 },
    ],
  };

  // Every table of every module schema: its row count and a checksum of its rows' text.
  const tables = await s.database.rows<{ t: string }>(sql`
    select quote_ident(table_schema) || '.' || quote_ident(table_name) as t from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema', 'drizzle') order by 1`);
  const probe = sql.raw(
    tables.map(({ t }) => `select '${t}' as t, count(*)::text as n, coalesce(sum(hashtext(x::text)::bigint), 0)::text as h from ${t} x`).join(' union all '),
  );
  // A transaction that writes anything (or locks a row) takes a transaction id: while the next id to be
  // given is the same, nothing can have changed and the last full snapshot stands (reads take none).
  const nextXid = async () => (await s.database.rows<{ x: string }>(sql`select pg_snapshot_xmax(pg_current_snapshot())::text as x`))[0].x;
  let last: { xid: string; tables: Record<string, string> } | null = null;
  const snapshot = async () => {
    const xid = await nextXid();
    if (last?.xid === xid) return last.tables;
    const rows = await s.database.rows<{ t: string; n: string; h: string }>(probe);
    last = { xid, tables: Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`])) };
    return last.tables;
  };
  const freshToken = async (c: Caller) => (c === 'anonymous' ? undefined : s.login(c));
  return { s, token, objects, snapshot, freshToken };
}

/** The differences between two snapshots, table by table. */
export function changed(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}
