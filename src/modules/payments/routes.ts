import { ctxOf, guard } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import { toCsv, toXlsx } from '../../platform/export.ts';
import * as c from './contract.ts';
import type { PaymentService } from './service.ts';
import { RECON_KIND_TEXT } from './domain/reconcile.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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
      body: c.order,
      response: { 201: c.orderResult },
    },
    preValidation: guard('contract.buy'),
    handler: async (req, reply) => reply.status(201).send(await payments.order(ctxOf(req), req.body, req.ip)),
  });

  app.post('/api/v1/contracts/:id/payment-link', {
    schema: {
      tags: ['payments'],
      summary: 'The payment link of a contract awaiting payment (its customer or seller)',
      params: c.contractParams,
      body: c.paymentLinkBody,
      response: { 200: c.paymentLink },
    },
    preValidation: guard(),
    handler: async (req) => payments.contractLink(ctxOf(req), req.params.id),
  });

  app.get('/api/v1/pay/:token', {
    config: signedAndUnlimited,
    schema: {
      tags: ['payments'],
      summary: 'The e-mailed payment link: what is to be paid (no sign-in)',
      params: c.tokenParams,
      response: { 200: c.payLinkInfo },
    },
    handler: async (req) => payments.linkDetails(req.params.token),
  });

  app.post('/api/v1/pay/:token/start', {
    config: { csrf: false, ...signedAndUnlimited },
    schema: {
      tags: ['payments'],
      summary: '[Thanh toán]: a new VNPay attempt; the browser goes to payUrl',
      params: c.tokenParams,
      body: c.startBody,
      response: { 200: c.startedAttempt },
    },
    handler: async (req) => payments.startFromLink(req.params.token, req.ip),
  });

  app.get('/api/v1/payments/vnpay/ipn', {
    config: signedAndUnlimited,
    schema: {
      tags: ['payments'],
      summary: 'VNPay IPN (server to server); answers {RspCode, Message}; 403 from outside VNPAY_IPN_ALLOWED_IPS',
      querystring: c.vnpQuery,
      response: { 200: c.ipnAnswer },
    },
    handler: async (req) => payments.handleIpn(req.query, req.ip, req.log),
  });

  app.get('/api/v1/payments/vnpay/return', {
    config: signedAndUnlimited,
    schema: {
      tags: ['payments'],
      summary: 'What the browser return page shows (the return changes nothing)',
      querystring: c.vnpQuery,
      response: { 200: c.payReturnInfo },
    },
    handler: async (req) => payments.returnStatus(req.query),
  });

  app.get('/api/v1/payments', {
    schema: {
      tags: ['payments'],
      querystring: c.paymentQuery,
      response: { 200: c.paymentPage },
    },
    preValidation: guard('payment.read'),
    handler: async (req) => payments.list(req.query),
  });

  app.post('/api/v1/payments/:id/refund', {
    schema: {
      tags: ['payments'],
      summary: 'Refund through VNPay (full or partial), with a reason: 202 with the pending refund, sent once by a job; 409 REFUND_EXCEEDS_REMAINING past what is left',
      params: c.paymentParams,
      body: c.refundBody,
      response: { 202: c.paymentRefund },
    },
    preValidation: guard('payment.refund'),
    handler: async (req, reply) => reply.status(202).send(await payments.refund(ctxOf(req), req.params.id, BigInt(req.body.amountVnd), req.body.reason)),
  });

  app.post('/api/v1/payments/manual', {
    schema: {
      tags: ['payments'],
      summary: 'Record a bank transfer: the same ledger, contract hook and e-invoice as a VNPay payment (paidAt defaults to now)',
      body: c.bankTransfer,
      response: { 201: c.paymentRecord },
    },
    preValidation: guard('contract.record_payment'),
    handler: async (req, reply) => reply.status(201).send(await payments.recordManual(ctxOf(req), {
      ...req.body,
      amountVnd: BigInt(req.body.amountVnd),
      paidAt: req.body.paidAt,
    })),
  });

  app.post('/api/v1/payments/attempts/:txnRef/query', {
    schema: {
      tags: ['payments'],
      summary: 'Ask VNPay (querydr) about a pending transaction and settle it',
      params: c.attemptParams,
      body: c.queryBody,
      response: { 200: c.queryResult },
    },
    preValidation: guard('payment.reconcile'),
    handler: async (req) => ({ txnRef: req.params.txnRef, status: await payments.settleByQuery(req.params.txnRef) }),
  });

  app.get('/api/v1/payments/reconciliations', {
    schema: { tags: ['payments'], summary: 'The latest daily reconciliations', response: { 200: c.reconciliations } },
    preValidation: guard('payment.read'),
    handler: async () => ({ items: await payments.reconciliations() }),
  });

  app.post('/api/v1/payments/reconciliations', {
    schema: { tags: ['payments'], summary: 'Reconcile one day with VNPay now', body: c.reconcileBody, response: { 200: c.reconcileResult } },
    preValidation: guard('payment.reconcile'),
    handler: async (req) => payments.reconcile(req.body.date),
  });

  app.get('/api/v1/payments/reconciliations/:date', {
    schema: { tags: ['payments'], params: c.reconciliationParams, querystring: c.reconciliationFormat, response: { 200: c.reconciliationDetail } },
    preValidation: guard('payment.read'),
    handler: async (req, reply) => {
      const r = await payments.reconciliation(req.params.date);
      if (req.query.format === 'json') return r;
      const rows = r.items.map((i) => ({
        'Mã GD (vnp_TxnRef)': i.txnRef,
        'Số hợp đồng': i.contractNumber ?? '',
        'Khách hàng': i.customerName ?? '',
        'Kết quả': RECON_KIND_TEXT[i.kind],
        'Số tiền VNPay': i.vnpayAmountVnd,
        'Số tiền QLDV': i.ourAmountVnd,
        'Mã GD VNPay': i.transactionNo,
        'Xử lý': i.resolution ?? '',
      }));
      reply.header('content-disposition', `attachment; filename="doi-soat-vnpay-${req.params.date}.${req.query.format}"`);
      // A file, not the JSON the response schema describes: fastify sends text and buffers as they are.
      const file = req.query.format === 'csv' ? toCsv(rows) : await toXlsx(rows, `Đối soát ${req.params.date}`);
      return reply.type(req.query.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX).send(file as never);
    },
  });
}
