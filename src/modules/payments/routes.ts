import { z } from 'zod';
import { ctxOf, guard, pageQuery } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import { instant, localDate, vndString } from '../../shared/fields.ts';
import { toCsv, toXlsx } from '../../platform/export.ts';
import { PAYMENT_STATUSES } from './domain/payment-lifecycle.ts';
import type { PaymentService } from './service.ts';

const token = z.object({ token: z.string().min(10).max(200) });
const productCode = z.string().trim().min(2).max(30).regex(/^[A-Za-z0-9_-]+$/);
const vnpQuery = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
/**
 * VNPay's servers and the customers' browsers at a sales peak must not meet the per-IP limit: these
 * routes check a signature before touching the database, so a flood of forgeries stays cheap.
 */
const signedAndUnlimited = { rateLimit: false } as const;

export function paymentRoutes(app: Server, payments: PaymentService) {
  app.post('/api/v1/orders', {
    schema: {
      tags: ['payments'],
      summary: 'C1: a signed-in customer orders a package; pay at the returned VNPay URL',
      body: z.object({ product: productCode, quantity: z.number().int('must be a whole number').min(1).max(1_000_000_000), periodMonths: z.number().int().min(1).max(60).optional() }).strict(),
    },
    preValidation: guard('contract.buy'),
    handler: async (req, reply) => reply.status(201).send(await payments.order(ctxOf(req), req.body, req.ip)),
  });

  app.post('/api/v1/contracts/:id/payment-link', {
    schema: { tags: ['payments'], summary: 'The payment link of a contract awaiting payment (its customer or seller)', params: z.object({ id: z.string().max(40) }), body: z.object({}).strict().optional() },
    preValidation: guard(),
    handler: async (req) => payments.contractLink(ctxOf(req), req.params.id),
  });

  app.get('/api/v1/pay/:token', {
    config: signedAndUnlimited,
    schema: { tags: ['payments'], summary: 'The e-mailed payment link: what is to be paid (no sign-in)', params: token },
    handler: async (req) => payments.linkDetails(req.params.token),
  });

  app.post('/api/v1/pay/:token/start', {
    config: { csrf: false, ...signedAndUnlimited },
    schema: { tags: ['payments'], summary: '[Thanh toán]: a new VNPay attempt; the browser goes to payUrl', params: token, body: z.object({}).strict().optional() },
    handler: async (req) => payments.startFromLink(req.params.token, req.ip),
  });

  app.get('/api/v1/payments/vnpay/ipn', {
    config: signedAndUnlimited,
    schema: { tags: ['payments'], summary: 'VNPay IPN (server to server); answers {RspCode, Message}; 403 from outside VNPAY_IPN_ALLOWED_IPS', querystring: vnpQuery },
    handler: async (req) => payments.handleIpn(req.query, req.ip, req.log),
  });

  app.get('/api/v1/payments/vnpay/return', {
    config: signedAndUnlimited,
    schema: { tags: ['payments'], summary: 'What the browser return page shows (the return changes nothing)', querystring: vnpQuery },
    handler: async (req) => payments.returnStatus(req.query),
  });

  app.get('/api/v1/payments', {
    schema: {
      tags: ['payments'],
      querystring: z.object({ status: z.enum(PAYMENT_STATUSES).optional(), contractId: z.string().max(40).optional(), ...pageQuery }).strict(),
    },
    preValidation: guard('payment.read'),
    handler: async (req) => payments.list(req.query),
  });

  app.post('/api/v1/payments/:id/refund', {
    schema: {
      tags: ['payments'],
      summary: 'Refund through VNPay (full or partial), with a reason: 202 with the pending refund, sent once by a job; 409 REFUND_EXCEEDS_REMAINING past what is left',
      params: z.object({ id: z.string().max(40) }),
      body: z.object({ amountVnd: vndString, reason: z.string().trim().min(5).max(1000) }).strict(),
    },
    preValidation: guard('payment.refund'),
    handler: async (req, reply) => reply.status(202).send(await payments.refund(ctxOf(req), req.params.id, BigInt(req.body.amountVnd), req.body.reason)),
  });

  app.post('/api/v1/payments/manual', {
    schema: {
      tags: ['payments'],
      summary: 'Record a bank transfer: the same ledger, contract hook and e-invoice as a VNPay payment (paidAt defaults to now)',
      body: z
        .object({
          contractId: z.string().max(40),
          amendmentId: z.string().max(40).optional(),
          billId: z.string().max(40).optional(),
          amountVnd: vndString,
          /** Default: now (a transfer seen today). */
          paidAt: instant.optional(),
          bankRef: z.string().trim().min(3).max(100),
          note: z.string().trim().max(1000).optional(),
        })
        .strict(),
    },
    preValidation: guard('contract.record_payment'),
    handler: async (req, reply) => reply.status(201).send(await payments.recordManual(ctxOf(req), { ...req.body, amountVnd: BigInt(req.body.amountVnd), paidAt: req.body.paidAt })),
  });

  app.post('/api/v1/payments/attempts/:txnRef/query', {
    schema: { tags: ['payments'], summary: 'Ask VNPay (querydr) about a pending transaction and settle it', params: z.object({ txnRef: z.string().max(100) }), body: z.object({}).strict().optional() },
    preValidation: guard('payment.reconcile'),
    handler: async (req) => ({ txnRef: req.params.txnRef, status: await payments.settleByQuery(req.params.txnRef) }),
  });

  app.get('/api/v1/payments/reconciliations', {
    schema: { tags: ['payments'], summary: 'The latest daily reconciliations' },
    preValidation: guard('payment.read'),
    handler: async () => ({ items: await payments.reconciliations() }),
  });

  app.post('/api/v1/payments/reconciliations', {
    schema: { tags: ['payments'], summary: 'Reconcile one day with VNPay now', body: z.object({ date: localDate }).strict() },
    preValidation: guard('payment.reconcile'),
    handler: async (req) => payments.reconcile(req.body.date),
  });

  app.get('/api/v1/payments/reconciliations/:date', {
    schema: { tags: ['payments'], params: z.object({ date: localDate }), querystring: z.object({ format: z.enum(['json', 'csv', 'xlsx']).default('json') }).strict() },
    preValidation: guard('payment.read'),
    handler: async (req, reply) => {
      const r = await payments.reconciliation(req.params.date);
      if (req.query.format === 'json') return r;
      const rows = (r.items as Record<string, string | null>[]).map((i) => ({ 'Mã GD (vnp_TxnRef)': i.txnRef, 'Số hợp đồng': i.contractNumber ?? '', 'Khách hàng': i.customerName ?? '', 'Kết quả': i.kind, 'Số tiền VNPay': i.vnpayAmountVnd, 'Số tiền QLDV': i.ourAmountVnd, 'Mã GD VNPay': i.transactionNo, 'Xử lý': i.resolution ?? '' }));
      reply.header('content-disposition', `attachment; filename="doi-soat-vnpay-${req.params.date}.${req.query.format}"`);
      if (req.query.format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(rows));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await toXlsx(rows, `Đối soát ${req.params.date}`));
    },
  });
}
