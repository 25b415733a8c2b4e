import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ctxOf, guard, pageQuery, requireAuth } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import { fail } from '../../platform/errors.ts';
import { mayInvoice, type InvoicePermission } from './access.ts';
import { INVOICE_STATUSES } from './domain/invoice-lifecycle.ts';
import { RATE_CODES, type LineInput } from './domain/invoice.ts';
import type { InvoiceCorrections, InvoicingService } from './service.ts';

const id = z.object({ id: z.string().max(40) });
const money = z.string().regex(/^\d{1,15}$/, 'whole đồng as a decimal string');
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

const buyer = z
  .object({
    name: z.string().trim().min(1).max(400),
    taxCode: optionalText(14),
    address: optionalText(400),
    email: optionalText(50),
    phone: optionalText(20),
    customerCode: optionalText(50),
    contactName: optionalText(100),
  })
  .strict();

const line = z
  .object({
    kind: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
    code: optionalText(50),
    name: z.string().trim().min(1).max(500),
    unit: optionalText(50),
    quantity: z.number().int().min(1).max(1_000_000_000).nullable().optional(),
    unitPrice: money.nullable().optional(),
    amount: money.nullable().optional(),
    rate: z.enum(RATE_CODES).nullable().optional(),
  })
  .strict();

const lines = z.array(line).min(1).max(500);

const toLines = (ls: z.infer<typeof line>[]): LineInput[] =>
  ls.map((l) => ({
    ...l,
    unitPrice: l.unitPrice == null ? null : BigInt(l.unitPrice),
    amount: l.amount == null ? null : BigInt(l.amount),
  }));

const corrections = (b: { buyer?: z.infer<typeof buyer>; lines?: z.infer<typeof line>[]; buyerFromCustomer?: boolean }): InvoiceCorrections => ({
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
      querystring: z
        .object({
          status: z.enum(INVOICE_STATUSES).optional(),
          q: z.string().trim().max(100).optional(),
          customerId: z.string().max(40).optional(),
          contractId: z.string().max(40).optional(),
          ...pageQuery,
        })
        .strict(),
    },
    preValidation: guard(),
    handler: async (req) => invoicing.list(ctxOf(req), req.query),
  });

  app.get('/api/v1/invoices/counts', {
    schema: { tags: ['invoices'], summary: 'How many invoices are in each status (e.g. the needs_data queue of the invoice officer)' },
    preValidation: guardInvoice('invoice.read'),
    handler: async (req) => invoicing.counts(ctxOf(req)),
  });

  app.get('/api/v1/invoices/:id', {
    schema: { tags: ['invoices'], summary: 'One invoice with its lines, totals per rate, total in words and allowed actions', params: id },
    preValidation: guard(),
    handler: async (req) => invoicing.get(ctxOf(req), req.params.id),
  });

  app.get('/api/v1/invoices/:id/xml', {
    schema: { tags: ['invoices'], summary: 'The issued invoice as XML (Decision 1450/QĐ-TCT)', params: id },
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
    schema: { tags: ['invoices'], summary: 'The printable view of the invoice (Vietnamese)', params: id },
    preValidation: guard(),
    handler: async (req, reply) => reply.type('text/html; charset=utf-8').header('x-content-type-options', 'nosniff').send(await invoicing.html(ctxOf(req), req.params.id)),
  });

  app.post('/api/v1/invoices/:id/retry', {
    schema: {
      tags: ['invoices'],
      summary: 'Push a failed, waiting or needs-data invoice again now, optionally with corrected buyer or lines, or the buyer from the customer record',
      params: id,
      body: z
        .object({ buyer: buyer.optional(), lines: lines.optional(), buyerFromCustomer: z.boolean().optional() })
        .strict()
        .refine((b) => !(b.buyer && b.buyerFromCustomer), 'either a corrected buyer or the buyer from the customer record'),
    },
    preValidation: guardInvoice('invoice.manage'),
    handler: async (req) => invoicing.retry(ctxOf(req), req.params.id, corrections(req.body)),
  });

  app.post('/api/v1/invoices/:id/cancel', {
    schema: { tags: ['invoices'], summary: 'Cancel: withdraw a not-yet-issued invoice, or cancel an issued one at the provider', params: id, body: z.object({ reason: z.string().trim().min(3).max(255) }).strict() },
    preValidation: guardInvoice('invoice.manage'),
    handler: async (req) => invoicing.cancel(ctxOf(req), req.params.id, req.body.reason),
  });

  app.post('/api/v1/invoices/:id/replace', {
    schema: {
      tags: ['invoices'],
      summary: 'Issue a replacement invoice (TTHDLQuan) with corrected buyer and/or lines',
      params: id,
      body: z.object({ buyer: buyer.optional(), lines: lines.optional(), reason: z.string().trim().min(3).max(255) }).strict(),
    },
    preValidation: guardInvoice('invoice.manage'),
    handler: async (req, reply) => reply.status(201).send(await invoicing.replace(ctxOf(req), req.params.id, { ...corrections(req.body), reason: req.body.reason })),
  });
}
