import type { Ctx } from '../../platform/context.ts';
import { ctxOf, guard } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import * as c from './contract.ts';
import type { ContractService } from './module.ts';

type Permission = Parameters<typeof guard>[0];

export function contractRoutes(app: Server, contracts: ContractService) {
  app.get('/api/v1/contracts', {
    schema: { tags: ['contracts'], summary: 'Contracts the caller may see, filtered', querystring: c.contractsQuery, response: { 200: c.contractPage } },
    preValidation: guard('contract.read'),
    handler: async (req) => contracts.list(ctxOf(req), req.query),
  });

  app.get('/api/v1/contracts/:id', {
    schema: {
      tags: ['contracts'],
      summary: 'One contract with its tasks, appendices, allowed actions and timeline',
      params: c.byId,
      response: { 200: c.contractDetail },
    },
    preValidation: guard(),
    handler: async (req) => contracts.detail(ctxOf(req), req.params.id),
  });

  app.post('/api/v1/contracts', {
    schema: { tags: ['contracts'], summary: 'AM/KAM/agent declares a signed contract (a draft)', body: c.newContract, response: { 201: c.contractDetail } },
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
      body: c.selfServiceOrder,
      response: { 201: c.contractDetail },
    },
    preValidation: guard('contract.buy'),
    handler: async (req, reply) => {
      const row = await contracts.selfService(ctxOf(req), req.body);
      return reply.status(201).send(await contracts.detail(ctxOf(req), row.id));
    },
  });

  /** A command on one contract that answers the contract as it now is. */
  function command<B extends typeof c.empty | typeof c.reasonBody | typeof c.terminateBody | typeof c.accountBody>(
    path: string,
    body: B,
    permission: Permission,
    run: (ctx: Ctx, id: string, body: B['_output']) => ReturnType<ContractService['detail']>,
  ) {
    app.post(`/api/v1/contracts/:id/${path}`, {
      schema: { tags: ['contracts'], params: c.byId, body, response: { 200: c.contractDetail } },
      preValidation: guard(permission),
      handler: async (req) => run(ctxOf(req), req.params.id, req.body as B['_output']),
    });
  }
  command('submit', c.empty, 'contract.declare', (ctx, id) => contracts.submit(ctx, id));
  command('approve', c.empty, undefined, (ctx, id) => contracts.approve(ctx, id));
  command('reject', c.reasonBody, undefined, (ctx, id, b) => contracts.reject(ctx, id, b.reason));
  command('cancel', c.reasonBody, undefined, (ctx, id, b) => contracts.cancel(ctx, id, b.reason));
  command('suspend', c.reasonBody, 'contract.suspend', (ctx, id, b) => contracts.suspend(ctx, id, b.reason));
  command('resume', c.empty, 'contract.suspend', (ctx, id) => contracts.resume(ctx, id));
  command('terminate', c.terminateBody, 'contract.declare', (ctx, id, b) => contracts.terminate(ctx, id, b.date, b.reason));
  command('provisioning/complete', c.accountBody, 'contract.provision', (ctx, id, b) =>
    contracts.completeProvisioning(ctx, id, { accountRef: b.accountRef, accessUrl: b.accessUrl }, b.note),
  );

  app.get('/api/v1/contracts/:id/termination-quote', {
    schema: {
      tags: ['contracts'],
      summary: 'C7: the settlement of an early termination on a date',
      params: c.byId,
      querystring: c.terminationQuoteQuery,
      response: { 200: c.terminationQuote },
    },
    preValidation: guard(),
    handler: async (req) => contracts.terminationQuote(ctxOf(req), req.params.id, req.query.date),
  });

  app.post('/api/v1/contracts/:id/documents', {
    bodyLimit: 8 * 1024 * 1024,
    schema: {
      tags: ['contracts'],
      summary: 'Attach a document (PDF, PNG or JPEG, at most 5 MB, base64 in JSON)',
      params: c.byId,
      body: c.documentUpload,
      response: { 201: c.contractDocument },
    },
    preValidation: guard(),
    handler: async (req, reply) => reply.status(201).send(await contracts.addDocument(ctxOf(req), req.params.id, req.body)),
  });

  app.get('/api/v1/contracts/:id/documents/:fileId', {
    schema: { tags: ['contracts'], summary: 'Download a document', params: c.documentParams },
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
      summary: "C5: a renewal contract at today's price list",
      params: c.byId,
      body: c.renewBody,
      response: { 201: c.contractDetail },
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
      params: c.byId,
      querystring: c.amendQuery,
      body: c.amendBody,
      response: { 200: c.amendmentResult, 201: c.amendmentResult },
    },
    preValidation: guard('contract.declare'),
    handler: async (req, reply) => {
      const preview = req.query.preview === 'true';
      const amendment = await contracts.amend(ctxOf(req), req.params.id, req.body, preview);
      return reply.status(preview ? 200 : 201).send(amendment);
    },
  });

  app.post('/api/v1/contracts/:id/payment-request', {
    schema: {
      tags: ['contracts'],
      summary: 'The seller e-mails the customer the payment request (amount and link) again',
      params: c.byId,
      body: c.empty,
      response: { 202: c.paymentRequestSent },
    },
    preValidation: guard('contract.declare'),
    handler: async (req, reply) => reply.status(202).send(await contracts.resendPaymentRequest(ctxOf(req), req.params.id)),
  });

  app.post('/api/v1/amendments/:id/complete', {
    schema: {
      tags: ['contracts'],
      summary: 'Ops configured an appendix: it applies to the contract',
      params: c.byId,
      body: c.empty,
      response: { 200: c.contractDetail },
    },
    preValidation: guard('contract.provision'),
    handler: async (req) => contracts.completeAmendment(ctxOf(req), req.params.id),
  });

  app.get('/api/v1/tasks', {
    schema: {
      tags: ['contracts'],
      summary: "The caller's inbox: open steps with working-day deadlines",
      querystring: c.tasksQuery,
      response: { 200: c.taskPage },
    },
    preValidation: guard(),
    handler: async (req) => contracts.listTasks(ctxOf(req), req.query),
  });
  app.get('/api/v1/tasks/overdue', {
    schema: { tags: ['contracts'], summary: 'Steps past their deadline (managers)', querystring: c.tasksQuery, response: { 200: c.taskPage } },
    preValidation: guard(),
    handler: async (req) => contracts.listTasks(ctxOf(req), { ...req.query, overdueOnly: true }),
  });
}
