import { ctxOf, guard } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import { fail } from '../../platform/errors.ts';
import { toCsv, toXlsx } from '../../platform/export.ts';
import { normalizeMsisdn } from '../../protocols/subscriber-ledger/protocol.ts';
import type { RunningLedgerSimulator } from '../../simulators/subscriber-ledger/index.ts';
import * as c from './contract.ts';
import { billpayError } from './errors.ts';
import type { BillpayService } from './index.ts';
import { dayReportRows, printDayReport } from './use-cases/print-day-report.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function billpayRoutes(app: Server, billpay: BillpayService, opts: { ledgerSim: RunningLedgerSimulator | undefined; passwordTriesPerMinute: number }) {
  app.post('/api/v1/billpay/orders', {
    config: { csrf: false },
    schema: {
      tags: ['billpay'],
      summary: 'E1/E3: a subscriber pays their bill or tops up by card; pay at payUrl (VNPay INTCARD or VNBANK)',
      body: c.orderBody,
      response: { 201: c.orderCreated },
    },
    handler: async (req, reply) => reply.status(201).send(await billpay.order(req.body, req.ip)),
  });

  app.get('/api/v1/billpay/orders/:id', {
    schema: { tags: ['billpay'], summary: 'An order as its return page shows it (no personal data)', params: c.orderParams, response: { 200: c.publicOrder } },
    handler: async (req) => billpay.publicOrder(req.params.id),
  });

  app.post('/api/v1/billpay/orders/:id/cancel', {
    config: { csrf: false },
    schema: {
      tags: ['billpay'],
      summary: 'The subscriber drops an unpaid order (E4: a cleared one is never cancelled by the customer)',
      params: c.orderParams,
      body: c.cancelBody,
      response: { 200: c.publicOrder },
    },
    handler: async (req) => billpay.cancel(req.params.id, req.body.msisdn, req.ip),
  });

  app.post('/api/v1/billpay/orders/:id/vat-invoice', {
    config: { csrf: false },
    schema: {
      tags: ['billpay'],
      summary: 'E11: ask for the VAT invoice of a cleared transaction (also by SMS "HD" to 9223); gathered the next morning per center',
      params: c.orderParams,
      body: c.vatBody,
      response: { 200: c.vatRequest },
    },
    handler: async (req) => billpay.requestVat(req.params.id, req.body, req.ip),
  });

  app.get('/api/v1/billpay/invoice-batches', {
    schema: { tags: ['billpay'], summary: "E11: each morning's VAT invoice batches per center (own center for a clearing user)", response: { 200: c.batchList } },
    preValidation: guard('billpay.desk'),
    handler: async (req) => billpay.invoiceBatches(ctxOf(req)),
  });

  app.get('/api/v1/billpay/invoice-batches/:id/mailing-list', {
    schema: { tags: ['billpay'], summary: 'E11: the mailing list of a batch (to print the invoices and mail them), CSV or Excel', params: c.batchParams, querystring: c.exportQuery },
    preValidation: guard('billpay.desk'),
    handler: async (req, reply) => {
      const { batch, rows } = await billpay.mailingList(ctxOf(req), req.params.id);
      const file = `hoa-don-gtgt-TT${batch.center}-${batch.day}.${req.query.format}`;
      reply.header('content-disposition', `attachment; filename="${file}"`);
      if (req.query.format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(rows));
      return reply.type(XLSX).send(await toXlsx(rows, `Hoá đơn TT${batch.center} ${batch.day}`));
    },
  });

  app.get('/api/v1/billpay/subscribers/:msisdn', {
    schema: { tags: ['billpay'], summary: 'E2: whether the number can pay here and its kind, nothing personal', params: c.msisdnParams, response: { 200: c.subscriberCheck } },
    handler: async (req) => billpay.subscriber(req.params.msisdn),
  });

  app.post('/api/v1/billpay/subscribers/:msisdn/details', {
    // Guessing passwords: limited per address (as sign-in is) on top of the lockout counted per number.
    config: { csrf: false, rateLimit: { max: opts.passwordTriesPerMinute, timeWindow: '1 minute' } },
    schema: {
      tags: ['billpay'],
      summary: 'E2: name, address and debt for the payment password (set by SMS "MK xxxx" to 9223); locked out after 5 wrong answers',
      params: c.msisdnParams,
      body: c.detailsBody,
      response: { 200: c.subscriberDetails },
    },
    handler: async (req) => billpay.details(req.params.msisdn, req.body.password),
  });

  app.get('/api/v1/billpay/desk/orders', {
    schema: { tags: ['billpay'], summary: "E9: the clearing desk's transactions (own center only)", querystring: c.deskOrderQuery, response: { 200: c.deskOrderPage } },
    preValidation: guard('billpay.desk'),
    handler: async (req) => billpay.deskOrders(ctxOf(req), req.query),
  });

  app.get('/api/v1/billpay/desk/cases', {
    schema: { tags: ['billpay'], summary: 'E6: recovery cases with the 2-day clock (own center only)', querystring: c.caseQuery, response: { 200: c.caseList } },
    preValidation: guard('billpay.desk'),
    handler: async (req) => billpay.cases(ctxOf(req), req.query),
  });

  app.post('/api/v1/billpay/desk/orders/:id/clear', {
    schema: {
      tags: ['billpay'],
      summary: 'E6: manual clearing of a confirmed payment whose automatic clearing failed (a job posts it; 202)',
      params: c.orderParams,
      body: c.clearBody,
      response: { 202: c.accepted },
    },
    preValidation: guard('billpay.clear'),
    handler: async (req, reply) => reply.status(202).send(await billpay.manualClear(ctxOf(req), req.params.id, req.body.note)),
  });

  app.post('/api/v1/billpay/desk/orders/:id/fraud-cancel', {
    schema: {
      tags: ['billpay'],
      summary: 'E7: cancel an approved transaction found fraudulent: refund through VNPay and the E7 SMS',
      params: c.orderParams,
      body: c.fraudCancelBody,
      response: { 200: c.accepted },
    },
    preValidation: guard('billpay.cancel'),
    handler: async (req) => billpay.fraudCancel(ctxOf(req), req.params.id, req.body.reason),
  });

  app.get('/api/v1/billpay/reports', {
    schema: { tags: ['billpay'], summary: 'E10: the days closed by the end-of-day job, and whether each balanced', response: { 200: c.dayReportList } },
    preValidation: guard('billpay.desk'),
    handler: async () => billpay.dayReports(),
  });

  app.get('/api/v1/billpay/reports/:date', {
    schema: {
      tags: ['billpay'],
      summary: 'E10: collection per bank cashier code, clearing per center, whether they balance and each difference (own center for a clearing user)',
      params: c.dayParams,
      response: { 200: c.dayReport },
    },
    preValidation: guard('billpay.desk'),
    handler: async (req) => billpay.dayReport(ctxOf(req), req.params.date),
  });

  app.get('/api/v1/billpay/reports/:date/export', {
    schema: { tags: ['billpay'], summary: 'E10: the end-of-day reports as CSV or Excel', params: c.dayParams, querystring: c.exportQuery },
    preValidation: guard('billpay.desk'),
    handler: async (req, reply) => {
      const rows = dayReportRows(await billpay.dayReport(ctxOf(req), req.params.date));
      const file = `bao-cao-cuoi-ngay-${req.params.date}.${req.query.format}`;
      reply.header('content-disposition', `attachment; filename="${file}"`);
      if (req.query.format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(rows));
      return reply.type(XLSX).send(await toXlsx(rows, `Cuối ngày ${req.params.date}`));
    },
  });

  app.get('/api/v1/billpay/reports/:date/print', {
    schema: { tags: ['billpay'], summary: 'E10: the printable end-of-day reports (print or save as PDF)', params: c.dayParams },
    preValidation: guard('billpay.desk'),
    handler: async (req, reply) => reply.type('text/html; charset=utf-8').send(printDayReport(await billpay.dayReport(ctxOf(req), req.params.date))),
  });

  app.get('/api/v1/billpay/risk-rules', {
    schema: { tags: ['billpay'], summary: 'E5: the risk rules and scores', response: { 200: c.riskRules } },
    preValidation: guard('billpay.desk'),
    handler: async () => billpay.riskRules(),
  });

  app.put('/api/v1/billpay/risk-rules', {
    schema: { tags: ['billpay'], summary: 'E5: change the risk rules and scores (audited)', body: c.riskRules, response: { 200: c.riskRules } },
    preValidation: guard('billpay.rules'),
    handler: async (req) => billpay.setRiskRules(ctxOf(req), req.body),
  });

  app.post('/api/v1/simulators/subscribers', {
    schema: {
      tags: ['simulators'],
      summary: 'Simulator only: add or replace a subscriber of the HT TC QLKH / eVoucher simulator',
      body: c.simulatedSubscriber,
      response: { 200: c.simulatedSubscriberOut },
    },
    preValidation: guard('sms.simulate'),
    handler: async (req) => {
      if (!opts.ledgerSim) throw fail('SIMULATOR_DISABLED');
      // Checked here, not by the simulator (which throws a plain error, a 500, on a number it cannot read).
      if (!normalizeMsisdn(req.body.msisdn)) throw billpayError('NOT_MOBIFONE_NUMBER', { msisdn: req.body.msisdn });
      const s = opts.ledgerSim.upsert({ ...req.body, debtVnd: BigInt(req.body.debtVnd) });
      return { msisdn: s.msisdn, type: s.type, center: s.center, debtVnd: s.debtVnd };
    },
  });
}
