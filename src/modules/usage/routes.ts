import { ctxOf, guard } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import { id } from '../../shared/fields.ts';
import { z } from 'zod';
import * as c from './contract.ts';
import type { UsageService } from './module.ts';

export function usageRoutes(app: Server, usage: UsageService) {
  app.post('/api/v1/usage/events', {
    schema: {
      tags: ['usage'],
      summary: 'Send up to 1,000 usage events with the contract\'s X-Api-Key; a repeated transactionId counts once',
      headers: z.object({ 'x-api-key': z.string().max(200).optional() }),
      body: c.usageBatch,
      response: { 200: c.ingestResult },
    },
    // Machine to machine, in volume: limited per key (100 batches a second), not by the per-address limit of people.
    config: { rateLimit: { max: 6_000, timeWindow: '1 minute', keyGenerator: (req) => String(req.headers['x-api-key'] ?? req.ip) } },
    handler: async (req) => usage.ingest(req.headers['x-api-key'], req.body),
  });

  const contractParams = z.object({ id }).strict();
  app.post('/api/v1/contracts/:id/api-keys', {
    schema: {
      tags: ['usage'],
      summary: 'A new API key for sending usage (shown once)',
      params: contractParams,
      body: c.newApiKey,
      response: { 201: c.apiKeyCreated },
    },
    preValidation: guard('usage.keys'),
    handler: async (req, reply) => reply.status(201).send(await usage.createKey(ctxOf(req), req.params.id, req.body.name)),
  });
  app.get('/api/v1/contracts/:id/api-keys', {
    schema: { tags: ['usage'], summary: "The contract's API keys (never the keys themselves)", params: contractParams, response: { 200: c.apiKeyList } },
    preValidation: guard('usage.keys'),
    handler: async (req) => ({ items: await usage.listKeys(ctxOf(req), req.params.id) }),
  });
  app.delete('/api/v1/contracts/:id/api-keys/:keyId', {
    schema: { tags: ['usage'], summary: 'Revoke an API key', params: c.keyParams },
    preValidation: guard('usage.keys'),
    handler: async (req, reply) => {
      await usage.revokeKey(ctxOf(req), req.params.id, req.params.keyId);
      return reply.status(204).send();
    },
  });
}
