import type { Executor } from '../../db/client.ts';
import { formatVnd } from '../../platform/money.ts';
import type { Deps } from './deps.ts';
import { ALSO_TOLD, noticeText, type ContractNotice } from './domain/notices.ts';
import { TASK_ROLES } from './domain/tasks.ts';
import type { ContractRow } from './queries.ts';

/** The contract's page in the portal. */
export const contractUrl = (d: Pick<Deps, 'publicBaseUrl'>, contractId: string) => `${d.publicBaseUrl}/contracts/${contractId}`;

/**
 * Rows a transaction reads several times (an IPN's three e-mails and its provisioning step name the
 * same customer and product) are read once per transaction: kept only while the transaction object lives.
 */
const readInTx = new WeakMap<Executor, Map<string, Promise<unknown>>>();
function oncePerTx<T>(d: Deps, tx: Executor, key: string, read: () => Promise<T>): Promise<T> {
  if (tx === d.database.db) return read(); // not a transaction: the pool lives on, and so would stale rows
  let seen = readInTx.get(tx);
  if (!seen) readInTx.set(tx, (seen = new Map()));
  if (!seen.has(key)) seen.set(key, read());
  return seen.get(key) as Promise<T>;
}

/** The contract's product, read once per transaction. */
export const productOf = (d: Deps, tx: Executor, c: ContractRow) => oncePerTx(d, tx, `product:${c.productId}`, () => d.catalog.product(c.productId, tx));

/** What every contract e-mail says: number, customer, product, amount and the link. */
async function facts(d: Deps, tx: Executor, c: ContractRow) {
  const customer = await oncePerTx(d, tx, `customer:${c.customerId}`, () => d.customers.row(c.customerId, tx));
  const product = await productOf(d, tx, c);
  const amount = formatVnd(c.totalVnd);
  const base = { number: c.number, customerName: customer.name, productName: product.name, amount, contractUrl: contractUrl(d, c.id) };
  return { customer, base };
}

/** E-mail addresses of the active users holding a role (under a unit, when given). */
export const staffEmails = (d: Deps, tx: Executor, role: string, underUnitId: string | null = null) =>
  d.identity.emailsOfRole(role, underUnitId, tx);

/** Everyone holding one of the roles. */
export async function emailsOfRoles(d: Deps, tx: Executor, roles: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const r of roles) out.push(...(await staffEmails(d, tx, r)));
  return out;
}

/** The contract's sales person (AM/KAM/agent), if they still exist. */
export async function salesEmail(d: Deps, tx: Executor, c: ContractRow): Promise<string[]> {
  const u = c.salesUserId ? await d.identity.getUser(c.salesUserId, tx).catch(() => null) : null;
  return u ? [u.email] : [];
}

/** The sales person plus the roles `domain/notices.ts` names for the event. */
export async function staffToTell(d: Deps, tx: Executor, c: ContractRow, event: ContractNotice): Promise<string[]> {
  return [...(await salesEmail(d, tx, c)), ...(await emailsOfRoles(d, tx, ALSO_TOLD[event] ?? []))];
}

/** C2 step 2: the amount and the payment link (a signed VNPay link once the payments module is wired). */
export async function emailPaymentRequest(d: Deps, tx: Executor, c: ContractRow, amount = c.totalVnd, amendmentId?: string) {
  const { customer, base } = await facts(d, tx, c);
  const description = `Thanh toan hop dong ${c.number}${amendmentId ? ' (phu luc)' : ''}`;
  const payUrl = await d.ports.paymentLink(tx, { contractId: c.id, amendmentId, customerId: c.customerId, amountVnd: amount, description });
  if (!customer.email) return;
  await d.notifications.email(tx, {
    to: customer.email,
    template: 'contract.payment_request',
    locale: 'vi',
    data: { ...base, amount: formatVnd(amount), payUrl },
    related: { type: 'contract', id: c.id },
  });
}

export async function notifyCustomer(
  d: Deps,
  tx: Executor,
  c: ContractRow,
  template: 'contract.payment_received' | 'contract.customer_update',
  extra: { event?: ContractNotice; detail?: string; paymentRef?: string },
) {
  const { customer, base } = await facts(d, tx, c);
  if (!customer.email) return;
  const event = extra.event ? noticeText(extra.event, 'vi') : '';
  await d.notifications.email(tx, {
    to: customer.email,
    template,
    locale: 'vi',
    data: { ...base, event, detail: extra.detail ?? '', paymentRef: extra.paymentRef ?? '' },
    related: { type: 'contract', id: c.id },
  });
}

export async function notifyStaff(d: Deps, tx: Executor, c: ContractRow, event: ContractNotice, to: string[], detail = '') {
  const { base } = await facts(d, tx, c);
  for (const email of [...new Set(to)]) {
    await d.notifications.email(tx, {
      to: email,
      template: 'contract.staff_update',
      locale: 'vi',
      data: { ...base, event: noticeText(event, 'vi'), detail },
      related: { type: 'contract', id: c.id },
    });
  }
}

/** Ops is asked to create the service account by hand (C4), with why when a port gave up. */
export async function askOpsToProvision(d: Deps, tx: Executor, c: ContractRow, detail = '') {
  await notifyStaff(d, tx, c, 'provision', await emailsOfRoles(d, tx, TASK_ROLES.provision), detail);
}
