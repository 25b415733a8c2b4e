import { z } from 'zod';
import { ctxOf, guard, pageQuery } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import { localDate } from '../../shared/fields.ts';
import { CONTRACT_STATUSES } from './domain/lifecycle.ts';
import { TASK_KINDS } from './domain/tasks.ts';
import type { ContractService } from './module.ts';

const id = z.object({ id: z.string().max(40) });
const productCode = z.string().trim().min(2).max(30).regex(/^[A-Za-z0-9_-]+$/);
const quantity = z.number().int('must be a whole number').min(1).max(1_000_000_000);
const periodMonths = z.number().int().min(1).max(60);
const reason = z.object({ reason: z.string().trim().min(3).max(1000) }).strict();
const empty = z.object({}).strict();
/** Where the customer uses the service: shown to them as a link, so only http(s). */
const accessUrl = z.url({ protocol: /^https?$/ }).max(500);
const terminateBody = z.object({ date: localDate, reason: z.string().trim().min(3).max(1000) }).strict();
const accountBody = z
  .object({ accountRef: z.string().trim().min(2).max(200), accessUrl: accessUrl.optional(), note: z.string().max(2000).optional() })
  .strict();

export function contractRoutes(app: Server, contracts: ContractService) {
  app.get('/api/v1/contracts', {
    schema: {
      tags: ['contracts'],
      summary: 'Contracts the caller may see, filtered',
      querystring: z
        .object({
          status: z.enum(CONTRACT_STATUSES).optional(),
          product: productCode.optional(),
          channel: z.enum(['self_service', 'am', 'agent']).optional(),
          unitId: z.string().max(40).optional(),
          customerId: z.string().max(40).optional(),
          expiringBefore: localDate.optional(),
          q: z.string().trim().max(100).optional(),
          ...pageQuery,
        })
        .strict(),
    },
    preValidation: guard('contract.read'),
    handler: async (req) => contracts.list(ctxOf(req), req.query),
  });

  app.get('/api/v1/contracts/:id', {
    schema: { tags: ['contracts'], summary: 'One contract with its tasks, appendices, allowed actions and timeline', params: id },
    preValidation: guard(),
    handler: async (req) => contracts.detail(ctxOf(req), req.params.id),
  });

  app.post('/api/v1/contracts', {
    schema: {
      tags: ['contracts'],
      summary: 'AM/KAM/agent declares a signed contract (a draft)',
      body: z
        .object({
          customerId: z.string().max(40),
          product: productCode,
          planCode: productCode.optional(),
          billing: z.enum(['prepaid', 'postpaid']).optional(),
          quantity,
          periodMonths: periodMonths.optional(),
          signedDate: localDate,
          startDate: localDate.optional(),
          onpremQuoteId: z.string().max(40).optional(),
          note: z.string().max(2000).optional(),
        })
        .strict(),
    },
    preValidation: guard('contract.declare'),
    handler: async (req, reply) => {
      const row = await contracts.declare(ctxOf(req), req.body);
      return reply.status(201).send(await contracts.detail(ctxOf(req), row.id));
    },
  });

  app.post('/api/v1/self-service/contracts', {
    schema: {
      tags: ['contracts'],
      summary: 'C1: a signed-in individual buys a package (awaits payment)',
      body: z.object({ product: productCode, quantity, periodMonths: periodMonths.optional() }).strict(),
    },
    preValidation: guard('contract.buy'),
    handler: async (req, reply) => {
      const row = await contracts.selfService(ctxOf(req), req.body);
      return reply.status(201).send(await contracts.detail(ctxOf(req), row.id));
    },
  });

  const simple: [string, (ctx: ReturnType<typeof ctxOf>, id: string, body: any) => Promise<unknown>, z.ZodType, Parameters<typeof guard>[0]][] = [
    ['submit', (c, i) => contracts.submit(c, i), empty, 'contract.declare'],
    ['approve', (c, i) => contracts.approve(c, i), empty, undefined],
    ['reject', (c, i, b) => contracts.reject(c, i, b.reason), reason, undefined],
    ['cancel', (c, i, b) => contracts.cancel(c, i, b.reason), reason, undefined],
    ['suspend', (c, i, b) => contracts.suspend(c, i, b.reason), reason, 'contract.suspend'],
    ['resume', (c, i) => contracts.resume(c, i), empty, 'contract.suspend'],
    ['terminate', (c, i, b) => contracts.terminate(c, i, b.date, b.reason), terminateBody, 'contract.declare'],
    [
      'provisioning/complete',
      (c, i, b) => contracts.completeProvisioning(c, i, { accountRef: b.accountRef, accessUrl: b.accessUrl }, b.note),
      accountBody,
      'contract.provision',
    ],
  ];
  for (const [path, run, body, permission] of simple) {
    app.post(`/api/v1/contracts/:id/${path}`, {
      schema: { tags: ['contracts'], params: id, body },
      preValidation: guard(permission),
      handler: async (req) => run(ctxOf(req), req.params.id, req.body),
    });
  }

  app.get('/api/v1/contracts/:id/termination-quote', {
    schema: {
      tags: ['contracts'],
      summary: 'C7: the settlement of an early termination on a date',
      params: id,
      querystring: z.object({ date: localDate }).strict(),
    },
    preValidation: guard(),
    handler: async (req) => contracts.terminationQuote(ctxOf(req), req.params.id, req.query.date),
  });

  app.post('/api/v1/contracts/:id/documents', {
    bodyLimit: 8 * 1024 * 1024,
    schema: {
      tags: ['contracts'],
      summary: 'Attach a document (PDF, PNG or JPEG, at most 5 MB, base64 in JSON)',
      params: id,
      body: z.object({ name: z.string().trim().min(1).max(200), contentBase64: z.string().min(1) }).strict(),
    },
    preValidation: guard(),
    handler: async (req, reply) => reply.status(201).send(await contracts.addDocument(ctxOf(req), req.params.id, req.body)),
  });

  app.get('/api/v1/contracts/:id/documents/:fileId', {
    schema: { tags: ['contracts'], summary: 'Download a document', params: z.object({ id: z.string().max(40), fileId: z.string().max(40) }) },
    preValidation: guard(),
    handler: async (req, reply) => {
      const f = await contracts.document(ctxOf(req), req.params.id, req.params.fileId);
      return reply
        .type(f.mime)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(f.content);
    },
  });

  app.post('/api/v1/contracts/:id/renew', {
    schema: {
      tags: ['contracts'],
      summary: 'C5: a renewal contract at today\'s price list',
      params: id,
      body: z.object({ quantity: quantity.optional(), periodMonths: periodMonths.optional() }).strict(),
    },
    preValidation: guard('contract.declare'),
    handler: async (req, reply) => {
      const row = await contracts.renew(ctxOf(req), req.params.id, req.body);
      return reply.status(201).send(await contracts.detail(ctxOf(req), row.id));
    },
  });

  app.post('/api/v1/contracts/:id/amendments', {
    schema: {
      tags: ['contracts'],
      summary: 'C6: an appendix (upgrade, added package, adjustment) with its proration; ?preview=true computes without saving',
      params: id,
      querystring: z.object({ preview: z.enum(['true', 'false']).optional() }).strict(),
      body: z
        .object({
          kind: z.enum(['upgrade', 'add_package', 'adjust']),
          quantity: quantity.optional(),
          periodMonths: periodMonths.optional(),
          changeDate: localDate,
          note: z.string().max(2000).optional(),
        })
        .strict(),
    },
    preValidation: guard('contract.declare'),
    handler: async (req, reply) => {
      const preview = req.query.preview === 'true';
      const amendment = await contracts.amend(ctxOf(req), req.params.id, req.body, preview);
      return reply.status(preview ? 200 : 201).send(amendment);
    },
  });

  app.post('/api/v1/amendments/:id/complete', {
    schema: { tags: ['contracts'], summary: 'Ops configured an appendix: it applies to the contract', params: id, body: empty },
    preValidation: guard('contract.provision'),
    handler: async (req) => contracts.completeAmendment(ctxOf(req), req.params.id),
  });

  const taskQuery = z.object({ status: z.enum(['open', 'done']).optional(), kind: z.enum(TASK_KINDS).optional(), ...pageQuery }).strict();
  app.get('/api/v1/tasks', {
    schema: { tags: ['contracts'], summary: 'The caller\'s inbox: open steps with working-day deadlines', querystring: taskQuery },
    preValidation: guard(),
    handler: async (req) => contracts.listTasks(ctxOf(req), req.query),
  });
  app.get('/api/v1/tasks/overdue', {
    schema: { tags: ['contracts'], summary: 'Steps past their deadline (managers)', querystring: taskQuery },
    preValidation: guard(),
    handler: async (req) => contracts.listTasks(ctxOf(req), { ...req.query, overdueOnly: true }),
  });
}
