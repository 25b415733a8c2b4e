import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ctxOf, guard, requireAuth } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import { fail } from '../../platform/errors.ts';
import { mayInvoice, type InvoicePermission } from './access.ts';
import * as c from './contract.ts';
import type { LineInput } from './domain/invoice.ts';
import type { InvoiceCorrections, InvoicingService } from './service.ts';

const toLines = (ls: z.infer<typeof c.lineInput>[]): LineInput[] =>
  ls.map((l) => ({
    ...l,
    unitPrice: l.unitPrice == null ? null : BigInt(l.unitPrice),
    amount: l.amount == null ? null : BigInt(l.amount),
  }));

const corrections = (b: { buyer?: z.infer<typeof c.buyerInput>; lines?: z.infer<typeof c.lineInput>[]; buyerFromCustomer?: boolean }): InvoiceCorrections => ({
  ...(b.buyer ? { buyer: b.buyer } : {}),
  ...(b.lines ? { lines: toLines(b.lines) } : {}),
  ...(b.buyerFromCustomer ? { buyerFromCustomer: true } : {}),
});

/** 401 without a session, 403 without the permission (before the body is validated). */
function guardInvoice(permission: InvoicePermission) {
  return async (req: FastifyRequest) => {
    const auth = requireAuth(req);
    if (!mayInvoice(auth.actor, permission)) throw fail('FORBIDDEN', { permission });
  };
}

export function invoiceRoutes(app: Server, invoicing: InvoicingService) {
  app.get('/api/v1/invoices', {
    schema: {
      tags: ['invoices'],
      summary: 'E-invoices (staff: all; a customer: only their own), newest first',
      querystring: c.invoiceQuery,
      response: { 200: c.invoicePage },
    },
    preValidation: guard(),
    handler: async (req) => invoicing.list(ctxOf(req), req.query),
  });

  app.get('/api/v1/invoices/counts', {
    schema: {
      tags: ['invoices'],
      summary: 'How many invoices are in each status (e.g. the needs_data queue of the invoice officer)',
      response: { 200: c.invoiceCounts },
    },
    preValidation: guardInvoice('invoice.read'),
    handler: async (req) => invoicing.counts(ctxOf(req)),
  });

  app.get('/api/v1/invoices/:id', {
    schema: {
      tags: ['invoices'],
      summary: 'One invoice with its lines, totals per rate, total in words and allowed actions',
      params: c.invoiceParams,
      response: { 200: c.invoiceDetail },
    },
    preValidation: guard(),
    handler: async (req) => invoicing.get(ctxOf(req), req.params.id),
  });

  app.get('/api/v1/invoices/:id/xml', {
    schema: { tags: ['invoices'], summary: 'The issued invoice as XML (Decision 1450/QĐ-TCT)', params: c.invoiceParams },
    preValidation: guard(),
    handler: async (req, reply) => {
      const { filename, xml } = await invoicing.xml(ctxOf(req), req.params.id);
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('x-content-type-options', 'nosniff')
        .send(xml);
    },
  });

  app.get('/api/v1/invoices/:id/html', {
    schema: { tags: ['invoices'], summary: 'The printable view of the invoice (Vietnamese)', params: c.invoiceParams },
    preValidation: guard(),
    handler: async (req, reply) => reply.type('text/html; charset=utf-8').header('x-content-type-options', 'nosniff').send(await invoicing.html(ctxOf(req), req.params.id)),
  });

  app.post('/api/v1/invoices/:id/retry', {
    schema: {
      tags: ['invoices'],
      summary: 'Push a failed, waiting or needs-data invoice again now, optionally with corrected buyer or lines, or the buyer from the customer record',
      params: c.invoiceParams,
      body: c.retryBody,
      response: { 200: c.invoiceDetail },
    },
    preValidation: guardInvoice('invoice.manage'),
    handler: async (req) => invoicing.retry(ctxOf(req), req.params.id, corrections(req.body)),
  });

  app.post('/api/v1/invoices/:id/cancel', {
    schema: {
      tags: ['invoices'],
      summary: 'Cancel: withdraw a not-yet-issued invoice, or cancel an issued one at the provider',
      params: c.invoiceParams,
      body: c.cancelBody,
      response: { 200: c.invoiceDetail },
    },
    preValidation: guardInvoice('invoice.manage'),
    handler: async (req) => invoicing.cancel(ctxOf(req), req.params.id, req.body.reason),
  });

  app.post('/api/v1/invoices/:id/replace', {
    schema: {
      tags: ['invoices'],
      summary: 'Issue a replacement invoice (TTHDLQuan) with corrected buyer and/or lines',
      params: c.invoiceParams,
      body: c.replaceBody,
      response: { 201: c.invoiceDetail },
    },
    preValidation: guardInvoice('invoice.manage'),
    handler: async (req, reply) => reply.status(201).send(await invoicing.replace(ctxOf(req), req.params.id, {
      ...corrections(req.body),
      reason: req.body.reason,
    })),
  });
}
