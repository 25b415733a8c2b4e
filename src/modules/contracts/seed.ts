import { count } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import { systemCtx, type Ctx } from '../../platform/context.ts';
import { addDays, toLocalDate } from '../../platform/calendar.ts';
import type { CustomerService } from '../customers/index.ts';
import type { IdentityService } from '../identity/index.ts';
import { contracts } from './db/schema.ts';
import type { ContractService } from './module.ts';

/**
 * Demo contracts (development only, first start): one in each interesting state, so every inbox and
 * list has something to show. They go through the real use cases, audit trail included.
 */
export async function seedDemoContracts(
  database: Database,
  clock: Clock,
  deps: { identity: IdentityService; customers: CustomerService; contracts: ContractService },
) {
  const [{ n }] = await database.db.select({ n: count() }).from(contracts);
  if (n > 0) return;
  const as = async (username: string): Promise<Ctx> => {
    const { items } = await deps.identity.listUsers({ q: username, page: 1, pageSize: 5 });
    const user = items.find((u) => u.username === username)!;
    return { actor: deps.identity.actorOf(user), locale: 'vi', requestId: 'seed' };
  };
  const am = await as('am1');
  const customer = (await deps.customers.list(am, { q: 'Sao Mai', page: 1, pageSize: 1 })).items[0];
  if (!customer) return;
  const today = toLocalDate(clock.now());
  const signed = addDays(today, -1);
  const system = systemCtx('system:seed');

  // Active: 5 Meeting rooms for 12 months, through payment, both approvals and provisioning.
  const active = await deps.contracts.declare(am, { customerId: customer.id, product: 'MEETING', quantity: 5, periodMonths: 12, signedDate: signed });
  await deps.contracts.submit(am, active.id);
  await deps.contracts.confirmPayment(system, active.id, { paymentRef: 'demo:VNP-0001', amountVnd: active.totalVnd, paidAt: clock.now() });
  await deps.contracts.approve(await as('approver.ctkv1'), active.id);
  await deps.contracts.approve(await as('approver.ttcntt'), active.id);
  const account = { accountRef: 'meeting:saomai-admin', accessUrl: 'https://meeting.mobifone.vn' };
  await deps.contracts.completeProvisioning(await as('ops1'), active.id, account, 'Tài khoản quản trị tổ chức');

  // Waiting for the TT CNTT approver: eKYC 12,000 requests a month.
  const pending = await deps.contracts.declare(am, { customerId: customer.id, product: 'EKYC', quantity: 12000, signedDate: signed });
  await deps.contracts.submit(am, pending.id);
  await deps.contracts.confirmPayment(system, pending.id, { paymentRef: 'demo:VNP-0002', amountVnd: pending.totalVnd, paidAt: clock.now() });
  await deps.contracts.approve(await as('approver.ctkv1'), pending.id);

  // Waiting for the customer's payment, and a draft still to submit.
  const kam = await as('kam1');
  const awaiting = await deps.contracts.declare(kam, { customerId: customer.id, product: 'MEETING', quantity: 12, periodMonths: 6, signedDate: today });
  await deps.contracts.submit(kam, awaiting.id);
  const note = 'Trả sau theo sản lượng';
  await deps.contracts.declare(am, { customerId: customer.id, product: 'EKYC', billing: 'postpaid', quantity: 30000, signedDate: today, note });
}
