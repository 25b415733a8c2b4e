import { insertLater } from '../../../db/batch.ts';
import type { Executor } from '../../../db/client.ts';
import { paymentError } from '../errors.ts';
import { ulid } from '../../../platform/ids.ts';
import { attempts } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { assertVnpayAmount } from '../domain/amount.ts';
import { awaitsMoney } from '../domain/payment-lifecycle.ts';
import type { PaymentRow } from '../queries.ts';
import { buildPaymentUrl } from '../../../protocols/vnpay/protocol.ts';

export interface StartedAttempt {
  paymentId: string;
  txnRef: string;
  payUrl: string;
}

/** What a caller may choose of the VNPay page: the card type (vnp_BankCode), language, return page, expiry. */
export interface AttemptOptions {
  bankCode?: string;
  locale?: 'vn' | 'en';
  returnUrl?: string;
  expireMinutes?: number;
}

/** A new VNPay attempt for a payment still awaiting money (a fresh vnp_TxnRef) and the URL to go to. */
export async function startAttempt(d: Deps, p: PaymentRow, ipAddr: string, ex: Executor = d.database.db, opts: AttemptOptions = {}): Promise<StartedAttempt> {
  if (!awaitsMoney(p.status)) {
    throw paymentError('PAYMENT_NOT_PAYABLE', { payment: p.id, status: p.status });
  }
  assertVnpayAmount(p.amountVnd);
  const now = d.clock.now();
  const txnRef = `QLDV${ulid(now.getTime()).toUpperCase()}`;
  await insertLater(ex, attempts, { txnRef, paymentId: p.id, amountVnd: p.amountVnd, createdAt: now, ipAddr, status: 'pending' });
  const s = d.settings;
  const payUrl = buildPaymentUrl(
    { payUrl: s.payUrl, tmnCode: s.tmnCode, hashSecret: s.hashSecret },
    {
      txnRef,
      amountVnd: p.amountVnd,
      orderInfo: p.description,
      ipAddr,
      returnUrl: opts.returnUrl ?? `${s.publicBaseUrl}/payments/vnpay/return`,
      now,
      ...(opts.bankCode ? { bankCode: opts.bankCode } : {}),
      ...(opts.locale ? { locale: opts.locale } : {}),
      ...(opts.expireMinutes ? { expireMinutes: opts.expireMinutes } : {}),
    },
  );
  return { paymentId: p.id, txnRef, payUrl };
}
