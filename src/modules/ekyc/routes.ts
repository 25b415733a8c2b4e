import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ctxOf, guard } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import { toCsv } from '../../platform/export.ts';
import { MAX_FILE_BYTES, sniffMime } from '../../platform/files.ts';
import { id } from '../../shared/fields.ts';
import * as c from './contract.ts';
import { ekycError } from './errors.ts';
import type { EkycService } from './module.ts';
import type { CardImages } from './use-cases/verify-card.ts';

const PARTS = ['front', 'back', 'selfie'] as const;

/** The three images of a multipart body, each a real JPEG or PNG within the size limit; other fields are refused. */
async function cardImages(req: FastifyRequest): Promise<CardImages> {
  if (!req.isMultipart()) throw ekycError('EKYC_IMAGE_INVALID', { part: 'front' });
  const got: Partial<CardImages> = {};
  for await (const part of req.parts({ limits: { fileSize: MAX_FILE_BYTES, files: 3, fields: 0, parts: 3 } })) {
    const name = part.fieldname as (typeof PARTS)[number];
    if (part.type !== 'file' || !PARTS.includes(name) || got[name]) throw ekycError('EKYC_IMAGE_INVALID', { part: part.fieldname });
    const content = await part.toBuffer().catch(() => null); // over the size limit
    const mime = content && content.length > 0 ? sniffMime(content) : null;
    if (!content || !mime || mime === 'application/pdf') throw ekycError('EKYC_IMAGE_INVALID', { part: name });
    got[name] = { mime, content };
  }
  for (const p of PARTS) if (!got[p]) throw ekycError('EKYC_IMAGE_INVALID', { part: p });
  return got as CardImages;
}

/** Machine to machine, in volume: limited per API key, not by the per-address limit of people. */
const perKey = { rateLimit: { max: 6_000, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => String(req.headers['x-api-key'] ?? req.ip) } };

export async function ekycRoutes(app: Server, ekyc: EkycService) {
  const header = (req: FastifyRequest, name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
  const caller = (req: FastifyRequest) => ekyc.authorizeApiKey(header(req, 'x-api-key'), { requestId: req.id, ip: req.ip });
  const idem = (req: FastifyRequest) => header(req, 'idempotency-key');

  app.post('/api/v1/ekyc/checks/mrz', {
    schema: {
      tags: ['ekyc'],
      summary: 'Check the 3 lines of a TD1 MRZ (ICAO 9303, Vietnamese layout): fields and every check digit. Metered (ekyc.request), idempotent per Idempotency-Key',
      headers: c.apiHeaders,
      body: c.mrzCheckBody,
      response: { 200: c.mrzCheckResult },
    },
    config: perKey,
    handler: async (req, reply) => {
      const r = await ekyc.checkMrz(await caller(req), idem(req), req.body.lines);
      return reply.header('idempotency-key', r.requestId).send(r.response);
    },
  });

  app.post('/api/v1/ekyc/checks/id-number', {
    schema: {
      tags: ['ekyc'],
      summary: 'Check a 12-digit personal ID number: province code, century/sex digit, against a birth date and sex. Metered, idempotent per Idempotency-Key',
      headers: c.apiHeaders,
      body: c.idNumberCheckBody,
      response: { 200: c.idNumberCheckResult },
    },
    config: perKey,
    handler: async (req, reply) => {
      const r = await ekyc.checkIdNumber(await caller(req), idem(req), req.body);
      return reply.header('idempotency-key', r.requestId).send(r.response);
    },
  });

  await app.register(async (plain) => {
    const scope = plain as unknown as Server; // the same typed server, in a scope that parses multipart
    await scope.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 3, fields: 0, parts: 3 } });
    scope.post('/api/v1/ekyc/verifications', {
      schema: {
        tags: ['ekyc'],
        summary: 'Verify a citizen ID card: multipart front, back (JPEG/PNG) and selfie → fields, checks, face-match and liveness scores, decision. Metered, idempotent per Idempotency-Key',
        consumes: ['multipart/form-data'],
        headers: c.apiHeaders,
        response: { 200: c.verificationResult },
      },
      config: perKey,
      handler: async (req, reply) => {
        const who = await caller(req);
        const r = await ekyc.verify(who, idem(req), await cardImages(req));
        return reply.header('idempotency-key', r.requestId).send(r.response);
      },
    });
    // The console's test page: a signed-in customer tries their own contract (metered like any call).
    scope.post('/api/v1/ekyc/contracts/:id/verifications', {
      schema: {
        tags: ['ekyc'],
        summary: "The console's test page: the signed-in customer verifies images on their own eKYC contract (metered like any call)",
        consumes: ['multipart/form-data'],
        params: z.object({ id }).strict(),
        headers: c.apiHeaders,
        response: { 200: c.verificationResult },
      },
      preValidation: guard('contract.read'),
      handler: async (req, reply) => {
        const who = await ekyc.authorizeCustomer(ctxOf(req), req.params.id);
        const r = await ekyc.verify(who, idem(req), await cardImages(req));
        return reply.header('idempotency-key', r.requestId).send(r.response);
      },
    });
  });

  app.get('/api/v1/ekyc/requests', {
    schema: { tags: ['ekyc'], summary: "A contract's eKYC request log (the customer's own; staff in scope)", querystring: c.requestQuery, response: { 200: c.requestLog } },
    preValidation: guard('contract.read'),
    handler: async (req) => ekyc.requests(ctxOf(req), req.query),
  });

  app.get('/api/v1/ekyc/requests/export', {
    schema: { tags: ['ekyc'], summary: 'The request log as CSV (UTF-8 with BOM)', querystring: c.exportQuery },
    preValidation: guard('contract.read'),
    handler: async (req, reply) => {
      const rows = await ekyc.exportRequests(ctxOf(req), req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="ekyc-${req.query.contractId}.csv"`)
        .send(toCsv(rows));
    },
  });

  app.get('/api/v1/ekyc/requests/:id/images/:imageId', {
    schema: { tags: ['ekyc'], summary: "One image of a verification, for the customer's own users; every read is audited", params: c.imageParams },
    preValidation: guard('contract.read'),
    handler: async (req, reply) => {
      const img = await ekyc.image(ctxOf(req), req.params.id, req.params.imageId);
      return reply.type(img.mime).header('cache-control', 'no-store').send(img.content);
    },
  });

  app.get('/api/v1/ekyc/dashboard', {
    schema: { tags: ['ekyc'], summary: "A month of a contract's eKYC: outcomes, reasons, volume against the price tiers, the projected bill", querystring: c.dashboardQuery, response: { 200: c.dashboard } },
    preValidation: guard('contract.read'),
    handler: async (req) => ekyc.dashboard(ctxOf(req), req.query.contractId, req.query.period),
  });
}
