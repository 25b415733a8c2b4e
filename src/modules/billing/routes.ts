import { z } from 'zod';
import { ctxOf, guard } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import { id } from '../../shared/fields.ts';
import * as c from './contract.ts';
import { presentRun } from './queries.ts';
import type { BillingService } from './module.ts';

const params = z.object({ id }).strict();

export function billingRoutes(app: Server, billing: BillingService) {
  app.post('/api/v1/billing/runs', {
    schema: {
      tags: ['billing'],
      summary: 'Bill a past month: every postpaid contract gets its bill (a rerun changes nothing)',
      body: c.newRun,
      response: { 202: c.run },
    },
    preValidation: guard('billing.run'),
    handler: async (req, reply) => reply.status(202).send(presentRun(await billing.startRun(ctxOf(req), req.body.period))),
  });
  app.get('/api/v1/billing/runs', {
    schema: { tags: ['billing'], summary: 'The latest bill runs with their progress', response: { 200: c.runList } },
    preValidation: guard('billing.run'),
    handler: async () => ({ items: await billing.runs() }),
  });
  app.get('/api/v1/billing/runs/:id', {
    schema: { tags: ['billing'], summary: "A bill run's progress", params, response: { 200: c.run } },
    preValidation: guard('billing.run'),
    handler: async (req) => billing.run(req.params.id),
  });

  app.get('/api/v1/bills', {
    schema: {
      tags: ['billing'],
      summary: 'Bills: a customer sees their own, staff those of contracts in their scope, accounting all',
      querystring: c.billsQuery,
      response: { 200: c.billPage },
    },
    preValidation: guard(),
    handler: async (req) => billing.list(ctxOf(req), req.query),
  });
  app.get('/api/v1/bills/:id', {
    schema: { tags: ['billing'], summary: 'A bill with its lines and, while it is open, the payment link', params, response: { 200: c.billDetail } },
    preValidation: guard(),
    handler: async (req) => billing.detail(ctxOf(req), req.params.id),
  });
  app.get('/api/v1/bills/:id/print', {
    schema: { tags: ['billing'], summary: 'The printable bill (HTML; print or save as PDF from the browser)', params },
    preValidation: guard(),
    handler: async (req, reply) => reply.type('text/html; charset=utf-8').send(await billing.print(ctxOf(req), req.params.id)),
  });

  app.get('/api/v1/contracts/:id/usage', {
    schema: {
      tags: ['billing'],
      summary: "A contract's usage of a month (this one by default) and the bill it would make today",
      params,
      querystring: c.usageQuery,
      response: { 200: c.contractUsage },
    },
    preValidation: guard(),
    handler: async (req) => billing.contractUsage(ctxOf(req), req.params.id, req.query.period),
  });
}
