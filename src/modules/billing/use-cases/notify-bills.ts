import { and, eq, isNull } from 'drizzle-orm';
import { formatVnd } from '../../../platform/money.ts';
import { bills } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { openBillPayment } from './open-bill-payment.ts';

export const BILL_MAIL_QUEUE = 'billing.mail';

/** The bill's page in the portal. */
export const billUrl = (d: Pick<Deps, 'publicBaseUrl'>, billId: string) => `${d.publicBaseUrl}/bills/${billId}`;

const vnDate = (date: string) => date.split('-').reverse().join('/');

/**
 * The fee e-mail with the payment link (C3), one per bill, queued by the bill run's job: it opens the
 * bill's link payment (also for a customer without an e-mail, whose bill is paid from the portal). Each
 * bill is marked in the transaction that queues its e-mail, so a retried job never mails a bill twice.
 */
export async function notifyBills(d: Deps, p: { billIds: string[] }): Promise<void> {
  for (const billId of p.billIds) {
    await d.database.db.transaction(async (tx) => {
      const [b] = await tx
        .update(bills)
        .set({ notifiedAt: d.clock.now() })
        .where(and(eq(bills.id, billId), isNull(bills.notifiedAt)))
        .returning();
      if (!b) return;
      const paymentId = await openBillPayment(d, tx, b);
      if (!paymentId) return;
      const contract = await d.contracts.row(b.contractId, tx);
      const customer = await d.customers.row(b.customerId, tx);
      if (!customer.email) return;
      const product = await d.catalog.product(contract.productId, tx);
      const [year, month] = b.period.split('-');
      await d.notifications.email(tx, {
        to: customer.email,
        template: 'bill.issued',
        locale: 'vi',
        data: {
          customerName: customer.name,
          productName: product.name,
          number: contract.number,
          month: `${month}/${year}`,
          amount: formatVnd(b.totalVnd),
          billNumber: b.number ?? '',
          dueDate: b.dueDate ? vnDate(b.dueDate) : '',
          billUrl: billUrl(d, b.id),
          payUrl: d.payments.linkFor(tx, paymentId),
        },
        related: { type: 'contract', id: contract.id },
      });
    });
  }
}
