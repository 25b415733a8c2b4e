import { z } from 'zod';
import { ctxOf, guard, requireAuth } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import { id } from '../../shared/fields.ts';
import * as c from './contract.ts';
import type { CatalogService } from './service.ts';

const byId = z.object({ id });

export function catalogRoutes(app: Server, catalog: CatalogService) {
  app.get('/api/v1/catalog/products', {
    schema: {
      tags: ['catalog'],
      summary: 'Products with their plans and the prices in force today (public)',
      querystring: c.productsQuery,
      response: { 200: c.productList },
    },
    handler: async (req) => ({ items: await catalog.listProducts({ includeRetired: req.query.includeRetired === 'true' && !!req.auth }) }),
  });

  app.post('/api/v1/quotes', {
    schema: {
      tags: ['catalog'],
      summary: "Price a purchase at today's list price (public). eKYC: quantity = requests in a month; Meeting: rooms, periodMonths 1/6/12",
      body: c.quoteRequest,
      response: { 200: c.quote },
    },
    handler: async (req) => catalog.quote(req.body),
  });

  app.post('/api/v1/catalog/products', {
    schema: { tags: ['catalog'], body: c.newProduct, response: { 201: c.productRow } },
    preValidation: guard('catalog.manage'),
    handler: async (req, reply) => reply.status(201).send(await catalog.createProduct(ctxOf(req), req.body)),
  });

  app.patch('/api/v1/catalog/products/:id', {
    schema: { tags: ['catalog'], params: byId, body: c.productPatch, response: { 200: c.productRow } },
    preValidation: guard('catalog.manage'),
    handler: async (req) => catalog.updateProduct(ctxOf(req), req.params.id, req.body),
  });

  app.post('/api/v1/catalog/products/:id/plans', {
    schema: { tags: ['catalog'], params: byId, body: c.newPlan, response: { 201: c.planRow } },
    preValidation: guard('catalog.manage'),
    handler: async (req, reply) => reply.status(201).send(await catalog.createPlan(ctxOf(req), req.params.id, req.body)),
  });

  app.get('/api/v1/catalog/plans/:id/prices', {
    schema: { tags: ['catalog'], summary: 'Every price version of a plan, newest first', params: byId, response: { 200: c.priceVersionList } },
    preValidation: guard(),
    handler: async (req) => ({ items: await catalog.priceVersions(req.params.id) }),
  });

  app.post('/api/v1/catalog/plans/:id/prices', {
    schema: {
      tags: ['catalog'],
      summary: 'Schedule a new price version (never changes signed contracts)',
      params: byId,
      body: c.newPriceVersion,
      response: { 201: c.priceVersion },
    },
    preValidation: guard('catalog.manage'),
    handler: async (req, reply) => reply.status(201).send(await catalog.addPriceVersion(ctxOf(req), req.params.id, req.body)),
  });

  app.get('/api/v1/catalog/trial-policy', {
    schema: { tags: ['catalog'], querystring: c.trialPolicyQuery, response: { 200: c.trialPolicy } },
    handler: async (req) => catalog.trialPolicy(req.query.product),
  });
  app.put('/api/v1/catalog/trial-policy', {
    schema: { tags: ['catalog'], querystring: c.trialPolicyQuery, body: c.trialPolicyBody, response: { 200: c.trialPolicy } },
    preValidation: guard('catalog.manage'),
    handler: async (req) => catalog.setTrialPolicy(ctxOf(req), req.query.product, req.body),
  });

  app.get('/api/v1/onprem-quotes', {
    schema: { tags: ['catalog'], querystring: c.onpremQuotesQuery, response: { 200: c.onpremQuotePage } },
    preValidation: guard('onprem_quote.read'),
    handler: async (req) => catalog.listOnpremQuotes(ctxOf(req), req.query),
  });

  app.post('/api/v1/onprem-quotes', {
    schema: { tags: ['catalog'], summary: 'An AM drafts a negotiated On-Premise quote', body: c.newOnpremQuote, response: { 201: c.onpremQuoteRow } },
    preValidation: guard('onprem_quote.draft'),
    handler: async (req, reply) => reply.status(201).send(await catalog.createOnpremQuote(ctxOf(req), req.body, requireAuth(req).actor.orgUnitId)),
  });

  for (const event of ['submit', 'approve'] as const) {
    app.post(`/api/v1/onprem-quotes/:id/${event}`, {
      schema: { tags: ['catalog'], params: byId, body: c.empty, response: { 200: c.onpremQuoteRow } },
      preValidation: guard(event === 'submit' ? 'onprem_quote.draft' : 'onprem_quote.decide'),
      handler: async (req) => catalog.decideOnpremQuote(ctxOf(req), req.params.id, event),
    });
  }
  app.post('/api/v1/onprem-quotes/:id/reject', {
    schema: { tags: ['catalog'], params: byId, body: c.onpremReject, response: { 200: c.onpremQuoteRow } },
    preValidation: guard('onprem_quote.decide'),
    handler: async (req) => catalog.decideOnpremQuote(ctxOf(req), req.params.id, 'reject', req.body),
  });
}
