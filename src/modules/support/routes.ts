import { ctxOf, guard } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import { toCsv, toXlsx } from '../../platform/export.ts';
import * as c from './contract.ts';
import type { Level } from './domain/levels.ts';
import type { TicketCommand } from './domain/ticket.ts';
import type { SupportService } from './index.ts';

const toFilter = <T extends { breached?: 'true' | 'false' }>(q: T) => ({ ...q, breached: q.breached === 'true' });

export function supportRoutes(app: Server, support: SupportService) {
  app.post('/api/v1/tickets', {
    schema: {
      tags: ['support'],
      summary: 'Receive a customer request (phiếu ghi): call center, AM/KAM, or the customer on the portal',
      body: c.newTicket,
      response: { 201: c.ticketDetail },
    },
    preValidation: guard('ticket.receive'),
    handler: async (req, reply) => reply.status(201).send(await support.create(ctxOf(req), { ...req.body, level: req.body.level as Level | undefined })),
  });

  app.get('/api/v1/tickets', {
    schema: {
      tags: ['support'],
      summary: 'Tickets the caller may see (a customer: their own), soonest due first',
      querystring: c.ticketQuery,
      response: { 200: c.ticketPage },
    },
    preValidation: guard(),
    handler: async (req) => support.list(ctxOf(req), toFilter(req.query)),
  });

  app.get('/api/v1/tickets/export', {
    schema: { tags: ['support'], summary: 'The queue as CSV or Excel', querystring: c.ticketExportQuery },
    preValidation: guard('ticket.read'),
    handler: async (req, reply) => {
      const { format, ...f } = req.query;
      const rows = await support.exportRows(ctxOf(req), toFilter(f));
      const name = `phieu-yeu-cau.${format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(rows));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await toXlsx(rows, 'Phiếu yêu cầu'));
    },
  });

  app.get('/api/v1/tickets/lookup', {
    schema: {
      tags: ['support'],
      summary: 'Find the customer by the caller\'s phone number (receivers, within their scope)',
      querystring: c.lookupQuery,
      response: { 200: c.ticketLookup },
    },
    preValidation: guard('ticket.lookup_customer'),
    handler: async (req) => support.lookup(ctxOf(req), req.query.phone),
  });

  app.get('/api/v1/tickets/review/:token', {
    schema: {
      tags: ['support'],
      summary: 'The answer behind an e-mailed review link (no sign-in)',
      params: c.reviewParams,
      response: { 200: c.ticketReviewInfo },
    },
    handler: async (req) => support.reviewInfo(req.params.token),
  });

  app.post('/api/v1/tickets/review/:token', {
    config: { csrf: false },
    schema: {
      tags: ['support'],
      summary: 'The customer reviews the answer from the e-mail link',
      params: c.reviewParams,
      body: c.reviewBody,
      response: { 200: c.reviewResult },
    },
    handler: async (req) => support.reviewByToken(req.params.token, req.body.satisfied, req.body.comment),
  });

  app.get('/api/v1/tickets/:id', {
    schema: {
      tags: ['support'],
      summary: 'A ticket with its clocks, allowed events, timeline and attachments',
      params: c.ticketParams,
      response: { 200: c.ticketDetail },
    },
    preValidation: guard(),
    handler: async (req) => support.detail(ctxOf(req), req.params.id),
  });

  app.post('/api/v1/tickets/:id/events', {
    schema: {
      tags: ['support'],
      summary: 'Move the ticket on: answer, forward, reclassify, progress, ask, reply, resolve, review',
      params: c.ticketParams,
      body: c.ticketEventBody,
      response: { 200: c.ticketDetail },
    },
    preValidation: guard(),
    handler: async (req) => support.act(ctxOf(req), req.params.id, req.body as TicketCommand),
  });

  app.post('/api/v1/tickets/:id/comments', {
    schema: { tags: ['support'], params: c.ticketParams, body: c.commentBody, response: { 200: c.ticketDetail } },
    preValidation: guard(),
    handler: async (req) => support.comment(ctxOf(req), req.params.id, req.body.body, req.body.visibility),
  });

  app.post('/api/v1/tickets/:id/attachments', {
    bodyLimit: 8 * 1024 * 1024,
    schema: {
      tags: ['support'],
      summary: 'Attach a file (PDF, PNG or JPEG, at most 5 MB, base64 in JSON)',
      params: c.ticketParams,
      body: c.attachmentBody,
      response: { 201: c.ticketAttachment },
    },
    preValidation: guard(),
    handler: async (req, reply) => reply.status(201).send(await support.addAttachment(ctxOf(req), req.params.id, req.body)),
  });

  app.get('/api/v1/tickets/:id/attachments/:fileId', {
    schema: { tags: ['support'], params: c.attachmentParams },
    preValidation: guard(),
    handler: async (req, reply) => {
      const f = await support.attachment(ctxOf(req), req.params.id, req.params.fileId);
      return reply.type(f.mime).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`).header('x-content-type-options', 'nosniff').send(f.content);
    },
  });

  app.get('/api/v1/support/dashboard', {
    schema: {
      tags: ['support'],
      summary: 'Open tickets by level and unit, SLA compliance, breaches, handling time',
      querystring: c.dashboardQuery,
      response: { 200: c.supportDashboard },
    },
    preValidation: guard('support.dashboard'),
    handler: async (req) => support.dashboard(ctxOf(req), req.query.from, req.query.to),
  });

  app.get('/api/v1/support/sla-policies', {
    schema: { tags: ['support'], response: { 200: c.slaPolicies } },
    preValidation: guard('ticket.read'),
    handler: async () => ({ items: Object.values(await support.policies()) }),
  });

  app.put('/api/v1/support/sla-policies/:requestType', {
    schema: {
      tags: ['support'],
      summary: 'Edit an SLA policy (applies to new resolution cycles)',
      params: c.slaPolicyParams,
      body: c.slaPolicyBody,
      response: { 200: c.slaPolicy },
    },
    preValidation: guard('support.manage'),
    handler: async (req) => support.setPolicy(ctxOf(req), req.params.requestType, req.body),
  });
}
