import { z } from 'zod';
import { ctxOf, guard, pageQuery, requireAuth } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import { localDate, vndString as money } from '../../shared/fields.ts';
import type { CatalogService } from './service.ts';

const code = z.string().trim().min(2).max(30).regex(/^[A-Za-z0-9_-]+$/);
const vatRate = z.enum(['KCT', '0', '5', '8', '10']);
const bp = z.number().int().min(0).max(10_000);
const quantity = z.number().int('must be a whole number').min(1, 'must be at least 1').max(1_000_000_000);

export function catalogRoutes(app: Server, catalog: CatalogService) {
  app.get('/api/v1/catalog/products', {
    schema: { tags: ['catalog'], summary: 'Products with their plans and the prices in force today (public)', querystring: z.object({ includeRetired: z.enum(['true', 'false']).optional() }).strict() },
    handler: async (req) => ({ items: await catalog.listProducts({ includeRetired: req.query.includeRetired === 'true' && !!req.auth }) }),
  });

  app.post('/api/v1/quotes', {
    schema: {
      tags: ['catalog'],
      summary: 'Price a purchase at today\'s list price (public). eKYC: quantity = requests in a month; Meeting: rooms, periodMonths 1/6/12',
      body: z.object({ product: code, quantity, periodMonths: z.number().int().min(1).max(60).optional() }).strict(),
    },
    handler: async (req) => catalog.quote(req.body),
  });

  app.post('/api/v1/catalog/products', {
    schema: {
      tags: ['catalog'],
      body: z.object({ code, name: z.string().trim().min(2).max(200), nameEn: z.string().trim().min(2).max(200), description: z.string().max(2000).optional(), vatRate, agentCommissionBp: bp, amCommissionBp: bp }).strict(),
    },
    preValidation: guard('catalog.manage'),
    handler: async (req, reply) => reply.status(201).send(await catalog.createProduct(ctxOf(req), req.body)),
  });

  app.patch('/api/v1/catalog/products/:id', {
    schema: {
      tags: ['catalog'],
      params: z.object({ id: z.string().max(40) }),
      body: z
        .object({ name: z.string().trim().min(2).max(200).optional(), nameEn: z.string().trim().min(2).max(200).optional(), description: z.string().max(2000).optional(), vatRate: vatRate.optional(), agentCommissionBp: bp.optional(), amCommissionBp: bp.optional(), status: z.enum(['active', 'retired']).optional() })
        .strict()
        .refine((b) => Object.keys(b).length > 0, 'nothing to change'),
    },
    preValidation: guard('catalog.manage'),
    handler: async (req) => catalog.updateProduct(ctxOf(req), req.params.id, req.body),
  });

  app.post('/api/v1/catalog/products/:id/plans', {
    schema: {
      tags: ['catalog'],
      params: z.object({ id: z.string().max(40) }),
      body: z.object({ code, name: z.string().trim().min(2).max(200), nameEn: z.string().trim().min(2).max(200), edition: z.enum(['saas', 'on_premise']), billing: z.enum(['prepaid', 'postpaid']), model: z.unknown(), effectiveFrom: localDate }).strict(),
    },
    preValidation: guard('catalog.manage'),
    handler: async (req, reply) => reply.status(201).send(await catalog.createPlan(ctxOf(req), req.params.id, req.body)),
  });

  app.get('/api/v1/catalog/plans/:id/prices', {
    schema: { tags: ['catalog'], summary: 'Every price version of a plan, newest first', params: z.object({ id: z.string().max(40) }) },
    preValidation: guard(),
    handler: async (req) => ({ items: await catalog.priceVersions(req.params.id) }),
  });

  app.post('/api/v1/catalog/plans/:id/prices', {
    schema: { tags: ['catalog'], summary: 'Schedule a new price version (never changes signed contracts)', params: z.object({ id: z.string().max(40) }), body: z.object({ model: z.unknown(), effectiveFrom: localDate }).strict() },
    preValidation: guard('catalog.manage'),
    handler: async (req, reply) => reply.status(201).send(await catalog.addPriceVersion(ctxOf(req), req.params.id, req.body)),
  });

  const trialPolicy = z.object({ limitFrom: localDate, meetingMinutesLimit: z.number().int().min(1).max(24 * 60) }).strict();
  app.get('/api/v1/catalog/trial-policy', {
    schema: { tags: ['catalog'], querystring: z.object({ product: code.default('MEETING') }).strict() },
    handler: async (req) => catalog.trialPolicy(req.query.product),
  });
  app.put('/api/v1/catalog/trial-policy', {
    schema: { tags: ['catalog'], querystring: z.object({ product: code.default('MEETING') }).strict(), body: trialPolicy },
    preValidation: guard('catalog.manage'),
    handler: async (req) => catalog.setTrialPolicy(ctxOf(req), req.query.product, req.body),
  });

  app.get('/api/v1/onprem-quotes', {
    schema: { tags: ['catalog'], querystring: z.object({ status: z.enum(['draft', 'submitted', 'approved', 'rejected', 'used']).optional(), customerId: z.string().max(40).optional(), ...pageQuery }).strict() },
    preValidation: guard('onprem_quote.read'),
    handler: async (req) => catalog.listOnpremQuotes(ctxOf(req), req.query),
  });

  app.post('/api/v1/onprem-quotes', {
    schema: {
      tags: ['catalog'],
      summary: 'An AM drafts a negotiated On-Premise quote',
      body: z
        .object({
          customerId: z.string().max(40),
          product: code,
          description: z.string().trim().min(3).max(2000),
          lines: z.array(z.object({ description: z.string().trim().min(2).max(500), quantity, unitPriceVnd: money }).strict()).min(1).max(50),
          validUntil: localDate,
        })
        .strict(),
    },
    preValidation: guard('onprem_quote.draft'),
    handler: async (req, reply) => reply.status(201).send(await catalog.createOnpremQuote(ctxOf(req), req.body, requireAuth(req).actor.orgUnitId)),
  });

  for (const event of ['submit', 'approve', 'reject'] as const) {
    app.post(`/api/v1/onprem-quotes/:id/${event}`, {
      schema: { tags: ['catalog'], params: z.object({ id: z.string().max(40) }), body: event === 'reject' ? z.object({ reason: z.string().trim().min(3).max(1000) }).strict() : z.object({}).strict() },
      preValidation: guard(event === 'submit' ? 'onprem_quote.draft' : 'onprem_quote.decide'),
      handler: async (req) => catalog.decideOnpremQuote(ctxOf(req), req.params.id, event, req.body as { reason?: string }),
    });
  }
}
